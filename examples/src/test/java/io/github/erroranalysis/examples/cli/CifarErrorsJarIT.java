package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real shaded {@code cifar-errors.jar} as a subprocess, in an empty folder: its manifest, its exit code for bad
 * input, and, when the jar holds the bundled baseline model, the main job with no arguments (natives, model and
 * sample all found inside the jar, the report written, exit 0).
 */
class CifarErrorsJarIT {

    private static final String BASELINE_ENTRY = "io/github/erroranalysis/cifar/model/baseline.cifarmodel";

    @TempDir
    Path dir;

    private Path jar;

    /** What a run of the jar printed, and its exit code. */
    private record Run(int exitCode, String output) {
    }

    @BeforeEach
    void findJar() {
        jar = Path.of(System.getProperty("cifar.errors.jar", "target/cifar-errors.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "no " + jar + "; run mvn package first");
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("finished in time").isTrue();
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    @Test
    void the_jar_starts_and_refuses_bad_input_with_exit_2() throws Exception {
        // WHEN
        Run version = run("--version");
        Run bad = run("analyze", "--min-accuracy", "1.5");
        // THEN
        assertThat(version.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(version.output()).startsWith("cifar-errors ").doesNotContain("development");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.output()).isEqualTo("cifar-errors analyze: --min-accuracy 1.5: 1.5 is outside [0, 1]; give a "
                + "fraction, such as 0.6 for 60 %\n");
    }

    @Test
    void the_jar_runs_the_main_job_with_no_arguments() throws Exception {
        // GIVEN
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assumeTrue(zip.getEntry(BASELINE_ENTRY) != null, "the jar holds no bundled baseline model yet (it is "
                    + "still being trained)");
        }
        // WHEN
        Run main = run();
        // THEN
        assertThat(main.exitCode()).as(main.output()).isEqualTo(ExitCodes.PASSED);
        assertThat(main.output()).contains("accuracy 0.", "(95% Wilson)", "hardest class: ", "Pred: ");
        assertThat(dir.resolve("error-report/report.html")).isNotEmptyFile();
        assertThat(dir.resolve("error-report/report.json")).isNotEmptyFile();
        assertThat(dir.resolve("error-report/figures")).isDirectory();
    }
}
