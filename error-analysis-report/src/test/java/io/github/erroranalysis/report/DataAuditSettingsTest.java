package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.SliceFinder;
import org.junit.jupiter.api.Test;

/** Checks that the audit's settings refuse a threshold, a number of clusters or slice settings they cannot run with. */
class DataAuditSettingsTest {

    private static final SliceFinder.Settings SLICES = SliceFinder.Settings.DEFAULTS;

    @Test
    void the_threshold_is_nan_for_the_default_or_a_finite_number_at_least_0() {
        assertThat(DataAudit.Settings.DEFAULTS.threshold()).isNaN();
        assertThat(new DataAudit.Settings(1, 0, 2, SLICES).threshold()).isZero();
        assertThat(new DataAudit.Settings(1, 0.3, 2, SLICES).threshold()).isEqualTo(0.3);
        for (double bad : new double[] {-0.01, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> new DataAudit.Settings(1, bad, 16, SLICES))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the audit's threshold must be NaN (the default) or a finite number at least 0, but is "
                            + bad);
        }
    }

    @Test
    void at_least_two_clusters_and_slice_settings_are_needed() {
        assertThatThrownBy(() -> new DataAudit.Settings(1, Double.NaN, 1, SLICES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 embedding clusters");
        assertThatThrownBy(() -> new DataAudit.Settings(1, Double.NaN, -3, SLICES)).hasMessageContaining("-3 embedding");
        assertThatThrownBy(() -> new DataAudit.Settings(1, Double.NaN, 16, null))
                .isInstanceOf(NullPointerException.class).hasMessage("slices");
    }
}
