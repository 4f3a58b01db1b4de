package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze --temperature bundled / --temperature-file} scored on the temperature's own fit data: a one-line
 * warning on stderr naming how many examples fitted T, the report's sentence and {@code report.json}'s
 * {@code temperatureScaling.inSample} saying so (the ECE after scaling flatters T there; a gate on it passes on leaked
 * data), while a temperature scored on other data says nothing of the kind.
 */
class TemperatureInSampleCliTest {

    /** The class-path resource of the report's schema, in the error-analysis-report jar. */
    private static final String REPORT_SCHEMA = "/io/github/erroranalysis/report/report.schema.json";

    @TempDir
    Path dir;

    @Test
    void a_temperature_file_applied_to_the_predictions_it_was_fitted_on_is_called_in_sample() throws Exception {
        // GIVEN T fitted on these very predictions, and the same 20 rows in other files (other bytes: not known)
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        Files.writeString(dir.resolve("q.csv"), Files.readString(dir.resolve("p.csv")).replace("\n", "\r\n"));
        assertThat(Cli.run(dir, "calibrate", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--out", "t.json").exitCode()).isZero();
        // WHEN
        Cli.Result same = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--temperature-file", "t.json", "--out", "same");
        Cli.Result other = Cli.run(dir, "analyze", "--predictions", "q.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--temperature-file", "t.json", "--out", "other");
        // THEN
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.err().lines()).containsExactly("warning: --temperature-file t.json was fitted on these same "
                + "20 examples: its ECE, log loss and Brier score after scaling are in-sample and flatter it (so do "
                + "gates on them); score T on examples it was not fitted on");
        JsonNode json = Schemas.tree(Files.readString(dir.resolve("same/report.json")));
        assertThat(Schemas.problems(REPORT_SCHEMA, json)).isEmpty();
        assertThat(json.at("/temperatureScaling/inSample").asInt()).isEqualTo(20);
        assertThat(Files.readString(dir.resolve("same/report.md")))
                .contains("(in-sample: T was fitted on these same examples, so its effect here flatters it)");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(other.err()).doesNotContain("in-sample");
        JsonNode otherJson = Schemas.tree(Files.readString(dir.resolve("other/report.json")));
        assertThat(otherJson.at("/temperatureScaling/inSample").asInt()).isZero();
        assertThat(Files.readString(dir.resolve("other/report.md"))).doesNotContain("in-sample");
    }

    @Test
    void the_bundled_temperature_on_the_validation_split_names_the_4000_images_it_was_fitted_on() throws Exception {
        // GIVEN the real training archive, whose validation split holds the bundled temperature's 4,000 fit images
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        // WHEN
        Cli.Result result = Cli.run(dir, "analyze", "--model", "baseline", "--data", archive.toString(), "--split",
                "validation", "--temperature", "bundled", "--saliency", "none", "--quiet", "--out", "val");
        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err().lines()).contains("warning: the bundled temperature of baseline was fitted on 4,000 "
                + "of these 5,000 examples: its ECE, log loss and Brier score after scaling are partly in-sample and "
                + "flatter it (so do gates on them); score T on examples it was not fitted on");
        JsonNode json = Schemas.tree(Files.readString(dir.resolve("val/report.json")));
        assertThat(Schemas.problems(REPORT_SCHEMA, json)).isEmpty();
        assertThat(json.at("/temperatureScaling/inSample").asInt()).isEqualTo(4000);
        assertThat(json.at("/temperatureScaling/fittedOn").asText()).isEqualTo("validation images");
        String md = Files.readString(dir.resolve("val/report.md"));
        assertThat(md).contains("fitted on 4,000 validation images (partly in-sample: 4,000 of these 5,000 examples "
                + "fitted T, so its effect here flatters it)");
        assertThat(md).doesNotContain("other validation images");
    }
}
