package io.github.erroranalysis.gate;

import io.github.erroranalysis.testing.ConstantMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.AnalysisMetric;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricContext;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.stats.Interval;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gates on any number-valued metric: judged on its generic bootstrap interval, in the words of every gate. */
class MetricGateTest {

    private static final ErrorAnalysis TWENTY = TwentyExamples.analysis();

    /** A metric of one's own: the share of examples predicted as the first class. */
    record FirstClassShare() implements Metric<Double> {
        @Override
        public String name() {
            return "firstClassShare";
        }

        @Override
        public Double compute(MetricContext c) {
            long first = 0;
            for (int i = 0; i < c.examples(); i++) {
                first += c.predictedClass(i) == 0 ? 1 : 0;
            }
            return c.examples() == 0 ? Double.NaN : (double) first / c.examples();
        }
    }

    @Test
    void a_built_in_metric_is_judged_on_its_bootstrap_interval() {
        GateResult result = GateEvaluator.of(TWENTY).evaluate(QualityGate.atLeast(Metrics.macroF1(), 0.5));
        Interval interval = TWENTY.interval(Metrics.macroF1());
        assertThat(result.interval()).isEqualTo(interval);
        assertThat(interval.method()).startsWith("percentile bootstrap");
        assertThat(result.actual()).isEqualTo(TWENTY.metric(Metrics.macroF1()));
        assertThat(result.metric()).isEqualTo(GateMetric.of(Metrics.macroF1()));
        assertThat(result.metric().key()).isEqualTo("macroF1");
        assertThat(result.passed()).isEqualTo(result.actual() >= 0.5);
        assertThat(result.message()).isEqualTo((result.passed() ? "passed" : "FAILED") + " macroF1 at least 0.5000: "
                + "macroF1 " + interval + ", required at least 0.5000");
    }

    @Test
    void a_metric_of_ones_own_is_gated_and_the_lower_bound_option_judges_its_pessimistic_end() {
        QualityGate gate = QualityGate.atLeast(new FirstClassShare(), 0.1).named("share");
        GateResult estimate = GateEvaluator.of(TWENTY).evaluate(gate);
        GateResult bound = GateEvaluator.of(TWENTY).evaluate(gate.onPessimisticBound());
        Interval interval = TWENTY.interval(new FirstClassShare());
        assertThat(estimate.actual()).isEqualTo(interval.estimate());
        assertThat(bound.gate().judged()).isEqualTo(Judged.LOWER_BOUND);
        assertThat(bound.actual()).isEqualTo(interval.lower());
        assertThat(bound.message()).isEqualTo(bound.verdict().word() + " share: lower bound of firstClassShare "
                + bound.actualText() + " (firstClassShare " + interval + "), required at least 0.1000");
    }

    @Test
    void an_at_most_gate_on_a_loss_takes_any_finite_threshold_and_its_pessimistic_end_is_the_upper_bound() {
        // log loss is not a fraction: a threshold above 1 is fine
        QualityGate gate = QualityGate.atMost(Metrics.logLoss(), 2.5);
        assertThat(gate.name()).isEqualTo("logLoss at most 2.5000");
        GateResult bound = GateEvaluator.of(TWENTY).evaluate(gate.onPessimisticBound());
        assertThat(bound.gate().judged()).isEqualTo(Judged.UPPER_BOUND);
        assertThat(bound.actual()).isEqualTo(TWENTY.interval(Metrics.logLoss()).upper());
        assertThat(bound.passed()).isEqualTo(bound.actual() <= 2.5);
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.atMost(Metrics.brierScore(),
                Double.NaN)).withMessage("the threshold of a gate on brierScore must be a finite number, but is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.atLeast(Metrics.macroF1(),
                Double.POSITIVE_INFINITY)).withMessage("the threshold of a gate on macroF1 must be a finite number, "
                        + "but is Infinity");
    }

    @Test
    void a_metric_gate_with_statistics_given_is_judged_at_their_level() {
        AnalysisStatistics statistics = TWENTY.statistics(0.9);
        GateResult result = GateEvaluator.of(TWENTY, statistics).evaluate(QualityGate.atMost(Metrics.brierScore(),
                0.5));
        assertThat(result.interval()).isEqualTo(TWENTY.interval(Metrics.brierScore(), 0.9));
        assertThat(result.interval().level()).isEqualTo(0.9);
    }

    @Test
    void an_undefined_metric_fails_in_a_sentence() {
        GateResult result = GateEvaluator.of(TWENTY).evaluate(QualityGate.atMost(new ConstantMetric("undefinedScore", Double.NaN), 1));
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("FAILED undefinedScore at most 1.0000: the undefinedScore is undefined "
                + "(NaN) on this analysis, so the gate fails; required at most 1.0000");
    }

    @Test
    void a_metric_with_a_name_that_is_no_json_key_is_refused() {
        Metric<Double> bad = new Metric<>() {
            @Override
            public String name() {
                return "Bad name";
            }

            @Override
            public Double compute(MetricContext context) {
                return 0.0;
            }
        };
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.atLeast(bad, 0.5))
                .withMessageContaining("is named 'Bad name'");
        // the core's one name check: a name ending in Interval would clash with <name>Interval
        Metric<Double> clash = new Metric<>() {
            @Override
            public String name() {
                return "scoreInterval";
            }

            @Override
            public Double compute(MetricContext context) {
                return 0.0;
            }
        };
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.atMost(clash, 0.5))
                .withMessageContaining("must not end in 'Interval'");
    }

    @Test
    void report_json_names_the_metric_of_a_metric_gate() throws IOException {
        GateResult result = GateEvaluator.of(TWENTY).evaluate(QualityGate.atMost(Metrics.brierScore(), 0.5));
        String json = JsonCodec.document("gates", false, g -> GateJson.write(g, List.of(result)));
        JsonNode gate = new ObjectMapper().readTree(json).get("gates").get(0);
        assertThat(gate.get("metric").asText()).isEqualTo("brierScore");
        assertThat(gate.get("direction").asText()).isEqualTo("atMost");
        assertThat(gate.get("interval").get("method").asText()).startsWith("percentile bootstrap");
        assertThat(gate.has("className")).isFalse();
    }

    @Test
    void the_existing_gates_are_no_metric_gates_and_keep_their_keys() {
        assertThat(GateMetric.ACCURACY.metric()).isEmpty();
        assertThat(List.of(GateMetric.ACCURACY, GateMetric.CLASS_ACCURACY, GateMetric.EXPECTED_CALIBRATION_ERROR))
                .extracting(GateMetric::key).containsExactly("accuracy", "classAccuracy", "ece");
        assertThat(GateMetric.of(Metrics.expectedCalibrationError())).isNotEqualTo(
                GateMetric.EXPECTED_CALIBRATION_ERROR);
    }

    @Test
    void a_built_in_metric_is_good_in_the_direction_its_minimize_says() {
        assertThat(Direction.of(AnalysisMetric.ACCURACY)).isEqualTo(Direction.AT_LEAST);
        assertThat(Direction.of(AnalysisMetric.MACRO_F1)).isEqualTo(Direction.AT_LEAST);
        assertThat(Direction.of(AnalysisMetric.ECE)).isEqualTo(Direction.AT_MOST);
        assertThat(Direction.of(AnalysisMetric.LOG_LOSS)).isEqualTo(Direction.AT_MOST);
    }
}
