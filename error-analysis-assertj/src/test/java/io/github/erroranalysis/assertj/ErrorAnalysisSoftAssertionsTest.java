package io.github.erroranalysis.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The assertions collect failures softly, through the module's soft assertions or a plain proxy. */
class ErrorAnalysisSoftAssertionsTest {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_collect_every_failure_and_report_them_together() {
        // GIVEN
        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        // WHEN
        softly.assertThat(analysis).hasAccuracyAtLeast(0.8).hasAccuracyLowerBoundAtLeast(0.5)
                .hasClassAccuracyAtLeast("cat", 0.6).hasExpectedCalibrationErrorAtMost(0.6);
        softly.assertThat(analysis).hasAtMostConfidentMistakes(1, 0.9);
        // THEN
        assertThat(softly.errorsCollected()).hasSize(3);
        assertThat(softly.errorsCollected().get(0)).hasMessageContaining("Expecting the accuracy in");
        assertThat(softly.errorsCollected().get(1)).hasMessageContaining("Expecting the accuracy of class cat in");
        assertThat(softly.errorsCollected().get(2)).hasMessageContaining("wrong predictions with confidence");
        Throwable all = catchThrowable(softly::assertAll);
        assertThat(all).hasMessageContaining("Multiple Failures (3 failures)");
    }

    @Test
    void should_collect_through_a_proxy_of_plain_soft_assertions() {
        // GIVEN
        SoftAssertions softly = new SoftAssertions();
        // WHEN
        softly.proxy(ErrorAnalysisAssert.class, ErrorAnalysis.class, analysis).hasAccuracyAtLeast(0.9)
                .hasEveryClassAccuracyAtLeast(0.9);
        // THEN
        assertThat(softly.assertionErrorsCollected()).hasSize(2);
    }

    @Test
    void should_collect_nothing_when_every_assertion_passes() {
        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        softly.assertThat(analysis).hasAccuracyAtLeast(0.7).hasEveryClassAccuracyAtLeast(0.5);
        softly.assertAll();
        assertThat(softly.wasSuccess()).isTrue();
    }
}
