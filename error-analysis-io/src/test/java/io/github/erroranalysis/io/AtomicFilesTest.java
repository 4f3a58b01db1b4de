package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one atomic file writer: replaces whole, leaves nothing behind on failure, names the file in every error. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void should_write_and_replace_a_file_whole_with_the_default_permissions() throws IOException {
        Path file = dir.resolve("sub/model.bin");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        AtomicFiles.write(file, "second".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(file)).isEqualTo("second");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(dir.resolve("plain.txt"));
            assertThat(Files.getPosixFilePermissions(file)).as("default permissions, not owner-only")
                    .isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    @Test
    void should_let_the_content_close_its_stream_to_finish_a_gzip_stream() throws IOException {
        Path file = dir.resolve("a.gz");
        AtomicFiles.write(file, out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out);
            gzip.write("hello".getBytes(StandardCharsets.UTF_8));
            gzip.close();
        });
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void should_keep_the_old_file_and_leave_no_temporary_file_when_the_content_fails() throws IOException {
        Path file = Files.write(dir.resolve("keep.bin"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]);
            throw new IOException("the content failed");
        })).hasMessage("the content failed");
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(names()).containsExactly("keep.bin");
    }

    @Test
    void should_name_the_file_when_the_file_system_refuses_a_write_and_keep_the_old_one() throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "needs /bin/bash for ulimit -f (a real write refused by the system)");
        Path file = Files.write(dir.resolve("keep.bin"), new byte[] {1, 2, 3});
        // like a full disk, the file system's own write fails, saying only why: here past a 64 KiB size limit
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(bash.toString(), "-c", "ulimit -f 64 && exec \"$0\" \"$@\"", java,
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", "-cp",
                System.getProperty("java.class.path"), FileSizeLimitChild.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        // its output is one line, far below a pipe's buffer: wait first, so that a hung child cannot hang the build
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child writing under ulimit -f did not finish in 30 s");
        }
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("cannot write " + file + ": writing failed (File too large)\n");
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(names()).containsExactly("keep.bin");
    }

    @Test
    void should_write_through_a_symbolic_link_keeping_the_link() throws IOException {
        Path real = Files.writeString(Files.createDirectory(dir.resolve("real")).resolve("model.bin"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("real/model.bin"));
        AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real/model.bin"));
        assertThat(real).hasContent("new");
        assertThat(names()).containsExactly("link.bin", "real");

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.bin"), Path.of("absent/x.bin"));
        assertThatThrownBy(() -> AtomicFiles.write(dangling, new byte[1])).isInstanceOf(IOException.class)
                .hasMessage("cannot write the file " + dangling + ": it is a symbolic link to absent/x.bin, which "
                        + "does not exist; nothing was written");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        Path toFolder = Files.createSymbolicLink(dir.resolve("folder-link"), dir.resolve("real"));
        assertThatThrownBy(() -> AtomicFiles.write(toFolder, new byte[1])).isInstanceOf(IOException.class)
                .hasMessage("cannot write the file " + dir.resolve("real").toRealPath() + ": it is a folder; nothing "
                        + "was written");
        assertThat(names()).containsExactly("dangling.bin", "folder-link", "link.bin", "real");
    }

    @Test
    void should_name_the_file_when_it_is_a_folder_or_its_parent_is_a_file() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertThatThrownBy(() -> AtomicFiles.write(folder, new byte[1])).isInstanceOf(IOException.class)
                .hasMessage("cannot write the file " + folder + ": it is a folder; nothing was written");
        Path file = Files.writeString(dir.resolve("file"), "mine");
        assertThatThrownBy(() -> AtomicFiles.write(file.resolve("x.bin"), new byte[1]))
                .isInstanceOf(IOException.class).hasMessage("cannot write the file " + file.resolve("x.bin")
                        + ": " + file + " is a file, not a folder; nothing was written");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void should_name_the_file_when_the_rename_fails() throws IOException {
        Path source = Files.writeString(dir.resolve("a"), "a");
        Path busy = Files.createDirectories(dir.resolve("busy/inside"));
        assertThatThrownBy(() -> AtomicFiles.moveInto(source, busy.getParent()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + busy.getParent() + ": cannot rename a onto it (");
        assertThat(Files.readString(source)).isEqualTo("a");
    }

    @Test
    void should_not_leave_a_temporary_file_when_an_error_escapes_the_content() throws IOException {
        Path file = dir.resolve("new.bin");
        OutputStream[] seen = new OutputStream[1];
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            seen[0] = out;
            out.write(1);
            throw new IllegalStateException("bug in the content");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(names()).isEmpty();
    }
}
