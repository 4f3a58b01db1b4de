package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorAnalysisAssert_hasAccuracyAtLeast_Test {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_pass_when_accuracy_equals_the_threshold() {
        assertThat(analysis).hasAccuracyAtLeast(0.75).hasAccuracyAtLeast(0);
    }

    @Test
    void should_fail_naming_the_accuracy_with_its_interval_and_the_threshold() {
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).hasAccuracyAtLeast(0.8));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting the accuracy in%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "to be at least:%n"
                + "  0.8000%n"
                + "but was:%n"
                + "  0.7500 [0.5313, 0.8881] (95%% Wilson), 15 of 20 right"));
    }

    @Test
    void should_fail_with_the_description_first() {
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).as("baseline on the sample")
                .hasAccuracyAtLeast(0.8));
        // THEN
        Assertions.assertThat(error).hasMessageStartingWith("[baseline on the sample] ");
    }

    @Test
    void should_fail_when_the_analysis_is_null() {
        // WHEN
        Throwable error = catchThrowable(() -> assertThat((ErrorAnalysis) null).hasAccuracyAtLeast(0.5));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class)
                .hasMessage(String.format("%nExpecting actual not to be null"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, 75, Double.NaN})
    void should_throw_IllegalArgumentException_for_a_threshold_outside_0_1(double threshold) {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis).hasAccuracyAtLeast(threshold))
                .withMessage("the threshold must be in [0, 1], but is " + threshold);
    }
}
