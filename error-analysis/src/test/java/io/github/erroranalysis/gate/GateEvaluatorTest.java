package io.github.erroranalysis.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {

    private static final ErrorAnalysis TWENTY = TwentyExamples.analysis();

    @Test
    void gates_are_judged_on_the_intervals_of_the_statistics_given() {
        // GIVEN statistics at the 90 % level, narrower than the default 95 %
        AnalysisStatistics statistics = TWENTY.statistics(0.9);
        // WHEN
        List<GateResult> results = GateEvaluator.of(TWENTY, statistics).evaluate(List.of(
                QualityGate.accuracyAtLeast(0.5), QualityGate.classAccuracyAtLeast("dog", 0.5),
                QualityGate.eceAtMost(0.6)));
        // THEN each interval is the one of the statistics, in the order given
        assertThat(results).extracting(GateResult::interval).containsExactly(statistics.accuracy(),
                statistics.get("dog").accuracy(), statistics.ece());
        assertThat(results).extracting(GateResult::metric).containsExactly(GateMetric.ACCURACY,
                GateMetric.CLASS_ACCURACY, GateMetric.EXPECTED_CALIBRATION_ERROR);
        assertThat(results.get(1).measurement().counts()).isEqualTo("7 of 9 right");
    }

    @Test
    void without_statistics_accuracies_get_95_percent_wilson_intervals_and_the_ece_the_default_bootstrap() {
        AnalysisStatistics defaults = TWENTY.statistics();
        GateEvaluator evaluator = GateEvaluator.of(TWENTY);
        assertThat(evaluator.evaluate(QualityGate.accuracyAtLeast(0.5)).interval()).isEqualTo(defaults.accuracy());
        assertThat(evaluator.evaluate(QualityGate.classAccuracyAtLeast("cat", 0.5)).interval())
                .isEqualTo(defaults.get("cat").accuracy());
        GateResult ece = evaluator.evaluate(QualityGate.eceAtMost(0.53));
        assertThat(ece.interval()).isEqualTo(defaults.ece());
        assertThat(ece.actual()).isCloseTo(TWENTY.calibration().ece(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ece.passed()).isTrue();
        assertThat(evaluator.evaluate(QualityGate.eceAtMost(0.5)).passed()).isFalse();
    }

    @Test
    void without_statistics_every_gate_is_judged_on_the_analysis_own_statistics_computed_once() {
        // the same interval objects as analysis.statistics(): the evaluator derives no interval of its own
        AnalysisStatistics own = TWENTY.statistics();
        GateEvaluator evaluator = GateEvaluator.of(TWENTY);
        assertThat(evaluator.evaluate(QualityGate.accuracyAtLeast(0.5)).interval()).isSameAs(own.accuracy());
        assertThat(evaluator.evaluate(QualityGate.classAccuracyAtLeast("dog", 0.5)).interval())
                .isSameAs(own.get("dog").accuracy());
        assertThat(GateEvaluator.of(TWENTY).evaluate(QualityGate.eceAtMost(0.5)).interval()).isSameAs(own.ece());
    }

    @Test
    void an_unknown_class_is_refused_naming_the_classes() {
        assertThatIllegalArgumentException().isThrownBy(() -> GateEvaluator.of(TWENTY)
                .evaluate(QualityGate.classAccuracyAtLeast("kat", 0.5)))
                .withMessage("no class is named 'kat'; the classes are cat, dog, frog");
    }

    @Test
    void statistics_of_another_analysis_are_refused() {
        AnalysisStatistics other = AnalysisStatistics.of(ErrorAnalysis.fromPredictions(
                org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{0.9f, 0.05f, 0.05f}}), new int[] {0},
                List.of("cat", "dog", "frog")));
        assertThatIllegalArgumentException().isThrownBy(() -> GateEvaluator.of(TWENTY, other))
                .withMessage("the statistics are of 1 examples, but the analysis has 20");
    }
}
