package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ErrorAnalysisAssert_hasEveryClassAccuracyAtLeast_Test {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_pass_when_the_hardest_class_clears_the_threshold() {
        assertThat(analysis).hasEveryClassAccuracyAtLeast(0.5);
    }

    @Test
    void should_fail_listing_every_class_below_the_threshold() {
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).hasEveryClassAccuracyAtLeast(0.8));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting every class accuracy in%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "to be at least:%n"
                + "  0.8000%n"
                + "but these classes were below:%n"
                + "  class cat: 0.5000 [0.1500, 0.8500] (95%% Wilson), 2 of 4 right%n"
                + "  class dog: 0.7778 [0.4526, 0.9368] (95%% Wilson), 7 of 9 right"));
    }

    @Test
    void should_throw_IllegalArgumentException_for_a_threshold_outside_0_1() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis).hasEveryClassAccuracyAtLeast(2))
                .withMessage("the threshold must be in [0, 1], but is 2.0");
    }
}
