package io.github.erroranalysis.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an output folder (a report, a comparison) as a whole, replacing an earlier one only when this library wrote
 * it and nothing was added to it since, so that a user's own files are never deleted and a killed run never loses
 * the old output.
 *
 * <p><b>Which folders are replaced.</b> Every folder written here holds the marker file {@value #MARKER}, which lists
 * the files written with it. An existing folder is replaced only when it is empty, when it holds that marker and
 * nothing but the files the marker lists (and their folders), or when it passes the caller's test for an output of
 * an earlier version written before the marker (the caller's test should accept only that output's own files, see
 * {@link #holdsOnly}). Otherwise a {@link ForeignFolderException} names the folder and what it holds (for a marked
 * folder: the files added to it), and nothing is touched. A marked folder of another kind (the marker's first line
 * names it: a report folder is never replaced by a robustness folder) is refused too, with an {@link IOException}
 * naming both kinds; a marker of an earlier version that names no kind is accepted. The root folder and the working folder (or a folder
 * holding it) are never replaced. A symbolic link is followed: the folder it points to is the one written, and the
 * link stays.
 *
 * <p><b>What survives {@code kill -9}.</b> Java has no atomic exchange of two folders, so the new version is staged
 * completely, every file and folder forced to disk, in the hidden sibling {@code .NAME.new-HEX} (the marker first);
 * then two renames, back to back, move the old folder to {@code .NAME.old-HEX} and the staged one to {@code NAME};
 * then the old one is renamed to {@code .NAME.del-HEX} and deleted, its marker last (HEX is 16 random hex digits).
 * So after a kill at any moment {@code NAME} holds the complete old version or the complete new one, except when the
 * kill falls between the two renames: then {@code NAME} is absent and the complete old version is
 * {@code .NAME.old-HEX}. The next {@link #replace} of the folder restores that old version if {@code NAME} is absent
 * and deletes every {@code .NAME.new-}, {@code .NAME.old-} and {@code .NAME.del-} leftover that is this library's (it
 * is empty, or holds the marker and nothing the marker does not list); any other folder of such a name is left
 * alone.
 *
 * <p><b>Two runs writing one folder.</b> Recovering, staging and swapping happen while holding an exclusive lock on
 * the small hidden file {@code .NAME.lock} beside the folder, which names the process id of the run holding it and
 * is deleted when that run is done (the operating system drops the lock when a process ends, {@code kill -9}
 * included; a lock file a killed run left is taken over and deleted by the next run). A second run writing the same folder waits for the first, at most {@link #LOCK_WAIT_PROPERTY} seconds
 * (600 by default), then fails naming the other run; it never deletes a live run's staging folder. Threads of one
 * process wait for each other the same way.
 */
public final class OutputFolders {

    /** The marker file in every folder written here: it lists the files written, and lets the next run replace them. */
    public static final String MARKER = ".error-analysis-output";

    /** The system property giving how many seconds a run waits for another run writing the same folder (600). */
    public static final String LOCK_WAIT_PROPERTY = "erroranalysis.output.lockWaitSeconds";

    private static final Logger LOG = LoggerFactory.getLogger(OutputFolders.class);
    private static final long DEFAULT_LOCK_WAIT_SECONDS = 600;
    private static final long LOCK_POLL_MILLIS = 50;
    /** The largest lock file taken over; a larger file of that name is not one and is left alone. */
    private static final long LOCK_FILE_LIMIT = 1024;
    /** The lock files this process holds or waits for, so that its own threads wait for each other. */
    private static final Map<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();
    private static final String NEW = "new";
    private static final String OLD = "old";
    private static final String DELETING = "del";
    /** The marker's line after which it lists the files written, one relative name a line. */
    private static final String FILES_LINE = "files:";
    /** The largest marker read; a larger one is not this library's. */
    private static final long MARKER_LIMIT = 1L << 20;
    /** The start of the marker's first line, followed by the kind of folder it marks. */
    private static final String KIND_START = "written by error-analysis: this ";
    /** What follows the kind of folder in the marker's first line. */
    private static final String KIND_END = " is replaced ";

    private OutputFolders() {
    }

    /**
     * Writes a folder of files, replacing an existing one only when this library wrote it (see the class comment).
     *
     * @param folder the folder to create or replace
     * @param what what the folder is, for messages (for example "report folder")
     * @param files relative file name (with {@code /} for subfolders) to content, in writing order
     * @param earlierVersion whether an existing folder without a marker listing its files is an output of an earlier
     *                       version, which may be replaced; it should accept nothing but that output's own files
     * @return the folder written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds files this library did not write; nothing is written
     * @throws IOException if the folder is a file, the root or the working folder, holds another kind of output this
     *                     library wrote, or cannot be written; nothing is then written and an existing folder is kept
     */
    public static Path replace(Path folder, String what, Map<String, byte[]> files, Predicate<Path> earlierVersion)
            throws IOException {
        Objects.requireNonNull(files, "files");
        Map<String, AtomicFiles.Content> streamed = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            byte[] content = Objects.requireNonNull(f.getValue(), "the content of " + f.getKey());
            streamed.put(f.getKey(), out -> out.write(content));
        }
        return replaceWith(folder, what, streamed, earlierVersion);
    }

    /**
     * Writes a folder of files as {@link #replace} does, each file streamed by its writer into the staging folder
     * (so that a large file is never held in memory whole); a writer that fails leaves nothing written and an
     * existing folder kept.
     *
     * @param folder the folder to create or replace
     * @param what what the folder is, for messages (for example "report folder")
     * @param files relative file name (with {@code /} for subfolders) to the writer of its content, in writing order
     * @param earlierVersion whether an existing folder without a marker listing its files is an output of an earlier
     *                       version, which may be replaced; it should accept nothing but that output's own files
     * @return the folder written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds files this library did not write; nothing is written
     * @throws IOException if the folder is a file, the root or the working folder, holds another kind of output this
     *                     library wrote, cannot be written, or a writer fails (its own exception); nothing is then
     *                     written and an existing folder is kept
     */
    public static Path replaceWith(Path folder, String what, Map<String, AtomicFiles.Content> files,
            Predicate<Path> earlierVersion) throws IOException {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(earlierVersion, "earlierVersion");
        Path target = target(folder, what, Path.of(""));
        for (String name : files.keySet()) {
            Path p = target.resolve(name).normalize();
            if (name.isEmpty() || !p.startsWith(target) || p.equals(target) || name.indexOf('\n') >= 0
                    || name.indexOf('\r') >= 0 || !target.relativize(p).toString()
                            .replace(target.getFileSystem().getSeparator(), "/").equals(name)
                    || p.getFileName().toString().equals(MARKER)) {
                throw new IllegalArgumentException("cannot write the " + what + " " + target + ": the file name '"
                        + name + "' is not a plain relative name inside it");
            }
        }
        Path parent = AtomicFiles.writableParent(target, what);
        try (Locked locked = lock(target, what)) {
            return replaceLocked(target, parent, what, files, earlierVersion);
        }
    }

    /** The lock file of an output folder: {@code .NAME.lock} beside it. */
    static Path lockFile(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".lock");
    }

    /** A held lock on an output folder: the file lock and this process's own lock, released together. */
    private record Locked(ReentrantLock local, FileChannel channel, Path file) implements AutoCloseable {

        /** Deletes the lock file (still holding its lock, so no other run holds it), then releases both locks. */
        @Override
        public void close() throws IOException {
            try {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debug("cannot delete the lock file {}: {}", file, e.toString());
                } finally {
                    channel.close();
                }
            } finally {
                local.unlock();
            }
        }
    }

    /**
     * Takes the lock on an output folder, waiting for another run at most the configured time. A run deletes the
     * lock file before releasing it, so a lock is ours only when, once taken, the lock file's name still leads to
     * the file locked (the same file key before and after opening it, and after locking it).
     */
    private static Locked lock(Path target, String what) throws IOException {
        Path file = lockFile(target);
        long waitSeconds = lockWaitSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        boolean gotLocal;
        try {
            gotLocal = local.tryLock(waitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("cannot write the " + what + " " + target + ": interrupted while waiting for "
                    + "another writer of it; nothing was written", e);
        }
        if (!gotLocal) {
            throw busy(target, what, file, "another thread of this process", waitSeconds);
        }
        try {
            boolean logged = false;
            while (true) {
                FileChannel channel;
                Object before = fileKey(file);
                try {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new IOException("cannot write the " + what + " " + target + ": cannot open its lock file "
                            + file + " (" + Messages.reason(e) + "); nothing was written", e);
                }
                boolean keep = false;
                try {
                    Object opened = fileKey(file);
                    if (before != null && !before.equals(opened)) {
                        continue; // the name led to another file while it was opened: which one is ours is unknown
                    }
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        lock = null;
                    }
                    if (lock != null) {
                        // no other file is opened here while locked: closing one would drop the lock (POSIX locks)
                        if (opened != null && !opened.equals(fileKey(file))) {
                            continue; // the run before deleted the file (and perhaps another run made a new one)
                        }
                        if (channel.size() > LOCK_FILE_LIMIT) {
                            throw new IOException("cannot write the " + what + " " + target + ": " + file
                                    + " is not a lock file of this library (" + channel.size() + " bytes, a lock "
                                    + "file holds under " + LOCK_FILE_LIMIT + "); move it away; nothing was written");
                        }
                        String holder = "pid " + ProcessHandle.current().pid() + ", locked at " + Instant.now()
                                + "\n";
                        channel.truncate(0);
                        ByteBuffer buffer = ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8));
                        while (buffer.hasRemaining()) {
                            channel.write(buffer, buffer.position());
                        }
                        keep = true;
                        return new Locked(local, channel, file);
                    }
                } finally {
                    if (!keep) {
                        channel.close();
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw busy(target, what, file, "another run (" + holder(file) + ")", waitSeconds);
                }
                if (!logged) {
                    LOG.info("waiting for another run ({}) writing {} to finish", holder(file), target);
                    logged = true;
                }
                try {
                    Thread.sleep(LOCK_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("cannot write the " + what + " " + target + ": interrupted while waiting "
                            + "for another run writing it (" + holder(file) + "); nothing was written", e);
                }
            }
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    private static IOException busy(Path target, String what, Path file, String other, long waitSeconds) {
        return new IOException("cannot write the " + what + " " + target + ": " + other + " has been writing it for "
                + waitSeconds + " s and still holds the lock " + file + "; nothing was written");
    }

    /** The identity of the file a name leads to (device and inode where the system has them), or null. */
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The first 200 bytes of a lock file as text, or null if it cannot be read. */
    private static String read(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(200);
            while (buffer.hasRemaining() && in.read(buffer) > 0) {
                // read on
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** What the lock file says of the run holding it (its process id and when it locked), on one line. */
    private static String holder(Path file) {
        String text = read(file);
        return text == null || text.isBlank() ? "a run that has not said which" : Messages.oneLine(text.strip());
    }

    private static long lockWaitSeconds() {
        String value = System.getProperty(LOCK_WAIT_PROPERTY);
        if (value == null) {
            return DEFAULT_LOCK_WAIT_SECONDS;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            LOG.warn("{}={} is not a number of seconds; waiting {} s", LOCK_WAIT_PROPERTY, value,
                    DEFAULT_LOCK_WAIT_SECONDS);
            return DEFAULT_LOCK_WAIT_SECONDS;
        }
    }

    /** {@link #replace}'s work, under the folder's lock. */
    private static Path replaceLocked(Path target, Path parent, String what, Map<String, AtomicFiles.Content> files,
            Predicate<Path> earlierVersion) throws IOException {
        recover(target);
        check(target, what, earlierVersion);
        Path staging = sibling(target, NEW);
        try {
            try {
                Files.createDirectory(staging);
            } catch (IOException e) {
                throw new IOException("cannot write the " + what + " " + target + ": cannot create a folder in "
                        + parent + " (" + Messages.reason(e) + "); nothing was written", e);
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
     * marker and only the files it lists, or is an earlier version's output; and it is not the root or the working
     * folder.
     *
     * @param folder the folder to be written
     * @param what what the folder is, for messages (for example "report folder")
     * @param earlierVersion whether an existing folder without a marker is an output of an earlier version
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds files this library did not write
     * @throws IOException if the folder is a file, the root or the working folder, holds another kind of output this
     *                     library wrote, or cannot be listed
     */
    public static Path check(Path folder, String what, Predicate<Path> earlierVersion) throws IOException {
        return check(folder, what, earlierVersion, Path.of(""));
    }

    /**
     * Checks, without changing anything, that {@link #replace} may write a folder, as {@link #check(Path, String,
     * Predicate)} does, for a caller whose working folder is not the process's (a command line run in a given
     * folder): that folder and any folder holding it are refused.
     *
     * @param folder the folder to be written, resolved against {@code workingFolder} if relative
     * @param what what the folder is, for messages (for example "report folder")
     * @param earlierVersion whether an existing folder without a marker is an output of an earlier version
     * @param workingFolder the caller's working folder, never to be replaced
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds files this library did not write
     * @throws IOException if the folder is a file, the root or the working folder, holds another kind of output this
     *                     library wrote, or cannot be listed
     */
    public static Path check(Path folder, String what, Predicate<Path> earlierVersion, Path workingFolder)
            throws IOException {
        Objects.requireNonNull(earlierVersion, "earlierVersion");
        Objects.requireNonNull(workingFolder, "workingFolder");
        Objects.requireNonNull(folder, "folder");
        Path target = target(workingFolder.toAbsolutePath().resolve(folder), what, workingFolder);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException("cannot write the " + what + " " + target + ": a file of that name exists; "
                    + "nothing was written");
        }
        if (!Files.isDirectory(target)) {
            return target;
        }
        Optional<String> kind = kind(target);
        if (kind.isPresent() && !kind.get().equals(what)) {
            throw new IOException("cannot write the " + what + " " + target + ": it holds a " + kind.get()
                    + " written by error-analysis; choose another folder or delete it; nothing was written");
        }
        try {
            List<String> contents = contents(target);
            if (contents.isEmpty()) {
                return target;
            }
            Optional<Set<String>> listed = listed(target);
            if (listed.isPresent()) {
                List<String> added = added(target, listed.get());
                if (added.isEmpty()) {
                    return target;
                }
                throw new ForeignFolderException(target, what, added, true);
            }
            if (earlierVersion.test(target)) {
                return target;
            }
            throw new ForeignFolderException(target, what, contents);
        } catch (ForeignFolderException e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new IOException("cannot write the " + what + " " + target + ": cannot list what it holds ("
                    + Messages.reason(cause) + "); nothing was written", cause);
        }
    }

    /**
     * Tells whether a folder holds nothing but entries that {@code allowed} accepts, for a caller's test of an earlier
     * version's output: every entry under it, by its relative name with {@code /} between folders, a folder's name
     * ending in {@code /} (its entries are checked only when the folder is accepted); a symbolic link or other
     * special file is never accepted, and the marker file at the top is always.
     *
     * @param folder the folder
     * @param allowed accepts a relative name, for example {@code "report.json"}, {@code "figures/"} or
     *                {@code "figures/a.png"}
     * @return whether every entry is accepted; false if the folder cannot be listed
     */
    public static boolean holdsOnly(Path folder, Predicate<String> allowed) {
        Objects.requireNonNull(allowed, "allowed");
        try {
            return !Files.isSymbolicLink(folder) && Files.isDirectory(folder)
                    && entries(folder, folder, allowed, 1).isEmpty();
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", folder, e.toString());
            return false;
        }
    }

    /**
     * Repairs what killed runs left beside a folder: restores the old version if the folder is absent and an old one
     * was moved aside, then deletes every {@code .NAME.new-HEX}, {@code .NAME.old-HEX} and {@code .NAME.del-HEX}
     * sibling that is this library's (empty, or holding the marker and nothing it does not list).
     *
     * @param folder the output folder
     * @throws IOException if a leftover cannot be moved or deleted
     */
    static void recover(Path folder) throws IOException {
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
                if (!ours(p)) {
                    LOG.warn("left {} alone: it looks like a leftover of {} but holds files no {} of it lists", p,
                            target, MARKER);
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
     * Deletes a folder and everything in it, without following symbolic links, its marker file (if any) last of its
     * entries so that a folder whose deletion is interrupted is still recognised as this library's.
     *
     * @param root the folder
     * @throws IOException if something cannot be deleted (the message names it)
     */
    static void deleteTree(Path root) throws IOException {
        List<Path> order;
        try {
            order = deletionOrder(root);
        } catch (NoSuchFileException e) {
            return;
        }
        for (Path p : order) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new IOException("cannot delete " + p + " (" + Messages.reason(e) + ")", e);
            }
        }
    }

    /**
     * The order in which {@link #deleteTree} deletes: every entry after those inside it, the top marker file just
     * before the folder itself.
     *
     * @param root the folder
     * @return the paths, root last
     * @throws IOException if the folder cannot be walked
     */
    static List<Path> deletionOrder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            Path marker = root.resolve(MARKER);
            List<Path> order = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            if (order.remove(marker)) {
                order.add(order.size() - 1, marker);
            }
            return order;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The folder to write: absolute, normalized, a symbolic link resolved; never the root, the working folder or a
     * folder holding it.
     */
    private static Path target(Path folder, String what, Path workingFolder) throws IOException {
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
        Path working = workingFolder.toAbsolutePath().normalize();
        if (working.equals(target) || Files.exists(target) && real(working).equals(real(target))) {
            throw new IOException("cannot write the " + what + " " + target + ": it is the working folder; "
                    + "nothing was written");
        }
        if (working.startsWith(target) || Files.exists(target) && real(working).startsWith(real(target))) {
            throw new IOException("cannot write the " + what + " " + target + ": it holds the working folder "
                    + working + "; nothing was written");
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

    /** The names of a folder's entries, sorted, folders with a trailing {@code /}. */
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

    /**
     * The entries under {@code dir} that {@code allowed} refuses, relative to {@code root}, sorted (a refused folder
     * is named, not entered); the marker at the top is never refused. Stops after {@code limit} refusals.
     */
    private static List<String> entries(Path root, Path dir, Predicate<String> allowed, int limit)
            throws IOException {
        List<String> refused = new ArrayList<>();
        walk(root, dir, allowed, limit, refused);
        refused.sort(Comparator.naturalOrder());
        return refused;
    }

    private static void walk(Path root, Path dir, Predicate<String> allowed, int limit, List<String> refused)
            throws IOException {
        String separator = root.getFileSystem().getSeparator();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (refused.size() >= limit) {
                    return;
                }
                String name = root.relativize(p).toString().replace(separator, "/");
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (allowed.test(name + "/")) {
                        walk(root, p, allowed, limit, refused);
                    } else {
                        refused.add(name + "/");
                    }
                } else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        || !(dir.equals(root) && name.equals(MARKER) || allowed.test(name))) {
                    refused.add(name);
                }
            }
        }
    }

    /** The entries of a marked folder that its marker does not list (nor their folders), sorted. */
    private static List<String> added(Path folder, Set<String> listed) throws IOException {
        Set<String> folders = new HashSet<>();
        for (String name : listed) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                folders.add(name.substring(0, slash + 1));
            }
        }
        return entries(folder, folder, name -> name.endsWith("/") ? folders.contains(name) : listed.contains(name),
                Integer.MAX_VALUE);
    }

    /**
     * The files a folder's marker lists; empty when there is no marker, or one that lists nothing (written before
     * markers listed their files), or one that cannot be read as this library's marker.
     */
    private static Optional<Set<String>> listed(Path folder) {
        List<String> lines = markerLines(folder);
        int start = lines.indexOf(FILES_LINE);
        if (start < 0) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.isEmpty()) {
                names.add(line);
            }
        }
        return Optional.of(names);
    }

    /**
     * The kind of folder a folder's marker names in its first line (for example "report folder"); empty when there
     * is no marker, or its first line names no kind (an earlier version's marker, or one that cannot be read).
     */
    private static Optional<String> kind(Path folder) {
        List<String> lines = markerLines(folder);
        if (lines.isEmpty() || !lines.get(0).startsWith(KIND_START)) {
            return Optional.empty();
        }
        String first = lines.get(0);
        int end = first.indexOf(KIND_END, KIND_START.length());
        return end > KIND_START.length() ? Optional.of(first.substring(KIND_START.length(), end)) : Optional.empty();
    }

    /** The lines of a folder's marker; empty when there is none, or it is too large or not UTF-8 or unreadable. */
    private static List<String> markerLines(Path folder) {
        Path marker = folder.resolve(MARKER);
        try {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > MARKER_LIMIT) {
                return List.of();
            }
            return List.of(Utf8Text.decode(marker.toString(), Files.readAllBytes(marker)).split("\n", -1));
        } catch (NotUtf8Exception e) {
            LOG.debug("the marker {} is not UTF-8: {}", marker, e.toString());
            return List.of();
        } catch (IOException e) {
            LOG.debug("cannot read the marker {}: {}", marker, e.toString());
            return List.of();
        }
    }

    /** The marker's text: what it is, then the files written with it. */
    private static byte[] marker(String text, Collection<String> files) {
        StringBuilder s = new StringBuilder(text).append('\n').append(FILES_LINE).append('\n');
        for (String name : files) {
            s.append(name).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A leftover this library made: empty, or marked and holding nothing its marker does not list. */
    private static boolean ours(Path leftover) {
        try {
            if (contents(leftover).isEmpty()) {
                return true;
            }
            if (!Files.isRegularFile(leftover.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Optional<Set<String>> listed = listed(leftover);
            // a marker that lists nothing was written before markers listed their files: the folder is ours
            return listed.isEmpty() || added(leftover, listed.get()).isEmpty();
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
    private static void stage(Path staging, Path target, String what, Map<String, AtomicFiles.Content> files)
            throws IOException {
        byte[] marker = marker("written by error-analysis: this " + what + " is "
                + "replaced as a whole by the next run, which refuses it if it holds anything but these files",
                files.keySet());
        writeForced(staging.resolve(MARKER), target, out -> out.write(marker));
        List<Path> folders = new ArrayList<>();
        for (Map.Entry<String, AtomicFiles.Content> f : files.entrySet()) {
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

    /**
     * Streams one staged file through its writer (buffered), then forces it to disk; a failure of the file system
     * names the file as it will be called, a failure of the writer is its own exception.
     */
    private static void writeForced(Path file, Path named, AtomicFiles.Content content) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw AtomicFiles.failure(named, "writing failed; nothing was written", e);
        }
        try (channel) {
            AtomicFiles.writeThrough(Channels.newOutputStream(channel), named, content);
            try {
                channel.force(true);
            } catch (IOException e) {
                throw AtomicFiles.failure(named, "writing failed; nothing was written", e);
            }
        }
    }

    /** The regular files under a folder (an earlier version's output), relative names with {@code /}. */
    private static List<String> files(Path folder) throws IOException {
        String separator = folder.getFileSystem().getSeparator();
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString().replace(separator, "/")).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The two renames, back to back, then the old folder's deletion. */
    private static void swap(Path target, Path staging) throws IOException {
        Path parent = target.getParent();
        if (!Files.isRegularFile(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            // an earlier version's output or an empty folder: mark it with what it holds, so that recovery knows it
            AtomicFiles.write(target.resolve(MARKER), marker("written by an earlier version of error-analysis",
                    files(target)));
        }
        Path old = sibling(target, OLD);
        try {
            rename(target, old);
        } catch (IOException e) {
            throw AtomicFiles.failure(target, "cannot move the old version aside; nothing was changed", e);
        }
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
            LOG.warn("wrote {} but could not delete the old version ({}); the next run deletes it", target,
                    Messages.reason(e));
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
}
