package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real {@code cifar-errors analyze --out r} processes ({@link RepeatedAnalyzeChild}) writing the same folder
 * at the same time: they take turns through the folder's lock, so every run exits 0 (none deletes another's staging
 * folder) and the folder ends a complete report with nothing left beside it.
 */
class CliConcurrencyTest {

    private static final int CHILDREN = 4;
    private static final int RUNS = 6;
    private static final long SECONDS = 120;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void concurrent_runs_writing_one_out_folder_all_succeed() throws Exception {
        Cli.writePredictions(work, "p.csv", "labels.csv", "classes.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        List<CompletableFuture<String>> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < CHILDREN; i++) {
                Process p = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                        RepeatedAnalyzeChild.class.getName(), work.toString(), Integer.toString(RUNS))
                        .redirectErrorStream(true).start();
                children.add(p);
                outputs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "cannot read the output: " + e;
                    }
                }));
            }
            for (int i = 0; i < CHILDREN; i++) {
                assertThat(children.get(i).waitFor(SECONDS, TimeUnit.SECONDS)).as("child %d ends", i).isTrue();
                String out = outputs.get(i).get(SECONDS, TimeUnit.SECONDS);
                assertThat(out.lines().filter(l -> l.startsWith("wrote ") || l.startsWith("failed ")))
                        .as("child %d's output:%n%s", i, out).hasSize(RUNS).allMatch(l -> l.startsWith("wrote "));
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertThat(work.resolve("r/report.html")).isNotEmptyFile();
        assertThat(Files.readString(work.resolve("r/report.html"))).endsWith("</html>\n");
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".r."));
        }
    }
}
