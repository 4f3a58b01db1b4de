package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.util.List;
import java.util.Objects;

/**
 * What a temperature does to the calibration of one analysis: the ECE, log loss and Brier score before and after
 * it is applied, each with its bootstrap interval (the accuracy is unchanged).
 *
 * @param scaling the temperature applied
 * @param examples the examples scored
 * @param eceBefore the ECE of the analysis as given
 * @param eceAfter the ECE after scaling
 * @param logLossBefore the log loss as given
 * @param logLossAfter the log loss after scaling
 * @param brierScoreBefore the Brier score as given
 * @param brierScoreAfter the Brier score after scaling
 */
public record CalibrationChange(TemperatureScaling scaling, int examples, Interval eceBefore, Interval eceAfter,
        Interval logLossBefore, Interval logLossAfter, Interval brierScoreBefore, Interval brierScoreAfter) {

    /**
     * Checks the components.
     *
     * @param scaling the temperature
     * @param examples the examples
     * @param eceBefore the ECE before
     * @param eceAfter the ECE after
     * @param logLossBefore the log loss before
     * @param logLossAfter the log loss after
     * @param brierScoreBefore the Brier score before
     * @param brierScoreAfter the Brier score after
     */
    public CalibrationChange {
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(eceBefore, "eceBefore");
        Objects.requireNonNull(eceAfter, "eceAfter");
        Objects.requireNonNull(logLossBefore, "logLossBefore");
        Objects.requireNonNull(logLossAfter, "logLossAfter");
        Objects.requireNonNull(brierScoreBefore, "brierScoreBefore");
        Objects.requireNonNull(brierScoreAfter, "brierScoreAfter");
    }

    /**
     * Tells whether an estimate lies outside its own interval, as the ECE's percentile bootstrap interval can (the
     * plug-in ECE is biased upward on resamples; STATISTICS.md, Bootstrap).
     *
     * @param i the interval
     * @return true when the estimate is below the lower or above the upper end
     */
    public static boolean outside(Interval i) {
        return i.isDefined() && (i.estimate() < i.lower() || i.estimate() > i.upper());
    }

    /**
     * Says, once for a before/after line, why an ECE lies outside its bootstrap interval, when one does; the lines
     * mark such an ECE with {@code " *"} and end with this footnote.
     *
     * @return {@code "* the bootstrap interval lies above the estimate: the ECE is biased upward on resamples; see
     *         STATISTICS.md"}, or empty when both ECEs lie within their intervals
     */
    public java.util.Optional<String> eceIntervalNote() {
        if (!outside(eceBefore) && !outside(eceAfter)) {
            return java.util.Optional.empty();
        }
        boolean above = eceBefore.estimate() < eceBefore.lower() || eceAfter.estimate() < eceAfter.lower();
        return java.util.Optional.of(above
                ? "* the bootstrap interval lies above the estimate: the ECE is biased upward on resamples; see "
                        + "STATISTICS.md"
                : "* the ECE lies outside its bootstrap interval; see STATISTICS.md");
    }

    /**
     * Gives an ECE with its interval as percentages, marked when the estimate lies outside its interval.
     *
     * @param ece the ECE's interval
     * @return for example {@code "3.9 % [3.0 %, 5.3 %]"} or {@code "1.0 % [1.3 %, 3.0 %] *"}
     */
    public static String ece(Interval ece) {
        return io.github.erroranalysis.io.Formats.percentInterval(ece.estimate(), ece.lower(), ece.upper())
                + (outside(ece) ? " *" : "");
    }

    /**
     * Scores an analysis before and after a temperature, with 95 % intervals of the default bootstrap.
     *
     * @param before the analysis as given
     * @param after the same analysis with the temperature applied ({@link TemperatureScaling#apply})
     * @param scaling the temperature
     * @return the change
     * @throws IllegalArgumentException when the analyses differ in their examples' count
     */
    public static CalibrationChange of(ErrorAnalysis before, ErrorAnalysis after, TemperatureScaling scaling) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.examples() != after.examples()) {
            throw new IllegalArgumentException("the analysis before scaling has " + before.examples()
                    + " examples but the one after has " + after.examples());
        }
        // the three intervals of each analysis drawn from one bootstrap, each kept as interval(metric) keeps it (the
        // ECE's is the one statistics() holds)
        List<Metric<Double>> scores = List.of(Metrics.expectedCalibrationError(), Metrics.logLoss(),
                Metrics.brierScore());
        List<Interval> b = before.intervals(scores, Intervals.DEFAULT_LEVEL);
        List<Interval> a = after.intervals(scores, Intervals.DEFAULT_LEVEL);
        return new CalibrationChange(scaling, before.examples(), b.get(0), a.get(0), b.get(1), a.get(1), b.get(2),
                a.get(2));
    }
}
