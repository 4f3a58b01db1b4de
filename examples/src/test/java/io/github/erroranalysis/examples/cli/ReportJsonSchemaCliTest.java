package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.testing.Schemas;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code report.json} that {@code analyze} really writes (with gates, class gates and the ECE gate) matches the
 * shipped, closed {@code report.schema.json}: a key the schema does not list, left over by any writer, fails here.
 */
class ReportJsonSchemaCliTest {

    /** The class-path resource of the report's schema, in the error-analysis-report jar. */
    private static final String REPORT_SCHEMA = "/io/github/erroranalysis/report/report.schema.json";

    @Test
    void the_report_json_of_analyze_matches_the_report_schema(@TempDir Path dir) throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        Cli.Result result = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--min-accuracy", "0.1", "--min-class-accuracy", "dog=0.1", "--max-ece", "0.9",
                "--out", "report");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = Schemas.JSON.readTree(dir.resolve("report/report.json").toFile());
        assertThat(json.get("gates")).hasSize(3);
        assertThat(Schemas.problems(REPORT_SCHEMA, json)).isEmpty();
        // every wrong prediction's record is in wrong.jsonl beside it, each line matching its schema
        java.util.List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("report/wrong.jsonl"));
        assertThat(lines).hasSize(json.get("wrongPredictions").get("count").asInt()).isNotEmpty();
        for (String line : lines) {
            assertThat(Schemas.problems(io.github.erroranalysis.json.JsonCodec.WRONG_LINE_SCHEMA,
                    Schemas.JSON.readTree(line))).as(line).isEmpty();
        }
        assertThat(result.out()).contains("report.json, wrong.jsonl and ");
        // and the schema is not open: a leftover key of version 1 beside the real ones is caught
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("brier", 0.2);
        assertThat(Schemas.problems(REPORT_SCHEMA, json)).isNotEmpty();
    }
}
