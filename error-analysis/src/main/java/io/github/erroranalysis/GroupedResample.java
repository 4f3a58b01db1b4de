package io.github.erroranalysis;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One resample of the grouped Poisson bootstrap as a metric context: each group of a {@link Grouping} was drawn a
 * count, and the tallies of its families are summed from those counts. Anything else (an example, a family the
 * grouping does not have) is refused with {@link Unanswerable}, so that the bootstrap
 * falls back to drawing examples for that metric.
 */
final class GroupedResample extends Tallies {

    /** Thrown when a metric reads what the grouping cannot answer; it carries no stack trace. */
    static final class Unanswerable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unanswerable(String what) {
            super("a grouped resample cannot answer " + what, null, false, false);
        }
    }

    /** A generator whose normal draws are 0: a resample then carries each group's terms by their mean alone. */
    static final RandomGenerator NO_REMAINDER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextGaussian() {
            return 0;
        }
    };

    private final AnalysisContext base;
    private final Grouping grouping;
    private final long[] counts;
    private final int classes;
    private final long total;
    private long[] cellCounts;
    private long[] diagonal;
    private long[] rows;
    private long[] columns;
    private long[] binCount;
    private long[] binCorrect;
    private double[] binConfidence;
    private long[] rankCounts;
    private long correct = -1;
    private double brierSum;
    private double logLossSum;

    /**
     * Makes the context of one resample, drawing the normal remainder of each bin's confidence sum from the
     * resample's generator when the grouping has bins.
     *
     * @param base the analysis
     * @param grouping its groups
     * @param counts each group's drawn count (read during the call only)
     * @param random the resample's generator, after the counts were drawn
     */
    GroupedResample(AnalysisContext base, Grouping grouping, long[] counts, RandomGenerator random) {
        this.base = base;
        this.grouping = grouping;
        this.counts = counts;
        this.classes = base.classCount();
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        this.total = s;
        if (grouping.families().contains(Grouping.Family.BIN)) {
            bins(random);
        }
        // each sum: the groups' means times their counts, and the remainder as a normal term of its exact variance
        if (grouping.families().contains(Grouping.Family.BRIER)) {
            double sum = 0;
            double variance = 0;
            for (int g = 0; g < counts.length; g++) {
                sum += counts[g] * grouping.meanBrier(g);
                variance += counts[g] * grouping.brierVariance(g);
            }
            brierSum = sum + Math.sqrt(variance) * random.nextGaussian();
        }
        if (grouping.families().contains(Grouping.Family.LOG_LOSS)) {
            double sum = 0;
            double variance = 0;
            for (int g = 0; g < counts.length; g++) {
                sum += counts[g] * grouping.meanLogLoss(g);
                variance += counts[g] * grouping.logLossVariance(g);
            }
            logLossSum = sum + Math.sqrt(variance) * random.nextGaussian();
        }
    }

    private void bins(RandomGenerator random) {
        int bins = Engine.CALIBRATION_BINS;
        long[] count = new long[bins];
        long[] right = new long[bins];
        double[] confidence = new double[bins];
        double[] variance = new double[bins];
        for (int g = 0; g < counts.length; g++) {
            long k = counts[g];
            int b = grouping.bin(g);
            if (k == 0) {
                continue;
            }
            count[b] += k;
            if (grouping.correct(g)) {
                right[b] += k;
            }
            confidence[b] += k * grouping.meanConfidence(g);
            variance[b] += k * grouping.confidenceVariance(g);
        }
        for (int b = 0; b < bins; b++) {
            // the confidences' remainder beyond their groups' means, given the counts: a normal term of that variance
            confidence[b] += Math.sqrt(variance[b]) * random.nextGaussian();
        }
        binCount = count;
        binCorrect = right;
        binConfidence = confidence;
    }

    private void require(Grouping.Family family, String what) {
        if (!grouping.families().contains(family)) {
            throw new Unanswerable(what);
        }
    }

    @Override
    public int examples() {
        return Math.toIntExact(total);
    }

    @Override
    public int classCount() {
        return classes;
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public int trueClass(int example) {
        throw new Unanswerable("an example's true class");
    }

    @Override
    public int predictedClass(int example) {
        throw new Unanswerable("an example's predicted class");
    }

    @Override
    public float probability(int example, int classIndex) {
        throw new Unanswerable("an example's probability");
    }

    @Override
    public long count(int trueClass, int predictedClass) {
        Objects.checkIndex(trueClass, classes);
        Objects.checkIndex(predictedClass, classes);
        cells();
        if (trueClass == predictedClass) {
            return diagonal[trueClass];
        }
        int at = Arrays.binarySearch(grouping.cells(), trueClass * classes + predictedClass);
        return at < 0 ? 0 : cellCounts[at];
    }

    @Override
    public long support(int trueClass) {
        Objects.checkIndex(trueClass, classes);
        cells();
        return rows[trueClass];
    }

    @Override
    public long predictedCount(int predictedClass) {
        Objects.checkIndex(predictedClass, classes);
        cells();
        return columns[predictedClass];
    }

    @Override
    long correct() {
        if (correct < 0) {
            long s = 0;
            for (int g = 0; g < counts.length; g++) {
                if (grouping.correct(g)) {
                    s += counts[g];
                }
            }
            correct = s;
        }
        return correct;
    }

    @Override
    long rankCount(int rank) {
        require(Grouping.Family.RANK, "a rank count");
        if (rankCounts == null) {
            long[] r = new long[classes];
            for (int g = 0; g < counts.length; g++) {
                r[grouping.rank(g)] += counts[g];
            }
            rankCounts = r;
        }
        return rankCounts[rank];
    }

    @Override
    long binCount(int bin) {
        require(Grouping.Family.BIN, "a reliability bin");
        return binCount[bin];
    }

    @Override
    long binCorrect(int bin) {
        require(Grouping.Family.BIN, "a reliability bin");
        return binCorrect[bin];
    }

    @Override
    double binConfidence(int bin) {
        require(Grouping.Family.BIN, "a reliability bin");
        return binConfidence[bin];
    }

    @Override
    double brierSum() {
        require(Grouping.Family.BRIER, "the Brier score's sum");
        return brierSum;
    }

    @Override
    double logLossSum() {
        require(Grouping.Family.LOG_LOSS, "the log loss's sum");
        return logLossSum;
    }

    /** Sums the counts of every non-empty cell, and the diagonal, row and column sums. */
    private void cells() {
        require(Grouping.Family.CELL, "a confusion count");
        if (cellCounts != null) {
            return;
        }
        int[] cells = grouping.cells();
        long[] byCell = new long[cells.length];
        for (int g = 0; g < counts.length; g++) {
            byCell[grouping.cellIndex(g)] += counts[g];
        }
        long[] diag = new long[classes];
        long[] rowSums = new long[classes];
        long[] columnSums = new long[classes];
        for (int k = 0; k < cells.length; k++) {
            int t = cells[k] / classes;
            int p = cells[k] % classes;
            rowSums[t] += byCell[k];
            columnSums[p] += byCell[k];
            if (t == p) {
                diag[t] += byCell[k];
            }
        }
        diagonal = diag;
        rows = rowSums;
        columns = columnSums;
        cellCounts = byCell;
    }
}
