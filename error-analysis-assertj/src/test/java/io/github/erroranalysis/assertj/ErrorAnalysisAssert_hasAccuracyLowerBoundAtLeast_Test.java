package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ErrorAnalysisAssert_hasAccuracyLowerBoundAtLeast_Test {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_pass_when_the_lower_bound_clears_the_threshold() {
        assertThat(analysis).hasAccuracyLowerBoundAtLeast(0.53);
    }

    @Test
    void should_fail_when_only_the_estimate_clears_the_threshold() {
        // GIVEN the estimate 0.75 is above 0.6, but the 95 % interval reaches down to 0.5313
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).hasAccuracyLowerBoundAtLeast(0.6));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting the lower bound of accuracy in%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "to be at least:%n"
                + "  0.6000%n"
                + "but was:%n"
                + "  0.5313 (accuracy 0.7500 [0.5313, 0.8881] (95%% Wilson), 15 of 20 right)"));
    }

    @Test
    void should_throw_IllegalArgumentException_for_a_threshold_outside_0_1() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis).hasAccuracyLowerBoundAtLeast(60))
                .withMessage("the threshold must be in [0, 1], but is 60.0");
    }
}
