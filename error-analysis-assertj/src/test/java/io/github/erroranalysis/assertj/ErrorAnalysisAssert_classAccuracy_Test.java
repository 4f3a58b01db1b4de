package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ErrorAnalysisAssert_classAccuracy_Test {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_pass_number_assertions_on_the_class_accuracy() {
        assertThat(analysis).classAccuracy("cat").isEqualTo(0.5);
        assertThat(analysis).classAccuracy("frog").isGreaterThan(0.85).isLessThan(0.86);
    }

    @Test
    void should_fail_described_with_the_class_and_its_interval() {
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).classAccuracy("cat").isGreaterThanOrEqualTo(0.6));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("[accuracy of class "
                + "cat: 0.5000 [0.1500, 0.8500] (95%% Wilson), 2 of 4 right] %n"
                + "Expecting actual:%n"
                + "  0.5%n"
                + "to be greater than or equal to:%n"
                + "  0.6%n"));
    }

    @Test
    void should_throw_IllegalArgumentException_naming_the_classes_for_an_unknown_class() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis).classAccuracy("kat"))
                .withMessage("no class is named 'kat'; the classes are cat, dog, frog");
    }
}
