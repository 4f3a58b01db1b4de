package io.github.erroranalysis.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atomic writing: a file or a whole folder is written to a temporary sibling and renamed over the target, so a
 * reader sees the old version or the new one, never a half-written one. New files get the usual permissions
 * ({@code rw-r--r--}, folders {@code rwxr-xr-x}), not the owner-only ones of temporary files. Internal: not API.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

    private AtomicFiles() {
    }

    /**
     * Writes one file through a temporary sibling.
     *
     * @param file    the file to create or replace
     * @param content its bytes
     * @throws IOException if the file is a folder or cannot be written; an existing file is then kept
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write the file " + target + ": it is a folder");
        }
        Path parent = writableParent(target, "file");
        Path temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, content);
            permit(temp, FILE);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes a folder of files (relative path to content) through a temporary sibling folder; an existing folder at
     * the target is moved aside, the new one renamed in, and the old one deleted.
     *
     * @param folder the folder to create or replace
     * @param what   what the folder is, for messages (for example "report folder")
     * @param files  relative file name (with {@code /} for subfolders) to content, in writing order
     * @return the folder, absolute
     * @throws IOException if the folder is a file or cannot be written; nothing is then written and an existing
     *                     folder is kept
     */
    public static Path writeFolder(Path folder, String what, Map<String, byte[]> files) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException("cannot write the " + what + " " + target + ": a file of that name exists; "
                    + "nothing was written");
        }
        Path parent = writableParent(target, what);
        String name = target.getFileName().toString();
        Path temp;
        try {
            temp = Files.createTempDirectory(parent, "." + name + ".new-");
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write the " + what + " " + target + ": " + parent
                    + " is not writable; nothing was written", e);
        }
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = temp.resolve(f.getKey()).normalize();
                if (!p.startsWith(temp)) {
                    throw new IllegalArgumentException("file name leaves the " + what + ": " + f.getKey());
                }
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            try (Stream<Path> written = Files.walk(temp)) {
                for (Path p : written.toList()) {
                    permit(p, Files.isDirectory(p) ? FOLDER : FILE);
                }
            }
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(parent, "." + name + ".old-");
                Files.delete(old);
                Files.move(target, old);
                try {
                    move(temp, target);
                } catch (IOException e) {
                    Files.move(old, target);
                    throw e;
                }
                deleteTree(old);
            } else {
                move(temp, target);
            }
            LOG.info("wrote the {} {} ({} files)", what, target, files.size());
            return target;
        } finally {
            if (Files.exists(temp)) {
                deleteTree(temp);
            }
        }
    }

    private static Path writableParent(Path target, String what) throws IOException {
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot write the " + what + " " + target + ": it has no parent folder");
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
                    + parent + " (" + e.getMessage() + "); nothing was written", e);
        }
        if (!Files.isWritable(parent)) {
            throw new IOException("cannot write the " + what + " " + target + ": " + parent
                    + " is not writable; nothing was written");
        }
        return parent;
    }

    /** Gives a written file or folder the usual permissions where the file system has POSIX permissions. */
    private static void permit(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes a folder and everything in it.
     *
     * @param root the folder
     * @throws IOException if something cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
