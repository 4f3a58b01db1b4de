package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared formatters of thresholds, target risks and percentages with intervals. */
class FormatsTest {

    @Test
    void a_threshold_has_four_decimals_unless_they_would_round_it_up_to_one() {
        assertThat(Formats.threshold(0.85791234f)).isEqualTo("0.8579");
        assertThat(Formats.threshold(1.0)).isEqualTo("1.0000");
        assertThat(Formats.threshold(Math.nextDown(1.0f))).isEqualTo("0.99999994");
        assertThat(Formats.threshold(0.99999475f)).isEqualTo("0.99999475");
        assertThat(Formats.threshold(Double.NaN)).isEqualTo("none");
    }

    @Test
    void thresholds_shown_together_never_print_alike_when_they_differ() {
        assertThat(Formats.thresholds(List.of((double) 0.85791f, (double) 0.85793f, 0.5, 0.5, Double.NaN)))
                .containsExactly("0.85791", "0.85793", "0.5000", "0.5000", "none");
        assertThat(Formats.thresholds(List.of(1e-5, 2e-5))).containsExactly("0.00001", "0.00002");
    }

    @Test
    void a_target_risk_reads_one_way_everywhere() {
        assertThat(Formats.risk(0.01)).isEqualTo("1.0 %");
        assertThat(Formats.risk(0.05)).isEqualTo("5.0 %");
        assertThat(Formats.risk(0.0025)).isEqualTo("0.25 %");
    }

    @Test
    void a_percentage_with_its_interval() {
        assertThat(Formats.percentInterval(0.039, 0.030, 0.053)).isEqualTo("3.9 % [3.0 %, 5.3 %]");
        assertThat(Formats.percentInterval(Double.NaN, 0, 1)).isEqualTo(Formats.NO_EXAMPLES);
    }
}
