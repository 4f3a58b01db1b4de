package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.TemperatureFit;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.examples.BundledSample;
import io.github.erroranalysis.testing.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a temperature may not do silently: a fit on the training pile warns, a temperature that makes the analysed
 * data's log loss worse says so, and a temperature file fitted with another model warns naming both models.
 */
class TemperatureTrustCliTest {

    @TempDir
    Path dir;

    /**
     * A release whose training batches split into the standard piles: 501 images of every class (the validation pile
     * takes 500 of each, so the training pile is 10 images), from the bundled sample, and 20 test images.
     */
    private Path release() throws IOException {
        CifarDataset sample = BundledSample.load();
        int[] indexes = new int[10 * (Piles.STANDARD_VALIDATION_PER_CLASS + 1)];
        int k = 0;
        for (int c = 0; c < 10; c++) {
            int taken = 0;
            for (int i = 0; taken < Piles.STANDARD_VALIDATION_PER_CLASS + 1; i = (i + 1) % sample.size()) {
                if (sample.label(i) == c) {
                    indexes[k++] = i;
                    taken++;
                }
            }
        }
        int[] test = new int[20];
        for (int i = 0; i < test.length; i++) {
            test[i] = i;
        }
        return CifarWriter.writeArchive(CifarWriter.officialBatches(sample.subset(indexes), sample.subset(test)),
                dir.resolve("c.tar.gz"));
    }

    @Test
    void calibrate_on_the_training_pile_warns_on_stderr_and_the_file_names_the_data_by_its_file_name()
            throws Exception {
        // GIVEN
        Path archive = release();
        // WHEN
        Cli.Result train = Cli.run(dir, "calibrate", "--model", "baseline", "--data", archive.toString(), "--split",
                "train", "--out", "train.json", "--quiet");
        Cli.Result test = Cli.run(dir, "calibrate", "--model", "baseline", "--data", archive.toString(), "--split",
                "test", "--out", "test.json", "--quiet");
        // THEN the fit still runs (exit 0) but says in one line on stderr what is wrong with it
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.err()).isEqualTo("warning: fitting on the training pile, which the model may have trained "
                + "on: a temperature is fitted on held-out data (the default --split validation)\n");
        assertThat(train.out()).contains("Fitted on 10 examples of " + archive + ", split train with model baseline");
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.err()).isEmpty();
        // the file records the archive by its file name, not this machine's path
        assertThat(TemperatureFit.read(dir.resolve("train.json")).provenance().dataSource())
                .isEqualTo("c.tar.gz, split train");
        assertThat(TemperatureFit.read(dir.resolve("test.json")).provenance().dataSource())
                .isEqualTo("c.tar.gz, split test");
    }

    @Test
    void analyze_says_when_the_temperature_makes_the_log_loss_of_these_data_worse() throws IOException {
        // GIVEN the twenty examples, over-confident where wrong: T below 1 sharpens them, which raises the log loss
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        List<String> common = List.of("analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt");
        // WHEN
        Cli.Result sharper = Cli.run(dir, concat(common, "--temperature", "0.5", "--out", "sharper"));
        Cli.Result softer = Cli.run(dir, concat(common, "--temperature", "3", "--out", "softer"));
        // THEN
        assertThat(sharper.exitCode()).as(sharper.err()).isZero();
        JsonNode change = Schemas.tree(Files.readString(dir.resolve("sharper/report.json")))
                .at("/temperatureScaling/calibrationChange");
        assertThat(change.get("logLossAfter").asDouble()).isGreaterThan(change.get("logLossBefore").asDouble());
        assertThat(sharper.out().lines()).anyMatch(l -> l.startsWith("temperature T = 0.5000 applied: ")
                && l.endsWith("(accuracy unchanged; worse on these data: the log loss rises)"));
        assertThat(softer.exitCode()).as(softer.err()).isZero();
        assertThat(softer.out().lines()).anyMatch(l -> l.startsWith("temperature T = 3.000 applied: ")
                && l.endsWith(" (accuracy unchanged)"));
    }

    @Test
    void a_temperature_file_fitted_with_another_model_warns_naming_both_models() throws IOException {
        // GIVEN the bundled baseline's own temperature file
        try (InputStream in = BundledModels.class.getResourceAsStream("baseline.temperature.json")) {
            Files.copy(in, dir.resolve("baseline.json"));
        }
        // WHEN it is applied to the augmented model
        Cli.Result result = Cli.run(dir, "analyze", "--model", "augmented", "--saliency", "none", "--temperature-file",
                "baseline.json", "--out", "report", "--quiet");
        // THEN it applies (not a refusal) with one warning line naming both models and fingerprints
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEqualTo("warning: --temperature-file baseline.json was fitted with model baseline ("
                + BundledModels.fingerprint("baseline") + "), but the analysed model is augmented ("
                + BundledModels.fingerprint("augmented") + "): a temperature fits the model it was fitted with\n");
    }

    @Test
    void no_model_warning_without_both_fingerprints_or_when_they_agree() throws IOException {
        Provenance baseline = BundledModels.temperature("baseline").provenance();
        Temperatures.Given file = new Temperatures.Given(TemperatureScaling.of(1.5), "examples", "--temperature-file "
                + "t.json", baseline);
        Provenance unknown = Provenance.unknown(Instant.EPOCH, 1);
        assertThat(Temperatures.modelWarning(file, baseline)).isNull();
        assertThat(Temperatures.modelWarning(file, unknown)).isNull(); // predictions made elsewhere: no fingerprint
        assertThat(Temperatures.modelWarning(new Temperatures.Given(TemperatureScaling.of(1.5), "examples",
                "--temperature-file t.json", unknown), baseline.withModel("augmented", "sha256:other"))).isNull();
        assertThat(Temperatures.modelWarning(new Temperatures.Given(TemperatureScaling.of(1.5), "examples",
                "--temperature 1.5", null), baseline)).isNull();
        assertThat(Temperatures.modelWarning(file, baseline.withModel("augmented", "sha256:other")))
                .startsWith("warning: --temperature-file t.json was fitted with model baseline (sha256:");
    }

    @Test
    void a_hand_written_temperature_file_is_pointed_to_the_temperature_option() throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        Files.writeString(dir.resolve("mine.json"), "{\"temperature\": 1.5}");
        Cli.Result result = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--temperature-file", "mine.json", "--out", "report");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).isEqualTo("cifar-errors analyze: --temperature-file mine.json: "
                + dir.resolve("mine.json") + ": the key \"schemaVersion\" is missing; for a T of your own give "
                + "--temperature T (a file is what cifar-errors calibrate writes)\n");
        assertThat(dir.resolve("report")).doesNotExist();
    }

    private static String[] concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
