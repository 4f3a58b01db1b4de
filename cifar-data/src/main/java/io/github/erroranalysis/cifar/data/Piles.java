package io.github.erroranalysis.cifar.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Fair piles: seeded, stratified splits of a data set into a training pile and a validation pile.
 */
public final class Piles {

    private Piles() {
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
