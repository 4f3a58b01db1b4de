package io.github.erroranalysis;

import io.github.erroranalysis.testing.Schemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.json.JsonCodec;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shipped schemas {@code analysis.schema.json} and {@code comparison.schema.json} accept every document the core
 * writes (an analysis, an accumulator, statistics, a triage, a comparison) and reject mutated ones (a key added to any
 * object, the keys of version 1), so that the validation cannot silently pass and no leftover writer goes unseen.
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
    void a_comparison_carries_the_provenance_of_both_analyses() {
        ErrorAnalysis baseline = analysis(3);
        ErrorAnalysis candidate = analysis(4);
        JsonNode json = Schemas.tree(baseline.compareWith(candidate).toJson());
        assertThat(json.get("baselineProvenance").get("dataFingerprint").asText())
                .isEqualTo(baseline.provenance().dataFingerprint()).startsWith("sha256:");
        assertThat(json.get("candidateProvenance").get("dataFingerprint").asText())
                .isEqualTo(candidate.provenance().dataFingerprint());
        assertThat(json.get("baselineProvenance").get("libraryVersion").asText())
                .isEqualTo(Provenance.currentLibraryVersion());
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
        ((ObjectNode) statistics.get("calibration").get("eceInterval")).put("level", 95);
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
        // (the closed root then also reports the keys of the failed part as unevaluated)
        assertThat(Schemas.problems(JsonCodec.COMPARISON_SCHEMA, shape)).anySatisfy(m -> assertThat(m.getMessage())
                .contains("baselineAccuracyInterval", "method"));
    }

    /** Every document the core writes, by name: an analysis, an accumulator with data, statistics, a triage, a comparison. */
    private static Map<String, JsonNode> documents() {
        ErrorAnalysis a = analysis(9);
        Map<String, JsonNode> documents = new java.util.LinkedHashMap<>();
        documents.put("analysis", Schemas.tree(a.toJson()));
        documents.put("accumulator", Schemas.tree(ErrorAnalysisAccumulator.fromJson(a.toJson()).toJson()));
        documents.put("statistics", Schemas.tree(a.statistics().toJson()));
        documents.put("triage", Schemas.tree(Triage.of(a).toJson()));
        documents.put("comparison", Schemas.tree(StatsJson.comparison(a.compareWith(analysis(10)), "b", "c", false)));
        return documents;
    }

    private static String schemaOf(String document) {
        return document.equals("comparison") ? JsonCodec.COMPARISON_SCHEMA : JsonCodec.ANALYSIS_SCHEMA;
    }

    @Test
    void an_added_key_is_rejected_in_every_object_of_every_document() {
        for (Map.Entry<String, JsonNode> d : documents().entrySet()) {
            assertThat(Schemas.objectPointers(d.getValue(), p -> false)).as(d.getKey()).hasSizeGreaterThan(1);
            assertThat(Schemas.objectsAcceptingAnAddedKey(schemaOf(d.getKey()), d.getValue(), p -> false))
                    .as("objects of the %s that accept a key more", d.getKey()).isEmpty();
        }
    }

    @Test
    void the_keys_of_version_1_are_rejected() {
        JsonNode json = Schemas.tree(analysis(11).toJson());
        // each added beside the keys of version 2, as a leftover writer would
        List<String> pointers = List.of("", "", "/perClass/0", "/perClass/0", "/hardestClass", "/calibration", "/calibration",
                "");
        List<String> keys = List.of("brier", "intervalMethod", "ciLow", "ciHigh", "ciLow", "eceCiLow", "eceCiHigh",
                "logLossValue");
        for (int i = 0; i < keys.size(); i++) {
            ObjectNode copy = json.deepCopy();
            ((ObjectNode) copy.at(pointers.get(i))).put(keys.get(i), 0.5);
            assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, copy)).as("%s at '%s'", keys.get(i),
                    pointers.get(i)).isNotEmpty();
        }
        // the statistics' version 1 layout: ece and macroF1 at the top level
        ObjectNode statistics = (ObjectNode) Schemas.tree(analysis(11).statistics().toJson());
        statistics.put("ece", 0.1).put("macroF1", 0.5);
        assertThat(Schemas.problems(JsonCodec.ANALYSIS_SCHEMA, statistics)).isNotEmpty();
    }

    @Test
    void the_statistics_have_the_layout_of_the_analysis_metrics() {
        ErrorAnalysis a = analysis(12);
        JsonNode statistics = Schemas.tree(a.statistics().toJson());
        JsonNode metrics = Schemas.tree(a.toJson());
        assertThat(statistics.has("ece")).isFalse();
        assertThat(statistics.has("macroF1")).isFalse();
        assertThat(statistics.get("calibration").get("eceInterval")).isEqualTo(metrics.get("calibration").get("eceInterval"));
        assertThat(statistics.get("calibration").get("ece").asDouble())
                .isEqualTo(a.statistics().ece().estimate());
        assertThat(statistics.get("macro").get("f1Interval")).isEqualTo(metrics.get("macro").get("f1Interval"));
        assertThat(statistics.get("macro").get("f1").asDouble()).isEqualTo(a.statistics().macroF1().estimate());
        for (String key : List.of("accuracy", "accuracyInterval", "hardestClass", "bootstrap")) {
            assertThat(statistics.get(key)).as(key).isEqualTo(key.equals("hardestClass")
                    ? withoutMostConfusedWith(metrics.get(key)) : metrics.get(key));
        }
    }

    private static JsonNode withoutMostConfusedWith(JsonNode hardest) {
        ObjectNode copy = hardest.deepCopy();
        copy.remove("mostConfusedWith");
        return copy;
    }

    /**
     * Checks the one shape of a class reference in every object: a key {@code <role>Class} holds a name (or null) and
     * has {@code <role>ClassIndex} beside it, and the other way round; no {@code ...ClassName} key is left.
     */
    static List<String> classReferenceProblems(JsonNode node, String at) {
        List<String> problems = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                JsonNode v = e.getValue();
                if (key.endsWith("ClassName")) {
                    problems.add(at + "/" + key + " is a name under a key of its own");
                } else if (key.endsWith("Class") && (v.isTextual() || v.isNull() || v.isIntegralNumber())) {
                    // (a fraction such as shareOfTrueClass is no reference)
                    if (!(v.isTextual() || v.isNull()) || !node.has(key + "Index")) {
                        problems.add(at + "/" + key + " is not a name with " + key + "Index beside it");
                    }
                } else if (key.endsWith("ClassIndex")) {
                    String name = key.substring(0, key.length() - "Index".length());
                    if (!(v.isInt() || v.isNull()) || !node.has(name)) {
                        problems.add(at + "/" + key + " is not an index with " + name + " beside it");
                    }
                }
                problems.addAll(classReferenceProblems(v, at + "/" + key));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                problems.addAll(classReferenceProblems(node.get(i), at + "/" + i));
            }
        }
        return problems;
    }

    @Test
    void every_class_reference_is_a_name_with_its_index_beside_it() {
        Map<String, JsonNode> documents = documents();
        for (Map.Entry<String, JsonNode> d : documents.entrySet()) {
            assertThat(classReferenceProblems(d.getValue(), "")).as(d.getKey()).isEmpty();
        }
        JsonNode comparison = documents.get("comparison");
        JsonNode change = comparison.get("confusionChanges").get(0);
        assertThat(change.get("trueClass").asText()).isEqualTo(
                documents.get("analysis").get("classNames").get(change.get("trueClassIndex").asInt()).asText());
        JsonNode flip = comparison.get("flips").get(0);
        assertThat(flip.get("baselinePredictedClass").isTextual()).isTrue();
        assertThat(flip.get("candidatePredictedClassIndex").isInt()).isTrue();
        JsonNode mistake = documents.get("triage").get("mistakes").get(0);
        assertThat(mistake.get("givenClass").isTextual()).isTrue();
        assertThat(mistake.get("givenClassIndex").isInt()).isTrue();
        assertThat(documents.get("analysis").get("hardestClass").get("mostConfusedWith").get("predictedClassIndex")
                .isInt()).isTrue();
        // the check itself catches the shapes of before
        assertThat(classReferenceProblems(Schemas.tree("{\"trueClass\": 3, \"trueClassName\": \"cat\"}"), ""))
                .hasSize(2);
    }

    @Test
    void every_writer_writes_an_undefined_number_as_null() {
        TriagedMistake nan = new TriagedMistake(3, Optional.empty(), 0, "cat", 1, "dog", Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, MistakeKind.AMBIGUOUS, Optional.empty());
        JsonNode m = Schemas.tree(JsonCodec.document("test", false, g -> {
            g.writeFieldName("m");
            StatsJson.writeMistake(g, nan);
        })).get("m");
        for (String key : List.of("givenClassProbability", "confidence", "margin", "labelQuality", "suggestedClass",
                "suggestedClassIndex")) {
            assertThat(m.get(key).isNull()).as(key).isTrue();
        }
        ModelComparison c = analysis(13).compareWith(analysis(14));
        FlippedExample f = c.flips().get(0);
        ModelComparison undefined = new ModelComparison(c.level(), c.examples(), c.testSet(), c.baselineAccuracy(),
                c.candidateAccuracy(), c.accuracyChange(), c.mcnemar(), c.selectivePrediction(),
                List.of(new FlippedExample(f.index(),
                        f.origin(), f.trueClass(), f.trueClassName(), f.flip(), f.baselinePredicted(),
                        f.baselinePredictedName(), Double.NaN, f.candidatePredicted(), f.candidatePredictedName(),
                        Double.POSITIVE_INFINITY)), c.perClass(), c.confusionChanges(), c.bootstrap(),
                c.baselineProvenance(), c.candidateProvenance());
        JsonNode flip = Schemas.tree(undefined.toJson()).get("flips").get(0);
        assertThat(flip.get("baselineConfidence").isNull()).isTrue();
        assertThat(flip.get("candidateConfidence").isNull()).isTrue();
        assertThat(Schemas.problems(JsonCodec.COMPARISON_SCHEMA, Schemas.tree(undefined.toJson()))).isEmpty();
    }

    @Test
    void a_key_written_twice_and_a_metric_named_like_an_interval_are_refused() {
        assertThatThrownBy(() -> JsonCodec.document("test", false, g -> {
            JsonCodec.metric(g, "foo", 0.5, null);
            JsonCodec.number(g, "fooInterval", 0.1);
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("Duplicate field 'fooInterval'");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonCodec.document("test", false,
                g -> JsonCodec.metric(g, "meanInterval", 0.5, null)))
                .withMessage("a metric's key must not end in 'Interval' (the key of its interval does), but is "
                        + "'meanInterval'");
    }

    @Test
    void a_training_epoch_is_the_one_shape_with_null_for_what_was_not_recorded() {
        JsonNode e = Schemas.tree(JsonCodec.document("test", false, g -> {
            g.writeFieldName("e");
            JsonCodec.trainingEpoch(g, 2, 1.5, 0.4, Double.NaN, 0.35, Double.NaN);
        })).get("e");
        assertThat(e.fieldNames()).toIterable().containsExactly("epoch", "trainLoss", "trainAccuracy",
                "validationLoss", "validationAccuracy", "seconds");
        assertThat(e.get("validationLoss").isNull()).isTrue();
        assertThat(e.get("seconds").isNull()).isTrue();
    }
}
