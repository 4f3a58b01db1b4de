package io.github.erroranalysis.cifar.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fair piles: seeded, stratified splits of a data set into a training pile and a validation pile.
 */
public final class Piles {

    /** The seed of the standard train/validation split ({@link #standardSplit}), the one the bundled models used. */
    public static final long STANDARD_SEED = 2024;
    /** Validation images the standard split holds out per class: 500, so 5,000 of CIFAR-10's 50,000. */
    public static final int STANDARD_VALIDATION_PER_CLASS = 500;

    private Piles() {
    }

    /**
     * Splits a training set into the standard piles: {@value #STANDARD_VALIDATION_PER_CLASS} validation examples per
     * class chosen with seed {@value #STANDARD_SEED}, the rest to train on; for CIFAR-10's 50,000 training images the
     * 45,000/5,000 split the bundled models were trained and validated on. It is
     * {@code stratified(train, STANDARD_VALIDATION_PER_CLASS, STANDARD_SEED)}: the same examples on every run.
     *
     * @param train the training set to split
     * @return the training pile and the validation pile
     * @throws IllegalArgumentException if a class has {@value #STANDARD_VALIDATION_PER_CLASS} examples or fewer
     */
    public static Split standardSplit(CifarDataset train) {
        return stratified(train, STANDARD_VALIDATION_PER_CLASS, STANDARD_SEED);
    }

    /**
     * Reads the training batches of a CIFAR-10 binary release and splits them into the standard piles
     * ({@link #standardSplit(CifarDataset)}); the CLI's {@code --split train} and {@code --split validation} are these
     * piles.
     *
     * @param archive the release: a {@code .tar.gz} archive or its extracted folder
     * @return the 45,000/5,000 split of the official training set
     * @throws IOException if the release cannot be read; the message names the file
     */
    public static Split standardSplit(Path archive) throws IOException {
        return standardSplit(Cifar10.open(archive).train());
    }

    /**
     * A training pile and a validation pile split from the same data set; no example is in both.
     *
     * @param train      the examples to train on
     * @param validation the examples held out to tune and choose on
     */
    public record Split(CifarDataset train, CifarDataset validation) {
    }

    /**
     * Splits {@code data} so that the validation pile holds exactly {@code validationPerClass} examples of every
     * class, chosen at random for {@code seed}; the rest is the training pile.
     *
     * <p>The split is a pure function of the data and the seed: the same seed always gives the same piles. Both
     * piles keep the original example order (sorted by index into {@code data}), and every example its origin.
     *
     * @param data               the data set to split, for example the 50,000 training images
     * @param validationPerClass how many examples of each class to hold out (500 gives the usual 45,000/5,000)
     * @param seed               the random seed
     * @return the two piles
     * @throws IllegalArgumentException if a class has fewer than {@code validationPerClass + 1} examples
     */
    public static Split stratified(CifarDataset data, int validationPerClass, long seed) {
        boolean[] held = pickPerClass(data, validationPerClass, seed, 1);
        return new Split(data.subset(indexes(held, false)), data.subset(indexes(held, true)));
    }

    /**
     * Returns a stratified random sample of exactly {@code perClass} examples of every class, in original order.
     *
     * <p>It is the validation pile that {@link #stratified(CifarDataset, int, long)} would hold out for the same
     * seed, except that a class may be sampled whole.
     *
     * @param data     the data set to sample from
     * @param perClass how many examples of each class to take
     * @param seed     the random seed
     * @return the sample
     * @throws IllegalArgumentException if a class has fewer than {@code perClass} examples
     */
    public static CifarDataset sample(CifarDataset data, int perClass, long seed) {
        return data.subset(indexes(pickPerClass(data, perClass, seed, 0), true));
    }

    /**
     * Marks {@code perClass} examples of every class, chosen uniformly at random for {@code seed}, leaving at least
     * {@code keep} unmarked examples in every class.
     */
    private static boolean[] pickPerClass(CifarDataset data, int perClass, long seed, int keep) {
        if (perClass < 0) {
            throw new IllegalArgumentException("examples per class must be >= 0, got " + perClass);
        }
        List<int[]> byClass = data.indexesByClass();
        boolean[] picked = new boolean[data.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < byClass.size(); c++) {
            int[] members = byClass.get(c).clone();
            if (members.length < perClass + keep) {
                throw new IllegalArgumentException("class " + c + " (" + data.classNames().get(c) + ") has "
                        + members.length + " examples, cannot take " + perClass + " of them"
                        + (keep > 0 ? " and keep " + keep + " for training" : ""));
            }
            // partial Fisher-Yates: the first perClass entries become a uniform random sample of the class
            for (int k = 0; k < perClass; k++) {
                int j = k + random.nextInt(members.length - k);
                int tmp = members[k];
                members[k] = members[j];
                members[j] = tmp;
                picked[members[k]] = true;
            }
        }
        return picked;
    }

    private static int[] indexes(boolean[] marks, boolean wanted) {
        int count = 0;
        for (boolean mark : marks) {
            count += mark == wanted ? 1 : 0;
        }
        int[] result = new int[count];
        int n = 0;
        for (int i = 0; i < marks.length; i++) {
            if (marks[i] == wanted) {
                result[n++] = i;
            }
        }
        return result;
    }
}
