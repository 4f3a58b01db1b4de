package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import java.util.List;

/**
 * A robustness study of one model: its clean analysis and one analysis per (corruption, severity) of the same
 * examples, with the figures CIFAR-10-C and RobustBench report (mean corruption accuracy over the standard
 * corruptions, the extras apart, the relative drop) and honest intervals; knows nothing of how the corruptions were
 * made.
 */
public final class Robustness {

    private Robustness() {
    }

    /**
     * Makes a study.
     *
     * @param clean the analysis of the clean examples
     * @param cells one cell per (corruption, severity), each with the clean analysis's examples and class names
     * @return the study
     * @throws IllegalArgumentException if a cell's examples, labels or class names differ from the clean analysis's,
     *         or a (corruption, severity) appears twice
     */
    public static Robustness of(ErrorAnalysis clean, List<RobustnessCell> cells) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the clean analysis.
     *
     * @return the analysis of the uncorrupted examples
     */
    public ErrorAnalysis clean() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the cells in the order given.
     *
     * @return the cells
     */
    public List<RobustnessCell> cells() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the corruptions' names in the order of their first cell.
     *
     * @return the names
     */
    public List<String> corruptions() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the severities studied, ascending.
     *
     * @return the severities
     */
    public List<Integer> severities() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Finds one cell.
     *
     * @param corruption the corruption's name
     * @param severity the severity
     * @return the cell
     * @throws IllegalArgumentException naming the corruption and severity when there is none
     */
    public RobustnessCell cell(String corruption, int severity) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the accuracy under one corruption, averaged over its severities (what {@code --min-corruption-accuracy}
     * judges), with a percentile bootstrap interval over examples.
     *
     * @param corruption the corruption's name
     * @param level the confidence level
     * @return the mean accuracy and its interval
     */
    public Interval corruptionAccuracy(String corruption, double level) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the mean corruption accuracy as RobustBench reports it: the mean over the standard corruptions of
     * their mean over severities, with a bootstrap interval over examples; NaN estimate when no standard corruption
     * was studied.
     *
     * @param level the confidence level
     * @return the mean corruption accuracy and its interval
     */
    public Interval meanCorruptionAccuracy(double level) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the mean accuracy over the extra (non-standard) corruptions, shown apart; NaN estimate when none.
     *
     * @param level the confidence level
     * @return the mean and its interval
     */
    public Interval meanExtraAccuracy(double level) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the relative drop of the mean corruption accuracy against the clean accuracy:
     * {@code (clean - mean) / clean}.
     *
     * @return the relative drop; NaN when either is undefined
     */
    public double relativeDrop() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the worst corruption: the lowest accuracy averaged over severities (ties to the first).
     *
     * @return its name
     */
    public String worstCorruption() {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Returns the per-class accuracy under a corruption, pooled over its severities.
     *
     * @param corruption the corruption's name
     * @return one accuracy per class, in the class order; NaN for a class without examples
     */
    public double[] perClassAccuracy(String corruption) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Compares this study (the baseline, {@code --model}) with another model's on the same examples and cells.
     *
     * @param candidate the other model's study ({@code --model-b})
     * @return the comparison, with McNemar's test per cell
     * @throws IllegalArgumentException if the examples or cells differ
     */
    public RobustnessComparison compareWith(Robustness candidate) {
        throw new UnsupportedOperationException("step 0");
    }
}
