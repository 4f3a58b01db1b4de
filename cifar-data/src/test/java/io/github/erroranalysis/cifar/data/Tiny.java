package io.github.erroranalysis.cifar.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds tiny CIFAR data sets, batch files, release folders and archives inside tests. */
final class Tiny {

    static final List<String> THREE_CLASSES = List.of("apple", "bear", "cloud");

    private Tiny() {
    }

    /** A data set of {@code n} random images, label {@code i % classes}, origins {@code (file, i)}. */
    static CifarDataset dataset(int n, List<String> classNames, String file, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> images = new ArrayList<>();
        int[] labels = new int[n];
        List<Origin> origins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] image = new byte[CifarDataset.IMAGE_BYTES];
            for (int p = 0; p < image.length; p++) {
                image[p] = (byte) random.nextInt(256);
            }
            images.add(image);
            labels[i] = i % classNames.size();
            origins.add(new Origin(file, i));
        }
        return CifarDataset.of(images, labels, origins, classNames);
    }

    /** Ten classes (the CIFAR-10 names), {@code n} images. */
    static CifarDataset cifar(int n, String file, long seed) {
        return dataset(n, Cifar10.CLASS_NAMES, file, seed);
    }

    /** The batch-file bytes of a data set. */
    static byte[] records(CifarDataset data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchFormat.write(data, out);
        return out.toByteArray();
    }

    /** One record: a label byte and an image whose every byte is {@code fill}. */
    static byte[] record(int label, int fill) {
        byte[] record = new byte[BatchFormat.RECORD_BYTES];
        java.util.Arrays.fill(record, (byte) fill);
        record[0] = (byte) label;
        return record;
    }

    /** The official meta file for the given class names. */
    static byte[] meta(List<String> classNames) {
        return BatchFormat.formatMeta(classNames);
    }

    /** The files of a release: meta, then the given batches. */
    static Map<String, byte[]> release(List<String> classNames, Map<String, CifarDataset> batches)
            throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(BatchFormat.META, meta(classNames));
        for (Map.Entry<String, CifarDataset> batch : batches.entrySet()) {
            files.put(batch.getKey(), records(batch.getValue()));
        }
        return files;
    }

    /** Writes files into a folder (plainly, as a user's unpacked copy would be). */
    static Path folder(Path folder, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        return folder;
    }

    /** Writes files into a {@code .tar.gz} under {@code cifar-10-batches-bin/}, in the map's order. */
    static Path tarGz(Path archive, Map<String, byte[]> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive)) {
            out.write(tarGzBytes(files));
        }
        return archive;
    }

    /** The bytes of a {@code .tar.gz} holding files under {@code cifar-10-batches-bin/}. */
    static byte[] tarGzBytes(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry("cifar-10-batches-bin/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * One raw tar entry, written with its name exactly as given (absolute and {@code ..} names kept).
     *
     * @param name    the entry name
     * @param content the file's bytes (empty for a link)
     * @param link    for a symbolic link, its target; otherwise {@code null}
     */
    record Entry(String name, byte[] content, String link) {
        static Entry file(String name, byte[] content) {
            return new Entry(name, content, null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, new byte[0], target);
        }
    }

    /** The bytes of an uncompressed tar holding the given entries exactly as named, in order. */
    static byte[] tarBytes(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Entry file : entries) {
                TarArchiveEntry entry = file.link() == null ? new TarArchiveEntry(file.name(), true)
                        : new TarArchiveEntry(file.name(), TarArchiveEntry.LF_SYMLINK, true);
                if (file.link() != null) {
                    entry.setLinkName(file.link());
                } else {
                    entry.setSize(file.content().length);
                }
                tar.putArchiveEntry(entry);
                tar.write(file.content());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The official layout's entries for a release's files: {@code cifar-10-batches-bin/} + name, in order. */
    static List<Entry> officialEntries(Map<String, byte[]> files) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            entries.add(Entry.file("cifar-10-batches-bin/" + file.getKey(), file.getValue()));
        }
        return entries;
    }

    /** Gzips bytes. */
    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }

    /** An ordered map, for readability. */
    static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }
}
