package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.gate.QualityGate;
import io.github.erroranalysis.gate.RobustnessGates;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.testing.Schemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** robustness.json: valid against its shipped schema, with the hand-computed figures of {@link RobustnessTest}. */
class RobustnessJsonTest {

    private static JsonNode written(boolean twoModels) {
        Robustness a = RobustnessTest.study();
        RobustnessComparison c = twoModels
                ? a.compareWith(Robustness.of(RobustnessTest.right(1, 1, 1, 1), RobustnessTest.cells(new int[] {1, 1, 1, 1})))
                : null;
        var gates = RobustnessGates.evaluate(a, List.of(
                QualityGate.corruptionAccuracyAtLeast("b", 0.3).named("--min-corruption-accuracy b=0.3"),
                QualityGate.meanCorruptionAccuracyAtLeast(0.4).named("--min-mean-corruption-accuracy 0.4")));
        return Schemas.tree(RobustnessJson.write(a, c, RobustnessGates.json(gates), 0.95, true));
    }

    @Test
    void oneModelIsValidAndHoldsTheFiguresByHand() {
        JsonNode d = written(false);
        assertThat(Schemas.problems(RobustnessJson.SCHEMA, d)).isEmpty();
        assertThat(d.get("type").asText()).isEqualTo("robustness");
        assertThat(d.get("seed").asLong()).isEqualTo(7L);
        assertThat(d.get("cleanAccuracy").asDouble()).isEqualTo(1.0);
        assertThat(d.get("meanCorruptionAccuracy").asDouble()).isEqualTo(0.4375);
        assertThat(d.get("meanExtraAccuracy").asDouble()).isEqualTo(0.875);
        assertThat(d.get("relativeDrop").asDouble()).isEqualTo(0.5625);
        assertThat(d.get("worstCorruption").asText()).isEqualTo("b");
        JsonNode a = d.get("corruptions").get(0);
        assertThat(a.get("name").asText()).isEqualTo("a");
        assertThat(a.get("meanAccuracy").asDouble()).isEqualTo(0.625);
        JsonNode a1 = a.get("severities").get(0);
        assertThat(a1.get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(a1.get("correct").asInt()).isEqualTo(3);
        assertThat(a1.get("accuracyInterval").get("lower").asDouble())
                .isEqualTo(Intervals.wilson(3, 4, 0.95).lower());
        assertThat(d.get("corruptions").get(2).get("standard").asBoolean()).isFalse();
        // under b: cat 2 of 4 (b1 right on both cats, b2 on neither), dog 0 of 4
        assertThat(d.get("perClassUnderWorst").get(0).get("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(d.get("perClassUnderWorst").get(1).get("accuracy").asDouble()).isZero();
        assertThat(d.get("gates").get(0).get("corruption").asText()).isEqualTo("b");
        assertThat(d.get("gates").get(0).get("verdict").asText()).isEqualTo("failed");
        assertThat(d.get("gates").get(1).get("verdict").asText()).isEqualTo("passed");
        assertThat(d.get("provenance").get("corruptions").toString()).isEqualTo("[\"a\",\"b\",\"x\"]");
        assertThat(d.get("provenance").get("bootstrap").get("seed").asLong()).isEqualTo(42L);
        assertThat(d.has("comparison")).isFalse();
    }

    @Test
    void twoModelsAreValidAndHoldTheComparisonByHand() {
        JsonNode d = written(true);
        assertThat(Schemas.problems(RobustnessJson.SCHEMA, d)).isEmpty();
        JsonNode c = d.get("comparison");
        assertThat(c.get("meanCorruptionAccuracyB").asDouble()).isEqualTo(0.5625);
        assertThat(c.get("meanCorruptionDifference").asDouble()).isEqualTo(0.125);
        JsonNode a = c.get("corruptions").get(0);
        assertThat(a.get("difference").asDouble()).isEqualTo(0.25);
        JsonNode a2 = a.get("severities").get(1);
        assertThat(a2.get("wrongToRight").asInt()).isEqualTo(2);
        assertThat(a2.get("rightToWrong").asInt()).isZero();
        assertThat(a2.get("pValue").asDouble()).isEqualTo(0.5);
        assertThat(a2.get("significant").asBoolean()).isFalse();
    }

    @Test
    void theSchemaIsClosed() {
        ObjectNode d = (ObjectNode) written(true);
        d.put("gaussian_noise", 0.5);
        assertThat(Schemas.problems(RobustnessJson.SCHEMA, d)).isNotEmpty();
        JsonNode one = written(false);
        ((ObjectNode) one.get("corruptions").get(0).get("severities").get(0)).put("extra", 1);
        assertThat(Schemas.problems(RobustnessJson.SCHEMA, one)).isNotEmpty();
    }
}
