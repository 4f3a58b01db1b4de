package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child process ({@link FolderWriterChild}) with {@code kill -9} at many seeded random moments while
 * it replaces a report folder over and over, and checks after every kill that the folder holds one complete report
 * (or, in the instant between the two renames, that the complete old one is aside and the next run restores it),
 * and that the next run (a recovery in this process, or the next child's write) leaves no hidden leftovers.
 */
class OutputFoldersKillTest {

    private static final int KILLS = 40;
    private static final long SEED = 20261201L;

    @TempDir
    Path dir;

    private Process start(Path folder, long generation, String mode, long pause) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                FolderWriterChild.class.getName(), folder.toString(), Long.toString(generation), mode,
                Long.toString(pause))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
        int betweenRenames = 0;
        List<String> leftoversSeen = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            // every third child pauses 40 ms between its two renames, so that kills also land in that window
            Process child = start(folder, generation, "forever", kill % 3 == 2 ? 40 : 0);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("the child started").isEqualTo("started");
                // let it replace the folder once, then kill it at a random moment of the following replacements
                assertThat(out.readLine()).as("the child wrote once").startsWith("wrote ");
                Thread.sleep(random.nextInt(150));
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            List<String> after = names();
            if (after.size() > 1) {
                leftoversSeen.add(String.join(" ", after));
            }
            long now;
            if (Files.exists(folder)) {
                now = FolderWriterChild.completeGeneration(folder);
            } else {
                // killed between the two renames: the complete old report is aside, the next run restores it
                betweenRenames++;
                List<String> olds = after.stream().filter(n -> n.startsWith(".report.old-")).toList();
                assertThat(olds).as("kill %d left no report at %s: %s", kill, folder, after).hasSize(1);
                now = FolderWriterChild.completeGeneration(dir.resolve(olds.get(0)));
            }
            assertThat(now).as("kill %d: the child had written generation %d", kill, generation)
                    .isGreaterThanOrEqualTo(generation);
            if (kill % 2 == 0) {
                // what the next run does first (on odd kills the next child's run does it)
                OutputFolders.recover(folder);
                assertThat(names()).as("after recovery from kill %d", kill).containsExactly("report");
                assertThat(FolderWriterChild.completeGeneration(folder)).isEqualTo(now);
            }
            generation = now + 1;
        }
        // the next real run cleans up whatever the last kill left, and writes
        Process once = start(folder, generation, "once", 0);
        once.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(once.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(once.exitValue()).isZero();
        assertThat(names()).containsExactly("report");
        assertThat(FolderWriterChild.completeGeneration(folder)).isEqualTo(generation);
        assertThat(leftoversSeen).as("some kills fell mid-write and left hidden folders to clean up").isNotEmpty();
        assertThat(betweenRenames).as("some kills fell between the two renames").isPositive();
        System.out.printf(java.util.Locale.ROOT, "%d kills: %d left hidden folders, %d fell between the renames%n",
                KILLS, leftoversSeen.size(), betweenRenames);
    }
}
