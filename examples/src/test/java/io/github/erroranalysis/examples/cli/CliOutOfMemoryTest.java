package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@link OutOfMemoryError}: the command line in a child JVM with a small heap reading predictions too big
 * for it ends with exit 2 and one line naming the file and {@code -Xmx}, never a stack trace and exit 1.
 */
class CliOutOfMemoryTest {

    @TempDir
    Path dir;

    @Test
    void should_exit_2_naming_the_file_and_xmx_when_predictions_do_not_fit_in_the_heap() throws Exception {
        // GIVEN 700,000 rows of 10 probabilities (28 MB of text, 28 MB of floats and more while growing) for 48 MB
        Path predictions = dir.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
            String row = "0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1\n";
            for (int i = 0; i < 700_000; i++) {
                out.write(row);
            }
        }
        Files.writeString(dir.resolve("labels.csv"), "0\n");
        Files.writeString(dir.resolve("classes.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // WHEN
        Process child = new ProcessBuilder(java, "-Xmx48m", "-XX:-UsePerfData",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                CifarErrors.class.getName(), "analyze", "--predictions", "big.csv", "--labels", "labels.csv",
                "--classes", "classes.txt", "--out", "report")
                .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("err.txt").toFile()).start();
        // standard error goes to a file, never a pipe read without a deadline: a hung child fails here, in 120 s
        boolean exited = child.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(exited).as("the child JVM exited within 120 s").isTrue();
        // THEN
        List<String> lines = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("cifar-errors") || l.contains("Exception") || l.contains("Error"))
                .toList();
        assertThat(child.exitValue()).as(String.join("\n", lines)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(lines).singleElement().asString()
                .startsWith("cifar-errors analyze: --predictions big.csv with --labels labels.csv and --classes "
                        + "classes.txt: not enough memory to read " + predictions.toRealPath())
                .contains("-Xmx");
    }
}
