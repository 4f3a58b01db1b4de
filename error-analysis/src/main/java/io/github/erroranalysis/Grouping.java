package io.github.erroranalysis;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The examples of an analysis in groups that a metric reading only some tallies cannot tell apart: the same
 * confusion cell, the same reliability bin and correctness (and confidence level within the bin), the same rank of
 * the true class, the same level of the Brier or log-loss term, as far as the metric reads each. The grouped Poisson
 * bootstrap draws one count per group instead of one weight per example ({@link GroupedResample}).
 *
 * <p>Real-valued terms (confidences within a reliability bin, in {@value #LEVELS} equal levels; Brier and log-loss
 * terms, in {@value #TERM_LEVELS} equal levels between their smallest and largest value) are carried by each group's
 * mean, and what is left (each term minus its group's mean) by one normal term per bin or per sum whose variance is
 * that of the remainder given the drawn counts, {@code Σ_g count_g · s_g²} with {@code s_g²} the variance of the
 * group's terms (a group drawn k times holds k terms drawn from it with replacement).
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
        RANK,
        /** The sum of the Brier terms: {@code brierSum}. */
        BRIER,
        /** The sum of the log-loss terms: {@code logLossSum}. */
        LOG_LOSS
    }

    /** The number of confidence levels within one reliability bin. */
    static final int LEVELS = 16;

    /** The number of levels of a Brier or log-loss term between its smallest and largest value. */
    static final int TERM_LEVELS = 4096;

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
    /** Per group: the variance of its confidences, Brier terms and log-loss terms around their group's mean. */
    private final double[] confidenceVariance;
    private final double[] meanBrier;
    private final double[] brierVariance;
    private final double[] meanLogLoss;
    private final double[] logLossVariance;

    private Grouping(Builder b) {
        this.families = b.families;
        this.classes = b.classes;
        this.sizes = b.sizes;
        this.correct = b.correct;
        this.cellIndex = b.cellIndex;
        this.cells = b.cells;
        this.bin = b.bin;
        this.meanConfidence = b.meanConfidence;
        this.rank = b.rank;
        this.confidenceVariance = b.confidenceVariance;
        this.meanBrier = b.meanBrier;
        this.brierVariance = b.brierVariance;
        this.meanLogLoss = b.meanLogLoss;
        this.logLossVariance = b.logLossVariance;
    }

    /** What a grouping is made of. */
    private static final class Builder {
        private Set<Family> families;
        private int classes;
        private long[] sizes;
        private boolean[] correct;
        private int[] cellIndex;
        private int[] cells;
        private int[] bin;
        private double[] meanConfidence;
        private int[] rank;
        private double[] confidenceVariance;
        private double[] meanBrier;
        private double[] brierVariance;
        private double[] meanLogLoss;
        private double[] logLossVariance;

        /** Allocates the per-group arrays that every grouping fills, for {@code groups} groups of these sizes. */
        Builder(Set<Family> families, int classes, long[] sizes) {
            int groups = sizes.length;
            this.families = families;
            this.classes = classes;
            this.sizes = sizes;
            this.correct = new boolean[groups];
            this.bin = new int[groups];
            this.rank = new int[groups];
            this.meanConfidence = new double[groups];
            this.meanBrier = new double[groups];
            this.meanLogLoss = new double[groups];
            this.confidenceVariance = new double[groups];
            this.brierVariance = new double[groups];
            this.logLossVariance = new double[groups];
        }
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
        boolean byBrier = f.contains(Family.BRIER);
        boolean byLogLoss = f.contains(Family.LOG_LOSS);
        int bins = Engine.CALIBRATION_BINS;
        try {
            long space = 1;
            if (byCell) {
                space = Math.multiplyExact(space, Math.multiplyExact((long) classes, classes));
            }
            space = Math.multiplyExact(space, byBin ? 2L * bins * LEVELS : 2L);
            if (byRank) {
                space = Math.multiplyExact(space, classes);
            }
            for (boolean term : new boolean[] {byBrier, byLogLoss}) {
                if (term) {
                    space = Math.multiplyExact(space, TERM_LEVELS);
                }
            }
        } catch (ArithmeticException e) {
            return null;
        }
        if (f.equals(Set.of(Family.CELL))) {
            return ofCells(context, f);
        }
        int n = context.examples();
        int[] labels = context.labels();
        int[] predicted = context.predicted();
        float[] probs = context.probs();
        double[] brier = byBrier ? context.terms().brier() : null;
        double[] logLoss = byLogLoss ? context.terms().logLoss() : null;
        Levels brierLevels = byBrier ? Levels.of(brier) : null;
        Levels logLossLevels = byLogLoss ? Levels.of(logLoss) : null;
        KeyIndex index = new KeyIndex(6);
        for (int i = 0; i < n; i++) {
            int t = labels[i];
            int p = predicted[i];
            long key = byCell ? (long) t * classes + p : 0;
            int right = t == p ? 1 : 0;
            float c = probs[i * classes + p];
            if (byBin) {
                int b = Engine.bin(c);
                key = key * (2L * bins * LEVELS) + ((long) (2 * b + right) * LEVELS + level(c, b));
            } else {
                key = key * 2 + right;
            }
            if (byRank) {
                key = key * classes + Engine.rank(probs, i * classes, t, classes);
            }
            if (byBrier) {
                key = key * TERM_LEVELS + brierLevels.level(brier[i]);
            }
            if (byLogLoss) {
                key = key * TERM_LEVELS + logLossLevels.level(logLoss[i]);
            }
            int g = index.add(key, i);
            if (byBin) {
                index.sums[0][g] += c;
                index.sums[1][g] += (double) c * c;
            }
            if (byBrier) {
                index.sums[2][g] += brier[i];
                index.sums[3][g] += brier[i] * brier[i];
            }
            if (byLogLoss) {
                index.sums[4][g] += logLoss[i];
                index.sums[5][g] += logLoss[i] * logLoss[i];
            }
        }
        int groups = index.size;
        Builder b = new Builder(f, classes, Arrays.copyOf(index.count, groups));
        int[] cellOf = new int[groups];
        for (int g = 0; g < groups; g++) {
            int i = index.first[g];
            int t = labels[i];
            int p = predicted[i];
            b.correct[g] = t == p;
            cellOf[g] = t * classes + p;
            b.rank[g] = byRank ? Engine.rank(probs, i * classes, t, classes) : -1;
            b.bin[g] = byBin ? Engine.bin(probs[i * classes + p]) : -1;
            long size = b.sizes[g];
            if (byBin) {
                b.meanConfidence[g] = index.sums[0][g] / size;
                b.confidenceVariance[g] = variance(index.sums[1][g], b.meanConfidence[g], size);
            }
            if (byBrier) {
                b.meanBrier[g] = index.sums[2][g] / size;
                b.brierVariance[g] = variance(index.sums[3][g], b.meanBrier[g], size);
            }
            if (byLogLoss) {
                b.meanLogLoss[g] = index.sums[4][g] / size;
                b.logLossVariance[g] = variance(index.sums[5][g], b.meanLogLoss[g], size);
            }
        }
        if (byCell) {
            b.cells = Arrays.stream(cellOf).distinct().sorted().toArray();
            b.cellIndex = new int[groups];
            for (int g = 0; g < groups; g++) {
                b.cellIndex[g] = Arrays.binarySearch(b.cells, cellOf[g]);
            }
        }
        return new Grouping(b);
    }

    /** The groups of the confusion cells alone, straight from the one pass's confusion matrix (no pass over examples). */
    private static Grouping ofCells(AnalysisContext context, Set<Family> f) {
        int classes = context.classCount();
        long[] confusion = context.confusion();
        int groups = 0;
        for (long n : confusion) {
            if (n > 0) {
                groups++;
            }
        }
        Builder b = new Builder(f, classes, new long[groups]);
        b.cells = new int[groups];
        b.cellIndex = new int[groups];
        int g = 0;
        for (int cell = 0; cell < confusion.length; cell++) {
            if (confusion[cell] > 0) {
                b.sizes[g] = confusion[cell];
                b.correct[g] = cell / classes == cell % classes;
                b.cells[g] = cell;
                b.cellIndex[g] = g;
                b.bin[g] = -1;
                b.rank[g] = -1;
                g++;
            }
        }
        return new Grouping(b);
    }

    /** The variance of a group's terms around their mean, from their sum of squares (never below 0). */
    private static double variance(double squares, double mean, long size) {
        return Math.max(0, squares / size - mean * mean);
    }

    /** Equal levels between the smallest and largest of some values. */
    private record Levels(double min, double width) {
        static Levels of(double[] values) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return new Levels(lo, (hi - lo) / TERM_LEVELS);
        }

        int level(double v) {
            return width > 0 ? (int) Math.max(0, Math.min(TERM_LEVELS - 1, Math.floor((v - min) / width))) : 0;
        }
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

    double confidenceVariance(int group) {
        return confidenceVariance[group];
    }

    double meanBrier(int group) {
        return meanBrier[group];
    }

    double brierVariance(int group) {
        return brierVariance[group];
    }

    double meanLogLoss(int group) {
        return meanLogLoss[group];
    }

    double logLossVariance(int group) {
        return logLossVariance[group];
    }

    /** An open-addressing map from group keys to group numbers, with each group's size, first example and sums. */
    private static final class KeyIndex {
        private long[] keys = new long[1024];
        private int[] slots = filled(1024);
        private long[] count = new long[256];
        private int[] first = new int[256];
        private final double[][] sums;
        private int size;

        KeyIndex(int sumCount) {
            sums = new double[sumCount][256];
        }

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
                for (int k = 0; k < sums.length; k++) {
                    sums[k] = Arrays.copyOf(sums[k], 2 * g);
                }
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
