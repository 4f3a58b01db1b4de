package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line in-process on precomputed predictions (no model needed): exit codes, gates with exact
 * messages, bad input as one line, help on every command.
 */
class CifarErrorsTest {

    private static final String ACCURACY = "0.7500 [0.5313, 0.8881] (95% Wilson)";

    @TempDir
    Path dir;

    @BeforeEach
    void writePredictions() throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
    }

    private Cli.Result analyze(String... more) {
        String[] args = new String[6 + more.length];
        String[] base = {"analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes=classes.txt"};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(dir, args);
    }

    @Test
    void should_pass_gates_and_write_the_report_when_every_gate_holds() {
        // WHEN
        Cli.Result result = analyze("--min-accuracy", "0.7", "--min-class-accuracy", "cat=0.5", "--max-ece", "0.6");
        // THEN
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("accuracy " + ACCURACY,
                "Pred: dog / True: cat / 90 %  (example #1)",
                "passed --min-accuracy 0.7: accuracy " + ACCURACY + ", 15 of 20 right, required at least 0.7000",
                "passed --min-class-accuracy cat=0.5: accuracy of class cat 0.5000 [0.1500, 0.8500] (95% Wilson), "
                        + "2 of 4 right, required at least 0.5000");
        assertThat(dir.resolve("error-report/report.html")).isNotEmptyFile();
        assertThat(dir.resolve("error-report/report.json")).content().contains("\"schemaVersion\"");
        assertThat(dir.resolve("error-report/report.md")).isNotEmptyFile();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void should_fail_with_exit_1_naming_each_failing_gate_with_actual_and_required() {
        // WHEN
        Cli.Result result = analyze("--min-accuracy", "0.8", "--min-class-accuracy", "dog=0.5",
                "--min-class-accuracy", "cat=0.6", "--max-ece", "0.5");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(result.out()).contains(
                "gate FAILED --min-accuracy 0.8: accuracy " + ACCURACY + ", 15 of 20 right, required at least 0.8000",
                "gate passed --min-class-accuracy dog=0.5: accuracy of class dog 0.7778",
                "gate FAILED --min-class-accuracy cat=0.6: accuracy of class cat 0.5000 [0.1500, 0.8500] (95% Wilson),"
                        + " 2 of 4 right, required at least 0.6000",
                "gate FAILED --max-ece 0.5: expected calibration error 0.5250");
        assertThat(result.err()).isEqualTo("cifar-errors analyze: 3 of 4 quality gates failed\n");
    }

    @Test
    void should_fail_on_the_lower_bound_when_only_the_estimate_clears_the_gate() {
        // WHEN
        Cli.Result estimate = analyze("--min-accuracy", "0.7");
        Cli.Result bound = analyze("--min-accuracy", "0.7", "--gate-on-lower-bound");
        // THEN
        assertThat(estimate.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(bound.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(bound.out()).contains("gate FAILED --min-accuracy 0.7: lower bound of accuracy 0.5313 (accuracy "
                + ACCURACY + ", 15 of 20 right), required at least 0.7000");
    }

    @Test
    void should_reject_a_threshold_outside_0_1_in_one_line_before_reading_anything() throws IOException {
        // GIVEN an earlier report that must survive
        Files.createDirectories(dir.resolve("error-report"));
        Files.writeString(dir.resolve("error-report/keep.txt"), "earlier report");
        // WHEN
        Cli.Result result = analyze("--min-accuracy", "75");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --min-accuracy 75.0: 75.0 is outside "
                + "[0, 1]; give a fraction, such as 0.6 for 60 %");
        assertThat(dir.resolve("error-report/keep.txt")).hasContent("earlier report");
    }

    @Test
    void should_name_the_valid_classes_when_a_gate_names_an_unknown_class() {
        // WHEN
        Cli.Result result = analyze("--min-class-accuracy", "kat=0.5");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --min-class-accuracy kat=0.5: unknown "
                + "class 'kat'; the classes are cat, dog, frog");
    }

    @Test
    void should_reject_a_class_gate_without_equals_or_number() {
        assertThat(analyze("--min-class-accuracy", "cat").errLines()).containsExactly("cifar-errors analyze: "
                + "--min-class-accuracy cat: expected NAME=X, such as cat=0.5");
        assertThat(analyze("--min-class-accuracy", "cat=high").errLines()).containsExactly("cifar-errors analyze: "
                + "--min-class-accuracy cat=high: 'high' is not a number");
        assertThat(analyze("--min-class-accuracy", "cat=1.2").errLines()).containsExactly("cifar-errors analyze: "
                + "--min-class-accuracy cat=1.2: 1.2 is outside [0, 1]; give a fraction, such as 0.6 for 60 %");
    }

    @Test
    void should_name_a_missing_file() {
        // WHEN
        Cli.Result result = Cli.run(dir, "analyze", "--predictions", "nothing.npy", "--labels", "labels.csv",
                "--classes", "classes.txt");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --predictions nothing.npy: no such file "
                + dir.resolve("nothing.npy"));
    }

    @Test
    void should_name_both_files_when_predictions_and_labels_differ_in_length() throws IOException {
        // GIVEN
        Files.writeString(dir.resolve("short.csv"), "0\n1\n");
        // WHEN
        Cli.Result result = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "short.csv", "--classes",
                "classes.txt");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("cifar-errors analyze: --predictions p.csv with --labels short.csv and --classes "
                        + "classes.txt: ")
                .contains("20", "2");
    }

    @Test
    void should_name_a_file_of_unknown_format() throws IOException {
        // GIVEN
        Files.writeString(dir.resolve("p.json"), "[]");
        // WHEN
        Cli.Result result = Cli.run(dir, "analyze", "--predictions", "p.json", "--labels", "labels.csv",
                "--classes", "classes.txt");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --predictions p.json: "
                + dir.resolve("p.json") + ": unknown format; expected a .npy or .csv file");
    }

    @Test
    void should_name_a_missing_data_folder_and_a_split_without_data() {
        assertThat(Cli.run(dir, "analyze", "--data", "no-such-folder").errLines()).containsExactly(
                "cifar-errors analyze: --data no-such-folder: no such file or folder " + dir.resolve("no-such-folder"));
        assertThat(Cli.run(dir, "analyze", "--split", "validation").errLines()).containsExactly(
                "cifar-errors analyze: --split validation needs --data: the bundled sample has no splits (--split all, "
                        + "or none, reads its 1,000 images)");
        assertThat(Cli.run(dir, "analyze", "--model", "m.cifarmodel").errLines()).containsExactly(
                "cifar-errors analyze: --model m.cifarmodel: no such model file " + dir.resolve("m.cifarmodel")
                        + " (expected baseline, augmented or a saved .cifarmodel file)");
    }

    @Test
    void should_name_the_valid_splits() {
        // WHEN
        Cli.Result result = Cli.run(dir, "analyze", "--split", "holdout");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().startsWith("cifar-errors analyze: Invalid value for "
                + "option '--split': 'holdout' is not a split; expected one of test, train, validation");
    }

    @Test
    void should_report_an_unknown_option_in_one_line() {
        // WHEN
        Cli.Result result = Cli.run(dir, "analyze", "--min-acuracy", "0.5");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().startsWith("cifar-errors analyze: Unknown options: "
                + "'--min-acuracy', '0.5'");
    }

    @Test
    void should_show_the_stack_trace_only_with_verbose() throws IOException {
        // GIVEN a predictions file that is not CSV numbers
        Files.writeString(dir.resolve("bad.csv"), "a,b,c\nx,y,z\n");
        // WHEN
        Cli.Result quiet = Cli.run(dir, "analyze", "--predictions", "bad.csv", "--labels", "labels.csv",
                "--classes", "classes.txt");
        Cli.Result verbose = Cli.run(dir, "analyze", "--verbose", "--predictions", "bad.csv", "--labels",
                "labels.csv", "--classes", "classes.txt");
        // THEN
        assertThat(quiet.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(quiet.errLines()).singleElement().asString().startsWith("cifar-errors analyze: --predictions "
                + "bad.csv: ");
        assertThat(verbose.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(verbose.err()).contains("\tat io.github.erroranalysis.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "calibrate", "compare", "train", "predict", "robustness", "corrupt"})
    void should_show_help_for_every_command(String command) {
        // WHEN
        Cli.Result result = Cli.run(dir, command, "--help");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).startsWith("Usage: cifar-errors " + command).contains("--quiet", "--verbose");
    }

    @Test
    void should_show_help_and_version_for_the_whole_command() {
        assertThat(Cli.run(dir, "--help").out()).startsWith("Usage: cifar-errors").contains("analyze", "calibrate",
                "compare", "train", "predict", "robustness", "corrupt", "Exit codes: 0");
        assertThat(Cli.run(dir, "--version").out()).startsWith("cifar-errors ");
    }

    @Test
    void should_refuse_precomputed_predictions_mixed_with_data() {
        assertThat(analyze("--data", "x").errLines()).containsExactly("cifar-errors analyze: --predictions replaces "
                + "--model and --data; give one or the other");
    }

    @Test
    void should_name_an_image_file_that_does_not_exist() {
        // WHEN
        Cli.Result result = Cli.run(dir, "predict", "cat.png");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors predict: IMAGE cat.png: no such file "
                + dir.resolve("cat.png"));
    }

    @Test
    void should_refuse_to_train_without_an_archive_or_with_zero_epochs() {
        assertThat(Cli.run(dir, "train", "--epochs", "0").errLines()).containsExactly(
                "cifar-errors train: --epochs 0: must be at least 1");
        assertThat(Cli.run(dir, "train", "--data", "none.tar.gz").errLines()).containsExactly(
                "cifar-errors train: --data none.tar.gz: no CIFAR-10 training archive at " + dir.resolve("none.tar.gz")
                        + " (give the official cifar-10-binary.tar.gz or its cifar-10-batches-bin folder)");
    }
}
