package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ErrorAnalysisAssert_hasExpectedCalibrationErrorAtMost_Test {

    // ECE = (|15 right - 15 * 0.6| + |0 right - 5 * 0.9|) / 20 = (6 + 4.5) / 20 = 0.525
    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_pass_when_the_ece_is_below_the_threshold() {
        assertThat(analysis).hasExpectedCalibrationErrorAtMost(0.53);
    }

    @Test
    void should_fail_naming_the_ece_with_its_bootstrap_interval_and_the_threshold() {
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).hasExpectedCalibrationErrorAtMost(0.05));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessageStartingWith(String.format("%n"
                + "Expecting the expected calibration error in%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "to be at most:%n"
                + "  0.0500%n"
                + "but was:%n"
                + "  0.5250 ["))
                .hasMessageEndingWith(analysis.statistics().ece().toString())
                .hasMessageContaining("bootstrap");
    }

    @Test
    void should_throw_IllegalArgumentException_for_a_threshold_outside_0_1() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> assertThat(analysis).hasExpectedCalibrationErrorAtMost(-0.1))
                .withMessage("the threshold must be in [0, 1], but is -0.1");
    }
}
