package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/bench.sh}, the benchmark a user runs (issue 13), as a subprocess: it parses, answers
 * {@code --help} and bad options, and its {@code --smoke} mode runs every case once on tiny inputs against the real
 * jar and prints the ratio table, cleaning up only the temporary folder it made. No timing is asserted: the numbers of
 * a smoke run mean nothing. The smoke run is skipped, with a message, without the jar or a python3 with NumPy.
 */
class BenchScriptIT {

    private static final Path SCRIPT = Path.of("bench.sh").toAbsolutePath();

    @TempDir
    Path dir;

    /** What a run printed (standard output and error together), and its exit code. */
    private record Run(int exitCode, String output) {
    }

    private static Run run(Map<String, String> environment, String... command) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("finished in time").isTrue();
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    private static Run bench(Map<String, String> environment, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        return run(environment, command.toArray(String[]::new));
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("cifar.errors.jar", "target/cifar-errors.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "no " + jar + "; run mvn package first");
        return jar;
    }

    private static void assumeNumpy() throws IOException, InterruptedException {
        boolean found = false;
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                found |= run(Map.of(), python, "-c", "import numpy").exitCode() == 0;
            } catch (IOException e) {
                // no such interpreter: try the next
            }
        }
        assumeTrue(found, "no python3 with NumPy (apt-get install python3-numpy): the benchmark cannot write inputs");
    }

    @Test
    void the_script_parses_and_answers_help_and_bad_options() throws Exception {
        // WHEN
        Run syntax = run(Map.of(), "bash", "-n", SCRIPT.toString());
        Run help = bench(Map.of(), "--help");
        Run unknown = bench(Map.of(), "--bogus");
        Run zero = bench(Map.of(), "--repeats", "0");
        Run badCase = bench(Map.of(), "--only", "main,nothing");
        // THEN
        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).startsWith("usage: examples/bench.sh [options]")
                .contains("--repeats R", "--rows N", "--big-rows N", "--only LIST", "--jar FILE", "--work DIR",
                        "--smoke", "python3-sklearn");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).isEqualTo("examples/bench.sh: unknown option '--bogus' (see --help)\n");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.output()).isEqualTo("examples/bench.sh: --repeats must be a positive whole number, got '0'\n");
        assertThat(badCase.exitCode()).isEqualTo(2);
        assertThat(badCase.output()).isEqualTo("examples/bench.sh: --only: unknown case 'nothing'; cases: "
                + "main,big,classes,startup,model\n");
    }

    @Test
    void the_smoke_mode_runs_every_case_and_prints_the_table_then_removes_its_temporary_folder() throws Exception {
        // GIVEN
        Path jar = jar();
        assumeNumpy();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        // WHEN
        Run smoke = bench(Map.of("TMPDIR", tmp.toString()), "--smoke", "--jar", jar.toString());
        // THEN
        assertThat(smoke.exitCode()).as(smoke.output()).isZero();
        assertThat(smoke.output()).contains("| case | CLI wall (median of 1) | CLI peak RSS | Python peer wall | ",
                "| analyze 1,000 × 10 (`--quiet`) | ", "| analyze 2,000 × 10 (`-Xmx2g`) | ",
                "| analyze 300 × 100 classes (`-Xmx1g`) | ", "| start-up: analyze 1,000 × 10 | ",
                "| CNN inference, baseline, batch 1,000 (img/s; peer: PyTorch) | ",
                "| analysis over `output()`, 256 images, batches of 128 | ");
        // where scikit-learn is installed the two sides computed the same numbers; elsewhere the peer says it skipped
        assertThat(smoke.output()).containsAnyOf("numbers: the CLI and the peer agree to 1e-6",
                "The Python peer was skipped: no python3 with scikit-learn");
        assertThat(smoke.output()).doesNotContain("failed", "DIFFER");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("the temporary work folder is removed").isEmpty();
        }
    }

    @Test
    void a_work_folder_given_is_kept_with_the_users_files_and_its_inputs_are_reused() throws Exception {
        // GIVEN
        Path jar = jar();
        assumeNumpy();
        Path work = Files.createDirectories(dir.resolve("my work"));
        Path mine = Files.writeString(work.resolve("notes.txt"), "mine");
        // WHEN
        Run first = bench(Map.of(), "--smoke", "--only", "startup", "--jar", jar.toString(), "--work", work.toString());
        Path inputs = work.resolve("inputs-1000x10/p.npy");
        FileTime written = Files.getLastModifiedTime(inputs);
        Run second = bench(Map.of(), "--smoke", "--only", "startup", "--jar", jar.toString(), "--work",
                work.toString());
        // THEN
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("| start-up: analyze 1,000 × 10 | ").doesNotContain("| analyze 1,000");
        assertThat(mine).hasContent("mine");
        assertThat(Files.getLastModifiedTime(inputs)).as("the inputs are written once").isEqualTo(written);
        assertThat(work.resolve("results.tsv")).isNotEmptyFile();
    }
}
