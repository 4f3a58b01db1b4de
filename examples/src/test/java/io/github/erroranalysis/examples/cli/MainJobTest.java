package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.examples.BundledSample;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job (no arguments) and {@code predict}, in-process, on the bundled baseline model. */
class MainJobTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheBundledBaseline() {
        assumeTrue(BundledModels.isAvailable(BundledModels.BASELINE),
                "the bundled baseline model is not in this build yet (it is still being trained)");
    }

    @Test
    void no_arguments_write_the_report_and_print_accuracy_hardest_class_and_three_wrong() throws Exception {
        // GIVEN an earlier report (of the version before the marker file: nothing but a report's files, its
        // report.json of schema version 1), to be replaced
        Files.createDirectories(dir.resolve("error-report/figures"));
        Files.writeString(dir.resolve("error-report/report.json"), "{\n  \"schemaVersion\" : 1\n}\n");
        Files.writeString(dir.resolve("error-report/figures/old.png"), "old");
        // WHEN
        Cli.Result result = Cli.run(dir);
        // THEN
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).startsWith("Analysed 1,000 images of " + BundledSample.NAME + " with model baseline")
                .containsPattern("accuracy 0\\.\\d{4} \\[0\\.\\d{4}, 0\\.\\d{4}] \\(95% Wilson\\)")
                .containsPattern("hardest class: \\w+( \\(significantly hardest\\)|, tied with \\w+ within noise): ")
                .contains("the first 3 wrong predictions:")
                .containsPattern("selective prediction: AURC 0\\.\\d{4} \\[0\\.\\d{4}, 0\\.\\d{4}] \\(optimal "
                        + "0\\.\\d{4}\\)\\. Refusing the 20 % least confident answers cuts the error rate from ");
        assertThat(result.out().lines().filter(l -> l.startsWith("  Pred: ")))
                .hasSize(3).allMatch(l -> l.matches("  Pred: \\w+ / True: \\w+ / \\d+ %  \\(example #\\d+, "
                        + "data_batch_[1-5]\\.bin#\\d+\\)"));
        assertThat(dir.resolve("error-report/figures/old.png")).doesNotExist();
        assertThat(dir.resolve("error-report/report.html")).isNotEmptyFile();
        assertThat(dir.resolve("error-report/report.md")).isNotEmptyFile();
        assertThat(dir.resolve("error-report/report.json")).content().contains("\"provenance\"");
        try (var figures = Files.list(dir.resolve("error-report/figures"))) {
            assertThat(figures.filter(f -> f.toString().endsWith(".png"))).isNotEmpty();
        }
    }

    @Test
    void predict_prints_three_guesses_with_probabilities_per_image() throws Exception {
        // GIVEN two real images saved as PNG files
        CifarDataset sample = BundledSample.load();
        ImageIO.write(sample.image(0), "png", dir.resolve("a.png").toFile());
        ImageIO.write(sample.image(1), "png", dir.resolve("b.png").toFile());
        // WHEN
        Cli.Result result = Cli.run(dir, "predict", "a.png", "b.png");
        // THEN
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out().lines()).hasSize(2).allMatch(l -> l.matches(
                "[ab]\\.png: \\w+ \\d+\\.\\d %, \\w+ \\d+\\.\\d %, \\w+ \\d+\\.\\d %"));
    }

    @Test
    void a_gate_on_an_unknown_class_fails_before_the_model_runs() {
        // WHEN
        Cli.Result result = Cli.run(dir, "analyze", "--min-class-accuracy", "kitten=0.5");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --min-class-accuracy kitten=0.5: unknown "
                + "class 'kitten'; the classes are airplane, automobile, bird, cat, deer, dog, frog, horse, ship, "
                + "truck");
        assertThat(dir.resolve("error-report")).doesNotExist();
    }
}
