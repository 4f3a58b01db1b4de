package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One class and the probability a model gave it for one example.
 *
 * @param classIndex the class index, from 0
 * @param className the class name
 * @param probability the predicted probability of the class
 */
public record ClassProbability(int classIndex, String className, double probability) {

    /**
     * Picks the k most probable classes of one row of probabilities, most probable first, the lowest class index
     * first on ties (the rule of the predicted class).
     *
     * @param probabilities the probabilities, one row of {@code classCount} values starting at {@code offset}
     * @param offset the index of the row's first value
     * @param classCount the number of classes C, at least 1
     * @param k how many classes to pick, from 1 (at most C are given)
     * @param classNames the C class names
     * @return the min(k, C) most probable classes with their probabilities
     * @throws IllegalArgumentException if k or C is below 1, the row lies outside the array or the names are not C
     */
    public static List<ClassProbability> top(float[] probabilities, int offset, int classCount, int k,
            List<String> classNames) {
        Objects.requireNonNull(probabilities, "probabilities");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, but is " + k);
        }
        if (classCount < 1 || offset < 0 || (long) offset + classCount > probabilities.length) {
            throw new IllegalArgumentException(Formats.format(
                    "a row of %d classes at offset %d does not fit in %d probabilities", classCount, offset,
                    probabilities.length));
        }
        if (classNames.size() != classCount) {
            throw new IllegalArgumentException("there are " + classNames.size() + " class names but " + classCount
                    + " classes");
        }
        int[] top = topIndexes(probabilities, offset, classCount, k);
        List<ClassProbability> list = new ArrayList<>(top.length);
        for (int c : top) {
            list.add(new ClassProbability(c, classNames.get(c), probabilities[offset + c]));
        }
        return List.copyOf(list);
    }

    /** The indexes of the min(k, C) most probable classes, the lowest index first on ties (arguments checked). */
    static int[] topIndexes(float[] probabilities, int offset, int classCount, int k) {
        int size = Math.min(k, classCount);
        int[] top = new int[size];
        Arrays.fill(top, -1);
        for (int c = 0; c < classCount; c++) {
            float p = probabilities[offset + c];
            for (int slot = 0; slot < size; slot++) {
                if (top[slot] < 0 || p > probabilities[offset + top[slot]]) {
                    System.arraycopy(top, slot, top, slot + 1, size - slot - 1);
                    top[slot] = c;
                    break;
                }
            }
        }
        return top;
    }

    /**
     * Reads as {@code "cat 0.8123"}.
     *
     * @return the class name and its probability
     */
    @Override
    public String toString() {
        return className + " " + Formats.ratio(probability);
    }
}
