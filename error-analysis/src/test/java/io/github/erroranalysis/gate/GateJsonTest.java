package io.github.erroranalysis.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.stats.Interval;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateJsonTest {

    private static final ErrorAnalysis TWENTY = TwentyExamples.analysis();

    @Test
    void every_gate_is_written_with_its_actual_value_interval_threshold_and_verdict() throws IOException {
        // GIVEN
        AnalysisStatistics statistics = TWENTY.statistics();
        List<GateResult> results = GateEvaluator.of(TWENTY, statistics).evaluate(List.of(
                QualityGate.accuracyAtLeast(0.7).named("--min-accuracy 0.7").onPessimisticBound(),
                QualityGate.classAccuracyAtLeast("cat", 0.5).named("--min-class-accuracy cat=0.5")));
        // WHEN
        List<Map<String, Object>> gates = parse(write(results));
        // THEN
        assertThat(gates).hasSize(2);
        Map<String, Object> accuracy = gates.get(0);
        assertThat(accuracy).containsEntry("name", "--min-accuracy 0.7").containsEntry("metric", "accuracy")
                .containsEntry("direction", "atLeast").containsEntry("judged", "lowerBound")
                .containsEntry("threshold", 0.7).containsEntry("actual", statistics.accuracy().lower())
                .containsEntry("verdict", "failed").containsEntry("message", results.get(0).message())
                .doesNotContainKey("className");
        assertThat(accuracy.get("interval")).isEqualTo(Map.of("estimate", 0.75, "lower",
                statistics.accuracy().lower(), "upper", statistics.accuracy().upper(), "level", 0.95, "method",
                "Wilson"));
        assertThat(gates.get(1)).containsEntry("metric", "classAccuracy").containsEntry("className", "cat")
                .containsEntry("judged", "estimate").containsEntry("actual", 0.5).containsEntry("verdict", "passed");
    }

    @Test
    void a_gate_without_examples_has_null_values() throws IOException {
        GateResult result = new GateResult(QualityGate.classAccuracyAtLeast("d", 0.5),
                new Measurement(Interval.undefined(0.95, "Wilson"), "0 of 0 right"));
        Map<String, Object> gate = parse(write(List.of(result))).get(0);
        assertThat(gate).containsEntry("actual", null).containsEntry("verdict", "failed");
        @SuppressWarnings("unchecked")
        Map<String, Object> interval = (Map<String, Object>) gate.get("interval");
        assertThat(interval).containsEntry("estimate", null).containsEntry("lower", null)
                .containsEntry("upper", null).containsEntry("level", 0.95);
    }

    @Test
    void no_gates_write_an_empty_array() throws IOException {
        assertThat(write(List.of())).isEqualTo("{\"gates\":[]}");
    }

    private static String write(List<GateResult> results) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonCodec.factory().createGenerator(text)) {
            g.writeStartObject();
            GateJson.write(g, results);
            g.writeEndObject();
        }
        return text.toString();
    }

    /** Reads {@code {"gates": [...]}} into maps (numbers as doubles, nested objects as maps). */
    private static List<Map<String, Object>> parse(String json) throws IOException {
        try (JsonParser p = JsonCodec.factory().createParser(json)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextFieldName()).isEqualTo(GateJson.FIELD);
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            List<Map<String, Object>> gates = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                gates.add(object(p));
            }
            return gates;
        }
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            out.put(name, switch (t) {
                case START_OBJECT -> object(p);
                case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> p.getDoubleValue();
                case VALUE_NULL -> null;
                default -> p.getText();
            });
        }
        return out;
    }
}
