package io.github.erroranalysis.report;

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
 * report with undefined metrics), and rejects mutated ones, so that the validation cannot silently pass.
 */
class ReportSchemaTest {

    private static ErrorAnalysis analysis;
    private static JsonNode full;

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
}
