package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ErrorAnalysisAssert_hasClassAccuracyAtLeast_Test {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_pass_when_the_class_clears_the_threshold() {
        assertThat(analysis).hasClassAccuracyAtLeast("cat", 0.5).hasClassAccuracyAtLeast("frog", 0.85);
    }

    @Test
    void should_fail_naming_the_class_its_accuracy_with_interval_and_the_threshold() {
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).hasClassAccuracyAtLeast("cat", 0.6));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting the accuracy of class cat in%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "to be at least:%n"
                + "  0.6000%n"
                + "but was:%n"
                + "  0.5000 [0.1500, 0.8500] (95%% Wilson), 2 of 4 right"));
    }

    @Test
    void should_throw_IllegalArgumentException_for_an_unknown_class_or_bad_threshold() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis).hasClassAccuracyAtLeast("kat", 0.5))
                .withMessage("no class is named 'kat'; the classes are cat, dog, frog");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis).hasClassAccuracyAtLeast("cat", -1))
                .withMessage("the threshold must be in [0, 1], but is -1.0");
    }
}
