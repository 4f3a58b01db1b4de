package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.util.Objects;

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
     * Checks the components.
     *
     * @param corruption the corruption's name, not blank
     * @param severity the severity, at least 1
     * @param standard whether the corruption is a standard one
     * @param analysis the analysis of the corrupted examples
     * @throws IllegalArgumentException naming the value when the name is blank or the severity below 1
     */
    public RobustnessCell {
        Objects.requireNonNull(corruption, "corruption");
        Objects.requireNonNull(analysis, "analysis");
        if (corruption.isBlank()) {
            throw new IllegalArgumentException("a robustness cell's corruption name must not be blank, but is '"
                    + corruption + "'");
        }
        if (severity < 1) {
            throw new IllegalArgumentException("the severity of robustness cell " + corruption
                    + " must be at least 1, but is " + severity);
        }
    }

    /**
     * Returns the accuracy in this cell.
     *
     * @return correct over examples
     */
    public double accuracy() {
        return analysis.accuracy();
    }

    /**
     * Returns the accuracy with its Wilson interval.
     *
     * @param level the confidence level, such as 0.95
     * @return the interval
     */
    public Interval accuracyInterval(double level) {
        return Intervals.wilson(analysis.correct(), analysis.examples(), level);
    }

    /**
     * Names the cell for messages: {@code "gaussian_noise 3"}.
     *
     * @return the corruption's name and the severity
     */
    public String label() {
        return corruption + " " + severity;
    }
}
