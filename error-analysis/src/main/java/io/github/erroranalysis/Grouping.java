package io.github.erroranalysis;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The examples of an analysis in groups that a metric reading only some tallies cannot tell apart: the same
 * confusion cell, the same reliability bin and correctness (and confidence level within the bin), the same rank of
 * the true class, as far as the metric reads each. The grouped Poisson bootstrap draws one count per group instead
 * of one weight per example ({@link GroupedResample}).
 *
 * <p>Within a reliability bin, confidences are grouped in {@value #LEVELS} equal levels; a group's confidences are
 * carried by their mean, and what is left (each confidence minus its group's mean) by one normal term per bin whose
 * variance is the exact variance of that remainder under the Poisson bootstrap, {@code Σ (c_i - mean)²}.
 */
final class Grouping {

    /** The families of tallies a metric reads. */
    enum Family {
        /** {@code correct()}. */
        CORRECT,
        /** The confusion counts: {@code count}, {@code support}, {@code predictedCount}. */
        CELL,
        /** The reliability bins: {@code binCount}, {@code binCorrect}, {@code binConfidence}. */
        BIN,
        /** The ranks of the true class: {@code rankCount}. */
        RANK
    }

    /** The number of confidence levels within one reliability bin. */
    static final int LEVELS = 64;

    private final Set<Family> families;
    private final int classes;
    private final long[] sizes;
    private final boolean[] correct;
    /** Per group: its index among the distinct non-empty cells, or -1 without {@link Family#CELL}. */
    private final int[] cellIndex;
    /** The distinct non-empty cells {@code t·C + p}, increasing. */
    private final int[] cells;
    private final int[] bin;
    private final double[] meanConfidence;
    private final int[] rank;
    /** Per reliability bin: the standard deviation of the remainder of the confidences beyond their groups' means. */
    private final double[] binRemainderSd;

    private Grouping(Set<Family> families, int classes, long[] sizes, boolean[] correct, int[] cellIndex, int[] cells,
            int[] bin, double[] meanConfidence, int[] rank, double[] binRemainderSd) {
        this.families = families;
        this.classes = classes;
        this.sizes = sizes;
        this.correct = correct;
        this.cellIndex = cellIndex;
        this.cells = cells;
        this.bin = bin;
        this.meanConfidence = meanConfidence;
        this.rank = rank;
        this.binRemainderSd = binRemainderSd;
    }

    /**
     * Groups the examples of an analysis by what the families read.
     *
     * @param context the analysis
     * @param families the families a metric reads
     * @return the groups, or null when the keys would not fit in a long (so many classes that grouping cannot pay)
     */
    static Grouping of(AnalysisContext context, Set<Family> families) {
        Set<Family> f = normalize(families);
        int classes = context.classCount();
        boolean byCell = f.contains(Family.CELL);
        boolean byBin = f.contains(Family.BIN);
        boolean byRank = f.contains(Family.RANK);
        long space = 1;
        try {
            if (byCell) {
                space = Math.multiplyExact(space, Math.multiplyExact((long) classes, classes));
            }
            space = Math.multiplyExact(space, byBin ? 2L * Engine.CALIBRATION_BINS * LEVELS : 2L);
            if (byRank) {
                space = Math.multiplyExact(space, classes);
            }
        } catch (ArithmeticException e) {
            return null;
        }
        int n = context.examples();
        int[] labels = context.labels();
        int[] predicted = context.predicted();
        int[] ranks = byRank ? context.terms().rank() : null;
        float[] probs = context.probs();
        KeyIndex index = new KeyIndex();
        int bins = Engine.CALIBRATION_BINS;
        double[] squares = new double[bins];
        for (int i = 0; i < n; i++) {
            int t = labels[i];
            int p = predicted[i];
            long key = byCell ? (long) t * classes + p : 0;
            int right = t == p ? 1 : 0;
            if (byBin) {
                float c = probs[i * classes + p];
                int b = Engine.bin(c);
                key = key * (2L * bins * LEVELS) + ((long) (2 * b + right) * LEVELS + level(c, b));
                squares[b] += (double) c * c;
            } else {
                key = key * 2 + right;
            }
            if (byRank) {
                key = key * classes + ranks[i];
            }
            int g = index.add(key, i);
            if (byBin) {
                index.sum[g] += probs[i * classes + p];
            }
        }
        int groups = index.size;
        long[] sizes = Arrays.copyOf(index.count, groups);
        boolean[] correct = new boolean[groups];
        int[] bin = new int[groups];
        int[] rank = new int[groups];
        int[] cellOf = new int[groups];
        double[] mean = new double[groups];
        double[] remainder = squares;
        for (int g = 0; g < groups; g++) {
            int i = index.first[g];
            int t = labels[i];
            int p = predicted[i];
            correct[g] = t == p;
            cellOf[g] = t * classes + p;
            rank[g] = byRank ? ranks[i] : -1;
            if (byBin) {
                bin[g] = Engine.bin(probs[i * classes + p]);
                mean[g] = index.sum[g] / sizes[g];
                remainder[bin[g]] -= sizes[g] * mean[g] * mean[g];
            } else {
                bin[g] = -1;
            }
        }
        double[] sd = new double[bins];
        for (int b = 0; b < bins; b++) {
            sd[b] = byBin ? Math.sqrt(Math.max(0, remainder[b])) : 0;
        }
        int[] cells = null;
        int[] cellIndex = null;
        if (byCell) {
            cells = Arrays.stream(cellOf).distinct().sorted().toArray();
            cellIndex = new int[groups];
            for (int g = 0; g < groups; g++) {
                cellIndex[g] = Arrays.binarySearch(cells, cellOf[g]);
            }
        }
        return new Grouping(f, classes, sizes, correct, cellIndex, cells, bin, mean, rank, sd);
    }

    /**
     * Gives the families a grouping needs for what a metric reads: correctness is carried by the bins when they are
     * read, and by the confusion cells otherwise, so that a metric reading {@code correct()} and one summing the
     * diagonal cells (a user's accuracy) are drawn from the same resamples.
     *
     * @param families the families read
     * @return the families of the grouping
     */
    static Set<Family> normalize(Set<Family> families) {
        EnumSet<Family> f = families.isEmpty() ? EnumSet.of(Family.CORRECT) : EnumSet.copyOf(families);
        if (f.remove(Family.CORRECT) && !f.contains(Family.BIN)) {
            f.add(Family.CELL);
        }
        return Set.copyOf(f);
    }

    /** The level of a confidence within its reliability bin, 0 to {@value #LEVELS} - 1. */
    private static int level(float confidence, int bin) {
        double within = (double) confidence * Engine.CALIBRATION_BINS - bin;
        return (int) Math.max(0, Math.min(LEVELS - 1, Math.floor(within * LEVELS)));
    }

    /** The families this grouping can answer. */
    Set<Family> families() {
        return families;
    }

    /** The number of groups. */
    int groups() {
        return sizes.length;
    }

    /** Each group's number of examples (not a copy: read only). */
    long[] sizes() {
        return sizes;
    }

    /** The number of classes. */
    int classes() {
        return classes;
    }

    boolean correct(int group) {
        return correct[group];
    }

    int cellIndex(int group) {
        return cellIndex[group];
    }

    /** The distinct non-empty cells {@code t·C + p}, increasing (not a copy: read only). */
    int[] cells() {
        return cells;
    }

    int bin(int group) {
        return bin[group];
    }

    double meanConfidence(int group) {
        return meanConfidence[group];
    }

    int rank(int group) {
        return rank[group];
    }

    double binRemainderSd(int bin) {
        return binRemainderSd[bin];
    }

    /** An open-addressing map from group keys to group numbers, with each group's size, first example and sum. */
    private static final class KeyIndex {
        private long[] keys = new long[1024];
        private int[] slots = filled(1024);
        private long[] count = new long[256];
        private int[] first = new int[256];
        private double[] sum = new double[256];
        private int size;

        private static int[] filled(int n) {
            int[] a = new int[n];
            Arrays.fill(a, -1);
            return a;
        }

        /** Counts one example under a key; gives its group number. */
        int add(long key, int example) {
            int mask = slots.length - 1;
            int h = (int) (mix(key) & mask);
            while (slots[h] >= 0) {
                if (keys[h] == key) {
                    int g = slots[h];
                    count[g]++;
                    return g;
                }
                h = (h + 1) & mask;
            }
            int g = size++;
            if (g == count.length) {
                count = Arrays.copyOf(count, 2 * g);
                first = Arrays.copyOf(first, 2 * g);
                sum = Arrays.copyOf(sum, 2 * g);
            }
            keys[h] = key;
            slots[h] = g;
            count[g] = 1;
            first[g] = example;
            if (2 * size > slots.length) {
                grow();
            }
            return g;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldSlots = slots;
            keys = new long[oldKeys.length * 2];
            slots = filled(oldSlots.length * 2);
            int mask = slots.length - 1;
            for (int s = 0; s < oldSlots.length; s++) {
                if (oldSlots[s] >= 0) {
                    int h = (int) (mix(oldKeys[s]) & mask);
                    while (slots[h] >= 0) {
                        h = (h + 1) & mask;
                    }
                    keys[h] = oldKeys[s];
                    slots[h] = oldSlots[s];
                }
            }
        }

        private static long mix(long key) {
            long z = key * 0x9E3779B97F4A7C15L;
            return z ^ (z >>> 29);
        }
    }
}
