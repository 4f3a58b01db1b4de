package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A confusion matrix: rows are true classes, columns are predicted classes; cell (t, p) counts the examples
 * of true class t predicted as p. Immutable.
 */
public final class ConfusionMatrix {

    private final List<String> classNames;
    private final int classes;
    private final long[] counts;

    ConfusionMatrix(List<String> classNames, long[] counts) {
        this.classNames = List.copyOf(classNames);
        this.classes = classNames.size();
        this.counts = counts;
    }

    /**
     * Gives the class names, for rows (true) and columns (predicted) alike.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Gives the number of classes.
     *
     * @return C, the number of rows and of columns
     */
    public int classCount() {
        return classes;
    }

    /**
     * Counts the examples of a true class predicted as a class (row true, column predicted).
     *
     * @param trueClass the row: the true class index
     * @param predictedClass the column: the predicted class index
     * @return the count
     */
    public long count(int trueClass, int predictedClass) {
        Objects.checkIndex(trueClass, classes);
        Objects.checkIndex(predictedClass, classes);
        return counts[trueClass * classes + predictedClass];
    }

    /**
     * Copies the counts (rows true, columns predicted).
     *
     * @return a fresh C×C array
     */
    public long[][] counts() {
        long[][] out = new long[classes][];
        for (int t = 0; t < classes; t++) {
            out[t] = Arrays.copyOfRange(counts, t * classes, (t + 1) * classes);
        }
        return out;
    }

    /**
     * Gives the support of a true class: its row sum.
     *
     * @param trueClass the true class index
     * @return the number of examples of that class
     */
    public long support(int trueClass) {
        Objects.checkIndex(trueClass, classes);
        long s = 0;
        for (int p = 0; p < classes; p++) {
            s += counts[trueClass * classes + p];
        }
        return s;
    }

    /**
     * Normalizes each row (true class) to sum 1: cell (t, p) is the share of class t predicted as p; the row of
     * a class without examples is all NaN.
     *
     * @return a fresh C×C array, rows true, columns predicted
     */
    public double[][] rowNormalized() {
        double[][] out = new double[classes][classes];
        for (int t = 0; t < classes; t++) {
            long support = support(t);
            for (int p = 0; p < classes; p++) {
                out[t][p] = Formats.ratio(counts[t * classes + p], support);
            }
        }
        return out;
    }

    /**
     * Finds the k most confused pairs: the largest off-diagonal cells (true class predicted as another), ties by
     * true then predicted class index; cells with count 0 are left out.
     *
     * @param k how many pairs at most, at least 0
     * @return at most k pairs, most frequent first
     */
    public List<ConfusedPair> mostConfused(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, but is " + k);
        }
        List<int[]> cells = new ArrayList<>();
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                if (t != p && counts[t * classes + p] > 0) {
                    cells.add(new int[] {t, p});
                }
            }
        }
        cells.sort((a, b) -> {
            int byCount = Long.compare(counts[b[0] * classes + b[1]], counts[a[0] * classes + a[1]]);
            return byCount != 0 ? byCount : Integer.compare(a[0] * classes + a[1], b[0] * classes + b[1]);
        });
        List<ConfusedPair> out = new ArrayList<>();
        for (int[] cell : cells.subList(0, Math.min(k, cells.size()))) {
            long count = counts[cell[0] * classes + cell[1]];
            out.add(new ConfusedPair(cell[0], classNames.get(cell[0]), cell[1], classNames.get(cell[1]), count,
                    Formats.ratio(count, support(cell[0]))));
        }
        return List.copyOf(out);
    }

    /**
     * Finds the class one true class is most often predicted as: the largest off-diagonal cell of its row (the
     * lowest predicted index on ties).
     *
     * @param trueClass the true class (the row)
     * @return the pair, or empty when the class was never predicted as another
     */
    public Optional<ConfusedPair> mostConfusedWith(int trueClass) {
        Objects.checkIndex(trueClass, classes);
        int best = -1;
        for (int p = 0; p < classes; p++) {
            long n = counts[trueClass * classes + p];
            if (p != trueClass && n > 0 && (best < 0 || n > counts[trueClass * classes + best])) {
                best = p;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        long count = counts[trueClass * classes + best];
        return Optional.of(new ConfusedPair(trueClass, classNames.get(trueClass), best, classNames.get(best), count,
                Formats.ratio(count, support(trueClass))));
    }

    /**
     * Compares class names and counts.
     *
     * @param o another object
     * @return whether it is the same matrix
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && classNames.equals(m.classNames) && Arrays.equals(counts, m.counts);
    }

    /**
     * Hashes class names and counts.
     *
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + Arrays.hashCode(counts);
    }

    /**
     * Prints the matrix as a table, rows true classes, columns predicted classes.
     *
     * @return a multi-line table for people
     */
    @Override
    public String toString() {
        int width = 6;
        for (String name : classNames) {
            width = Math.max(width, name.length() + 1);
        }
        for (long c : counts) {
            width = Math.max(width, Long.toString(c).length() + 1);
        }
        String cell = "%" + width + "s";
        StringBuilder s = new StringBuilder("rows: true class, columns: predicted class\n");
        s.append(Formats.format(cell, ""));
        for (String name : classNames) {
            s.append(Formats.format(cell, name));
        }
        for (int t = 0; t < classes; t++) {
            s.append('\n').append(Formats.format(cell, classNames.get(t)));
            for (int p = 0; p < classes; p++) {
                s.append(Formats.format(cell, counts[t * classes + p]));
            }
        }
        return s.toString();
    }
}
