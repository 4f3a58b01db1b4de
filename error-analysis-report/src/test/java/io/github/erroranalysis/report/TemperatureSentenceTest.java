package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.TemperatureScaling;
import org.junit.jupiter.api.Test;

/**
 * The report's temperature sentence shows T as the CLI's lines do ({@link TemperatureScaling#format}): a T below 0.1
 * with four significant digits, not rounded to two decimals, where 0.05 read "0.05" and 0.0123 read as the fit's
 * lower bound "0.01".
 */
class TemperatureSentenceTest {

    @Test
    void a_small_temperature_keeps_its_digits_and_a_usual_one_two_decimals() {
        ErrorAnalysis analysis = ReportFixtures.analysis(60, ReportFixtures.CIFAR, 5);
        for (double t : new double[] {0.0512, 1.1688}) {
            TemperatureScaling s = TemperatureScaling.of(t);
            CalibrationChange change = CalibrationChange.of(analysis, s.apply(analysis), s);
            String sentence = TemperatureScalingBlock.sentence(new ErrorReport.Temperature(change, true, "examples"));
            assertThat(sentence).startsWith("T = " + (t < 0.1 ? "0.05120" : "1.17") + ", given, took the ECE from ");
        }
        assertThat(TemperatureScaling.format(0.0123)).isEqualTo("0.01230");
        assertThat(TemperatureScaling.format(0.01)).isEqualTo("0.01000");
        assertThat(TemperatureScaling.format(100)).isEqualTo("100.00");
    }
}
