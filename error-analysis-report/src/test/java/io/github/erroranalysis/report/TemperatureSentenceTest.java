package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.stats.Interval;
import org.junit.jupiter.api.Test;

/**
 * The report's temperature sentence shows T as the CLI's lines do ({@link TemperatureScaling#format}): four
 * significant digits, where two decimals read 0.0123 as the fit's lower bound "0.01"; an ECE its bootstrap interval
 * lies above is marked, with the footnote once.
 */
class TemperatureSentenceTest {

    @Test
    void every_temperature_has_four_significant_digits() {
        ErrorAnalysis analysis = ReportFixtures.analysis(60, ReportFixtures.CIFAR, 5);
        for (double t : new double[] {0.0512, 1.1688}) {
            TemperatureScaling s = TemperatureScaling.of(t);
            CalibrationChange change = CalibrationChange.of(analysis, s.apply(analysis), s);
            String sentence = TemperatureScalingBlock.sentence(new ErrorReport.Temperature(change, true, "examples"));
            assertThat(sentence).startsWith("T = " + (t < 0.1 ? "0.05120" : "1.169") + ", given, took the ECE from ");
        }
        assertThat(TemperatureScaling.format(0.0123)).isEqualTo("0.01230");
        assertThat(TemperatureScaling.format(0.01)).isEqualTo("0.01000");
        assertThat(TemperatureScaling.format(100)).isEqualTo("100.0");
        assertThat(TemperatureScaling.format(1.1688297703959798)).isEqualTo("1.169");
    }

    @Test
    void an_ece_below_its_own_interval_is_marked_and_explained_once() {
        // GIVEN the tester's calibrate numbers: ECE 3.9 % [3.0 %, 5.3 %] -> 1.0 % [1.3 %, 3.0 %]
        TemperatureScaling s = TemperatureScaling.of(1.1688);
        Interval any = new Interval(0.5, 0.4, 0.6, 0.95, "percentile bootstrap");
        CalibrationChange c = new CalibrationChange(s, 60, new Interval(0.039, 0.030, 0.053, 0.95,
                "percentile bootstrap"), new Interval(0.0104, 0.0127, 0.0298, 0.95, "percentile bootstrap"), any, any,
                any, any);
        ErrorAnalysis analysis = ReportFixtures.analysis(60, ReportFixtures.CIFAR, 5);
        // WHEN
        String markdown = ErrorReport.builder(analysis).temperatureScaling(c, false).build().toMarkdown();
        // THEN the after-ECE alone is marked, and the one footnote says why
        assertThat(TemperatureScalingBlock.sentence(new ErrorReport.Temperature(c, false, "examples")))
                .contains("the ECE from 3.9 % [3.0 %, 5.3 %] to 1.0 % [1.3 %, 3.0 %] * and the log loss");
        String note = "* the bootstrap interval lies above the estimate: the ECE is biased upward on resamples; see "
                + "STATISTICS.md";
        assertThat(c.eceIntervalNote()).contains(note);
        assertThat(markdown.split(java.util.regex.Pattern.quote(Escaping.markdown(note)), -1)).hasSize(2);
        // an ECE within its interval: no marker, no note
        CalibrationChange inside = new CalibrationChange(s, 60, any, any, any, any, any, any);
        assertThat(inside.eceIntervalNote()).isEmpty();
        assertThat(CalibrationChange.ece(any)).isEqualTo("50.0 % [40.0 %, 60.0 %]");
    }
}
