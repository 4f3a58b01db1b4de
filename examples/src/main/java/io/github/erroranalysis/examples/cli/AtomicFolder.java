package io.github.erroranalysis.examples.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a folder of files so that it is never seen half-written: the files go into a temporary sibling, which
 * then replaces the folder (an existing folder is moved aside first and deleted after).
 */
final class AtomicFolder {

    private AtomicFolder() {
    }

    /**
     * Writes the files as the folder's whole content.
     *
     * @param folder the folder to create or replace
     * @param files relative file name (with {@code /} for subfolders) to content, in writing order
     * @return the folder, absolute
     * @throws IOException if the folder is a file or writing fails; an existing folder is then kept
     */
    static Path write(Path folder, Map<String, byte[]> files) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "is a file, not a folder; not replaced");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempDirectory(parent, "." + target.getFileName() + ".new-");
        Path old = null;
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = temporary.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            if (Files.exists(target)) {
                old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.delete(old);
                move(target, old);
            }
            move(temporary, target);
            temporary = null;
        } finally {
            if (temporary != null) {
                deleteTree(temporary);
                if (old != null && !Files.exists(target)) {
                    move(old, target);
                    old = null;
                }
            }
        }
        if (old != null) {
            deleteTree(old);
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
