package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.TemperatureFit;
import io.github.erroranalysis.TemperatureJson;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calibrate} and {@code analyze --temperature T|bundled / --temperature-file FILE.json}: the fit printed and
 * written (schema-valid, atomically), the temperature applied before everything (report, gates, JSON), the main job's
 * bundled temperature shown but not applied, and bad input refused in one line with exit 2, nothing written. The
 * twenty examples of {@link Cli#writePredictions}: 15 right at confidence 0.6, 5 wrong at 0.9, so over-confident
 * where it is wrong and under-confident where it is right.
 */
class TemperatureCliTest {

    /** The class-path resource of the report's schema, in the error-analysis-report jar. */
    private static final String REPORT_SCHEMA = "/io/github/erroranalysis/report/report.schema.json";

    @TempDir
    Path dir;

    @BeforeEach
    void writePredictions() throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
    }

    private Cli.Result run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--predictions", "p.csv", "--labels", "labels.csv",
                "--classes", "classes.txt"));
        args.addAll(List.of(more));
        return Cli.run(dir, args.toArray(String[]::new));
    }

    private ErrorAnalysis predictions() throws IOException {
        return ErrorAnalysis.fromCsv(dir.resolve("p.csv"), dir.resolve("labels.csv"), List.of("cat", "dog", "frog"));
    }

    @Test
    void calibrate_prints_t_and_the_scores_before_and_after_and_writes_a_file_the_schema_and_reader_accept()
            throws Exception {
        // WHEN
        Cli.Result result = run("calibrate", "--out", "t.json");
        // THEN
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        TemperatureScaling expected = TemperatureScaling.fit(predictions());
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Fitted on 20 examples of ");
        assertThat(lines.get(1)).isEqualTo(String.format(java.util.Locale.ROOT, "temperature T = %s (mean NLL %.4f "
                + "-> %.4f; accuracy unchanged, 75.0 %%)", TemperatureScaling.format(expected.temperature()),
                expected.negativeLogLikelihoodBefore(), expected.negativeLogLikelihoodAfter()));
        assertThat(lines.get(2)).matches("  ECE          52\\.5 % \\[\\d+\\.\\d %, \\d+\\.\\d %\\] -> \\d+\\.\\d % .*");
        assertThat(lines.get(3)).startsWith("  log loss     ");
        assertThat(lines.get(4)).startsWith("  Brier score  ");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("temperature written to " + dir.resolve("t.json")
                + "; apply it with cifar-errors analyze --temperature-file t.json");
        TemperatureFit fit = TemperatureFit.read(dir.resolve("t.json"));
        assertThat(fit.temperature()).isEqualTo(expected.temperature());
        assertThat(fit.scaling().classes()).containsExactly("cat", "dog", "frog");
        assertThat(fit.provenance().dataFingerprint()).startsWith("sha256:");
        assertThat(Schemas.problems(TemperatureJson.SCHEMA, Schemas.tree(Files.readString(dir.resolve("t.json")))))
                .isEmpty();
    }

    @Test
    void analyze_with_a_temperature_file_scales_the_analysis_before_the_report_the_gates_and_the_json()
            throws Exception {
        // GIVEN
        assertThat(run("calibrate", "--out", "t.json").exitCode()).isZero();
        double t = TemperatureFit.read(dir.resolve("t.json")).temperature();
        ErrorAnalysis before = predictions();
        ErrorAnalysis after = TemperatureScaling.of(t).apply(before);
        // WHEN
        Cli.Result result = run("analyze", "--temperature-file", "t.json", "--max-ece", "0.9", "--out", "report");
        // THEN the gate, the report and its JSON are of the scaled analysis
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        JsonNode json = Schemas.tree(Files.readString(dir.resolve("report/report.json")));
        assertThat(Schemas.problems(REPORT_SCHEMA, json)).isEmpty();
        assertThat(json.at("/calibration/ece").asDouble()).isEqualTo(after.calibration().ece());
        JsonNode block = json.get("temperatureScaling");
        assertThat(block.get("applied").asBoolean()).isTrue();
        assertThat(block.get("given").asBoolean()).isFalse();
        assertThat(block.get("fittedOn").asText()).startsWith("examples of ");
        assertThat(block.get("temperature").asDouble()).isEqualTo(t);
        assertThat(block.get("examples").asInt()).isEqualTo(20);
        assertThat(block.at("/calibrationChange/eceBefore").asDouble()).isEqualTo(before.calibration().ece());
        assertThat(block.at("/calibrationChange/eceAfter").asDouble()).isEqualTo(after.calibration().ece());
        assertThat(result.out()).contains("gate passed --max-ece 0.9: expected calibration error "
                + String.format(java.util.Locale.ROOT, "%.4f", after.calibration().ece()));
        CalibrationChange c = CalibrationChange.of(before, after, TemperatureScaling.of(t));
        assertThat(result.out().lines()).contains("temperature T = " + Temperatures.t(t) + " applied: "
                + Temperatures.change(c) + " (accuracy unchanged)");
        assertThat(json.get("accuracy").asDouble()).isEqualTo(0.75);
    }

    @Test
    void analyze_with_a_temperature_by_hand_applies_it_and_the_report_says_it_was_given() throws Exception {
        Cli.Result result = run("analyze", "--temperature", "2.5", "--out", "report");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = Schemas.tree(Files.readString(dir.resolve("report/report.json")));
        assertThat(Schemas.problems(REPORT_SCHEMA, json)).isEmpty();
        JsonNode block = json.get("temperatureScaling");
        assertThat(block.get("temperature").asDouble()).isEqualTo(2.5);
        // given, not fitted: no key describes a fit that never ran
        assertThat(block.get("applied").asBoolean()).isTrue();
        assertThat(block.get("given").asBoolean()).isTrue();
        for (String fitKey : List.of("fittedOn", "boundReached", "minTemperature", "maxTemperature", "examples",
                "classes", "negativeLogLikelihoodBefore", "negativeLogLikelihoodAfter")) {
            assertThat(block.get(fitKey)).as(fitKey).isNotNull();
            assertThat(block.get(fitKey).isNull()).as(fitKey).isTrue();
        }
        // the schema tells the two kinds apart: a given block that claims a fit's examples is refused
        ((com.fasterxml.jackson.databind.node.ObjectNode) block).put("examples", 0);
        assertThat(Schemas.problems(REPORT_SCHEMA, json)).isNotEmpty();
        assertThat(block.at("/calibrationChange/eceAfter").asDouble()).isCloseTo(
                TemperatureScaling.of(2.5).apply(predictions()).calibration().ece(), within(0.0));
        // without a temperature the key is null
        assertThat(run("analyze", "--out", "plain").exitCode()).isZero();
        assertThat(Schemas.tree(Files.readString(dir.resolve("plain/report.json"))).get("temperatureScaling")
                .isNull()).isTrue();
    }

    @Test
    void a_bad_temperature_is_refused_in_one_line_with_exit_2_before_anything_is_written() {
        for (String bad : List.of("0", "-1", "NaN", "Infinity", "abc", "1d", "0x1p1", "")) {
            Cli.Result result = run("analyze", "--temperature", bad, "--out", "report");
            assertThat(result.exitCode()).as(bad).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(result.errLines()).as(bad).hasSize(1);
            assertThat(result.err()).as(bad).startsWith("cifar-errors analyze: --temperature " + bad + ": ");
        }
        assertThat(run("analyze", "--temperature", "-1", "--out", "report").err()).isEqualTo("cifar-errors analyze: "
                + "--temperature -1: a temperature must be a finite number above 0, but is -1.0\n");
        assertThat(dir.resolve("report")).doesNotExist();
    }

    @Test
    void both_temperature_options_bundled_without_a_bundled_model_and_a_file_of_other_classes_are_refused()
            throws Exception {
        assertThat(run("calibrate", "--out", "t.json").exitCode()).isZero();
        Cli.Result both = run("analyze", "--temperature", "1.5", "--temperature-file", "t.json");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).isEqualTo("cifar-errors analyze: --temperature 1.5 and --temperature-file t.json: give "
                + "one temperature, not both\n");
        Cli.Result bundled = run("analyze", "--temperature", "bundled");
        assertThat(bundled.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bundled.err()).startsWith("cifar-errors analyze: --temperature bundled needs a bundled model "
                + "(--model baseline or augmented)");
        // a file fitted on other classes
        Files.writeString(dir.resolve("classes.txt"), "cat\ndog\nbird\n");
        Cli.Result other = run("analyze", "--temperature-file", "t.json", "--out", "report");
        assertThat(other.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(other.err()).isEqualTo("cifar-errors analyze: --temperature-file t.json: the temperature was "
                + "fitted on the classes cat, dog, frog, but the analysis has the classes cat, dog, bird\n");
        assertThat(dir.resolve("report")).doesNotExist();
        // a damaged file: the file and the key named
        Files.writeString(dir.resolve("bad.json"), Files.readString(dir.resolve("t.json"))
                .replace("\"boundReached\"", "\"extra\" : 1, \"boundReached\""));
        Cli.Result damaged = run("analyze", "--temperature-file", "bad.json");
        assertThat(damaged.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(damaged.err()).startsWith("cifar-errors analyze: --temperature-file bad.json: " + dir.resolve(
                "bad.json") + ": unknown key \"extra\" (the keys are ");
        assertThat(damaged.errLines()).hasSize(1);
    }

    @Test
    void calibrate_refuses_bad_input_in_one_line_and_writes_nothing() throws Exception {
        Files.createDirectory(dir.resolve("folder"));
        Cli.Result folder = run("calibrate", "--out", "folder");
        assertThat(folder.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(folder.err()).startsWith("cifar-errors calibrate: --out folder: " + dir.resolve("folder")
                + " is a folder; give a file name");
        Cli.Result noOut = run("calibrate");
        assertThat(noOut.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noOut.err()).contains("Missing required option: '--out=FILE.json'");
        Cli.Result noData = Cli.run(dir, "calibrate", "--out", "t.json");
        assertThat(noData.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noData.err()).startsWith("cifar-errors calibrate: calibrate needs --data PATH");
        // one class present among the true classes
        Files.writeString(dir.resolve("labels.csv"), "0\n".repeat(20));
        Cli.Result oneClass = run("calibrate", "--out", "t.json");
        assertThat(oneClass.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(oneClass.err()).isEqualTo("cifar-errors calibrate: --predictions p.csv: a temperature is fitted on "
                + "examples of at least 2 classes, but only class 'cat' is present among the 20 examples\n");
        assertThat(dir.resolve("t.json")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("p.csv", "labels.csv",
                    "classes.txt", "folder");
        }
    }

    @Test
    void the_main_job_shows_the_bundled_temperature_without_applying_it_and_bundled_applies_it() throws Exception {
        // WHEN the bundled model on the bundled sample (no saliency maps, to be quick)
        Cli.Result shown = Cli.run(dir, "analyze", "--saliency", "none", "--out", "shown");
        Cli.Result applied = Cli.run(dir, "analyze", "--saliency", "none", "--temperature", "bundled", "--out",
                "applied");
        // THEN
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        double t = BundledModels.temperature("baseline").temperature();
        JsonNode notApplied = Schemas.tree(Files.readString(dir.resolve("shown/report.json")));
        JsonNode scaled = Schemas.tree(Files.readString(dir.resolve("applied/report.json")));
        assertThat(Schemas.problems(REPORT_SCHEMA, notApplied)).isEmpty();
        assertThat(notApplied.at("/temperatureScaling/applied").asBoolean()).isFalse();
        assertThat(notApplied.at("/temperatureScaling/temperature").asDouble()).isEqualTo(t);
        assertThat(notApplied.at("/temperatureScaling/examples").asInt()).isEqualTo(4000);
        assertThat(notApplied.at("/temperatureScaling/fittedOn").asText()).isEqualTo("other validation images");
        assertThat(notApplied.at("/calibration/ece").asDouble())
                .isEqualTo(notApplied.at("/temperatureScaling/calibrationChange/eceBefore").asDouble());
        assertThat(scaled.at("/temperatureScaling/applied").asBoolean()).isTrue();
        assertThat(scaled.at("/calibration/ece").asDouble())
                .isEqualTo(notApplied.at("/temperatureScaling/calibrationChange/eceAfter").asDouble())
                .isLessThan(notApplied.at("/calibration/ece").asDouble());
        assertThat(scaled.get("accuracy").asDouble()).isEqualTo(notApplied.get("accuracy").asDouble());
        assertThat(shown.out().lines()).anyMatch(l -> l.matches("the bundled temperature T = 1\\.169 \\(fitted on "
                + "4,000 other validation images\\) would take ECE from \\d\\.\\d % to \\d\\.\\d % and log loss from "
                + "0\\.\\d{4} to 0\\.\\d{4}; apply it with --temperature bundled"));
        assertThat(applied.out().lines()).anyMatch(l -> l.startsWith("temperature T = 1.169 applied: ECE "));
    }
}
