package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void should_name_the_file_when_the_disk_is_full_and_keep_the_old_one() throws IOException {
        Path file = Files.write(dir.resolve("keep.bin"), new byte[] {1, 2, 3});
        // what a full disk does: the file system's write fails with only "No space left on device"
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> out.write(new byte[200_000]),
                out -> new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        throw new IOException("No space left on device");
                    }
                })).isInstanceOf(IOException.class)
                .hasMessage("cannot write " + file + ": writing failed (No space left on device)");
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(names()).containsExactly("keep.bin");
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
