package io.github.erroranalysis.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an output folder (a report, a comparison) as a whole, replacing an earlier one only when this library wrote
 * it, so that a user's own files are never deleted and a killed run never loses the old output.
 *
 * <p><b>Which folders are replaced.</b> Every folder written here holds the marker file {@value #MARKER}. An existing
 * folder is replaced only when it is empty, holds that marker, or passes the caller's test for an output of an
 * earlier version (for example a {@code report.json} with {@code "schemaVersion": 1}); otherwise a
 * {@link ForeignFolderException} names it and what it holds, and nothing is touched. The root folder and the working
 * folder (or a folder holding it) are never replaced. A symbolic link is followed: the folder it points to is the
 * one written, and the link stays.
 *
 * <p><b>What survives {@code kill -9}.</b> Java has no atomic exchange of two folders, so the new version is staged
 * completely, every file and folder forced to disk, in the hidden sibling {@code .NAME.new-HEX}; then two renames,
 * back to back, move the old folder to {@code .NAME.old-HEX} and the staged one to {@code NAME}; then the old one is
 * renamed to {@code .NAME.del-HEX} and deleted (HEX is 16 random hex digits). So after a kill at any moment
 * {@code NAME} holds the complete old version or the complete new one, except when the kill falls between the two
 * renames: then {@code NAME} is absent and the complete old version is {@code .NAME.old-HEX}. The next
 * {@link #replace} or {@link #recover} of the folder restores that old version if {@code NAME} is absent and deletes
 * every {@code .NAME.new-}, {@code .NAME.old-} and {@code .NAME.del-} leftover. Two processes writing the same folder
 * at the same time are not supported (one may clean up the other's staging folder).
 */
public final class OutputFolders {

    /** The marker file in every folder written here: its presence lets the next run replace the folder. */
    public static final String MARKER = ".error-analysis-output";

    private static final Logger LOG = LoggerFactory.getLogger(OutputFolders.class);
    private static final String NEW = "new";
    private static final String OLD = "old";
    private static final String DELETING = "del";

    /** For the kill test only: how long to pause between the two renames, widening the window a kill can hit. */
    static volatile long pauseBetweenRenamesMillis;

    private OutputFolders() {
    }

    /**
     * Writes a folder of files, replacing an existing one only when this library wrote it (see the class comment).
     *
     * @param folder the folder to create or replace
     * @param what what the folder is, for messages (for example "report folder")
     * @param files relative file name (with {@code /} for subfolders) to content, in writing order
     * @param earlierVersion whether an existing folder without the marker is an output of an earlier version, which
     *                       may be replaced
     * @return the folder written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds files this library did not write; nothing is written
     * @throws IOException if the folder is a file, the root or the working folder, or cannot be written; nothing is
     *                     then written and an existing folder is kept
     */
    public static Path replace(Path folder, String what, Map<String, byte[]> files, Predicate<Path> earlierVersion)
            throws IOException {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(earlierVersion, "earlierVersion");
        Path target = target(folder, what);
        Path parent = AtomicFiles.writableParent(target, what);
        recover(target);
        check(target, what, earlierVersion);
        for (String name : files.keySet()) {
            Path p = target.resolve(name).normalize();
            if (name.isEmpty() || !p.startsWith(target) || p.equals(target)
                    || p.getFileName().toString().equals(MARKER)) {
                throw new IllegalArgumentException("cannot write the " + what + " " + target + ": the file name '"
                        + name + "' is not a plain relative name inside it");
            }
        }
        Path staging = sibling(target, NEW);
        try {
            try {
                Files.createDirectory(staging);
            } catch (IOException e) {
                throw new IOException("cannot write the " + what + " " + target + ": cannot create a folder in "
                        + parent + " (" + reason(e) + "); nothing was written", e);
            }
            stage(staging, target, what, files);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                swap(target, staging);
            } else {
                AtomicFiles.moveInto(staging, target);
                AtomicFiles.forceFolder(parent);
            }
            LOG.info("wrote the {} {} ({} files)", what, target, files.size());
            return target;
        } finally {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(staging);
            }
        }
    }

    /**
     * Checks, without changing anything, that {@link #replace} may write a folder: it is absent, empty, holds the
     * marker or is an earlier version's output, and it is not the root or the working folder.
     *
     * @param folder the folder to be written
     * @param what what the folder is, for messages (for example "report folder")
     * @param earlierVersion whether an existing folder without the marker is an output of an earlier version
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds files this library did not write
     * @throws IOException if the folder is a file, the root or the working folder, or cannot be listed
     */
    public static Path check(Path folder, String what, Predicate<Path> earlierVersion) throws IOException {
        Path target = target(folder, what);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException("cannot write the " + what + " " + target + ": a file of that name exists; "
                    + "nothing was written");
        }
        if (!Files.isDirectory(target)) {
            return target;
        }
        List<String> contents;
        try {
            contents = contents(target);
        } catch (IOException e) {
            throw new IOException("cannot write the " + what + " " + target + ": cannot list what it holds ("
                    + reason(e) + "); nothing was written", e);
        }
        if (contents.isEmpty() || Files.isRegularFile(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)
                || earlierVersion.test(target)) {
            return target;
        }
        throw new ForeignFolderException(target, what, contents);
    }

    /**
     * Repairs what killed runs left beside a folder: restores the old version if the folder is absent and an old one
     * was moved aside, then deletes every {@code .NAME.new-HEX}, {@code .NAME.old-HEX} and {@code .NAME.del-HEX}
     * sibling (a staging or old folder only when it is empty or holds the marker).
     *
     * @param folder the output folder
     * @throws IOException if a leftover cannot be moved or deleted
     */
    public static void recover(Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null || !Files.isDirectory(parent)) {
            return;
        }
        Pattern leftover = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                + "\\.(" + NEW + "|" + OLD + "|" + DELETING + ")-[0-9a-f]{16}");
        List<Path> olds = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent)) {
            for (Path p : siblings) {
                Matcher m = leftover.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!m.group(1).equals(DELETING) && !ours(p)) {
                    LOG.warn("left {} alone: it looks like a leftover of {} but holds no {}", p, target, MARKER);
                    continue;
                }
                (m.group(1).equals(OLD) ? olds : others).add(p);
            }
        }
        if (olds.isEmpty() && others.isEmpty()) {
            return;
        }
        // the old version to restore: one holding the marker (every folder moved aside does), the newest first
        olds.sort(Comparator.comparing((Path p) -> !Files.isRegularFile(p.resolve(MARKER), LinkOption.NOFOLLOW_LINKS))
                .thenComparing(Comparator.comparing(OutputFolders::modified).reversed()));
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !olds.isEmpty()) {
            Path old = olds.remove(0);
            rename(old, target);
            AtomicFiles.forceFolder(parent);
            LOG.warn("restored {} from {}, which a killed run had moved aside", target, old.getFileName());
        }
        others.addAll(olds);
        for (Path p : others) {
            LOG.info("deleting {}, left by a killed run", p);
            deleteTree(p);
        }
        AtomicFiles.forceFolder(parent);
    }

    /**
     * Tells whether a JSON file declares a schema version: it holds {@code "schemaVersion": N} (any spacing). Used to
     * recognise outputs of earlier versions, which had no marker.
     *
     * @param file the JSON file
     * @param version the schema version
     * @return whether it is a regular file that declares that version; false if it cannot be read
     */
    public static boolean declaresSchemaVersion(Path file, int version) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Pattern.compile("\"schemaVersion\"\\s*:\\s*" + version + "(?![0-9.eE])").matcher(text).find();
        } catch (IOException | UncheckedIOException | OutOfMemoryError e) {
            LOG.debug("cannot read {}: {}", file, e.toString());
            return false;
        }
    }

    /**
     * Deletes a folder and everything in it, without following symbolic links.
     *
     * @param root the folder
     * @throws IOException if something cannot be deleted (the message names it)
     */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new IOException("cannot delete " + p + " (" + reason(e) + ")", e);
                }
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The folder to write: absolute, normalized, a symbolic link resolved; never the root or the working folder. */
    private static Path target(Path folder, String what) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(what, "what");
        Path target = folder.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(target)) {
            try {
                target = target.toRealPath();
            } catch (IOException e) {
                throw new IOException("cannot write the " + what + " " + target + ": it is a symbolic link to "
                        + Files.readSymbolicLink(target) + ", which does not exist; nothing was written", e);
            }
        }
        if (target.getParent() == null || target.getFileName() == null) {
            throw new IOException("cannot write the " + what + " " + target + ": it is the root folder; nothing was "
                    + "written");
        }
        Path working = Path.of("").toAbsolutePath().normalize();
        if (working.startsWith(target) || Files.exists(target) && real(working).startsWith(real(target))) {
            throw new IOException("cannot write the " + what + " " + target + ": it is the working folder or holds "
                    + "it; nothing was written");
        }
        return target;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static List<String> contents(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                names.add(p.getFileName() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""));
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    private static boolean ours(Path leftover) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(leftover)) {
            return !entries.iterator().hasNext() || Files.isRegularFile(leftover.resolve(MARKER),
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** A fresh hidden sibling {@code .NAME.KIND-HEX}. */
    private static Path sibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + AtomicFiles.randomHex());
    }

    /** Writes every file into the staging folder, the marker first, each forced to disk, then the folders. */
    private static void stage(Path staging, Path target, String what, Map<String, byte[]> files) throws IOException {
        writeForced(staging.resolve(MARKER), target, ("written by error-analysis: this " + what + " is replaced "
                + "as a whole by the next run; keep nothing of your own here\n").getBytes(StandardCharsets.UTF_8));
        List<Path> folders = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = staging.resolve(f.getKey()).normalize();
            Path dir = p.getParent();
            if (!dir.equals(staging) && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                for (Path d = dir; !d.equals(staging); d = d.getParent()) {
                    folders.add(d);
                }
            }
            writeForced(p, target.resolve(f.getKey()), f.getValue());
        }
        folders.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : folders) {
            AtomicFiles.forceFolder(d);
        }
        AtomicFiles.forceFolder(staging);
    }

    private static void writeForced(Path file, Path named, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw AtomicFiles.failure(named, "writing failed; nothing was written", e);
        }
    }

    /** The two renames, back to back, then the old folder's deletion. */
    private static void swap(Path target, Path staging) throws IOException {
        Path parent = target.getParent();
        if (!Files.isRegularFile(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            // an earlier version's output or an empty folder: mark it, so that recovery knows it for ours
            AtomicFiles.write(target.resolve(MARKER), "written by an earlier version of error-analysis\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path old = sibling(target, OLD);
        try {
            rename(target, old);
        } catch (IOException e) {
            throw AtomicFiles.failure(target, "cannot move the old version aside; nothing was changed", e);
        }
        pauseForTests();
        try {
            rename(staging, target);
        } catch (IOException e) {
            try {
                rename(old, target);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw AtomicFiles.failure(target, "cannot rename the new version in; the old one was kept", e);
        }
        AtomicFiles.forceFolder(parent);
        Path deleting = sibling(target, DELETING);
        try {
            rename(old, deleting);
            AtomicFiles.forceFolder(parent);
            deleteTree(deleting);
        } catch (IOException e) {
            LOG.warn("wrote {} but could not delete the old version ({}); the next run deletes it", target, reason(e));
        }
    }

    /** Renames a folder in the same parent: atomically, or with a plain rename where the file system has none. */
    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.debug("atomic rename not supported for {}; renaming it", to);
            Files.move(from, to);
        }
    }

    private static void pauseForTests() {
        if (pauseBetweenRenamesMillis > 0) {
            try {
                Thread.sleep(pauseBetweenRenamesMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
