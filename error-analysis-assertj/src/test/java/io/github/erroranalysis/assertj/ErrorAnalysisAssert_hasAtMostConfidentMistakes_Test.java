package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ErrorAnalysisAssert_hasAtMostConfidentMistakes_Test {

    // five mistakes, each with confidence 0.9
    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_pass_when_the_confident_mistakes_are_few_enough() {
        assertThat(analysis).hasAtMostConfidentMistakes(5, 0.9).hasAtMostConfidentMistakes(0, 0.95);
    }

    @Test
    void should_fail_with_the_count_and_the_most_confident_mistakes() {
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).hasAtMostConfidentMistakes(2, 0.8));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting at most:%n"
                + "  2%n"
                + "wrong predictions with confidence at least 0.8000 in%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "but found:%n"
                + "  5, the most confident:%n"
                + "  #1: cat predicted as dog with confidence 0.9000%n"
                + "  #2: cat predicted as dog with confidence 0.9000%n"
                + "  #3: frog predicted as cat with confidence 0.9000"));
    }

    @Test
    void should_count_a_mistake_whose_confidence_equals_the_threshold() {
        // GIVEN confidences stored as float (0.9f is slightly below the double 0.9)
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).hasAtMostConfidentMistakes(4, 0.9));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessageContaining(String.format(
                "but found:%n  5, the most confident:"));
    }

    @Test
    void should_throw_IllegalArgumentException_for_a_negative_count_or_bad_confidence() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis).hasAtMostConfidentMistakes(-1, 0.9))
                .withMessage("the count of confident mistakes must be at least 0, but is -1");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis).hasAtMostConfidentMistakes(1, 90))
                .withMessage("the confidence must be in [0, 1], but is 90.0");
    }
}
