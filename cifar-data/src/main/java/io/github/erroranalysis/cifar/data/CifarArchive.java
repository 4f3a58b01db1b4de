package io.github.erroranalysis.cifar.data;

import io.github.erroranalysis.io.Messages;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CIFAR-10 binary release: a {@code cifar-10-batches-bin} folder or the official {@code .tar.gz} archive, read
 * in place (an archive is streamed, never unpacked to disk).
 *
 * <p>{@link #train()} reads {@code data_batch_1.bin} to {@code data_batch_5.bin}, {@link #test()} reads
 * {@code test_batch.bin}, {@link #batch(String)} reads one batch file alone, {@link #all()} every batch file the
 * release holds (as {@code corrupt} writes a pile: {@code data_batch_1.bin} alone, say); class names come from
 * {@code batches.meta.txt}. Instances are immutable and thread-safe; every call reads the files again.
 *
 * <p><b>Untrusted archives.</b> An archive is read to its end, so that the gzip CRC-32 checks every byte, and every
 * tar header must pass its checksum. Entry names are normalized; an absolute name or one with a {@code ..} segment
 * is refused, and so is the whole archive. The release folder is the folder of the first CIFAR file
 * ({@code batches.meta.txt}, {@code batches.origins.txt} or a batch) in the archive; a CIFAR file in any other
 * folder, one that is a link rather than a regular file, and any entry that appears twice are refused, each named.
 * In a folder, a file that is a symbolic link leading out of the folder, or a batch that is the same file as another
 * batch, is refused. Memory grows with the bytes actually read, never with the sizes headers claim.
 */
public final class CifarArchive {

    private static final Logger LOG = LoggerFactory.getLogger(CifarArchive.class);
    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final boolean compressed;

    private CifarArchive(Path path, boolean compressed) {
        this.path = path;
        this.compressed = compressed;
    }

    /**
     * Opens a CIFAR-10 binary release.
     *
     * @param path a {@code .tar.gz} (or {@code .tgz}) archive, a {@code cifar-10-batches-bin} folder, or a folder
     *             that contains one
     * @return the archive, not yet read
     * @throws IOException if the path does not exist or is neither a folder nor a {@code .tar.gz} file
     */
    static CifarArchive open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path inner = path.resolve("cifar-10-batches-bin");
            if (!Files.exists(path.resolve(BatchFormat.META)) && Files.isDirectory(inner)) {
                return new CifarArchive(inner, false);
            }
            return new CifarArchive(path, false);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null,
                    "no CIFAR-10 archive or folder here (expected a cifar-10-batches-bin folder or a .tar.gz file)");
        }
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return new CifarArchive(path, true);
        }
        throw new CifarFormatException(path + ": not a folder and not a .tar.gz archive; expected the official "
                + "cifar-10-binary.tar.gz or its cifar-10-batches-bin folder");
    }

    /**
     * Returns the archive file or the batch folder this release is read from.
     *
     * @return the path given to {@link Cifar10#open(Path)} (for a folder, the {@code cifar-10-batches-bin} folder)
     */
    public Path path() {
        return path;
    }

    /**
     * Reads the class names from {@code batches.meta.txt}.
     *
     * @return the class names in label order
     * @throws IOException if the file is missing or unreadable
     */
    public List<String> classNames() throws IOException {
        return read(List.of()).classNames;
    }

    /**
     * Reads the 50,000 training images of {@code data_batch_1.bin} to {@code data_batch_5.bin}, in that order.
     *
     * @return the training data set, with origins
     * @throws IOException if a batch is missing or malformed, or all five are empty (0-byte) files; the message names
     *                     the files and the record
     */
    public CifarDataset train() throws IOException {
        return load(BatchFormat.TRAIN_BATCHES);
    }

    /**
     * Reads the 10,000 test images of {@code test_batch.bin}.
     *
     * @return the test data set, with origins
     * @throws IOException if {@code test_batch.bin} is missing (the message lists what was found), malformed or an
     *                     empty (0-byte) file (the message names it)
     */
    public CifarDataset test() throws IOException {
        return load(List.of(BatchFormat.TEST_BATCH));
    }

    /**
     * Reads one batch file alone, for example {@code data_batch_3.bin}.
     *
     * @param fileName the batch file name, without folder
     * @return its examples, with origins
     * @throws IOException if the batch is missing, malformed or an empty (0-byte) file; the message names it
     * @throws IllegalArgumentException if {@code fileName} is not a plain file name (it has a folder or is {@code ..})
     */
    public CifarDataset batch(String fileName) throws IOException {
        if (fileName.isEmpty() || fileName.equals(".") || fileName.equals("..") || fileName.indexOf('/') >= 0
                || fileName.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("batch file name must be a plain file name inside " + path
                    + ", without folders, got '" + fileName + "'");
        }
        return load(List.of(fileName));
    }

    /**
     * Reads every batch file of the release, in archive order: {@code data_batch_N.bin} by N (1, 2, …, 10, …, any
     * number of them), then {@code test_batch.bin}, then any other {@code .bin} file by name (such as the bundled
     * sample's {@code validation_sample.bin}); for a folder {@code corrupt} wrote, exactly the records it wrote, with
     * the origins of {@code batches.origins.txt}.
     *
     * @return every record of the release, with origins
     * @throws IOException if the release holds no batch file, or one is malformed, or all are empty (0-byte) files;
     *                     the message names the files
     */
    public CifarDataset all() throws IOException {
        return load(null);
    }

    /** Whether a file of the release folder is a batch that {@link #all()} reads: any {@code .bin} file. */
    static boolean isBatchName(String name) {
        return name.endsWith(".bin") && name.length() > ".bin".length();
    }

    /** Orders batch names as {@link #all()} reads them: data_batch_N by N, then test_batch.bin, then the rest. */
    static final java.util.Comparator<String> ARCHIVE_ORDER = java.util.Comparator
            .comparingLong(CifarArchive::archiveRank).thenComparing(java.util.Comparator.naturalOrder());

    private static long archiveRank(String name) {
        if (name.matches("data_batch_[1-9][0-9]{0,17}\\.bin")) {
            return Long.parseLong(name.substring("data_batch_".length(), name.length() - ".bin".length()));
        }
        return name.equals(BatchFormat.TEST_BATCH) ? Long.MAX_VALUE - 1 : Long.MAX_VALUE;
    }

    /** Reads the named batches in that order, or every batch file ({@link #all()}) when {@code batchNames} is null. */
    private CifarDataset load(List<String> batchNames) throws IOException {
        long start = System.nanoTime();
        Contents contents;
        try {
            contents = read(batchNames);
        } catch (OutOfMemoryError e) {
            // the partly read batches are unreachable now; say which release did not fit instead of dying
            throw new CifarFormatException(path + ": " + Messages.outOfMemory("read " + (batchNames == null
                    ? "every batch" : String.join(", ", batchNames))), e);
        }
        List<BatchFormat.Batch> ordered = new ArrayList<>();
        for (String name : batchNames == null ? contents.batches.keySet() : batchNames) {
            BatchFormat.Batch batch = contents.batches.get(name);
            BatchFormat.checkLabels(batch, contents.classNames.size());
            ordered.add(batch);
        }
        if (ordered.stream().allMatch(batch -> batch.size() == 0)) {
            throw nothingToRead(ordered);
        }
        CifarDataset data = BatchFormat.join(ordered, contents.classNames, contents.originals);
        LOG.debug("read {} images from {} in {} ms", data.size(), path, (System.nanoTime() - start) / 1_000_000);
        return data;
    }

    /**
     * Refuses a read whose batches are all empty files, naming each: a 0-byte batch is how {@link CifarWriter} stores
     * an empty part of a small set, but a test set, training set or batch with no images at all is never what a
     * release is read for (and would fail far from its cause, as an empty test set).
     */
    private static CifarFormatException nothingToRead(List<BatchFormat.Batch> empty) {
        List<String> files = empty.stream().map(BatchFormat.Batch::where).toList();
        return new CifarFormatException(String.join(", ", files) + (files.size() == 1 ? ": empty file" : ": all empty "
                + "files") + " (0 bytes), so there are no images to read; a CIFAR-10 batch holds records of "
                + BatchFormat.RECORD_BYTES + " bytes (an official one 10,000 of them)");
    }

    /** What one pass over the release found: class names, the wanted batches and any written-back origins. */
    private record Contents(List<String> classNames, Map<String, BatchFormat.Batch> batches,
                            Map<Origin, Origin> originals) {
    }

    /**
     * Reads the class names, the origins and the wanted batches (every batch file, in {@link #ARCHIVE_ORDER}, when
     * {@code wanted} is null).
     */
    private Contents read(List<String> wanted) throws IOException {
        return compressed ? readArchive(wanted) : readFolder(wanted);
    }

    /** Refuses a release without any batch file, for {@link #all()}. */
    private CifarFormatException noBatch(Set<String> found) {
        return missing(List.of("any batch file (data_batch_N.bin, test_batch.bin)"), found);
    }

    private Contents readFolder(List<String> wantedOrAll) throws IOException {
        Path meta = path.resolve(BatchFormat.META);
        if (!Files.isRegularFile(meta)) {
            throw missing(List.of(BatchFormat.META), folderListing());
        }
        Path realFolder = path.toRealPath();
        List<String> classNames = BatchFormat.parseMeta(meta.toString(),
                readText(member(realFolder, BatchFormat.META), BatchFormat.MAX_META_BYTES));
        List<String> wanted = wantedOrAll;
        if (wanted == null) {
            Set<String> listing = folderListing();
            wanted = listing.stream().filter(CifarArchive::isBatchName).sorted(ARCHIVE_ORDER).toList();
            if (wanted.isEmpty()) {
                throw noBatch(listing);
            }
        }
        List<String> absent = wanted.stream().filter(name -> !Files.isRegularFile(path.resolve(name))).toList();
        if (!absent.isEmpty()) {
            throw missing(absent, folderListing());
        }
        Map<String, BatchFormat.Batch> batches = new LinkedHashMap<>();
        for (String name : wanted) {
            Path file = member(realFolder, name);
            refuseStandIn(name, file);
            int records = BatchFormat.recordCount(file.toString(), Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                batches.put(name, BatchFormat.read(name, file.toString(), in, records, classNames.size()));
            }
        }
        Path originsFile = path.resolve(BatchFormat.ORIGINS);
        Map<Origin, Origin> originals = Files.isRegularFile(originsFile)
                ? BatchFormat.parseOrigins(originsFile.toString(),
                        readText(member(realFolder, BatchFormat.ORIGINS), BatchFormat.MAX_ORIGINS_BYTES))
                : Map.of();
        return new Contents(classNames, batches, originals);
    }

    /**
     * Returns the member {@code name} of the release folder, refusing a symbolic link that leads out of the folder
     * (an unpacked archive must not make a file elsewhere on the machine stand in for a batch).
     */
    private Path member(Path realFolder, String name) throws IOException {
        Path file = path.resolve(name);
        Path real = file.toRealPath();
        if (!real.startsWith(realFolder)) {
            throw new CifarFormatException(file + ": a symbolic link to " + real + ", outside the release folder "
                    + realFolder + "; refused (copy the file into the folder instead)");
        }
        return file;
    }

    /** Refuses a batch that is the same file (a link) as another batch of the release, say the test batch. */
    private void refuseStandIn(String name, Path file) throws IOException {
        List<String> batchNames = new ArrayList<>(BatchFormat.TRAIN_BATCHES);
        batchNames.add(BatchFormat.TEST_BATCH);
        for (String other : batchNames) {
            Path otherFile = path.resolve(other);
            if (!other.equals(name) && Files.isRegularFile(otherFile) && Files.isSameFile(file, otherFile)) {
                throw new CifarFormatException(file + ": the same file as " + otherFile + " (a link); refused, "
                        + "since one batch must not stand in for another");
            }
        }
    }

    /** Reads a text member, refusing one larger than {@code limit} before reading it. */
    private static byte[] readText(Path file, int limit) throws IOException {
        BatchFormat.textSize(file.toString(), Files.size(file), limit);
        return Files.readAllBytes(file);
    }

    private Set<String> folderListing() throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            Set<String> names = new TreeSet<>();
            files.forEach(f -> names.add(f.getFileName().toString()));
            return names;
        }
    }

    private Contents readArchive(List<String> wantedOrAll) throws IOException {
        boolean all = wantedOrAll == null;
        List<String> wanted = all ? List.of() : wantedOrAll;
        long bytes = Files.size(path);
        if (bytes == 0) {
            throw new CifarFormatException(path + ": empty file (0 bytes); expected a gzip-compressed tar archive "
                    + "such as the official cifar-10-binary.tar.gz");
        }
        List<String> classNames = null;
        Map<Origin, Origin> originals = Map.of();
        Map<String, BatchFormat.Batch> batches = new LinkedHashMap<>();
        Set<String> found = new TreeSet<>();
        Map<String, String> seen = new HashMap<>();
        String releaseFolder = null;
        try (InputStream file = Files.newInputStream(path);
             InputStream gzip = new GZIPInputStream(new BufferedInputStream(file, BUFFER), BUFFER);
             InputStream buffered = new BufferedInputStream(gzip, BUFFER);
             TarArchiveInputStream tar = new TarArchiveInputStream(buffered)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String where = describe(entry.getName());
                if (!entry.isCheckSumOK()) {
                    throw new CifarFormatException(path + ": corrupt tar archive (the header of entry '"
                            + entry.getName() + "' fails its checksum)");
                }
                String normalized = normalize(entry.getName(), where);
                if (entry.isDirectory()) {
                    continue;
                }
                String name = baseName(normalized);
                String folder = normalized.substring(0, normalized.length() - name.length());
                boolean member = isReleaseMember(name, wanted) || all && isBatchName(name);
                if (member && releaseFolder == null) {
                    releaseFolder = folder;
                }
                if (member && !folder.equals(releaseFolder)) {
                    throw new CifarFormatException(where + ": outside the release folder '"
                            + (releaseFolder.isEmpty() ? "(top level)" : releaseFolder) + "' that the archive's "
                            + "first CIFAR file lies in; refused (an archive holds one release)");
                }
                if (!isRegularFile(entry)) {
                    if (member) {
                        throw new CifarFormatException(where + ": not a regular file but a "
                                + kind(entry) + "; refused (a release holds its files themselves)");
                    }
                    continue;
                }
                String before = seen.putIfAbsent(normalized, entry.getName());
                if (before != null) {
                    throw new CifarFormatException(where + ": entry appears twice in the archive (first as '"
                            + before + "'); refused, since either copy could be meant");
                }
                found.add(member ? name : normalized);
                if (!member) {
                    continue;
                }
                if (name.equals(BatchFormat.META)) {
                    int size = BatchFormat.textSize(where, entry.getSize(), BatchFormat.MAX_META_BYTES);
                    classNames = BatchFormat.parseMeta(where, readEntry(tar, size, where));
                } else if (name.equals(BatchFormat.ORIGINS)) {
                    int size = BatchFormat.textSize(where, entry.getSize(), BatchFormat.MAX_ORIGINS_BYTES);
                    originals = BatchFormat.parseOrigins(where, readEntry(tar, size, where));
                } else if (wanted.contains(name) || all && isBatchName(name)) {
                    int records = BatchFormat.recordCount(where, entry.getSize());
                    // labels are checked against the class names once those are known (the meta file may come last)
                    batches.put(name, BatchFormat.read(name, where, tar, records, 256));
                }
            }
            // read to the end of the gzip stream, so that its CRC-32 and length check every byte of the archive
            buffered.transferTo(OutputStream.nullOutputStream());
        } catch (ZipException | EOFException e) {
            throw new CifarFormatException(path + ": corrupt or truncated gzip archive (" + Messages.causes(e) + ")",
                    e);
        } catch (CifarFormatException | java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CifarFormatException(path + ": corrupt tar archive (" + Messages.causes(e) + ")", e);
        }
        List<String> absent = new ArrayList<>();
        if (classNames == null) {
            absent.add(BatchFormat.META);
        }
        wanted.stream().filter(name -> !batches.containsKey(name)).forEach(absent::add);
        if (!absent.isEmpty()) {
            throw missing(absent, found);
        }
        if (all && batches.isEmpty()) {
            throw noBatch(found);
        }
        if (all) {
            Map<String, BatchFormat.Batch> ordered = new LinkedHashMap<>();
            batches.keySet().stream().sorted(ARCHIVE_ORDER).forEach(name -> ordered.put(name, batches.get(name)));
            return new Contents(classNames, ordered, originals);
        }
        return new Contents(classNames, batches, originals);
    }

    /** Whether a file name is one this release reads: the class names, the origins or a batch. */
    private static boolean isReleaseMember(String name, List<String> wanted) {
        return name.equals(BatchFormat.META) || name.equals(BatchFormat.ORIGINS) || wanted.contains(name)
                || BatchFormat.TRAIN_BATCHES.contains(name) || name.equals(BatchFormat.TEST_BATCH);
    }

    /** Reads a whole text entry whose size was checked, naming the entry if the archive ends inside it. */
    private static byte[] readEntry(InputStream tar, int size, String where) throws IOException {
        byte[] content = tar.readNBytes(size);
        if (content.length != size) {
            throw new CifarFormatException(where + ": ends after " + content.length + " of its " + size + " bytes",
                    new EOFException(where));
        }
        return content;
    }

    /**
     * Normalizes a tar entry name ({@code ./} and empty segments dropped, {@code \\} read as {@code /}), refusing an
     * absolute path and any {@code ..} segment: only entries inside the archive are read.
     */
    private static String normalize(String entryName, String where) throws CifarFormatException {
        String name = entryName.replace('\\', '/');
        if (name.startsWith("/") || name.matches("[A-Za-z]:.*")) {
            throw new CifarFormatException(where + ": entry has an absolute path; refused (only entries inside the "
                    + "release folder are read)");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new CifarFormatException(where + ": entry name leaves the archive through '..'; refused (only "
                        + "entries inside the release folder are read)");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** Whether an entry holds a file's bytes ({@link TarArchiveEntry#isFile()} also says so of symbolic links). */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isCharacterDevice()
                && !entry.isBlockDevice() && !entry.isFIFO();
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "symbolic link to '" + entry.getLinkName() + "'";
        }
        if (entry.isLink()) {
            return "hard link to '" + entry.getLinkName() + "'";
        }
        return "special entry (tar type '" + (char) entry.getLinkFlag() + "')";
    }

    /** Names a member of this release in messages: {@code folder/file} or {@code archive!entry}. */
    private String describe(String member) {
        return compressed ? path + "!" + member : path.resolve(member).toString();
    }

    private static String baseName(String entryName) {
        String trimmed = entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1) : entryName;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private CifarFormatException missing(List<String> absent, Set<String> found) {
        String hint = absent.contains(BatchFormat.TEST_BATCH)
                ? " (some copies, such as the project's shared training archive, leave out the test batch on purpose)"
                : "";
        return new CifarFormatException(path + ": missing " + String.join(", ", absent) + "; found "
                + (found.isEmpty() ? "no files" : String.join(", ", found)) + hint);
    }

    /**
     * Describes the release by its path and kind.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "CifarArchive[" + path + (compressed ? ", tar.gz" : ", folder") + "]";
    }
}
