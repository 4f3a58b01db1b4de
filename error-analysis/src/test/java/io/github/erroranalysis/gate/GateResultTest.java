package io.github.erroranalysis.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.stats.Interval;
import org.junit.jupiter.api.Test;

class GateResultTest {

    private static final ErrorAnalysis TWENTY = TwentyExamples.analysis();
    private static final String ACCURACY = "0.7500 [0.5313, 0.8881] (95% Wilson), 15 of 20 right";

    private static GateResult judge(QualityGate gate) {
        return GateEvaluator.of(TWENTY).evaluate(gate);
    }

    @Test
    void a_gate_on_the_estimate_passes_at_its_threshold_and_reads_as_one_line() {
        GateResult result = judge(QualityGate.accuracyAtLeast(0.75));
        assertThat(result.passed()).isTrue();
        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.actual()).isEqualTo(0.75);
        assertThat(result).hasToString("passed accuracy at least 0.7500: accuracy " + ACCURACY
                + ", required at least 0.7500");
    }

    @Test
    void the_lower_bound_option_judges_the_pessimistic_end_of_the_interval() {
        GateResult estimate = judge(QualityGate.accuracyAtLeast(0.7).named("--min-accuracy 0.7"));
        GateResult bound = judge(QualityGate.accuracyAtLeast(0.7).named("--min-accuracy 0.7").onPessimisticBound());
        assertThat(estimate.passed()).isTrue();
        assertThat(bound.passed()).isFalse();
        assertThat(bound.gate().judged()).isEqualTo(Judged.LOWER_BOUND);
        assertThat(bound.actual()).isEqualTo(bound.interval().lower());
        assertThat(bound.message()).isEqualTo("FAILED --min-accuracy 0.7: lower bound of accuracy 0.5313 (accuracy "
                + ACCURACY + "), required at least 0.7000");
        assertThat(bound.subject()).isEqualTo("lower bound of accuracy");
    }

    @Test
    void the_pessimistic_end_of_an_at_most_gate_is_the_upper_bound() {
        // GIVEN the ECE 0.5250 with its bootstrap interval [0.4500, 0.6250]
        AnalysisStatistics statistics = TWENTY.statistics();
        GateEvaluator evaluator = GateEvaluator.of(TWENTY, statistics);
        // WHEN
        GateResult estimate = evaluator.evaluate(QualityGate.eceAtMost(0.6));
        GateResult bound = evaluator.evaluate(QualityGate.eceAtMost(0.6).onPessimisticBound());
        // THEN
        assertThat(estimate.passed()).isTrue();
        assertThat(bound.gate().judged()).isEqualTo(Judged.UPPER_BOUND);
        assertThat(bound.actual()).isEqualTo(statistics.ece().upper());
        assertThat(bound.interval()).isEqualTo(statistics.ece());
        assertThat(bound.passed()).isFalse();
        assertThat(bound.message()).isEqualTo("FAILED expected calibration error at most 0.6000: upper bound of "
                + "expected calibration error 0.6250 (expected "
                + "calibration error " + statistics.ece() + "), required at most 0.6000");
    }

    @Test
    void a_class_gate_names_the_class_with_its_counts() {
        GateResult result = judge(QualityGate.classAccuracyAtLeast("cat", 0.6).named("--min-class-accuracy cat=0.6"));
        assertThat(result.passed()).isFalse();
        assertThat(result).hasToString("FAILED --min-class-accuracy cat=0.6: accuracy of class cat 0.5000 [0.1500, "
                + "0.8500] (95% Wilson), 2 of 4 right, required at least 0.6000");
        assertThat(result.measured()).isEqualTo("0.5000 [0.1500, 0.8500] (95% Wilson), 2 of 4 right");
        assertThat(result.requirement()).isEqualTo("at least 0.6000");
    }

    @Test
    void a_gate_failing_by_a_hair_prints_the_threshold_as_typed_and_enough_decimals_to_tell() {
        GateResult result = judge(QualityGate.accuracyAtLeast(0.75001).named("--min-accuracy 0.75001"));
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("FAILED --min-accuracy 0.75001: accuracy " + ACCURACY
                + ", 0.75000 to 5 decimals, required at least 0.75001");
    }

    @Test
    void a_metric_without_examples_fails_in_a_sentence() {
        GateResult result = new GateResult(QualityGate.classAccuracyAtLeast("d", 0.5)
                .named("--min-class-accuracy d=0.5").onPessimisticBound(),
                new Measurement(Interval.undefined(0.95, "Wilson"), "0 of 0 right"));
        assertThat(result.passed()).isFalse();
        assertThat(result.actual()).isNaN();
        assertThat(result).hasToString("FAILED --min-class-accuracy d=0.5: there are no examples, so the accuracy "
                + "of class d cannot be measured and the gate fails; required at least 0.5000");
    }

    @Test
    void thresholds_read_with_four_decimals_unless_that_rounds_them() {
        assertThat(GateResult.threshold(0.7)).isEqualTo("0.7000");
        assertThat(GateResult.threshold(0.67431)).isEqualTo("0.67431");
        assertThat(GateResult.decimalsToTell(0.6743, 0.67431)).isEqualTo(5);
        assertThat(GateResult.decimalsToTell(0.6743, 0.6743)).isEqualTo(4);
        assertThat(GateResult.decimalsToTell(0.5, 0.5 + 1e-12)).isEqualTo(12);
    }

    @Test
    void a_gate_refuses_a_threshold_outside_0_1_and_a_misplaced_class_name() {
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.accuracyAtLeast(1.5))
                .withMessage("the threshold must be in [0, 1], but is 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.eceAtMost(Double.NaN))
                .withMessage("the threshold must be in [0, 1], but is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> new QualityGate("g", GateMetric.CLASS_ACCURACY, null,
                Direction.AT_LEAST, 0.5, Judged.ESTIMATE))
                .withMessage("a gate on classAccuracy names its class, but none is given");
        assertThatIllegalArgumentException().isThrownBy(() -> new QualityGate("g", GateMetric.ACCURACY, "cat",
                Direction.AT_LEAST, 0.5, Judged.ESTIMATE))
                .withMessage("a gate on accuracy is of no class, but class 'cat' is given");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.accuracyAtLeast(0.5).named(" "))
                .withMessage("a quality gate's name must not be blank, but is ' '");
    }
}
