package io.github.erroranalysis;

import java.util.List;
import java.util.Objects;

/**
 * One bootstrap resample of an analysis as a metric context: example k is the analysis's example
 * {@code draws[k]}, and the counts (confusion, bins, ranks, sums) are recounted from the draws on first use.
 */
final class ResampledContext extends Tallies {

    private final AnalysisContext base;
    private final int[] draws;
    private final int classes;
    private int[] multiplicity;
    private long[] cells;
    private long[] diagonal;
    private long[] rows;
    private long[] columns;
    private long[] binCount;
    private long[] binCorrect;
    private double[] binConfidence;
    private long[] rankCounts;
    private double brierSum;
    private double logLossSum;

    /**
     * Makes the context of one resample; it reads the draws while it is used and does not copy them.
     *
     * @param base the analysed examples
     * @param draws the drawn example indexes, one per resampled example
     */
    ResampledContext(AnalysisContext base, int[] draws) {
        this.base = base;
        this.draws = draws;
        this.classes = base.classCount();
    }

    @Override
    public int examples() {
        return draws.length;
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
        return base.labels()[draws[Objects.checkIndex(example, draws.length)]];
    }

    @Override
    public int predictedClass(int example) {
        return base.predicted()[draws[Objects.checkIndex(example, draws.length)]];
    }

    @Override
    public float probability(int example, int classIndex) {
        return base.probability(draws[Objects.checkIndex(example, draws.length)], classIndex);
    }

    @Override
    public long count(int trueClass, int predictedClass) {
        Objects.checkIndex(trueClass, classes);
        Objects.checkIndex(predictedClass, classes);
        tally();
        if (trueClass == predictedClass) {
            return diagonal[trueClass];
        }
        cells();
        return cells[trueClass * classes + predictedClass];
    }

    @Override
    public long support(int trueClass) {
        Objects.checkIndex(trueClass, classes);
        tally();
        return rows[trueClass];
    }

    @Override
    public long predictedCount(int predictedClass) {
        Objects.checkIndex(predictedClass, classes);
        tally();
        return columns[predictedClass];
    }

    @Override
    long correct() {
        tally();
        long s = 0;
        for (long c : binCorrect) {
            s += c;
        }
        return s;
    }

    @Override
    long rankCount(int rank) {
        sum();
        return rankCounts[rank];
    }

    @Override
    long binCount(int bin) {
        tally();
        return binCount[bin];
    }

    @Override
    long binCorrect(int bin) {
        tally();
        return binCorrect[bin];
    }

    @Override
    double binConfidence(int bin) {
        tally();
        return binConfidence[bin];
    }

    @Override
    double brierSum() {
        sum();
        return brierSum;
    }

    @Override
    double logLossSum() {
        sum();
        return logLossSum;
    }

    /**
     * Counts how often each example was drawn: one pass over the draws, the only random access of a resample; every
     * tally then reads the examples in order, weighted by these counts (sums of confidences, Brier scores and log
     * losses are taken in example order).
     */
    private int[] multiplicity() {
        if (multiplicity == null) {
            int[] m = new int[base.examples()];
            for (int i : draws) {
                m[i]++;
            }
            multiplicity = m;
        }
        return multiplicity;
    }

    /**
     * Recounts the confusion matrix's diagonal, row and column sums and the reliability bins (O(examples + classes):
     * the full matrix only when an off-diagonal cell is asked for).
     */
    private void tally() {
        if (diagonal != null) {
            return;
        }
        int[] m = multiplicity();
        AnalysisContext.Resampling r = base.resampling();
        int[] binCode = r.binCode();
        float[] confidence = r.confidence();
        int[] labels = base.labels();
        int[] predicted = base.predicted();
        int bins = Engine.CALIBRATION_BINS;
        long[] diag = new long[classes];
        long[] rowSums = new long[classes];
        long[] columnSums = new long[classes];
        long[] codeCount = new long[2 * bins];
        double[] confidenceSum = new double[bins];
        for (int i = 0; i < m.length; i++) {
            int k = m[i];
            if (k == 0) {
                continue;
            }
            int code = binCode[i];
            codeCount[code] += k;
            confidenceSum[code >> 1] += (double) k * confidence[i];
            int t = labels[i];
            int p = predicted[i];
            rowSums[t] += k;
            columnSums[p] += k;
            if (t == p) {
                diag[t] += k;
            }
        }
        binCount = new long[bins];
        binCorrect = new long[bins];
        for (int b = 0; b < bins; b++) {
            binCorrect[b] = codeCount[2 * b + 1];
            binCount[b] = codeCount[2 * b] + binCorrect[b];
        }
        binConfidence = confidenceSum;
        rows = rowSums;
        columns = columnSums;
        diagonal = diag;
    }

    /** Recounts the full confusion matrix. */
    private void cells() {
        if (cells != null) {
            return;
        }
        int[] m = multiplicity();
        int[] cell = base.resampling().cell();
        long[] cellCounts = new long[classes * classes];
        for (int i = 0; i < m.length; i++) {
            cellCounts[cell[i]] += m[i];
        }
        cells = cellCounts;
    }

    /** Recounts the ranks and sums the Brier scores and log losses. */
    private void sum() {
        if (rankCounts != null) {
            return;
        }
        int[] m = multiplicity();
        AnalysisContext.Terms t = base.terms();
        int[] rank = t.rank();
        double[] brier = t.brier();
        double[] logLoss = t.logLoss();
        long[] ranks = new long[classes];
        double b = 0;
        double l = 0;
        for (int i = 0; i < m.length; i++) {
            int k = m[i];
            if (k == 0) {
                continue;
            }
            ranks[rank[i]] += k;
            b += k * brier[i];
            l += k * logLoss[i];
        }
        brierSum = b;
        logLossSum = l;
        rankCounts = ranks;
    }
}
