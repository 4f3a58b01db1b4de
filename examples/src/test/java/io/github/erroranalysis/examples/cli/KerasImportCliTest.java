package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.NumberArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's path: a Keras Sequential CIFAR CNN in {@code .h5} (the model-import fixture {@code
 * keras/sequential.h5}, written with h5py in Keras's layout from known weights) analysed end to end: verified
 * through its sidecar, the report written, Grad-CAM maps for the mistakes it shows, Keras's probabilities saved.
 */
class KerasImportCliTest {

    @TempDir
    Path dir;

    @Test
    void a_keras_sequential_h5_is_analysed_end_to_end_with_saliency() throws IOException {
        // GIVEN the Keras model with its sidecar and Keras's own probabilities on the bundled sample
        Path model = ImportFixtures.file("keras/sequential.h5");
        ImportFixtures.file("keras/sequential.h5.json");
        Path keras = ImportFixtures.FOLDER.resolve("keras/sequential-bundled-sample-probabilities.npy");

        // WHEN it is analysed on the bundled sample
        Cli.Result result = Cli.run(dir, "analyze", "--model", model.toString(), "--save-predictions", "k.npy",
                "--quiet");

        // THEN it is verified, the report is written with Grad-CAM maps of the shown mistakes
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("imported sequential.h5: ").contains("verified against ")
                .contains("report written to ");
        assertThat(result.err()).doesNotContain("unverified");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("error-report/report.json").toFile());
        assertThat(report.at("/provenance/model").asText()).startsWith("sequential.h5: ").contains("verified");
        JsonNode examples = report.at("/evidence/examples");
        assertThat(examples.size()).as("explained mistakes").isPositive();
        long gradCam = 0;
        for (JsonNode x : examples) {
            for (JsonNode m : x.get("saliency")) {
                gradCam += m.get("method").asText().equals("grad-cam") ? 1 : 0;
            }
        }
        assertThat(gradCam).as("Grad-CAM maps").isPositive();
        assertThat(dir.resolve("error-report/report.html")).isRegularFile();
        if (Files.isRegularFile(keras)) {
            NumberArray here = NpyFile.readNumbers(dir.resolve("k.npy"));
            NumberArray expected = NpyFile.readNumbers(keras);
            assertThat(here.shape()).containsExactly(expected.shape());
            double largest = 0;
            for (int i = 0; i < here.length(); i++) {
                largest = Math.max(largest, Math.abs(here.get(i) - expected.get(i)));
            }
            assertThat(largest).as("largest difference from the Keras model's own probabilities")
                    .isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void compare_runs_an_onnx_and_a_keras_model_on_the_same_images_and_saves_both() throws IOException {
        // GIVEN the PyTorch CNN as ONNX and the Keras Sequential, each with its sidecar
        Path onnx = ImportFixtures.file("onnx/cnn.onnx");
        Path keras = ImportFixtures.file("keras/sequential.h5");
        Path torch = ImportFixtures.file("onnx/bundled-sample-probabilities.npy");

        // WHEN they are compared on the bundled sample, both saving their probabilities
        Cli.Result result = Cli.run(dir, "compare", "--model", onnx.toString(), "--model-b", keras.toString(),
                "--save-predictions", "a.npy", "--save-predictions-b", "b.npy", "--quiet");

        // THEN both are imported and verified, and A's probabilities are torch's
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("imported cnn.onnx: ").contains("imported sequential.h5: ")
                .contains("comparison written to ");
        NumberArray a = NpyFile.readNumbers(dir.resolve("a.npy"));
        NumberArray expected = NpyFile.readNumbers(torch);
        for (int i = 0; i < a.length(); i++) {
            assertThat(Math.abs(a.get(i) - expected.get(i))).as("row-major element %d", i).isLessThanOrEqualTo(1e-4);
        }
        assertThat(NpyFile.readNumbers(dir.resolve("b.npy")).shape()).containsExactly(1000, 10);
        assertThat(Files.readAllLines(dir.resolve("b.labels.npy").resolveSibling("b.classes.txt"))).hasSize(10);
    }
}
