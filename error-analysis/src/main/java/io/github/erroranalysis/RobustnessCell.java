package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;

/**
 * One cell of a robustness study: the analysis of the same test examples under one named corruption at one severity.
 *
 * @param corruption the corruption's name (a value, such as {@code gaussian_noise}; never a key)
 * @param severity the severity, 1 to 5
 * @param standard whether the corruption counts in the mean corruption accuracy (the 15 standard ones)
 * @param analysis the analysis of the corrupted examples, in the clean analysis's example order
 */
public record RobustnessCell(String corruption, int severity, boolean standard, ErrorAnalysis analysis) {

    /**
     * Returns the accuracy in this cell.
     *
     * @return correct over examples
     */
    public double accuracy() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the accuracy with its Wilson interval.
     *
     * @param level the confidence level, such as 0.95
     * @return the interval
     */
    public Interval accuracyInterval(double level) {
        throw new UnsupportedOperationException("step 0");
    }
}
