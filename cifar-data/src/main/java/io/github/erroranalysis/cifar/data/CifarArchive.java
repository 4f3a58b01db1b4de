package io.github.erroranalysis.cifar.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code test_batch.bin}, {@link #batch(String)} reads one batch file alone; class names come from
 * {@code batches.meta.txt}. Instances are immutable and thread-safe; every call reads the files again.
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
     * @throws IOException if a batch is missing or malformed; the message names the file and the record
     */
    public CifarDataset train() throws IOException {
        return load(BatchFormat.TRAIN_BATCHES);
    }

    /**
     * Reads the 10,000 test images of {@code test_batch.bin}.
     *
     * @return the test data set, with origins
     * @throws IOException if {@code test_batch.bin} is missing (the message lists what was found) or malformed
     */
    public CifarDataset test() throws IOException {
        return load(List.of(BatchFormat.TEST_BATCH));
    }

    /**
     * Reads one batch file alone, for example {@code data_batch_3.bin}.
     *
     * @param fileName the batch file name, without folder
     * @return its examples, with origins
     * @throws IOException if the batch is missing or malformed
     */
    public CifarDataset batch(String fileName) throws IOException {
        return load(List.of(fileName));
    }

    private CifarDataset load(List<String> batchNames) throws IOException {
        long start = System.nanoTime();
        Contents contents = read(batchNames);
        List<BatchFormat.Batch> ordered = new ArrayList<>();
        for (String name : batchNames) {
            BatchFormat.Batch batch = contents.batches.get(name);
            BatchFormat.checkLabels(batch, contents.classNames.size());
            ordered.add(batch);
        }
        CifarDataset data = BatchFormat.join(ordered, contents.classNames, contents.originals);
        LOG.debug("read {} images from {} in {} ms", data.size(), path, (System.nanoTime() - start) / 1_000_000);
        return data;
    }

    /** What one pass over the release found: class names, the wanted batches and any written-back origins. */
    private record Contents(List<String> classNames, Map<String, BatchFormat.Batch> batches,
                            Map<Origin, Origin> originals) {
    }

    private Contents read(List<String> wanted) throws IOException {
        return compressed ? readArchive(wanted) : readFolder(wanted);
    }

    private Contents readFolder(List<String> wanted) throws IOException {
        Path meta = path.resolve(BatchFormat.META);
        if (!Files.isRegularFile(meta)) {
            throw missing(List.of(BatchFormat.META), folderListing());
        }
        List<String> classNames = BatchFormat.parseMeta(meta.toString(), Files.readAllBytes(meta));
        List<String> absent = wanted.stream().filter(name -> !Files.isRegularFile(path.resolve(name))).toList();
        if (!absent.isEmpty()) {
            throw missing(absent, folderListing());
        }
        Map<String, BatchFormat.Batch> batches = new LinkedHashMap<>();
        for (String name : wanted) {
            Path file = path.resolve(name);
            int records = BatchFormat.recordCount(file.toString(), Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                batches.put(name, BatchFormat.read(name, file.toString(), in, records, classNames.size()));
            }
        }
        Path originsFile = path.resolve(BatchFormat.ORIGINS);
        Map<Origin, Origin> originals = Files.isRegularFile(originsFile)
                ? BatchFormat.parseOrigins(originsFile.toString(), Files.readAllBytes(originsFile))
                : Map.of();
        return new Contents(classNames, batches, originals);
    }

    private Set<String> folderListing() throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            Set<String> names = new TreeSet<>();
            files.forEach(f -> names.add(f.getFileName().toString()));
            return names;
        }
    }

    private Contents readArchive(List<String> wanted) throws IOException {
        List<String> classNames = null;
        Map<Origin, Origin> originals = Map.of();
        Map<String, BatchFormat.Batch> batches = new LinkedHashMap<>();
        Set<String> found = new TreeSet<>();
        try (InputStream file = Files.newInputStream(path);
             InputStream gzip = new GZIPInputStream(new BufferedInputStream(file, BUFFER), BUFFER);
             TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(gzip, BUFFER))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = baseName(entry.getName());
                found.add(name);
                String where = describe(entry.getName());
                if (name.equals(BatchFormat.META)) {
                    classNames = BatchFormat.parseMeta(where, tar.readAllBytes());
                    if (wanted.isEmpty()) {
                        break; // only the class names were asked for
                    }
                } else if (name.equals(BatchFormat.ORIGINS)) {
                    originals = BatchFormat.parseOrigins(where, tar.readAllBytes());
                } else if (wanted.contains(name)) {
                    int records = BatchFormat.recordCount(where, entry.getSize());
                    // labels are checked against the class names once those are known (the meta file may come last)
                    batches.put(name, BatchFormat.read(name, where, tar, records, 256));
                }
            }
        } catch (ZipException | EOFException e) {
            throw new CifarFormatException(path + ": corrupt or truncated gzip archive (" + e.getMessage() + ")", e);
        } catch (CifarFormatException | java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new CifarFormatException(path + ": corrupt tar archive (" + e.getMessage() + ")", e);
        }
        List<String> absent = new ArrayList<>();
        if (classNames == null) {
            absent.add(BatchFormat.META);
        }
        wanted.stream().filter(name -> !batches.containsKey(name)).forEach(absent::add);
        if (!absent.isEmpty()) {
            throw missing(absent, found);
        }
        return new Contents(classNames, batches, originals);
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
