package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.stats.Interval;
import org.junit.jupiter.api.Test;

/**
 * The CLI's temperature line marks an ECE that lies outside its own percentile bootstrap interval (the plug-in ECE is
 * biased upward on resamples: STATISTICS.md) and says why once, at the end of the line.
 */
class EceIntervalNoteCliTest {

    private static Interval interval(double estimate, double lower, double upper) {
        return new Interval(estimate, lower, upper, 0.95, "percentile bootstrap");
    }

    @Test
    void an_ece_below_its_interval_is_marked_and_the_line_says_why_once() {
        // GIVEN the tester's calibrate numbers: ECE 3.9 % [3.0 %, 5.3 %] -> 1.0 % [1.3 %, 3.0 %]
        Interval any = interval(0.5, 0.4, 0.6);
        CalibrationChange c = new CalibrationChange(TemperatureScaling.of(1.1688), 4000, interval(0.039, 0.030, 0.053),
                interval(0.0104, 0.0127, 0.0298), any, any, any, any);
        // WHEN
        String line = Temperatures.change(c);
        // THEN
        assertThat(line).startsWith("ECE 3.9 % [3.0 %, 5.3 %] -> 1.0 % [1.3 %, 3.0 %] *, log loss ")
                .endsWith(" (* the bootstrap interval lies above the estimate: the ECE is biased upward on resamples; "
                        + "see STATISTICS.md)");
        assertThat(line.split("biased upward", -1)).hasSize(2);
        // an ECE within its interval: neither marker nor note
        CalibrationChange inside = new CalibrationChange(TemperatureScaling.of(1.1688), 4000, any, any, any, any, any,
                any);
        assertThat(Temperatures.change(inside)).doesNotContain("*").startsWith("ECE 50.0 % [40.0 %, 60.0 %] -> ");
    }
}
