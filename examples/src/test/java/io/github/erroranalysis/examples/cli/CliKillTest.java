package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.io.OutputFolders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code cifar-errors analyze --out r} in a real child process, killed with {@code kill -9} at seeded random moments
 * while it writes the report (once its staging folder has appeared): after every kill {@code r} holds a complete
 * report (or, between the two renames, the complete old one is aside), and the next run cleans up every hidden
 * leftover. Where a kill lands depends on the machine's load (it may fall between two runs and leave nothing); the
 * folder writer itself is tested in error-analysis-io (OutputFoldersKillTest, and OutputFoldersTest for the exact
 * state between the two renames); this one checks the CLI uses it.
 */
class CliKillTest {

    private static final int KILLS = 4;
    private static final long DEADLINE_SECONDS = 120;

    @TempDir
    Path work;

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), RepeatedAnalyzeChild.class.getName(), work.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Set<String> files(Path folder) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                names.add(folder.relativize(p).toString());
            }
        }
        return names;
    }

    /** A complete report: exactly the expected files, none empty, the JSON whole, the HTML closed. */
    private static void assertComplete(Path folder, Set<String> expected) throws IOException {
        assertThat(files(folder)).as(folder.toString()).isEqualTo(expected);
        for (String name : expected) {
            assertThat(folder.resolve(name)).as(name).isNotEmptyFile();
        }
        assertThat(new ObjectMapper().readTree(folder.resolve("report.json").toFile()).get("schemaVersion").asInt())
                .isEqualTo(io.github.erroranalysis.json.JsonCodec.SCHEMA_VERSION);
        assertThat(Files.readString(folder.resolve("report.html"))).endsWith("</html>\n");
    }

    /** The child's first line, read on a daemon thread so that a hung child fails the test instead of hanging it. */
    private static String firstLine(Process child) throws Exception {
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                line.complete(out.readLine());
                out.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                line.complete(null);
            }
        }, "cli-kill-test-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            return line.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            child.destroyForcibly();
            throw new AssertionError("the child printed nothing in " + DEADLINE_SECONDS + " s", e);
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".r.") || n.equals("r"))
                    .sorted().toList();
        }
    }

    @Test
    void after_every_kill_of_analyze_the_report_is_complete_and_the_next_run_cleans_up() throws Exception {
        Cli.writePredictions(work, "p.csv", "labels.csv", "classes.txt");
        assertThat(Cli.run(work, "analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--out", "r", "--quiet").exitCode()).isZero();
        Set<String> expected = files(work.resolve("r"));
        assertThat(expected).contains(OutputFolders.MARKER, "report.json", "report.html", "report.md");
        Random random = new Random(11);
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = start();
            try {
                assertThat(firstLine(child)).as("kill %d: the child's first run", kill).isEqualTo("wrote 1");
                // kill while it writes: as soon as its next report is being staged, after a random moment
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (names().stream().noneMatch(n -> n.startsWith(".r.new-")) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(25));
            } finally {
                child.destroyForcibly();
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("kill %d: the child ended", kill).isTrue();
            List<String> after = names();
            if (Files.exists(work.resolve("r"))) {
                assertComplete(work.resolve("r"), expected);
            } else {
                List<String> olds = after.stream().filter(n -> n.startsWith(".r.old-")).toList();
                assertThat(olds).as("kill %d left no report: %s", kill, after).hasSize(1);
                assertComplete(work.resolve(olds.get(0)), expected);
            }
        }
        // the next run cleans up what the last kill left
        assertThat(Cli.run(work, "analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--out", "r", "--quiet").exitCode()).isZero();
        assertThat(names()).containsExactly("r");
        assertComplete(work.resolve("r"), expected);
    }
}
