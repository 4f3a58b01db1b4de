package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * Two or more real processes ({@link FolderWriterChild}) writing one output folder at the same time: they take turns
 * through the folder's lock file, every write succeeds, and the folder ends complete with nothing left beside it; a
 * run that cannot get the lock in time fails naming the other run and writes nothing.
 */
class OutputFoldersConcurrencyTest {

    private static final int CHILDREN = 4;
    private static final int WRITES = 12;
    private static final long SECONDS = 60;

    @TempDir
    Path dir;

    private static ProcessBuilder child(Path folder, long generation, String mode) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                FolderWriterChild.class.getName(), folder.toString(), Long.toString(generation), mode)
                .redirectErrorStream(true);
    }

    /** Reads a child's whole output on another thread, so that the wait has a deadline. */
    private static CompletableFuture<String> output(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "cannot read the output: " + e;
            }
        });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrent_writers_of_one_folder_all_succeed_and_leave_it_complete() throws Exception {
        Path folder = dir.resolve("report");
        List<Process> children = new ArrayList<>();
        List<CompletableFuture<String>> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < CHILDREN; i++) {
                Process p = child(folder, 1000L * (i + 1), Integer.toString(WRITES)).start();
                children.add(p);
                outputs.add(output(p));
            }
            for (int i = 0; i < CHILDREN; i++) {
                Process p = children.get(i);
                assertThat(p.waitFor(SECONDS, TimeUnit.SECONDS)).as("child %d ends in %d s", i, SECONDS).isTrue();
                String out = outputs.get(i).get(SECONDS, TimeUnit.SECONDS);
                assertThat(p.exitValue()).as("child %d's exit code; its output:%n%s", i, out).isZero();
                assertThat(out.lines().filter(l -> l.startsWith("wrote "))).hasSize(WRITES);
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        long generation = FolderWriterChild.completeGeneration(folder);
        assertThat(generation % 1000).isEqualTo(WRITES - 1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_writer_that_cannot_get_the_lock_in_time_names_the_other_run_and_writes_nothing() throws Exception {
        Path folder = dir.resolve("report");
        OutputFolders.replace(folder, "report folder", FolderWriterChild.report(1), f -> false);
        Process holder = child(folder, 0, "hold").start();
        String previous = System.getProperty(OutputFolders.LOCK_WAIT_PROPERTY);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertThat(line.get(SECONDS, TimeUnit.SECONDS)).isEqualTo("locked");
            System.setProperty(OutputFolders.LOCK_WAIT_PROPERTY, "1");
            assertThatThrownBy(() -> OutputFolders.replace(folder, "report folder", FolderWriterChild.report(2),
                    f -> false)).isInstanceOf(IOException.class)
                    .hasMessage("cannot write the report folder " + folder + ": another run (pid " + holder.pid()
                            + ", locked by the test) has been writing it for 1 s and still holds the lock "
                            + OutputFolders.lockFile(folder) + "; nothing was written");
            assertThat(FolderWriterChild.completeGeneration(folder)).isEqualTo(1);
        } finally {
            if (previous == null) {
                System.clearProperty(OutputFolders.LOCK_WAIT_PROPERTY);
            } else {
                System.setProperty(OutputFolders.LOCK_WAIT_PROPERTY, previous);
            }
            holder.getOutputStream().close();
            if (!holder.waitFor(SECONDS, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        // the lock a finished (or killed) holder left is taken over, and deleted after the write
        OutputFolders.replace(folder, "report folder", FolderWriterChild.report(3), f -> false);
        assertThat(FolderWriterChild.completeGeneration(folder)).isEqualTo(3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report");
        }
    }

    @Test
    void a_file_or_link_of_the_lock_file_name_that_is_not_a_lock_file_is_left_alone() throws IOException {
        Path folder = dir.resolve("report");
        Path lock = OutputFolders.lockFile(folder);
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) 'x');
        Files.write(lock, big);
        assertThatThrownBy(() -> OutputFolders.replace(folder, "report folder", FolderWriterChild.report(1),
                f -> false)).isInstanceOf(IOException.class).hasMessage("cannot write the report folder " + folder
                + ": " + lock + " is not a lock file of this library (5000 bytes, a lock file holds under 1024); "
                + "move it away; nothing was written");
        assertThat(Files.readAllBytes(lock)).isEqualTo(big);
        assertThat(folder).doesNotExist();
        Files.delete(lock);
        Path precious = Files.writeString(dir.resolve("precious.txt"), "keep me");
        Files.createSymbolicLink(lock, precious);
        assertThatThrownBy(() -> OutputFolders.replace(folder, "report folder", FolderWriterChild.report(1),
                f -> false)).isInstanceOf(IOException.class).hasMessageStartingWith("cannot write the report folder "
                + folder + ": cannot open its lock file " + lock + " (");
        assertThat(precious).hasContent("keep me");
        assertThat(lock).isSymbolicLink();
    }
}
