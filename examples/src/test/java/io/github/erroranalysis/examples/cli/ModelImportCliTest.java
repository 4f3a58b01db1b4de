package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.NumberArray;
import io.github.erroranalysis.modelimport.Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance: a PyTorch CNN exported to ONNX (conv, pool, flatten, linear with bias, batch norm, a
 * residual add; the model-import fixture {@code onnx/cnn.onnx}) analysed with {@code analyze --model cnn.onnx
 * --save-predictions} on the bundled sample gives PyTorch's probabilities to 1e-4, verified through its sidecar; a
 * deliberately broken reference is refused with exit 2 naming the difference and the example; an unverified import
 * warns and says so in the provenance.
 */
class ModelImportCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void the_onnx_cnn_gives_pytorchs_probabilities_on_the_bundled_sample_verified_through_its_sidecar()
            throws IOException {
        // GIVEN PyTorch's CNN as ONNX with its sidecar (preprocessing and reference files) and torch's probabilities
        Path model = ImportFixtures.file("onnx/cnn.onnx");
        ImportFixtures.file("onnx/cnn.onnx.json");
        Path torch = ImportFixtures.file("onnx/bundled-sample-probabilities.npy");

        // WHEN it is analysed on the bundled sample (the default data) and its probabilities saved
        Cli.Result result = Cli.run(dir, "analyze", "--model", model.toString(), "--save-predictions", "p.npy",
                "--saliency", "none", "--quiet");

        // THEN it is verified, and its probabilities are torch's to 1e-4
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("imported cnn.onnx: ").contains("verified against ");
        assertThat(result.err()).doesNotContain("unverified");
        NumberArray here = NpyFile.readNumbers(dir.resolve("p.npy"));
        NumberArray expected = NpyFile.readNumbers(torch);
        assertThat(here.shape()).containsExactly(expected.shape());
        double largest = 0;
        for (int i = 0; i < here.length(); i++) {
            largest = Math.max(largest, Math.abs(here.get(i) - expected.get(i)));
        }
        assertThat(largest).as("largest difference from torch").isLessThanOrEqualTo(1e-4);
        JsonNode provenance = JSON.readTree(dir.resolve("error-report/report.json").toFile()).get("provenance");
        assertThat(provenance.get("model").asText()).startsWith("cnn.onnx: ").contains("verified against ")
                .doesNotContain("UNVERIFIED");
    }

    @Test
    void a_perturbed_or_swapped_reference_is_refused_naming_the_difference_and_the_example() throws IOException {
        // GIVEN the CNN copied with its sidecar, and its reference outputs broken two ways
        Path fixture = ImportFixtures.file("onnx/cnn.onnx");
        Sidecar sidecar = Sidecar.read(ImportFixtures.file("onnx/cnn.onnx.json"));
        assumeTrue(sidecar.referenceInputs() != null, "skipped: the sidecar names no reference files");
        Path model = ImportFixtures.copy(fixture, dir);
        NumberArray reference = NpyFile.readNumbers(sidecar.referenceOutputs());
        int n = (int) reference.shape()[0];
        int classes = (int) reference.shape()[1];
        float[] values = new float[reference.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) reference.get(i);
        }
        int row = Math.min(3, n - 1);
        float[] perturbed = values.clone();
        int top = top(values, row, classes);
        perturbed[row * classes + top] -= 0.02f;
        perturbed[row * classes + (top + 1) % classes] += 0.02f;
        NpyFile.writeFloat32(dir.resolve("perturbed.npy"), perturbed, n, classes);
        float[] swapped = values.clone();
        int other = -1;
        for (int i = 1; i < n && other < 0; i++) {
            other = top(values, i, classes) != top(values, 0, classes) ? i : -1;
        }
        assumeTrue(other > 0, "skipped: every reference example has the same top class");
        System.arraycopy(values, other * classes, swapped, 0, classes);
        System.arraycopy(values, 0, swapped, other * classes, classes);
        NpyFile.writeFloat32(dir.resolve("swapped.npy"), swapped, n, classes);

        // WHEN each is given as the reference
        Cli.Result broken = Cli.run(dir, "analyze", "--model", model.toString(), "--reference-inputs",
                sidecar.referenceInputs().toString(), "--reference-outputs", "perturbed.npy", "--quiet");
        Cli.Result rows = Cli.run(dir, "analyze", "--model", model.toString(), "--reference-inputs",
                sidecar.referenceInputs().toString(), "--reference-outputs", "swapped.npy", "--quiet");

        // THEN both are refused (exit 2) in one line naming the example, the difference and the tolerance
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(broken.errLines()).singleElement().asString().startsWith("cifar-errors analyze: --model "
                + model + ": the import does not reproduce the reference outputs: example " + row + ", class '")
                .contains(" in perturbed.npy (difference 2e-2 > tolerance 1e-4)");
        assertThat(rows.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(rows.errLines()).singleElement().asString().contains("the import does not reproduce the "
                + "reference outputs: example ").contains("in swapped.npy").contains("2 of " + n + " examples "
                + "disagree on the top class (first: example 0, ");
        assertThat(Files.exists(dir.resolve("error-report"))).isFalse();
    }

    @Test
    void an_unverified_import_warns_on_stderr_and_its_provenance_says_so() throws IOException {
        // GIVEN the CNN with a sidecar that keeps its preprocessing but names no reference files
        Path fixture = ImportFixtures.file("onnx/cnn.onnx");
        Sidecar s = Sidecar.read(ImportFixtures.file("onnx/cnn.onnx.json"));
        Path model = dir.resolve("cnn.onnx");
        Files.copy(fixture, model);
        new Sidecar(Sidecar.beside(model), s.inputLayout(), s.inputScale(), s.inputMean(), s.inputStd(), s.bgr(),
                s.classNames(), null, null, null).write();

        // WHEN it is analysed
        Cli.Result result = Cli.run(dir, "analyze", "--model", "cnn.onnx", "--saliency", "none", "--quiet");

        // THEN one warning line, and the provenance says it is unverified
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.errLines()).containsExactly("warning: cnn.onnx: the import is unverified (no reference "
                + "outputs, in cnn.onnx.json or given); give --reference-inputs and --reference-outputs from the "
                + "original framework");
        JsonNode provenance = JSON.readTree(dir.resolve("error-report/report.json").toFile()).get("provenance");
        assertThat(provenance.get("model").asText()).startsWith("cnn.onnx: ")
                .endsWith("UNVERIFIED: no reference outputs");
        assertThat(Files.readString(dir.resolve("error-report/report.md"))).contains("UNVERIFIED");
    }

    @Test
    void calibrate_out_never_replaces_the_models_sidecar_or_the_files_the_import_options_name() throws IOException {
        // GIVEN the CNN copied with its sidecar, and its reference files
        Path model = ImportFixtures.copy(ImportFixtures.file("onnx/cnn.onnx"), dir);
        for (String f : List.of("cnn-reference-inputs.npy", "cnn-reference-outputs.npy")) {
            Files.copy(ImportFixtures.file("onnx/" + f), dir.resolve(f));
        }
        byte[] sidecar = Files.readAllBytes(Sidecar.beside(model));
        byte[] reference = Files.readAllBytes(dir.resolve("cnn-reference-outputs.npy"));

        // WHEN calibrate's --out is the sidecar, or a reference file given as an option
        Cli.Result onSidecar = Cli.run(dir, "calibrate", "--model", "cnn.onnx", "--out", "cnn.onnx.json");
        Cli.Result onReference = Cli.run(dir, "calibrate", "--model", "cnn.onnx", "--reference-inputs",
                "cnn-reference-inputs.npy", "--reference-outputs", "cnn-reference-outputs.npy", "--out",
                "cnn-reference-outputs.npy");

        // THEN both are refused naming the file, and neither file is touched
        assertThat(onSidecar.exitCode()).as(onSidecar.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(onSidecar.errLines()).singleElement().asString().startsWith("cifar-errors calibrate: --out "
                + "cnn.onnx.json: " + dir.resolve("cnn.onnx.json") + " is the sidecar of cnn.onnx ");
        assertThat(onReference.exitCode()).as(onReference.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(onReference.errLines()).singleElement().asString().startsWith("cifar-errors calibrate: --out "
                + "cnn-reference-outputs.npy: " + dir.resolve("cnn-reference-outputs.npy") + " is ");
        assertThat(Files.readAllBytes(Sidecar.beside(model))).isEqualTo(sidecar);
        assertThat(Files.readAllBytes(dir.resolve("cnn-reference-outputs.npy"))).isEqualTo(reference);
    }

    @Test
    void no_bgr_overrides_a_sidecars_bgr_and_a_changed_order_never_reads_the_sidecars_values_reversed()
            throws IOException {
        // GIVEN the (RGB) CNN with a sidecar that wrongly says bgr, its mean and std written in BGR order
        Path fixture = ImportFixtures.file("onnx/cnn.onnx");
        Sidecar s = Sidecar.read(ImportFixtures.file("onnx/cnn.onnx.json"));
        assumeTrue(s.referenceInputs() != null, "skipped: the sidecar names no reference files");
        Path model = dir.resolve("cnn.onnx");
        Files.copy(fixture, model);
        for (String f : List.of("cnn-reference-inputs.npy", "cnn-reference-outputs.npy")) {
            Files.copy(ImportFixtures.file("onnx/" + f), dir.resolve(f));
        }
        double[] mean = s.inputMean();
        double[] std = s.inputStd();
        new Sidecar(Sidecar.beside(model), s.inputLayout(), s.inputScale(), new double[] {mean[2], mean[1], mean[0]},
                new double[] {std[2], std[1], std[0]}, true, s.classNames(), dir.resolve("cnn-reference-inputs.npy"),
                dir.resolve("cnn-reference-outputs.npy"), null).write();
        String rgbMean = mean[0] + "," + mean[1] + "," + mean[2];
        String rgbStd = std[0] + "," + std[1] + "," + std[2];

        // WHEN the order is set back to RGB alone, with only the mean, and with both values in RGB order
        Cli.Result alone = Cli.run(dir, "analyze", "--model", "cnn.onnx", "--no-bgr", "--quiet");
        Cli.Result meanOnly = Cli.run(dir, "analyze", "--model", "cnn.onnx", "--no-bgr", "--input-mean", rgbMean,
                "--quiet");
        Cli.Result both = Cli.run(dir, "analyze", "--model", "cnn.onnx", "--no-bgr", "--input-mean", rgbMean,
                "--input-std", rgbStd, "--saliency", "none", "--quiet");

        // THEN the first two are refused in one line (the sidecar's values would be read reversed), the third
        // overrides the sidecar's bgr and is verified against torch's outputs
        assertRefused(alone, "cifar-errors analyze: --no-bgr changes the channel order of " + Sidecar.beside(model)
                + " from BGR to RGB, but its inputMean " + mean[2] + "," + mean[1] + "," + mean[0] + " is written "
                + "in BGR order; give --input-mean in RGB order too");
        assertRefused(meanOnly, "cifar-errors analyze: --no-bgr changes the channel order of "
                + Sidecar.beside(model) + " from BGR to RGB, but its inputStd " + std[2] + "," + std[1] + ","
                + std[0] + " is written in BGR order; give --input-std in RGB order too");
        assertThat(both.exitCode()).as(both.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(both.out()).contains("imported cnn.onnx: ").contains("verified against ");
        assertThat(both.err()).doesNotContain("unverified");
    }

    @Test
    void compare_says_the_import_options_are_model_as_and_refuses_them_when_only_model_b_is_imported()
            throws IOException {
        // GIVEN the ONNX CNN as model B beside the bundled model A
        ImportFixtures.copy(ImportFixtures.file("onnx/cnn.onnx"), dir);

        // WHEN an import option is typed, and when compare's help is asked for
        Cli.Result onlyB = Cli.run(dir, "compare", "--model-b", "cnn.onnx", "--input-scale", "1");
        Cli.Result help = Cli.run(dir, "compare", "--help");

        // THEN it is refused saying the options are A's and B takes its sidecar; the help says the same
        assertRefused(onlyB, "cifar-errors compare: --input-scale 1 applies to an imported Keras or ONNX model, but "
                + "--model baseline is a bundled model (its preprocessing is part of it); in compare the import "
                + "options apply to --model (A) only; --model-b cnn.onnx takes its sidecar cnn.onnx.json or the "
                + "defaults");
        assertThat(dir.resolve("comparison")).doesNotExist();
        assertThat(help.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(help.out().replaceAll("\\s+", " ")).contains("The import options (--weights to "
                + "--reference-tolerance) apply to model A (--model) only; an imported model B (--model-b) takes its "
                + "sidecar FILE.json or the defaults.").contains("imported with its sidecar FILE.json or the defaults "
                + "(no import options: those below are model A's)");
    }

    @Test
    void import_options_with_a_bundled_model_or_predictions_and_half_a_reference_are_refused() throws IOException {
        assertRefused(Cli.run(dir, "analyze", "--input-scale", "1"), "cifar-errors analyze: --input-scale 1 "
                + "applies to an imported Keras or ONNX model, but --model baseline is a bundled model (its "
                + "preprocessing is part of it)");
        assertRefused(Cli.run(dir, "compare", "--model-b", "augmented", "--bgr"), "cifar-errors compare: --bgr "
                + "applies to an imported Keras or ONNX model, but --model baseline is a bundled model (its "
                + "preprocessing is part of it)");
        Files.writeString(dir.resolve("x.png"), "not read");
        assertRefused(Cli.run(dir, "predict", "--weights", "w.h5", "x.png"), "cifar-errors predict: --weights w.h5 "
                + "applies to an imported Keras or ONNX model, but --model baseline is a bundled model (its "
                + "preprocessing is part of it)");
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        assertRefused(Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--input-mean", "0.5"), "cifar-errors analyze: --input-mean 0.5 applies to an "
                + "imported Keras or ONNX model, but --predictions p.csv are precomputed predictions, not a model");
        Path model = dir.resolve("cnn.onnx");
        Path fixture = ImportFixtures.FOLDER.resolve("onnx/cnn.onnx");
        if (Files.isRegularFile(fixture)) {
            Files.copy(fixture, model);
            Files.writeString(dir.resolve("x.npy"), "");
            assertRefused(Cli.run(dir, "analyze", "--model", "cnn.onnx", "--reference-inputs", "x.npy"),
                    "cifar-errors analyze: --reference-inputs x.npy needs --reference-outputs y.npy as well: the "
                            + "images and the original framework's probabilities on them");
            assertRefused(Cli.run(dir, "analyze", "--model", "cnn.onnx", "--input-std", "0"), "cifar-errors "
                    + "analyze: --input-std 0: input std 0.0 must be finite and positive");
            assertRefused(Cli.run(dir, "analyze", "--model", "cnn.onnx", "--input-mean", "1,2"), "cifar-errors "
                    + "analyze: --input-mean 1,2: give one value or three comma-separated (one per channel), such as "
                    + "0.5 or 0.4914,0.4822,0.4465");
            assertRefused(Cli.run(dir, "analyze", "--model", "cnn.onnx", "--input-layout", "CHW"), "cifar-errors "
                    + "analyze: --input-layout CHW: 'CHW' is not an input layout; expected NCHW (channels first, "
                    + "PyTorch) or NHWC (channels last, Keras)");
            Files.writeString(dir.resolve("cnn.onnx.json"), "{\"schemaVersion\": 2, \"type\": \"modelImport\", "
                    + "\"scale\": 1}");
            assertRefused(Cli.run(dir, "analyze", "--model", "cnn.onnx"), "cifar-errors analyze: --model cnn.onnx: "
                    + dir.resolve("cnn.onnx.json") + ": unknown key 'scale' (the keys are schemaVersion, type, "
                    + "inputLayout, inputScale, inputMean, inputStd, bgr, classNames, referenceInputs, "
                    + "referenceOutputs, referenceTolerance)");
        }
        Files.write(dir.resolve("junk.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Cli.Result junk = Cli.run(dir, "analyze", "--model", "junk.bin");
        assertThat(junk.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(junk.errLines()).singleElement().asString().startsWith("cifar-errors analyze: --model junk.bin: "
                + "not a model file this library reads (it starts with bytes 01 02 03");
    }

    @Test
    void the_example_script_exports_a_pytorch_cnn_that_analyze_verifies() throws Exception {
        // GIVEN Debian's PyTorch (else skipped) and the example script
        Path script = Path.of("python/pytorch_to_onnx.py").toAbsolutePath();
        assumeTrue(Files.isRegularFile(script), "skipped: " + script + " is absent");
        assumeTrue(python("-c", "import torch, onnx") == 0, "skipped: /usr/bin/python3 has no torch (Debian's "
                + "python3-torch) or onnx");
        Path data = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10/cifar-10-binary-train.tar.gz")
                .toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(data), "skipped: the CIFAR-10 training archive " + data + " is absent (the "
                + "script trains on data_batch_1.bin)");

        // WHEN it trains a few steps and exports into a folder, and analyze runs the export
        assertThat(python(script.toString(), "--data", data.toString(), "--out", dir.resolve("export").toString(),
                "--steps", "20")).isZero();
        Path model = dir.resolve("export/cnn.onnx");
        Cli.Result result = Cli.run(dir, "analyze", "--model", model.toString(), "--saliency", "none", "--quiet");

        // THEN it is imported and verified against the references the script wrote
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("imported cnn.onnx: ").contains("verified against ");
        assertThat(result.err()).doesNotContain("unverified");
    }

    private int python(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3"));
        command.addAll(List.of(args));
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return -1;
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("python.log").toFile()).start();
        if (!p.waitFor(480, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -2;
        }
        if (p.exitValue() != 0 && args.length > 0 && !args[0].equals("-c")) {
            System.err.println(Files.readString(dir.resolve("python.log")));
        }
        return p.exitValue();
    }

    private static int top(float[] values, int row, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (values[row * classes + c] > values[row * classes + best]) {
                best = c;
            }
        }
        return best;
    }

    private static void assertRefused(Cli.Result result, String line) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly(line);
    }
}
