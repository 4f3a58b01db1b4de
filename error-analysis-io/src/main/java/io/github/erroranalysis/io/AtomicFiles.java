package io.github.erroranalysis.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a file so that it is never seen half-written and survives a crash once written: the bytes go into a
 * temporary file in the same folder ({@code .NAME.HEX.tmp}), which is forced to disk and then renamed onto the target
 * in one atomic rename (a plain replacing rename where the file system has no atomic one), and the folder is forced
 * too. If anything fails the temporary file is removed and an existing target is left as it was. New files get the
 * default permissions (the umask applies), not the owner-only ones of {@link Files#createTempFile}. A symbolic link is
 * followed: the file it points to is replaced and the link stays.
 *
 * <p>Errors of the file system (full disk, an unwritable folder, a failed rename) are {@link IOException}s whose
 * message names the target file.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BUFFER = 1 << 16;

    private AtomicFiles() {
    }

    /** Writes the content of a file to the stream it is given; closing that stream only flushes it. */
    @FunctionalInterface
    public interface Content {

        /**
         * Writes the content.
         *
         * @param out the stream to write to
         * @throws IOException if the content cannot be made or written
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes bytes to a file atomically.
     *
     * @param file the file to create or replace
     * @param content its bytes
     * @throws IOException if the file cannot be written (the message names it); an existing file is then kept
     */
    public static void write(Path file, byte[] content) throws IOException {
        Objects.requireNonNull(content, "content");
        write(file, out -> out.write(content));
    }

    /**
     * Writes a file atomically through {@code content}.
     *
     * @param file the file to create or replace
     * @param content writes the bytes
     * @throws IOException if the file cannot be written (the message names it) or {@code content} fails (its own
     *                     exception); an existing file is then kept
     */
    public static void write(Path file, Content content) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        Path target = linkTarget(file.toAbsolutePath().normalize());
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write the file " + target + ": it is a folder; nothing was written");
        }
        Path folder = writableParent(target, "file");
        Path temporary = temporarySibling(target, ".tmp");
        try {
            FileChannel channel;
            try {
                channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw failure(target, "cannot create a temporary file in " + folder, e);
            }
            try (channel) {
                writeThrough(Channels.newOutputStream(channel), target, content);
                try {
                    channel.force(true);
                } catch (IOException e) {
                    throw failure(target, "cannot force it to disk", e);
                }
            }
            moveInto(temporary, target);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        forceFolder(folder);
    }

    /**
     * Writes content through a buffer into a stream whose write errors then name {@code target}, and flushes it (the
     * content sees a stream whose {@code close} only flushes).
     */
    static void writeThrough(OutputStream sink, Path target, Content content) throws IOException {
        OutputStream out = new BufferedOutputStream(new NamingStream(sink, target), BUFFER);
        content.writeTo(new FlushOnClose(out));
        out.flush();
    }

    /**
     * Renames a finished file or folder onto {@code target} (replacing a file there, or an empty folder), atomically
     * where the file system can and with a plain replacing rename where it cannot.
     *
     * @param source the finished file or folder
     * @param target where it goes
     * @throws IOException if the rename fails (the message names the target)
     */
    static void moveInto(Path source, Path target) throws IOException {
        try {
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.debug("atomic rename not supported for {}; replacing it", target);
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw failure(target, "cannot rename " + source.getFileName() + " onto it", e);
        }
    }

    /**
     * Forces a folder's entries (names created, renamed or deleted in it) to disk, where the platform can; on one
     * that cannot open folders (Windows) this does nothing.
     *
     * @param folder the folder
     */
    static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot force the folder {} to disk: {}", folder, e.toString());
        }
    }

    /**
     * The file a path names once symbolic links are followed: the path itself unless it is a link, so that writing
     * through a link replaces the file it points to and the link stays.
     *
     * @param file the file, absolute and normalized
     * @return the file to write, absolute
     * @throws IOException if it is a link to a file that does not exist (a loop, or a dangling link)
     */
    private static Path linkTarget(Path file) throws IOException {
        if (!Files.isSymbolicLink(file)) {
            return file;
        }
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new IOException("cannot write the file " + file + ": it is a symbolic link to "
                    + Files.readSymbolicLink(file) + ", which does not exist; nothing was written", e);
        }
    }

    /**
     * Checks that a target's parent folder can be written, creating it if needed.
     *
     * @param target the file or folder to be written, absolute and normalized
     * @param what what it is, for messages (for example "report folder")
     * @return the parent folder
     * @throws IOException if there is no parent, a parent is a file, or the parent cannot be created or written
     */
    static Path writableParent(Path target, String what) throws IOException {
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot write the " + what + " " + target + ": it has no parent folder; nothing "
                    + "was written");
        }
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IOException("cannot write the " + what + " " + target + ": " + p
                        + " is a file, not a folder; nothing was written");
            }
            if (Files.exists(p)) {
                break;
            }
        }
        try {
            Files.createDirectories(parent);
        } catch (FileSystemException e) {
            throw new IOException("cannot write the " + what + " " + target + ": cannot create its parent folder "
                    + parent + " (" + Messages.reason(e) + "); nothing was written", e);
        }
        if (!Files.isWritable(parent)) {
            throw new IOException("cannot write the " + what + " " + target + ": " + parent
                    + " is not writable; nothing was written");
        }
        return parent;
    }

    /** A fresh name beside {@code target}: {@code .NAME.HEX} plus the suffix, HEX 16 random hex digits. */
    static Path temporarySibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + "." + randomHex() + suffix);
    }

    /** Sixteen random lowercase hex digits. */
    static String randomHex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** An IOException naming the target, with the cause's {@link Messages#reason reason}. */
    static IOException failure(Path target, String doing, IOException cause) {
        return new IOException("cannot write " + target + ": " + doing + " (" + Messages.reason(cause) + ")", cause);
    }

    /** Turns the file system's write errors (a full disk says only "No space left on device") into ones naming the file. */
    private static final class NamingStream extends OutputStream {

        private final OutputStream out;
        private final Path target;

        NamingStream(OutputStream out, Path target) {
            this.out = out;
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failure(target, "writing failed", e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failure(target, "writing failed", e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failure(target, "writing failed", e);
            }
        }
    }

    /** The stream handed to the content: closing it (to finish a gzip or zip stream) only flushes. */
    private static final class FlushOnClose extends OutputStream {

        private final OutputStream out;

        FlushOnClose(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
