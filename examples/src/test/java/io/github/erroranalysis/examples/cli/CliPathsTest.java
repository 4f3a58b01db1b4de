package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.gate.GateResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths typed on the command line: a folder, a device or a FIFO given as a file is named as what it is, an empty
 * option says it is empty, a {@code ~} the shell left unexpanded is refused, {@code train} checks that it can write
 * its model before training; and the messages of a gate failing by a hair and of the comparison summary.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliPathsTest {

    @TempDir
    Path work;

    @BeforeEach
    void predictions() throws IOException {
        Cli.writePredictions(work, "p.csv", "labels.csv", "classes.txt");
        Files.createDirectories(work.resolve("afolder"));
    }

    private Cli.Result analyze(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "analyze";
        System.arraycopy(options, 0, args, 1, options.length);
        return Cli.run(work, args);
    }

    private static void assertBadInput(Cli.Result r, String command, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("cifar-errors " + command + ": " + message);
    }

    @Test
    void a_folder_given_as_a_file_is_called_a_folder() {
        assertBadInput(analyze("--predictions", "p.csv", "--labels", "afolder", "--classes", "classes.txt",
                "--out", "r"), "analyze", "--labels afolder: " + work.resolve("afolder") + " is a folder, not a file");
        assertBadInput(analyze("--predictions", "afolder", "--labels", "labels.csv", "--classes", "classes.txt",
                "--out", "r"), "analyze", "--predictions afolder: " + work.resolve("afolder")
                + " is a folder, not a file");
        assertBadInput(analyze("--model", "afolder", "--out", "r"), "analyze",
                "--model afolder: " + work.resolve("afolder") + " is a folder, not a file");
        assertBadInput(Cli.run(work, "predict", "afolder"), "predict",
                "IMAGE afolder: " + work.resolve("afolder") + " is a folder, not a file");
    }

    @Test
    void a_device_or_a_fifo_given_as_a_file_is_called_not_a_regular_file() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull), "no /dev/null on this system");
        assertBadInput(analyze("--predictions", "/dev/null", "--labels", "labels.csv", "--classes", "classes.txt",
                "--out", "r"), "analyze", "--predictions /dev/null: /dev/null is not a regular file (a device, FIFO "
                + "or socket); give a file");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", work.resolve("fifo").toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo on this system: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        // reading a FIFO would block forever: the check must come before any read (the test's timeout guards it)
        assertBadInput(analyze("--predictions", "p.csv", "--labels", "labels.csv", "--classes", "fifo",
                "--out", "r"), "analyze", "--classes fifo: " + work.resolve("fifo") + " is not a regular file (a "
                + "device, FIFO or socket); give a file");
        assertBadInput(Cli.run(work, "predict", "fifo"), "predict", "IMAGE fifo: " + work.resolve("fifo")
                + " is not a regular file (a device, FIFO or socket); give a file");
    }

    @Test
    void an_empty_file_option_says_it_is_empty() {
        assertBadInput(analyze("--predictions=", "--labels", "labels.csv", "--classes", "classes.txt", "--out", "r"),
                "analyze", "--predictions is empty: give a file");
        assertBadInput(analyze("--predictions", "p.csv", "--labels=", "--classes", "classes.txt", "--out", "r"),
                "analyze", "--labels is empty: give a file");
        assertBadInput(Cli.run(work, "train", "--data=", "--out", "m.cifarmodel"), "train",
                "--data is empty: give the CIFAR-10 training archive (.tar.gz or folder)");
    }

    @Test
    void a_tilde_the_shell_did_not_expand_is_refused_and_nothing_is_created() {
        String home = System.getProperty("user.home");
        assertBadInput(analyze("--predictions", "p.csv", "--labels", "labels.csv", "--classes", "classes.txt",
                "--out=~/reports"), "analyze", "--out ~/reports: the shell did not expand ~ (it does not after '=' "
                + "or inside quotes); write the folder out, for example --out " + home + "/reports");
        assertBadInput(analyze("--predictions", "~/p.csv", "--labels", "labels.csv", "--classes", "classes.txt",
                "--out", "r"), "analyze", "--predictions ~/p.csv: the shell did not expand ~ (it does not after '=' "
                + "or inside quotes); write the folder out, for example --predictions " + home + "/p.csv");
        assertBadInput(Cli.run(work, "train", "--data", "afolder", "--out=~/m.cifarmodel"), "train",
                "--out ~/m.cifarmodel: the shell did not expand ~ (it does not after '=' or inside quotes); write "
                + "the folder out, for example --out " + home + "/m.cifarmodel");
        assertThat(work.resolve("~")).doesNotExist();
    }

    @Test
    void train_refuses_a_model_under_a_file_before_training() throws IOException {
        Files.writeString(work.resolve("afile.txt"), "a file");
        long start = System.nanoTime();
        assertBadInput(Cli.run(work, "train", "--data", "afolder", "--out", "afile.txt/x.cifarmodel"), "train",
                "--out afile.txt/x.cifarmodel: " + work.resolve("afile.txt") + " is a file, not a folder, so "
                        + work.resolve("afile.txt/x.cifarmodel") + " cannot be written");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
        assertThat(work.resolve("afile.txt")).hasContent("a file");
    }

    /** Runs a command, true if it exits 0 within ten seconds; false if it cannot be run. */
    private static boolean ran(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void train_refuses_a_folder_it_cannot_write_in_before_training() throws Exception {
        Path readOnly = Files.createDirectories(work.resolve("rodir"));
        boolean immutable = ran("chattr", "+i", readOnly.toString());
        try {
            if (!immutable) {
                readOnly.toFile().setWritable(false, false);
            }
            assumeTrue(!Files.isWritable(readOnly) || immutable, "cannot make a folder read-only here (root "
                    + "without chattr)");
            long start = System.nanoTime();
            Cli.Result r = Cli.run(work, "train", "--data", "afolder", "--out", "rodir/m.cifarmodel");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).startsWith("cifar-errors train: --out rodir/m.cifarmodel: cannot write in the "
                    + "folder " + readOnly + " (").doesNotContain("Exception");
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
        } finally {
            if (immutable) {
                ran("chattr", "-i", readOnly.toString());
            }
            readOnly.toFile().setWritable(true, false);
        }
        try (var files = Files.list(readOnly)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void train_creates_the_model_folder_and_probes_it_before_training_and_names_data_errors_by_option()
            throws IOException {
        Files.write(work.resolve("bogus.tar.gz"), new byte[] {1, 2, 3, 4});
        Cli.Result r = Cli.run(work, "train", "--data", "bogus.tar.gz", "--out", "models/m.cifarmodel", "--epochs",
                "1", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("cifar-errors train: --data bogus.tar.gz: ").doesNotContain("Exception")
                .doesNotContain("--verbose shows where");
        assertThat(r.err().strip().lines()).hasSize(1);
        try (var files = Files.list(work.resolve("models"))) {
            assertThat(files).as("the probe file is deleted").isEmpty();
        }
    }

    @Test
    void a_gate_failing_by_a_hair_prints_the_threshold_as_typed_and_enough_decimals_to_tell() {
        Cli.Result r = analyze("--predictions", "p.csv", "--labels", "labels.csv", "--classes", "classes.txt",
                "--out", "r", "--min-accuracy", "0.75001");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(r.out() + r.err()).contains("FAILED --min-accuracy 0.75001: accuracy 0.7500 [")
                .contains(", 0.75000 to 5 decimals, required at least 0.75001");
    }

    @Test
    void gate_thresholds_read_with_four_decimals_unless_that_rounds_them() {
        assertThat(GateResult.threshold(0.7)).isEqualTo("0.7000");
        assertThat(GateResult.threshold(0.67431)).isEqualTo("0.67431");
        assertThat(GateResult.decimalsToTell(0.6743, 0.67431)).isEqualTo(5);
        assertThat(GateResult.decimalsToTell(0.6743, 0.6743)).isEqualTo(4);
        assertThat(GateResult.decimalsToTell(0.5, 0.5 + 1e-12)).isEqualTo(12);
    }
}
