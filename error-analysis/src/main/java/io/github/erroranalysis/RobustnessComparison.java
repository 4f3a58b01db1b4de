package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.McNemarTest;
import java.util.List;

/**
 * Two models' robustness studies on the same examples and cells: per cell the accuracy difference (B − A) with
 * McNemar's exact test on the paired outcomes, and per corruption the difference averaged over severities with a
 * paired bootstrap interval; this answers "which corruptions does augmentation fix".
 */
public final class RobustnessComparison {

    private RobustnessComparison() {
    }

    /**
     * One cell's paired comparison.
     *
     * @param corruption the corruption's name
     * @param severity the severity
     * @param accuracyA model A's accuracy
     * @param accuracyB model B's accuracy
     * @param test McNemar's test on the examples where exactly one model is right
     */
    public record CellDifference(String corruption, int severity, double accuracyA, double accuracyB,
            McNemarTest test) {

        /**
         * Returns B's accuracy minus A's.
         *
         * @return the difference
         */
        public double difference() {
            return accuracyB - accuracyA;
        }
    }

    /**
     * Returns model A's study.
     *
     * @return the baseline
     */
    public Robustness a() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns model B's study.
     *
     * @return the candidate
     */
    public Robustness b() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns every cell's comparison, in A's cell order.
     *
     * @return the cells
     */
    public List<CellDifference> cells() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the difference (B − A) of the accuracy under one corruption averaged over severities, with a paired
     * bootstrap interval over examples.
     *
     * @param corruption the corruption's name
     * @param level the confidence level
     * @return the difference and its interval
     */
    public Interval corruptionDifference(String corruption, double level) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the difference (B − A) of the mean corruption accuracy over the standard corruptions, with a paired
     * bootstrap interval.
     *
     * @param level the confidence level
     * @return the difference and its interval
     */
    public Interval meanCorruptionDifference(double level) {
        throw new UnsupportedOperationException("step 0");
    }
}
