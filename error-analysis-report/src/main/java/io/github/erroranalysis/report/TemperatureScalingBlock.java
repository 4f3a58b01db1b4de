package io.github.erroranalysis.report;

import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.util.List;

/**
 * The temperature-scaling block of the "Calibration" section, shown when the report is given one
 * ({@link ErrorReport.Builder#temperatureScaling(CalibrationChange, boolean, String)}): T and what it was fitted
 * on, in one sentence what it did (applied) or would do (not applied) to the ECE and the log loss, and a table of the
 * ECE, log loss and Brier score before and after with their intervals. {@code report.json} has the numbers under
 * {@code temperatureScaling}.
 */
final class TemperatureScalingBlock {

    /** What the sentence ends with when the temperature was not applied. */
    static final String HOW_TO_APPLY = "apply it with --temperature bundled";

    private TemperatureScalingBlock() {
    }

    /** Writes the block: a subheading, the sentence and the before/after table. */
    static void render(ErrorReport.Temperature t, SectionWriter out) {
        CalibrationChange c = t.change();
        out.subheading("Temperature scaling");
        out.paragraph(sentence(t));
        c.eceIntervalNote().ifPresent(out::paragraph); // once, under the sentence whose ECE it marks
        out.table(List.of("", "before", "interval", "after", "interval"), List.of(
                row("ECE", c.eceBefore(), c.eceAfter()),
                row("log loss", c.logLossBefore(), c.logLossAfter()),
                row("Brier score", c.brierScoreBefore(), c.brierScoreAfter())));
        out.paragraph(Formats.format("Temperature scaling divides every logit by T before the softmax (Guo et al. "
                + "2017): T above 1 softens over-confident probabilities, T below 1 sharpens them; the predicted "
                + "class, so the accuracy, stays the same. Scored on the %,d examples of this report, %s; intervals "
                + "%s.", c.examples(), t.applied() ? "which it scaled" : "which it did not scale",
                method(c.eceBefore())));
    }

    /**
     * The sentence: "T = 1.52, fitted on 4,000 validation images, took the ECE from 4.1 % [3.3 %, 5.0 %] to 1.2 %
     * [0.8 %, 1.9 %] and the log loss from 0.9120 to 0.8450; accuracy is unchanged." or, not applied, "... would take
     * ...; apply it with --temperature bundled."; an ECE outside its interval is marked " *"
     * ({@link CalibrationChange#ece}), the footnote follows the sentence.
     */
    static String sentence(ErrorReport.Temperature t) {
        CalibrationChange c = t.change();
        TemperatureScaling s = c.scaling();
        String fitted = s.examples() == 0 ? "given" : Formats.format("fitted on %,d %s", s.examples(), t.fittedOn())
                + inSample(t);
        String change = Formats.format("the ECE from %s to %s and the log loss from %s to %s",
                CalibrationChange.ece(c.eceBefore()), CalibrationChange.ece(c.eceAfter()),
                Formats.ratio(c.logLossBefore().estimate()),
                Formats.ratio(c.logLossAfter().estimate()));
        return t.applied()
                ? Formats.format("T = %s, %s, took %s; accuracy is unchanged.", TemperatureScaling.format(
                        s.temperature()), fitted, change)
                : Formats.format("T = %s, %s, would take %s (accuracy unchanged); %s.", TemperatureScaling.format(
                        s.temperature()), fitted, change, HOW_TO_APPLY);
    }

    /** Says that the scores are in-sample, when T was fitted on some of the reported examples: "" otherwise. */
    static String inSample(ErrorReport.Temperature t) {
        int n = t.inSample();
        return n == 0 ? "" : n == t.change().examples()
                ? " (in-sample: T was fitted on these same examples, so its effect here flatters it)"
                : Formats.format(" (partly in-sample: %,d of these %,d examples fitted T, so its effect here "
                        + "flatters it)", n, t.change().examples());
    }

    private static List<String> row(String what, Interval before, Interval after) {
        return List.of(what, estimate(before), bounds(before), estimate(after), bounds(after));
    }

    private static String estimate(Interval i) {
        return i.isDefined() ? Formats.ratio(i.estimate()) : Formats.NO_EXAMPLES;
    }

    private static String bounds(Interval i) {
        return i.isDefined() ? "[" + Formats.ratio(i.lower()) + ", " + Formats.ratio(i.upper()) + "]" : "";
    }

    private static String method(Interval i) {
        return Formats.format("%s %s", Formats.level(i.level()), i.method());
    }
}
