package io.github.erroranalysis.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.CoverageAtRisk;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.json.JsonCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gates on selective prediction: the AURC at most X and the coverage at a risk at least c, measured from the
 * analysis's own selective prediction, judged on the estimate or the pessimistic end, in the one wording.
 */
class SelectiveGateTest {

    /** 5 wrong at confidence 0.9 (ranked first), 15 right at 0.6: AURC (5 + 5·(H20 - H5)) / 20 = 0.5786. */
    private static final ErrorAnalysis TWENTY = TwentyExamples.analysis();

    /**
     * Ten examples, confidence 0.96 down to 0.60 by 0.04, the 8th and 10th most confident wrong: risk(k) = 0 up to
     * k = 7, 1/8 at 8 and 9, 2/10 at 10; so coverage at risk 0.125 = 0.9 (threshold 0.64), at risk 0.1 = 0.7
     * (threshold 0.72), at risk 0.2 = 1.0.
     */
    private static ErrorAnalysis ten() {
        float[][] p = new float[10][2];
        int[] truth = new int[10];
        for (int i = 0; i < 10; i++) {
            float confidence = 0.96f - 0.04f * i;
            p[i][0] = confidence;
            p[i][1] = 1 - confidence;
            truth[i] = i == 7 || i == 9 ? 1 : 0;
        }
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), truth, List.of("yes", "no"));
    }

    @Test
    void the_aurc_gate_is_judged_on_the_aurc_interval_of_the_selective_prediction() {
        // GIVEN
        SelectivePrediction selective = TWENTY.selectivePrediction();
        double expected = (5 + 5 * (1 / 6.0 + 1 / 7.0 + 1 / 8.0 + 1 / 9.0 + 1 / 10.0 + 1 / 11.0 + 1 / 12.0 + 1 / 13.0
                + 1 / 14.0 + 1 / 15.0 + 1 / 16.0 + 1 / 17.0 + 1 / 18.0 + 1 / 19.0 + 1 / 20.0)) / 20;
        // WHEN
        GateResult passed = GateEvaluator.of(TWENTY).evaluate(QualityGate.aurcAtMost(0.6));
        GateResult failed = GateEvaluator.of(TWENTY).evaluate(QualityGate.aurcAtMost(0.5).named("--max-aurc 0.5"));
        // THEN
        assertThat(passed.interval()).isSameAs(selective.aurcInterval());
        assertThat(passed.actual()).isEqualTo(selective.aurc()).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(passed.passed()).isTrue();
        assertThat(passed.metric()).isEqualTo(GateMetric.AURC);
        assertThat(passed.name()).isEqualTo("AURC at most 0.6000");
        assertThat(failed.passed()).isFalse();
        assertThat(failed.message()).isEqualTo("FAILED --max-aurc 0.5: AURC " + selective.aurcInterval()
                + ", optimal 0.0404, required at most 0.5000");
        assertThat(failed.measurement().counts()).isEqualTo(String.format(java.util.Locale.ROOT, "optimal %.4f",
                selective.optimalAurc()));
    }

    @Test
    void the_coverage_gate_is_judged_on_the_coverage_interval_at_its_risk() {
        // GIVEN
        ErrorAnalysis ten = ten();
        CoverageAtRisk atRisk = ten.coverageAtRisk(0.125, 0.95);
        // WHEN
        GateResult result = GateEvaluator.of(ten).evaluate(QualityGate.coverageAtRiskAtLeast(0.125, 0.9));
        GateResult above = GateEvaluator.of(ten).evaluate(QualityGate.coverageAtRiskAtLeast(0.1, 0.75)
                .named("--min-coverage-at-risk 0.1=0.75"));
        // THEN
        assertThat(atRisk.coverage()).isEqualTo(0.9);
        assertThat(result.interval()).isEqualTo(atRisk.coverageInterval());
        assertThat(result.actual()).isEqualTo(0.9);
        assertThat(result.passed()).isTrue();
        assertThat(result.name()).isEqualTo("coverage at risk 12.5 % at least 0.9000");
        assertThat(result.measurement().counts()).isEqualTo("9 of 10 answered, those with confidence at least 0.6400");
        assertThat(above.actual()).isEqualTo(0.7);
        assertThat(above.message()).isEqualTo("FAILED --min-coverage-at-risk 0.1=0.75: coverage at risk 10.0 % "
                + ten.coverageAtRisk(0.1, 0.95).coverageInterval() + ", 7 of 10 answered, those with confidence at "
                + "least 0.7200, required at least 0.7500");
        // a default risk comes from the analysis's selective prediction itself
        assertThat(GateEvaluator.of(ten).evaluate(QualityGate.coverageAtRiskAtLeast(0.05, 0.5)).interval())
                .isSameAs(ten.selectivePrediction().coverageAt(0.05).coverageInterval());
    }

    @Test
    void a_threshold_shared_beyond_the_answered_is_not_called_a_rule_in_the_gate_message() {
        // GIVEN ten examples all at confidence 1.0f, the last (by index) wrong: at risk 0.1 the first 9 (ties by
        // example index) are answered, but "confidence at least 1.0000" answers all ten at 10 % errors
        float[][] p = new float[10][2];
        int[] truth = new int[10];
        for (int i = 0; i < 10; i++) {
            p[i][0] = 1f;
            truth[i] = i == 9 ? 1 : 0;
        }
        ErrorAnalysis tied = ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), truth, List.of("yes", "no"));
        // WHEN
        GateResult result = GateEvaluator.of(tied).evaluate(QualityGate.coverageAtRiskAtLeast(0.05, 0.5));
        // THEN
        assertThat(result.measurement().counts()).isEqualTo("9 of 10 answered, the most confident down to "
                + "confidence 1.0000, ties by example index; 1 more example shares this confidence: answering every "
                + "input at or above it answers 10 at 10.0 % risk");
    }

    @Test
    void the_pessimistic_bound_is_the_upper_end_of_the_aurc_and_the_lower_end_of_the_coverage() {
        ErrorAnalysis ten = ten();
        GateResult aurc = GateEvaluator.of(ten).evaluate(QualityGate.aurcAtMost(0.1).onPessimisticBound());
        GateResult coverage = GateEvaluator.of(ten).evaluate(QualityGate.coverageAtRiskAtLeast(0.125, 0.5)
                .onPessimisticBound());
        assertThat(aurc.gate().judged()).isEqualTo(Judged.UPPER_BOUND);
        assertThat(aurc.actual()).isEqualTo(ten.selectivePrediction().aurcInterval().upper());
        assertThat(aurc.passed()).isEqualTo(aurc.actual() <= 0.1);
        assertThat(aurc.subject()).isEqualTo("upper bound of AURC");
        assertThat(coverage.gate().judged()).isEqualTo(Judged.LOWER_BOUND);
        assertThat(coverage.actual()).isEqualTo(ten.coverageAtRisk(0.125, 0.95).coverageInterval().lower())
                .isLessThanOrEqualTo(0.9);
        assertThat(coverage.message()).startsWith((coverage.passed() ? "passed" : "FAILED")
                + " coverage at risk 12.5 % at least 0.5000: lower bound of coverage at risk 12.5 % "
                + coverage.actualText() + " (coverage at risk 12.5 % " + coverage.measurement() + ")");
    }

    @Test
    void gates_given_statistics_are_judged_at_their_level() {
        ErrorAnalysis ten = ten();
        AnalysisStatistics statistics = ten.statistics(0.9);
        GateEvaluator evaluator = GateEvaluator.of(ten, statistics);
        assertThat(evaluator.evaluate(QualityGate.aurcAtMost(0.5)).interval())
                .isEqualTo(ten.selectivePrediction(0.9).aurcInterval());
        assertThat(evaluator.evaluate(QualityGate.coverageAtRiskAtLeast(0.1, 0.5)).interval().level()).isEqualTo(0.9);
    }

    @Test
    void a_risk_no_share_meets_reads_as_such_and_fails_any_coverage_above_zero() {
        // every share of the twenty has an error rate above 1 %: its five most confident answers are wrong
        GateResult result = GateEvaluator.of(TWENTY).evaluate(QualityGate.coverageAtRiskAtLeast(0.01, 0.1));
        assertThat(result.actual()).isZero();
        assertThat(result.passed()).isFalse();
        assertThat(result.measurement().counts()).isEqualTo("0 of 20 answered: no share of the most confident answers "
                + "keeps the error rate at most 1.0 %");
        assertThat(GateEvaluator.of(TWENTY).evaluate(QualityGate.coverageAtRiskAtLeast(0.01, 0)).passed()).isTrue();
    }

    @Test
    void the_coverage_metric_carries_its_risk_in_equality_key_and_words() {
        GateMetric one = GateMetric.coverageAtRisk(0.01);
        assertThat(one).isEqualTo(GateMetric.coverageAtRisk(0.01)).hasSameHashCodeAs(GateMetric.coverageAtRisk(0.01))
                .isNotEqualTo(GateMetric.coverageAtRisk(0.02)).isNotEqualTo(GateMetric.AURC);
        assertThat(one.key()).isEqualTo("coverageAtRisk");
        assertThat(one.risk()).hasValue(0.01);
        assertThat(GateMetric.AURC.risk()).isEmpty();
        assertThat(GateMetric.ACCURACY.risk()).isEmpty();
        assertThat(GateMetric.AURC.key()).isEqualTo("aurc");
        assertThat(one.describe(null)).isEqualTo("coverage at risk 1.0 %");
        assertThat(GateMetric.coverageAtRisk(0.0025).describe(null)).isEqualTo("coverage at risk 0.25 %");
        assertThat(GateMetric.coverageAtRisk(1).describe(null)).isEqualTo("coverage at risk 100.0 %");
        assertThat(GateMetric.coverageAtRisk(0).describe(null)).isEqualTo("coverage at risk 0.0 %");
        assertThat(one.perClass()).isFalse();
        assertThat(one.metric()).isEmpty();
        assertThat(QualityGate.coverageAtRiskAtLeast(0.01, 0.75)).isEqualTo(QualityGate.coverageAtRiskAtLeast(0.01,
                0.75)).isNotEqualTo(QualityGate.coverageAtRiskAtLeast(0.02, 0.75));
    }

    @Test
    void thresholds_risks_and_coverages_outside_0_1_are_refused_in_one_line() {
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.aurcAtMost(1.5))
                .withMessage("the threshold must be in [0, 1], but is 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.aurcAtMost(Double.NaN))
                .withMessage("the threshold must be in [0, 1], but is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.aurcAtMost(-0.1))
                .withMessage("the threshold must be in [0, 1], but is -0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.coverageAtRiskAtLeast(5, 0.5))
                .withMessage("the risk must be in [0, 1], but is 5.0");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.coverageAtRiskAtLeast(Double.NaN, 0.5))
                .withMessage("the risk must be in [0, 1], but is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.coverageAtRiskAtLeast(0.01, 75))
                .withMessage("the coverage must be in [0, 1], but is 75.0");
        assertThatIllegalArgumentException().isThrownBy(() -> QualityGate.coverageAtRiskAtLeast(0.01, -0.5))
                .withMessage("the coverage must be in [0, 1], but is -0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> GateMetric.coverageAtRisk(-0.01))
                .withMessage("the risk must be in [0, 1], but is -0.01");
    }

    @Test
    void report_json_and_junit_xml_show_the_gates_with_the_risk_beside_the_coverage() throws IOException {
        // GIVEN
        ErrorAnalysis ten = ten();
        List<GateResult> results = GateEvaluator.of(ten).evaluate(List.of(
                QualityGate.aurcAtMost(0.2).named("--max-aurc 0.2"),
                QualityGate.coverageAtRiskAtLeast(0.1, 0.75).named("--min-coverage-at-risk 0.1=0.75")
                        .onPessimisticBound()));
        // WHEN
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonCodec.factory().createGenerator(text)) {
            g.writeStartObject();
            GateJson.write(g, results);
            g.writeEndObject();
        }
        JsonNode gates = new ObjectMapper().readTree(text.toString()).get("gates");
        // THEN
        assertThat(gates.get(0).get("metric").asText()).isEqualTo("aurc");
        assertThat(gates.get(0).get("direction").asText()).isEqualTo("atMost");
        assertThat(gates.get(0).has("risk")).isFalse();
        assertThat(gates.get(0).get("actual").asDouble()).isEqualTo(ten.selectivePrediction().aurc());
        assertThat(gates.get(1).get("metric").asText()).isEqualTo("coverageAtRisk");
        assertThat(gates.get(1).get("risk").asDouble()).isEqualTo(0.1);
        assertThat(gates.get(1).get("threshold").asDouble()).isEqualTo(0.75);
        assertThat(gates.get(1).get("judged").asText()).isEqualTo("lowerBound");
        assertThat(gates.get(1).get("verdict").asText()).isEqualTo("failed");
        assertThat(gates.get(1).get("message").asText()).isEqualTo(results.get(1).message());
        assertThat(gates.get(1).get("interval").get("upper").asDouble())
                .isEqualTo(ten.coverageAtRisk(0.1, 0.95).coverageInterval().upper());
        String xml = GateJUnitXml.toXml("suite", results);
        assertThat(xml).contains("tests=\"2\"", "failures=\"1\"", "name=\"--min-coverage-at-risk 0.1=0.75\"",
                "name=\"--max-aurc 0.2\"");
    }
}
