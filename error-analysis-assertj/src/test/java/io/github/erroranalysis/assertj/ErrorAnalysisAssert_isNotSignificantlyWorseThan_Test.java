package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ErrorAnalysisAssert_isNotSignificantlyWorseThan_Test {

    private final ErrorAnalysis baseline = Fixtures.cats(20, 0);

    @Test
    void should_pass_when_the_drop_is_within_noise() {
        // GIVEN 5 examples right -> wrong, none wrong -> right: exact McNemar p = 2 / 32 = 0.0625
        ErrorAnalysis candidate = Fixtures.cats(20, 5);
        // THEN
        assertThat(candidate).isNotSignificantlyWorseThan(baseline);
    }

    @Test
    void should_pass_when_better_than_the_baseline() {
        assertThat(baseline).isNotSignificantlyWorseThan(Fixtures.cats(20, 8));
    }

    @Test
    void should_fail_when_significantly_worse() {
        // GIVEN 8 examples right -> wrong, none wrong -> right: p = 2 / 256 = 0.0078125
        ErrorAnalysis candidate = Fixtures.cats(20, 8);
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(candidate).isNotSignificantlyWorseThan(baseline));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "not to be significantly worse than the baseline%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "but accuracy was:%n"
                + "  0.6000 [0.3866, 0.7812] (95%% Wilson), 12 of 20 right%n"
                + "against the baseline's:%n"
                + "  1.0000 [0.8389, 1.0000] (95%% Wilson), 20 of 20 right%n"
                + "and exact McNemar: 8 right → wrong, 0 wrong → right, p = 0.007813 (significant at 95%%)"));
    }

    @Test
    void should_fail_at_a_looser_significance_level() {
        // GIVEN p = 0.0625, below 0.1
        ErrorAnalysis candidate = Fixtures.cats(20, 5);
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(candidate).isNotSignificantlyWorseThan(baseline, 0.1));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("p = 0.06250 (significant at 90%)");
    }

    @Test
    void should_throw_IllegalArgumentException_for_a_bad_level_or_another_test_set() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> assertThat(baseline).isNotSignificantlyWorseThan(baseline, 1.0))
                .withMessage("the significance level must be strictly between 0 and 1, but is 1.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> assertThat(baseline).isNotSignificantlyWorseThan(Fixtures.twenty()));
    }
}
