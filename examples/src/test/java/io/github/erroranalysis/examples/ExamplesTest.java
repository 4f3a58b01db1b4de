package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.cifar.model.BundledModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example program in-process, writing into a temporary folder, so that none of them can rot. */
class ExamplesTest {

    @TempDir
    Path dir;

    /** A program's main method. */
    private interface Program {
        void main(String[] args) throws Exception;
    }

    private String run(Program program, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            program.main(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return printed;
    }

    private static void assumeModel(String name) {
        assumeTrue(BundledModels.isAvailable(name), "the bundled " + name + " model is not in this build yet (it is "
                + "still being trained)");
    }

    @Test
    void embed_in_your_app_analyses_its_own_classifier_and_npy_files() throws Exception {
        // WHEN
        String printed = run(EmbedInYourApp::main, dir.toString());
        // THEN
        assertThat(printed).contains("your classifier: accuracy 0.", "on 500 images", "from probabilities.npy: "
                + "accuracy 0.");
        assertThat(dir.resolve("probabilities.npy")).isNotEmptyFile();
        assertThat(dir.resolve("labels.npy")).isNotEmptyFile();
    }

    @Test
    void stage7_writes_the_three_wrong_figure_and_the_report() throws Exception {
        assumeModel(BundledModels.BASELINE);
        // WHEN
        String printed = run(Stage7ErrorAnalysis::main, dir.toString());
        // THEN
        assertThat(printed).contains("accuracy 0.", "wrong predictions, the first ten at [", "Pred: ", "hardest",
                "report: ", "Which mistake is more dangerous? The confident one",
                "Refusing the 20 % least confident answers cuts the error rate from ");
        assertThat(printed).containsPattern("model sha256:[0-9a-f]{64}, data sha256:[0-9a-f]{64}, error-analysis \\d");
        assertThat(dir.resolve("three-wrong.png")).isNotEmptyFile();
        assertThat(dir.resolve("report/report.html")).isNotEmptyFile();
    }

    @Test
    void stage8_compares_the_two_bundled_models() throws Exception {
        assumeModel(BundledModels.BASELINE);
        assumeModel(BundledModels.AUGMENTED);
        // WHEN
        String printed = run(CompareAugmentation::main, dir.toString());
        // THEN
        assertThat(printed).contains("baseline accuracy", "candidate accuracy", "exact McNemar", "comparison: ");
        assertThat(dir.resolve("report/report.html")).isNotEmptyFile();
        // the comparison report, with the bundled models' real fingerprints
        assertThat(dir.resolve("comparison/comparison.html")).content().contains("data-example=\"",
                BundledModels.fingerprint(BundledModels.BASELINE), BundledModels.fingerprint(BundledModels.AUGMENTED));
        assertThat(dir.resolve("comparison/figures/flip-matrix.png")).isNotEmptyFile();
    }

    @Test
    void stage9_prints_three_guesses_per_image() throws Exception {
        assumeModel(BundledModels.BASELINE);
        // WHEN
        String printed = run(PredictTop3::main, dir.toString());
        // THEN
        assertThat(printed.lines()).hasSize(3).allSatisfy(line -> assertThat(line).matches(
                "\\w+-\\d+\\.png: \\[\\w+ \\d+\\.\\d%, \\w+ \\d+\\.\\d%, \\w+ \\d+\\.\\d%]"));
    }

    @Test
    void the_bundled_sample_holds_100_validation_images_per_class_with_their_origins() throws Exception {
        // WHEN
        var sample = BundledSample.load();
        // THEN
        assertThat(sample.size()).isEqualTo(1000);
        assertThat(sample.classCounts()).containsOnly(100);
        assertThat(sample.origin(0).toString()).matches("data_batch_[1-5]\\.bin#\\d+");
    }
}
