package io.github.erroranalysis.report;

import io.github.erroranalysis.testing.ConstantMetric;
import io.github.erroranalysis.testing.Schemas;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricContext;
import io.github.erroranalysis.gate.GateEvaluator;
import io.github.erroranalysis.gate.QualityGate;
import io.github.erroranalysis.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shipped {@code report.schema.json} accepts the {@code report.json} files the report tests' fixtures write (every
 * optional part: provenance, history, comparison, occlusion maps, gates, a user's metric and section; and a sparse
 * report with undefined metrics), and rejects mutated ones (a key added to any object but a user's section values, the
 * keys of version 1), so that the validation cannot silently pass and no leftover writer goes unseen.
 */
class ReportSchemaTest {

    private static ErrorAnalysis analysis;
    private static JsonNode full;
    private static Path wrongLines;

    /** The mean probability of the true class, a user's metric. */
    static final class MeanTrueClassProbability implements Metric<Double> {
        @Override
        public String name() {
            return "meanTrueClassProbability";
        }

        @Override
        public Double compute(MetricContext c) {
            double sum = 0;
            for (int i = 0; i < c.examples(); i++) {
                sum += c.probability(i, c.trueClass(i));
            }
            return c.examples() == 0 ? Double.NaN : sum / c.examples();
        }
    }

    /** A user's section that writes JSON values. */
    static final class Notes implements ReportSection {
        @Override
        public String id() {
            return "course-notes";
        }

        @Override
        public String title() {
            return "Course notes";
        }

        @Override
        public void render(SectionWriter out, ErrorAnalysis a) {
            out.paragraph("notes").json("examples", a.examples()).json("list", List.of(1, "two"))
                    .json("nested", Map.of("ok", true)).json("nothing", null);
        }
    }

    @BeforeAll
    static void write(@TempDir Path dir) throws IOException {
        analysis = ReportFixtures.analysis(400, ReportFixtures.CIFAR, 11);
        INDArray image = Nd4j.rand(3, 32, 32);
        OcclusionMap map = Occlusion.map(new OcclusionTest.CountingClassifier(), image.reshape(1, 3, 32, 32), 0,
                OcclusionSettings.defaults());
        var statistics = analysis.statistics();
        ErrorReport report = ErrorReport.builder(analysis).title("Baseline on CIFAR-10")
                .images(ReportFixtures.images(7)).provenance(ReportFixtures.provenance())
                .trainingHistory(ReportFixtures.history()).statistics(statistics)
                .comparison("baseline", ReportFixtures.analysis(400, ReportFixtures.CIFAR, 12), "candidate")
                .occlusion(12, map)
                .gates(GateEvaluator.of(analysis, statistics).evaluate(List.of(QualityGate.accuracyAtLeast(0.5),
                        QualityGate.classAccuracyAtLeast("cat", 0.9), QualityGate.eceAtMost(0.5),
                        QualityGate.atLeast(Metrics.macroF1(), 0.3).onPessimisticBound(),
                        QualityGate.atMost(new MeanTrueClassProbability(), 2.5))))
                .metric(new MeanTrueClassProbability()).section(new Notes()).build();
        Path folder = report.writeTo(dir.resolve("report"));
        full = Schemas.tree(Files.readString(folder.resolve(ErrorReport.JSON_FILE)));
        wrongLines = folder.resolve(ErrorReport.WRONG_FILE);
    }

    @Test
    void a_report_with_every_part_matches_the_schema() {
        assertThat(Schemas.problems(ReportJson.SCHEMA, full)).isEmpty();
        assertThat(full.get("schemaVersion").asInt()).isEqualTo(JsonCodec.SCHEMA_VERSION);
        assertThat(full.get("gates")).hasSize(5);
        assertThat(full.get("gates").get(3).get("metric").asText()).isEqualTo("macroF1");
        assertThat(full.get("gates").get(3).get("judged").asText()).isEqualTo("lowerBound");
        assertThat(full.get("gates").get(4).get("metric").asText()).isEqualTo("meanTrueClassProbability");
        assertThat(full.get("occlusion")).hasSize(1);
        assertThat(full.get("comparison").get("flips").size()).isPositive();
        assertThat(full.get("metrics").has("meanTrueClassProbabilityInterval")).isTrue();
        assertThat(full.get("sections").get("course-notes").get("examples").asInt()).isEqualTo(400);
    }

    @Test
    void every_line_of_wrong_jsonl_matches_its_schema_and_an_added_or_removed_key_is_rejected() throws IOException {
        List<String> lines = Files.readAllLines(wrongLines);
        assertThat(lines).hasSize(analysis.wrong().size()).isNotEmpty();
        for (String line : lines) {
            assertThat(Schemas.problems(JsonCodec.WRONG_LINE_SCHEMA, Schemas.tree(line))).as(line).isEmpty();
        }
        JsonNode first = Schemas.tree(lines.get(0));
        assertThat(Schemas.objectsAcceptingAnAddedKey(JsonCodec.WRONG_LINE_SCHEMA, first, p -> false)).isEmpty();
        ObjectNode removed = first.deepCopy();
        removed.remove("top");
        assertThat(Schemas.problems(JsonCodec.WRONG_LINE_SCHEMA, removed)).isNotEmpty();
        ObjectNode withoutKind = first.deepCopy();
        withoutKind.remove("kind"); // every line says its triage kind
        assertThat(Schemas.problems(JsonCodec.WRONG_LINE_SCHEMA, withoutKind)).isNotEmpty();
        // report.json is lean: the records of the examples it shows, not one per wrong prediction
        assertThat(full.get("shownExamples").size()).isLessThan(lines.size());
        assertThat(full.get("wrongPredictions").get("count").asInt()).isEqualTo(lines.size());
    }

    @Test
    void report_json_lists_the_most_suspect_label_issues_and_counts_them_all() {
        assertThat(full.get("labelIssueCount").asInt()).isEqualTo(analysis.labelIssues().size())
                .isEqualTo(full.get("labelIssues").size()); // fewer than the cap: every one
        // random predictions: most wrong predictions look like label issues, more than report.json lists
        java.util.Random r = new java.util.Random(3);
        int n = 12_000;
        float[][] p = new float[n][10];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int c = 0; c < 10; c++) {
                p[i][c] = r.nextFloat() * r.nextFloat() * r.nextFloat();
                sum += p[i][c];
            }
            for (int c = 0; c < 10; c++) {
                p[i][c] /= sum;
            }
            y[i] = r.nextInt(10);
        }
        ErrorAnalysis random = ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), y, ReportFixtures.CIFAR);
        JsonNode json = Schemas.tree(ErrorReport.builder(random).build().toJson());
        assertThat(Schemas.problems(ReportJson.SCHEMA, json)).isEmpty();
        var issues = random.labelIssues();
        assertThat(issues.size()).isGreaterThan(ReportJson.LABEL_ISSUES_KEPT);
        assertThat(json.get("labelIssueCount").asInt()).isEqualTo(issues.size());
        assertThat(json.get("labelIssues")).hasSize(ReportJson.LABEL_ISSUES_KEPT);
        for (int k : new int[] {0, ReportJson.LABEL_ISSUES_KEPT - 1}) { // the most suspect, in the triage's order
            assertThat(json.get("labelIssues").get(k).get("index").asInt()).isEqualTo(issues.get(k).index());
        }
    }

    @Test
    void a_sparse_report_with_undefined_metrics_matches_the_schema() {
        // class "c" has no examples and is never predicted
        float[] probs = {0.9f, 0.1f, 0f, 0.2f, 0.8f, 0f, 0.6f, 0.4f, 0f};
        ErrorAnalysis sparse = ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {3, 3}, 'c'),
                new int[] {0, 1, 1}, List.of("a", "b", "c"));
        JsonNode json = Schemas.tree(ErrorReport.builder(sparse).build().toJson());
        assertThat(Schemas.problems(ReportJson.SCHEMA, json)).isEmpty();
        assertThat(json.get("perClass").get(2).get("accuracy").isNull()).isTrue();
    }

    @Test
    void the_analysis_metrics_in_report_json_are_those_of_the_analysis_json() {
        JsonNode own = Schemas.tree(analysis.toJson());
        for (String key : List.of("examples", "correct", "accuracy", "accuracyInterval", "topKAccuracy", "perClass",
                "macro", "weighted", "hardestClass", "confusion", "calibration", "bootstrap")) {
            assertThat(full.get(key)).as("key %s", key).isEqualTo(own.get(key));
        }
    }

    @Test
    void mutated_reports_are_rejected() {
        ObjectNode flat = full.deepCopy();
        ObjectNode cat = (ObjectNode) flat.get("perClass").get(3);
        cat.remove("accuracyInterval");
        cat.put("ciLow", 0.1).put("ciHigh", 0.2);
        assertThat(Schemas.problems(ReportJson.SCHEMA, flat)).isNotEmpty();

        ObjectNode brier = full.deepCopy();
        brier.set("brier", ((ObjectNode) brier.get("calibration")).remove("brierScore"));
        assertThat(Schemas.problems(ReportJson.SCHEMA, brier)).isNotEmpty();

        ObjectNode gate = full.deepCopy();
        ((ObjectNode) gate.get("gates").get(0)).put("verdict", "maybe");
        assertThat(Schemas.problems(ReportJson.SCHEMA, gate)).isNotEmpty();

        ObjectNode comparison = full.deepCopy();
        ((ObjectNode) comparison.get("comparison")).remove("mcnemar");
        assertThat(Schemas.problems(ReportJson.SCHEMA, comparison)).isNotEmpty();

        ObjectNode metric = full.deepCopy();
        ((ObjectNode) metric.get("metrics")).put("meanTrueClassProbability", "high");
        assertThat(Schemas.problems(ReportJson.SCHEMA, metric)).isNotEmpty();

        ObjectNode version = full.deepCopy();
        version.put("schemaVersion", 1);
        assertThat(Schemas.problems(ReportJson.SCHEMA, version)).isNotEmpty();
    }

    @Test
    void an_added_key_is_rejected_in_every_object_but_the_users_own_values() {
        // sections.<id> holds a user's values and metrics a user's metrics (any [a-z][a-zA-Z0-9]* name): open by design
        java.util.function.Predicate<String> users = p -> p.startsWith("/sections/") || p.equals("/metrics");
        assertThat(Schemas.objectPointers(full, users)).contains("", "/perClass/0", "/hardestClass/runnerUp",
                "/calibration/bins/0", "/comparison/flips/0", "/trainingHistory/0", "/labelIssues/0", "/gates/0",
                "/occlusion/0", "/provenance", "/wrongPredictions", "/shownExamples/0", "/shownExamples/0/top/0");
        assertThat(Schemas.objectsAcceptingAnAddedKey(ReportJson.SCHEMA, full, users)).isEmpty();
        // a user's section value is not closed
        ObjectNode own = full.deepCopy();
        ((ObjectNode) own.get("sections").get("course-notes")).put("addedKey", 1);
        assertThat(Schemas.problems(ReportJson.SCHEMA, own)).isEmpty();
    }

    @Test
    void the_keys_of_version_1_are_rejected_beside_those_of_version_2() {
        List<String> pointers = List.of("", "", "", "/perClass/3", "/perClass/3", "/hardestClass", "/calibration",
                "/calibration", "/labelIssues/0", "/shownExamples/0", "/comparison", "/comparison/confusionChanges/0");
        List<String> keys = List.of("brier", "logLoss", "intervalMethod", "ciLow", "ciHigh", "ciLow", "eceCiLow",
                "eceCiHigh", "score", "trueClassName", "mcnemarPValue", "trueClassName");
        for (int i = 0; i < keys.size(); i++) {
            ObjectNode copy = full.deepCopy();
            ((ObjectNode) copy.at(pointers.get(i))).put(keys.get(i), 0.5);
            assertThat(Schemas.problems(ReportJson.SCHEMA, copy)).as("%s at '%s'", keys.get(i), pointers.get(i))
                    .isNotEmpty();
        }
    }

    @Test
    void label_issues_and_epochs_have_the_one_shape_of_the_triage_and_of_a_saved_history() {
        JsonNode issue = full.get("labelIssues").get(0);
        JsonNode triage = Schemas.tree(analysis.triage().toJson()).get("labelIssues").get(0);
        assertThat(issue).isEqualTo(triage);
        assertThat(issue.get("givenClassIndex").isInt()).isTrue();
        assertThat(full.get("trainingHistory").get(0).fieldNames()).toIterable().containsExactly("epoch",
                "trainLoss", "trainAccuracy", "validationLoss", "validationAccuracy", "seconds");
        assertThat(full.get("trainingHistory").get(0).get("seconds").isNull()).isTrue(); // not recorded
        JsonNode wrong = full.get("shownExamples").get(0);
        assertThat(wrong.get("trueClass").asText()).isEqualTo(analysis.classNames().get(wrong.get("trueClassIndex")
                .asInt()));
        assertThat(full.get("occlusion").get(0).get("explainedClassIndex").asInt()).isZero();
    }

    /** A metric of a user's that gives a whole number. */
    static final class WrongCount implements Metric<Integer> {
        @Override
        public String name() {
            return "wrongCount";
        }

        @Override
        public Integer compute(MetricContext c) {
            int wrong = 0;
            for (int i = 0; i < c.examples(); i++) {
                wrong += c.trueClass(i) == c.predictedClass(i) ? 0 : 1;
            }
            return wrong;
        }
    }

    @Test
    void a_report_with_metrics_of_ones_own_matches_the_schema_and_a_name_ending_in_interval_is_refused() {
        // meanIntervalWidth holds "Interval" without ending in it, and is undefined (NaN)
        JsonNode json = Schemas.tree(ErrorReport.builder(analysis).metric(new MeanTrueClassProbability())
                .metric(new WrongCount()).metric(new ConstantMetric("meanIntervalWidth", Double.NaN)).build()
                .toJson());
        assertThat(Schemas.problems(ReportJson.SCHEMA, json)).isEmpty();
        JsonNode metrics = json.get("metrics");
        assertThat(metrics.fieldNames()).toIterable().containsExactly("meanTrueClassProbability",
                "meanTrueClassProbabilityInterval", "wrongCount", "wrongCountInterval", "meanIntervalWidth",
                "meanIntervalWidthInterval");
        assertThat(metrics.get("wrongCount").asInt()).isEqualTo(analysis.wrong().size());
        assertThat(metrics.get("meanIntervalWidth").isNull()).isTrue();
        // a value where an interval belongs, or an interval where a value belongs, is rejected
        ObjectNode swapped = json.deepCopy();
        ((ObjectNode) swapped.get("metrics")).put("wrongCountInterval", 3);
        assertThat(Schemas.problems(ReportJson.SCHEMA, swapped)).isNotEmpty();
        // the name rule the schema relies on: no metric's name ends in Interval
        Metric<Double> meanInterval = new Metric<>() {
            @Override
            public String name() {
                return "meanInterval";
            }

            @Override
            public Double compute(MetricContext c) {
                return 0.5;
            }
        };
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ErrorReport.builder(analysis).metric(meanInterval))
                .withMessageContaining("'meanInterval'");
    }

    @Test
    void reports_of_other_shapes_match_the_schema() {
        // every prediction right (no wrong, no label issue, never confused), two classes with epochs (with and without seconds), and more classes than a figure draws with a comparison
        float[] right = {0.9f, 0.1f, 0.2f, 0.8f};
        ErrorAnalysis perfect = ErrorAnalysis.fromPredictions(Nd4j.create(right, new long[] {2, 2}, 'c'),
                new int[] {0, 1}, List.of("a", "b"));
        List<String> many = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "class" + i).toList();
        ErrorAnalysis wide = ReportFixtures.analysis(300, many, 5);
        List<JsonNode> reports = List.of(
                Schemas.tree(ErrorReport.builder(perfect).build().toJson()),
                Schemas.tree(ErrorReport.builder(ReportFixtures.analysis(60, List.of("cat", "dog"), 3))
                        .trainingHistory(List.of(new TrainingEpoch(1, 2.0, 0.4, 2.1, 0.38, 12.5),
                                new TrainingEpoch(2, Double.NaN, 0.5, Double.NaN, 0.45)))
                        .build().toJson()),
                Schemas.tree(ErrorReport.builder(wide).comparison("a", ReportFixtures.analysis(300, many, 6), "b")
                        .build().toJson()));
        for (JsonNode json : reports) {
            assertThat(Schemas.problems(ReportJson.SCHEMA, json)).as(json.get("classNames").toString()).isEmpty();
        }
        assertThat(reports.get(0).get("wrongPredictions").get("count").asInt()).isZero();
        // no wrong prediction: the only example shown is the hardest class's most confident right one
        assertThat(reports.get(0).get("shownExamples")).hasSize(1).allMatch(e -> e.get("trueClassIndex")
                .equals(e.get("predictedClassIndex")));
        assertThat(reports.get(0).get("hardestClass").get("mostConfusedWith").isNull()).isTrue();
        assertThat(reports.get(1).get("trainingHistory").get(0).get("seconds").asDouble()).isEqualTo(12.5);
        assertThat(reports.get(1).get("trainingHistory").get(1).get("trainLoss").isNull()).isTrue();
        assertThat(reports.get(2).get("perClass")).hasSize(40);
    }
}
