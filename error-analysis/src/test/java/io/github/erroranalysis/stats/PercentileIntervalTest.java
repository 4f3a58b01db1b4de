package io.github.erroranalysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentileIntervalTest {

    @Test
    void undefined_resamples_are_left_out_and_counted_never_half_an_interval() {
        double[] resampled = new double[100];
        for (int i = 0; i < 100; i++) {
            resampled[i] = i % 10 == 0 ? Double.NaN : i / 100.0;
        }
        Interval interval = Intervals.percentile(0.5, resampled, 0.9, "percentile bootstrap");

        assertThat(interval.upper()).isFinite().isLessThanOrEqualTo(0.99);
        assertThat(interval.lower()).isFinite().isGreaterThanOrEqualTo(0.01);
        assertThat(interval.method()).isEqualTo(
                "percentile bootstrap, 10 of 100 resamples undefined and left out");
    }

    @Test
    void an_interval_from_only_undefined_resamples_is_undefined() {
        double[] resampled = {Double.NaN, Double.NaN};
        Interval interval = Intervals.percentile(0.5, resampled, 0.95, "m");

        assertThat(interval.lower()).isNaN();
        assertThat(interval.upper()).isNaN();
        assertThat(interval.method()).isEqualTo("m, 2 of 2 resamples undefined and left out");
    }

    @Test
    void defined_resamples_keep_the_method_as_it_was() {
        double[] resampled = {0.1, 0.2, 0.3};
        assertThat(Intervals.percentile(0.2, resampled, 0.95, "m").method()).isEqualTo("m");
    }
}
