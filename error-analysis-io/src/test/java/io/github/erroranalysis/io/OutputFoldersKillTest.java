package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child process ({@link FolderWriterChild}) with {@code kill -9} at seeded random moments while it
 * replaces a report folder over and over, and checks after every kill that the folder holds one complete report (or,
 * if the kill fell between the two renames, that the complete old one is aside), and that the next run (a recovery in
 * this process, or the next child's write) leaves no hidden leftovers. Where the kills land depends on the machine's
 * load; the state between the two renames is built exactly in {@link OutputFoldersTest}.
 */
class OutputFoldersKillTest {

    private static final int KILLS = 12;
    private static final long SEED = 20261201L;
    private static final long LINE_SECONDS = 60;

    @TempDir
    Path dir;

    /** A child's output lines, read on a daemon thread so that waiting for one has a deadline. */
    private static final class Lines {

        private static final String END = "\u0000end of output";
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Lines(Process child) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // the child was killed: its output ends
                } finally {
                    lines.add(END);
                }
            }, "kill-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next line, or an AssertionError after the deadline or at the end of the output. */
        String next(Process child, String what) throws InterruptedException {
            String line = lines.poll(LINE_SECONDS, TimeUnit.SECONDS);
            if (line == null || line.equals(END)) {
                child.destroyForcibly();
                throw new AssertionError(what + ": " + (line == null ? "no line in " + LINE_SECONDS + " s"
                        : "the child's output ended"));
            }
            return line;
        }
    }

    private Process start(Path folder, long generation, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                FolderWriterChild.class.getName(), folder.toString(), Long.toString(generation), mode)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void waitFor(Process child) throws InterruptedException {
        if (!child.waitFor(LINE_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child did not end in " + LINE_SECONDS + " s");
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void after_every_kill_the_folder_holds_a_complete_report_and_the_next_run_repairs_and_cleans_up()
            throws Exception {
        Path folder = dir.resolve("report");
        OutputFolders.replace(folder, "report folder", FolderWriterChild.report(0), f -> false);
        Random random = new Random(SEED);
        long generation = 1;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = start(folder, generation, "forever");
            try {
                Lines out = new Lines(child);
                assertThat(out.next(child, "the child started")).isEqualTo("started");
                // let it replace the folder once, then kill it at a random moment of the following replacements
                assertThat(out.next(child, "the child wrote once")).startsWith("wrote ");
                Thread.sleep(random.nextInt(150));
            } finally {
                child.destroyForcibly();
            }
            waitFor(child);
            List<String> after = names();
            long now;
            if (Files.exists(folder)) {
                now = FolderWriterChild.completeGeneration(folder);
            } else {
                // killed between the two renames: the complete old report is aside, the next run restores it
                List<String> olds = after.stream().filter(n -> n.startsWith(".report.old-")).toList();
                assertThat(olds).as("kill %d left no report at %s: %s", kill, folder, after).hasSize(1);
                now = FolderWriterChild.completeGeneration(dir.resolve(olds.get(0)));
            }
            assertThat(now).as("kill %d: the child had written generation %d", kill, generation)
                    .isGreaterThanOrEqualTo(generation);
            if (kill % 2 == 0) {
                // what the next run does first (on odd kills the next child's run does it)
                OutputFolders.recover(folder);
                // a killed run's lock file stays (unlocked) until the next real run takes it over and deletes it
                assertThat(names().stream().filter(n -> !n.equals(".report.lock")))
                        .as("after recovery from kill %d", kill).containsExactly("report");
                assertThat(FolderWriterChild.completeGeneration(folder)).isEqualTo(now);
            }
            generation = now + 1;
        }
        // the next real run cleans up whatever the last kill left, and writes
        Process once = start(folder, generation, "once");
        // its two lines of output fit a pipe's buffer: waiting with a deadline is enough
        waitFor(once);
        assertThat(once.exitValue()).isZero();
        assertThat(names()).containsExactly("report");
        assertThat(FolderWriterChild.completeGeneration(folder)).isEqualTo(generation);
    }
}
