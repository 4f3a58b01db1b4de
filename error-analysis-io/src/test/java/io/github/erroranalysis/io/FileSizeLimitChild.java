package io.github.erroranalysis.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The child process of {@link AtomicFilesTest}'s full-disk test, started under a file-size limit ({@code ulimit -f}):
 * writes one megabyte with {@link AtomicFiles#write(Path, AtomicFiles.Content)}, so that the file system's own write
 * fails past the limit, and prints the exception's message (or {@code written} if nothing failed).
 */
public final class FileSizeLimitChild {

    private FileSizeLimitChild() {
    }

    /**
     * Writes the file.
     *
     * @param args the file to write
     */
    public static void main(String[] args) {
        try {
            AtomicFiles.write(Path.of(args[0]), out -> out.write(new byte[1 << 20]));
            System.out.println("written");
        } catch (IOException e) {
            System.out.println(e.getMessage());
        }
    }
}
