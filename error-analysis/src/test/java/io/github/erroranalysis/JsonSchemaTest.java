package io.github.erroranalysis;

import io.github.erroranalysis.testing.Schemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.json.JsonCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shipped schemas {@code analysis.schema.json} and {@code comparison.schema.json} accept every document the core
 * writes (an analysis, an accumulator, statistics, a triage, a comparison) and reject mutated ones, so that the
 * validation cannot silently pass.
 */
class JsonSchemaTest {

    private static ErrorAnalysis analysis(int seed) {
        // 4 classes, the last one without examples and never predicted: its metrics are null; origins given
        int n = 24;
        float[][] p = new float[n][];
        float[][] oneHot = new float[n][4];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            float a = random.nextFloat();
            float b = random.nextFloat() * (1 - a);
            p[i] = new float[] {a, b, 1 - a - b, 0f};
            oneHot[i][i % 3] = 1f;
        }
        List<String> origins = java.util.stream.IntStream.range(0, n).mapToObj(i -> "img-" + i + ".png").toList();
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(List.of("cat", "dog", "bird", "frog"));
        acc.eval(Nd4j.createFromArray(oneHot), Nd4j.createFromArray(p), origins);
        return acc.snapshot();
    }

    @Test
    void an_analysis_and_its_accumulator_match_the_analysis_schema_and_read_back() {
        ErrorAnalysis a = analysis(1);
        String json = a.toJson();
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, Schemas.tree(json))).isEmpty();
        assertThat(ErrorAnalysis.fromJson(json)).isEqualTo(a);
        assertThat(ErrorAnalysis.fromJson(json).provenance()).isEqualTo(a.provenance());
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(a.classNames());
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, Schemas.tree(acc.toJson()))).isEmpty();
        ErrorAnalysisAccumulator read = ErrorAnalysisAccumulator.fromJson(json);
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, Schemas.tree(read.toJson()))).isEmpty();
    }

    @Test
    void version_1_files_are_still_read_and_other_versions_refused_naming_them() {
        // the layout of version 1: the examples under "examples", the metrics (ignored when reading) under "metrics"
        String version1 = "{\"schemaVersion\":1,\"type\":\"errorAnalysis\",\"classNames\":[\"cat\",\"dog\"],"
                + "\"classCount\":2,\"examples\":{\"shard\":0,\"trueClasses\":[0,1],\"probabilities\":[[0.9,0.1],"
                + "[0.6,0.4]],\"origins\":[\"a.png\",null]},\"metrics\":{\"examples\":2,\"accuracy\":0.5,"
                + "\"confusionMatrix\":{\"counts\":[[1,0],[1,0]]}}}";
        ErrorAnalysis a = ErrorAnalysis.fromJson(version1);
        assertThat(a.examples()).isEqualTo(2);
        assertThat(a.origin(0)).hasValue("a.png");
        assertThat(a.accuracy()).isEqualTo(0.5);
        assertThat(ErrorAnalysisAccumulator.fromJson(version1).snapshot()).isEqualTo(a);
        // written again, it is a version 2 document that reads back to the same analysis
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, Schemas.tree(a.toJson()))).isEmpty();
        assertThat(ErrorAnalysis.fromJson(a.toJson())).isEqualTo(a);
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorAnalysis.fromJson(version1.replace(
                "\"schemaVersion\":1", "\"schemaVersion\":3")))
                .withMessage("unsupported JSON: schemaVersion is 3, expected 1 or 2");
    }

    @Test
    void statistics_and_triage_match_the_analysis_schema() {
        ErrorAnalysis a = analysis(2);
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, Schemas.tree(a.statistics().toJson()))).isEmpty();
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, Schemas.tree(Triage.of(a).toJson()))).isEmpty();
    }

    @Test
    void a_comparison_matches_the_comparison_schema_with_and_without_names() {
        ModelComparison c = analysis(3).compareWith(analysis(4));
        assertThat(Schemas.problems(JsonCodec.COMPARISON_SCHEMA, Schemas.tree(c.toJson()))).isEmpty();
        JsonNode named = Schemas.tree(StatsJson.comparison(c, "baseline", "candidate", true));
        assertThat(Schemas.problems(JsonCodec.COMPARISON_SCHEMA, named)).isEmpty();
        assertThat(named.get("baselineModel").asText()).isEqualTo("baseline");
        assertThat(named.get("flips").size()).isEqualTo(c.flips().size());
    }

    @Test
    void every_interval_is_the_one_object_beside_a_plain_number() {
        JsonNode json = Schemas.tree(analysis(5).toJson());
        assertThat(json.get("accuracy").isNumber()).isTrue();
        assertThat(json.get("accuracyInterval").fieldNames()).toIterable()
                .containsExactly("estimate", "lower", "upper", "level", "method");
        assertThat(json.get("calibration").get("eceInterval").get("method").asText()).isNotBlank();
        assertThat(json.get("calibration").has("brierScore")).isTrue();
        assertThat(json.get("perClass").get(0).get("accuracyInterval").get("level").asDouble()).isEqualTo(0.95);
        assertThat(json.get("hardestClass").get("accuracyInterval").isObject()).isTrue();
        assertThat(json.get("macro").get("f1Interval").isObject()).isTrue();
        assertThat(json.get("calibration").get("bins").get(14).get("index").asInt()).isEqualTo(14);
    }

    @Test
    void mutated_analysis_documents_are_rejected() {
        String json = analysis(6).toJson();
        ObjectNode flat = (ObjectNode) Schemas.tree(json);
        ((ObjectNode) flat.get("perClass").get(0)).remove("accuracyInterval");
        ((ObjectNode) flat.get("perClass").get(0)).put("ciLow", 0.1);
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, flat)).isNotEmpty();
        ObjectNode brier = (ObjectNode) Schemas.tree(json);
        ObjectNode calibration = (ObjectNode) brier.get("calibration");
        calibration.set("brier", calibration.remove("brierScore"));
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, brier)).isNotEmpty();
        ObjectNode version1 = (ObjectNode) Schemas.tree(json);
        version1.put("schemaVersion", 1);
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, version1)).isNotEmpty();
        ObjectNode noBinIndex = (ObjectNode) Schemas.tree(json);
        ((ObjectNode) noBinIndex.get("calibration").get("bins").get(0)).remove("index");
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, noBinIndex)).isNotEmpty();
        ObjectNode statistics = (ObjectNode) Schemas.tree(analysis(6).statistics().toJson());
        ((ObjectNode) statistics.get("eceInterval")).put("level", 95);
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, statistics)).isNotEmpty();
    }

    @Test
    void a_mutated_comparison_is_rejected() {
        ObjectNode c = (ObjectNode) Schemas.tree(analysis(7).compareWith(analysis(8)).toJson());
        ObjectNode interval = (ObjectNode) c.remove("accuracyChangeInterval");
        c.put("accuracyChangeCiLow", interval.get("lower").asDouble());
        assertThat(Schemas.problems(JsonCodec.COMPARISON_SCHEMA, c)).isNotEmpty();
        // an interval of another shape is caught through the $ref into analysis.schema.json
        ObjectNode shape = (ObjectNode) Schemas.tree(analysis(7).compareWith(analysis(8)).toJson());
        ((ObjectNode) shape.get("baselineAccuracyInterval")).remove("method");
        assertThat(Schemas.problems(JsonCodec.COMPARISON_SCHEMA, shape)).hasSize(1).first().asString()
                .contains("baselineAccuracyInterval", "method");
    }
}
