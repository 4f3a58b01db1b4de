package io.github.erroranalysis.cifar.data;

import io.github.erroranalysis.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes any {@link CifarDataset} back to the CIFAR-10 binary layout: one batch file, a release folder, or a
 * {@code .tar.gz} archive with the official {@code cifar-10-batches-bin/} layout, all readable by
 * {@link Cifar10#open(Path)}.
 *
 * <p>Every file is written atomically: into a temporary file in the same folder, then renamed in one step, so a
 * reader never sees a half-written file and a failed write leaves the old file untouched. A release also gets a
 * {@code batches.origins.txt} (tab-separated: batch file, record, original file, original record) whenever some
 * example's origin is not simply its new place (or always, when asked), so that reading the release back gives every example its original
 * origin: writing a validation pile and reading it back yields the same pixels, labels and origins. Archives are
 * reproducible: the same batches give the same bytes.
 */
public final class CifarWriter {

    /** The folder inside an archive that holds the release, as in the official archive. */
    public static final String BATCHES_FOLDER = "cifar-10-batches-bin";

    private static final Logger LOG = LoggerFactory.getLogger(CifarWriter.class);
    private static final FileTime ARCHIVE_TIME = FileTime.from(Instant.parse("2009-01-01T00:00:00Z"));

    private CifarWriter() {
    }

    /**
     * Writes the examples of {@code data}, in order, as one batch file of 3,073-byte records (no class names, no
     * origins).
     *
     * @param data the examples
     * @param file the batch file to write, for example {@code data_batch_1.bin}; replaced if it exists
     * @throws IOException if the file cannot be written; nothing is left half-written
     */
    public static void writeBatch(CifarDataset data, Path file) throws IOException {
        AtomicFiles.write(file, out -> BatchFormat.write(data, out));
        LOG.debug("wrote {} records to {}", data.size(), file);
    }

    /**
     * Cuts a training set into the five official batches {@code data_batch_1.bin} to {@code data_batch_5.bin}
     * (consecutive, sizes differing by at most one), so that {@link CifarArchive#train()} reads it back in order.
     *
     * @param train the training examples
     * @return an ordered, unmodifiable map from batch file name to its examples
     */
    public static Map<String, CifarDataset> officialBatches(CifarDataset train) {
        Map<String, CifarDataset> batches = new LinkedHashMap<>();
        int count = BatchFormat.TRAIN_BATCHES.size();
        int from = 0;
        for (int b = 0; b < count; b++) {
            int to = (int) ((long) train.size() * (b + 1) / count);
            int[] indexes = new int[to - from];
            for (int k = 0; k < indexes.length; k++) {
                indexes[k] = from + k;
            }
            batches.put(BatchFormat.TRAIN_BATCHES.get(b), train.subset(indexes));
            from = to;
        }
        return Collections.unmodifiableMap(batches);
    }

    /**
     * Cuts a training set into the five official batches and adds a test set as {@code test_batch.bin}, so that
     * {@link CifarArchive#train()} and {@link CifarArchive#test()} read them back.
     *
     * @param train the training examples
     * @param test  the test examples, with the same class names
     * @return an ordered, unmodifiable map from batch file name to its examples
     * @throws IllegalArgumentException if the class names differ
     */
    public static Map<String, CifarDataset> officialBatches(CifarDataset train, CifarDataset test) {
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train and test have different classes: " + train.classNames()
                    + " and " + test.classNames());
        }
        Map<String, CifarDataset> batches = new LinkedHashMap<>(officialBatches(train));
        batches.put(BatchFormat.TEST_BATCH, test);
        return Collections.unmodifiableMap(batches);
    }

    /**
     * Writes a release folder: {@code batches.meta.txt}, one file per batch, and {@code batches.origins.txt} when
     * origins need it. Each file is written atomically; other files in the folder are left alone.
     *
     * @param batches batch file name (such as {@code data_batch_1.bin}) to its examples, in order; all with the same
     *                class names
     * @param folder  the folder to write into (created if needed); it can then be opened with {@link Cifar10#open}
     * @return {@code folder}
     * @throws IOException              if a file cannot be written
     * @throws IllegalArgumentException if there are no batches, a name is not a plain {@code .bin} file name, or the
     *                                  class names differ
     */
    public static Path writeFolder(Map<String, CifarDataset> batches, Path folder) throws IOException {
        return writeFolder(batches, folder, false);
    }

    /**
     * Writes a release folder as {@link #writeFolder(Map, Path)} does, optionally with {@code batches.origins.txt}
     * even when every example's origin is its new place, so that a reader always finds each record's origin.
     *
     * @param batches       batch file name (such as {@code data_batch_1.bin}) to its examples, in order; all with the
     *                      same class names
     * @param folder        the folder to write into (created if needed); it can then be opened with
     *                      {@link Cifar10#open}
     * @param alwaysOrigins whether {@code batches.origins.txt} is written even when no origin needs it
     * @return {@code folder}
     * @throws IOException              if a file cannot be written
     * @throws IllegalArgumentException if there are no batches, a name is not a plain {@code .bin} file name, or the
     *                                  class names differ
     */
    public static Path writeFolder(Map<String, CifarDataset> batches, Path folder, boolean alwaysOrigins)
            throws IOException {
        Release release = Release.of(batches, alwaysOrigins);
        AtomicFiles.write(folder.resolve(BatchFormat.META), out -> out.write(release.meta()));
        for (int b = 0; b < release.names().size(); b++) {
            writeBatch(release.data().get(b), folder.resolve(release.names().get(b)));
        }
        if (release.origins() != null) {
            AtomicFiles.write(folder.resolve(BatchFormat.ORIGINS), out -> out.write(release.origins()));
        }
        LOG.info("wrote {} images in {} batches to {}", release.size(), release.names().size(), folder);
        return folder;
    }

    /**
     * Writes a single data set as a release folder with one batch file.
     *
     * @param data      the examples
     * @param folder    the folder to write into
     * @param batchName the batch file name, for example {@code data_batch_1.bin}; read it back with
     *                  {@link CifarArchive#batch(String)}
     * @return {@code folder}
     * @throws IOException if a file cannot be written
     */
    public static Path writeFolder(CifarDataset data, Path folder, String batchName) throws IOException {
        return writeFolder(Map.of(batchName, data), folder);
    }

    /**
     * Writes a release as a {@code .tar.gz} archive with the official layout ({@code cifar-10-batches-bin/} holding
     * {@code batches.meta.txt}, {@code batches.origins.txt} when origins need it, then the batches), atomically.
     *
     * @param batches batch file name to its examples, in order; all with the same class names
     * @param archive the archive to write, ending in {@code .tar.gz} or {@code .tgz}; replaced if it exists
     * @return {@code archive}
     * @throws IOException              if the archive cannot be written; nothing is left half-written
     * @throws IllegalArgumentException if there are no batches, a name is not a plain {@code .bin} file name, the
     *                                  class names differ, or the archive name does not end in {@code .tar.gz}
     */
    public static Path writeArchive(Map<String, CifarDataset> batches, Path archive) throws IOException {
        String lower = archive.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(".tar.gz") && !lower.endsWith(".tgz")) {
            throw new IllegalArgumentException(archive + ": an archive name must end in .tar.gz or .tgz");
        }
        Release release = Release.of(batches, false);
        AtomicFiles.write(archive, out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry folder = new TarArchiveEntry(BATCHES_FOLDER + "/");
            folder.setLastModifiedTime(ARCHIVE_TIME);
            tar.putArchiveEntry(folder);
            tar.closeArchiveEntry();
            putEntry(tar, BatchFormat.META, release.meta().length, o -> o.write(release.meta()));
            if (release.origins() != null) {
                putEntry(tar, BatchFormat.ORIGINS, release.origins().length, o -> o.write(release.origins()));
            }
            for (int b = 0; b < release.names().size(); b++) {
                CifarDataset data = release.data().get(b);
                putEntry(tar, release.names().get(b), (long) data.size() * BatchFormat.RECORD_BYTES,
                        o -> BatchFormat.write(data, o));
            }
            tar.finish();
            tar.close(); // finishes the gzip stream and frees its deflater; the file itself stays open
        });
        LOG.info("wrote {} images in {} batches to {}", release.size(), release.names().size(), archive);
        return archive;
    }

    private static void putEntry(TarArchiveOutputStream tar, String name, long size, AtomicFiles.Content content)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(BATCHES_FOLDER + "/" + name);
        entry.setSize(size);
        entry.setLastModifiedTime(ARCHIVE_TIME);
        tar.putArchiveEntry(entry);
        content.writeTo(tar);
        tar.closeArchiveEntry();
    }

    /** A checked release: batch names and data in order, the class-name file, and the origins file or null. */
    private record Release(List<String> names, List<CifarDataset> data, byte[] meta, byte[] origins) {

        static Release of(Map<String, CifarDataset> batches, boolean alwaysOrigins) {
            if (batches.isEmpty()) {
                throw new IllegalArgumentException("no batches to write");
            }
            List<String> names = new ArrayList<>(batches.keySet());
            List<CifarDataset> data = new ArrayList<>(batches.values());
            List<String> classNames = data.get(0).classNames();
            boolean originsNeeded = alwaysOrigins;
            for (int b = 0; b < names.size(); b++) {
                String name = names.get(b);
                if (!name.endsWith(".bin") || name.contains("/") || name.contains("\\") || name.length() <= 4) {
                    throw new IllegalArgumentException("batch name '" + name + "' must be a plain file name ending "
                            + "in .bin, such as data_batch_1.bin");
                }
                if (!data.get(b).classNames().equals(classNames)) {
                    throw new IllegalArgumentException("batch " + name + " has classes " + data.get(b).classNames()
                            + ", but " + names.get(0) + " has " + classNames);
                }
                for (int r = 0; r < data.get(b).size() && !originsNeeded; r++) {
                    originsNeeded = !data.get(b).origin(r).equals(new Origin(name, r));
                }
            }
            byte[] origins = originsNeeded ? BatchFormat.formatOrigins(names, data) : null;
            return new Release(List.copyOf(names), List.copyOf(data), BatchFormat.formatMeta(classNames), origins);
        }

        long size() {
            return data.stream().mapToLong(CifarDataset::size).sum();
        }
    }
}
