package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.CoverageAtRisk;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.stats.Interval;
import java.util.Locale;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@code hasAurcAtMost}, {@code hasAurcUpperBoundAtMost}, {@code hasCoverageAtRiskAtLeast} and
 * {@code hasCoverageAtRiskLowerBoundAtLeast}: the CLI's {@code --max-aurc} and {@code --min-coverage-at-risk} gates,
 * on the estimate or the pessimistic end, in the gate model's words.
 */
class ErrorAnalysisAssert_selectivePrediction_Test {

    private static final String TWENTY = "analysis of 20 examples of 3 classes (cat, dog, frog)";

    private final ErrorAnalysis ranked = Fixtures.ranked();
    private final ErrorAnalysis confidentlyWrong = Fixtures.twenty();

    @Test
    void should_pass_when_the_aurc_is_at_most_the_threshold() {
        assertThat(ranked).hasAurcAtMost(0.03).hasAurcAtMost(ranked.selectivePrediction().aurc());
    }

    @Test
    void should_fail_when_confident_mistakes_raise_the_aurc_above_the_threshold() {
        // GIVEN the five wrong predictions are the most confident: AURC 0.5786, optimal 0.0404
        Interval aurc = confidentlyWrong.selectivePrediction().aurcInterval();
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(confidentlyWrong).hasAurcAtMost(0.5));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting the AURC in%n"
                + "  " + TWENTY + "%n"
                + "to be at most:%n"
                + "  0.5000%n"
                + "but was:%n"
                + "  %s, optimal 0.0404", aurc));
        Assertions.assertThat(aurc.estimate()).isBetween(0.5785, 0.5787);
    }

    @Test
    void should_judge_the_upper_bound_of_the_aurc_interval() {
        // GIVEN the bootstrap's upper end is above the estimate 0.0264
        SelectivePrediction s = ranked.selectivePrediction();
        double upper = s.aurcInterval().upper();
        Assertions.assertThat(upper).isGreaterThan(0.03);
        // WHEN the estimate clears 0.03 but the upper bound does not
        assertThat(ranked).hasAurcAtMost(0.03).hasAurcUpperBoundAtMost(upper);
        Throwable error = catchThrowable(() -> assertThat(ranked).hasAurcUpperBoundAtMost(0.03));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format(Locale.ROOT, "%n"
                + "Expecting the upper bound of AURC in%n"
                + "  " + TWENTY + "%n"
                + "to be at most:%n"
                + "  0.0300%n"
                + "but was:%n"
                + "  %.4f (AURC %s, optimal 0.0264)", upper, s.aurcInterval()));
    }

    @Test
    void should_pass_when_enough_is_answered_at_the_risk() {
        assertThat(ranked).hasCoverageAtRiskAtLeast(0.05, 0.8).hasCoverageAtRiskAtLeast(0.1, 0.85)
                .hasCoverageAtRiskAtLeast(0.2, 1).hasCoverageAtRiskAtLeast(0, 0.8);
    }

    @Test
    void should_fail_when_too_little_is_answered_at_the_risk() {
        // GIVEN at most 5 % errors, 16 of the 20 can be answered
        CoverageAtRisk atRisk = ranked.coverageAtRisk(0.05, 0.95);
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(ranked).hasCoverageAtRiskAtLeast(0.05, 0.9));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting the coverage at risk 5.0 %% in%n"
                + "  " + TWENTY + "%n"
                + "to be at least:%n"
                + "  0.9000%n"
                + "but was:%n"
                + "  %s, 16 of 20 answered, those with confidence at least 0.6900", atRisk.coverageInterval()));
        Assertions.assertThat(atRisk.coverage()).isEqualTo(0.8);
    }

    @Test
    void should_fail_when_no_share_keeps_the_errors_at_most_the_risk() {
        Throwable error = catchThrowable(() -> assertThat(confidentlyWrong).hasCoverageAtRiskAtLeast(0.01, 0.5));
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessageContaining(String.format(
                "Expecting the coverage at risk 1.0 %% in%n")).hasMessageEndingWith(", 0 of 20 answered: no share of "
                + "the most confident answers keeps the error rate at most 1.0 %");
    }

    @Test
    void should_judge_the_lower_bound_of_the_coverage_interval() {
        // GIVEN the coverage 0.85 at risk 10 % has a bootstrap interval reaching below it
        Interval coverage = ranked.coverageAtRisk(0.1, 0.95).coverageInterval();
        Assertions.assertThat(coverage.lower()).isLessThan(0.85);
        // WHEN
        assertThat(ranked).hasCoverageAtRiskLowerBoundAtLeast(0.1, coverage.lower());
        Throwable error = catchThrowable(() -> assertThat(ranked).hasCoverageAtRiskLowerBoundAtLeast(0.1, 0.85));
        // THEN
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format(Locale.ROOT, "%n"
                + "Expecting the lower bound of coverage at risk 10.0 %% in%n"
                + "  " + TWENTY + "%n"
                + "to be at least:%n"
                + "  0.8500%n"
                + "but was:%n"
                + "  %.4f (coverage at risk 10.0 %% %s, 17 of 20 answered, those with confidence at least 0.6700)",
                coverage.lower(), coverage));
    }

    @Test
    void should_throw_IllegalArgumentException_for_a_risk_coverage_or_aurc_outside_0_1() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(ranked).hasCoverageAtRiskAtLeast(5, 0.75))
                .withMessage("the risk must be in [0, 1], but is 5.0");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(ranked)
                .hasCoverageAtRiskLowerBoundAtLeast(0.01, 75))
                .withMessage("the coverage must be in [0, 1], but is 75.0");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(ranked).hasAurcAtMost(Double.NaN))
                .withMessage("the threshold must be in [0, 1], but is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(ranked).hasAurcUpperBoundAtMost(-0.1))
                .withMessage("the threshold must be in [0, 1], but is -0.1");
    }

    @Test
    void should_collect_the_failures_softly() {
        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        softly.assertThat(confidentlyWrong).hasAurcAtMost(0.5).hasCoverageAtRiskAtLeast(0.01, 0.5)
                .hasAurcUpperBoundAtMost(1).hasCoverageAtRiskLowerBoundAtLeast(0.25, 0);
        Assertions.assertThat(softly.errorsCollected()).hasSize(2);
        Assertions.assertThat(softly.errorsCollected().get(0)).hasMessageContaining("Expecting the AURC in");
        Assertions.assertThat(softly.errorsCollected().get(1)).hasMessageContaining(
                "Expecting the coverage at risk 1.0 % in");
    }
}
