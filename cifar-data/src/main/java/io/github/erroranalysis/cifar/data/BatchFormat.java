package io.github.erroranalysis.cifar.data;

import io.github.erroranalysis.io.ClassLists;
import io.github.erroranalysis.io.NotUtf8Exception;
import io.github.erroranalysis.io.Utf8Text;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CIFAR-10 binary batch layout: records of 1 label byte followed by {@value CifarDataset#IMAGE_BYTES} pixel
 * bytes; and the {@code batches.meta.txt} class-name list.
 */
final class BatchFormat {

    /** Bytes of one record: the label byte and the image. */
    static final int RECORD_BYTES = 1 + CifarDataset.IMAGE_BYTES;
    /** Names of the five training batches, in order. */
    static final List<String> TRAIN_BATCHES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** Name of the test batch. */
    static final String TEST_BATCH = "test_batch.bin";
    /** Name of the class-name list. */
    static final String META = "batches.meta.txt";
    /** Name of the optional list that maps written records back to the origins they were read from. */
    static final String ORIGINS = "batches.origins.txt";

    /** Records read from a stream in one bulk read. */
    private static final int CHUNK_RECORDS = 256;
    /** Records allocated before any is read (an official batch holds 10,000); more as they arrive. */
    private static final int INITIAL_RECORDS = 10_000;
    /** The largest {@code batches.meta.txt} read (256 class names fit many times over). */
    static final int MAX_META_BYTES = 1 << 20;
    /** The largest {@code batches.origins.txt} read (about 40 bytes a record: millions of records fit). */
    static final int MAX_ORIGINS_BYTES = 1 << 28;

    private BatchFormat() {
    }

    /**
     * One batch file, parsed.
     *
     * @param file   the batch file name recorded in origins
     * @param where  the batch file as named in error messages (with its folder or archive)
     * @param images the pixel bytes of each record
     * @param labels the label byte of each record
     */
    record Batch(String file, String where, byte[][] images, byte[] labels) {
        int size() {
            return labels.length;
        }
    }

    /**
     * Checks that a batch of {@code bytes} bytes holds whole records.
     *
     * @return the number of records
     */
    static int recordCount(String file, long bytes) throws CifarFormatException {
        if (bytes < 0 || bytes / RECORD_BYTES > Integer.MAX_VALUE) {
            throw new CifarFormatException(String.format(Locale.ROOT, "%s: size %d bytes is outside 0..%d bytes "
                    + "(at most %d records of %d bytes)", file, bytes, (long) Integer.MAX_VALUE * RECORD_BYTES,
                    Integer.MAX_VALUE, RECORD_BYTES));
        }
        if (bytes % RECORD_BYTES != 0) {
            throw new CifarFormatException(file + ": size " + bytes + " bytes is not a multiple of the "
                    + RECORD_BYTES + "-byte record (" + bytes / RECORD_BYTES + " whole records and "
                    + bytes % RECORD_BYTES + " bytes left over)");
        }
        return (int) (bytes / RECORD_BYTES);
    }

    /**
     * Reads {@code records} records of batch {@code file} from {@code in}, checking every label.
     *
     * <p>Memory grows with the records actually read, never with the size a (possibly forged) tar header claims: a
     * header that claims more than the stream holds ends in "ends inside record", not in an
     * {@link OutOfMemoryError}.
     *
     * @param file       the batch file name recorded in each example's origin
     * @param where      the file as named in error messages (with its folder or archive)
     * @param classCount labels must be below this; use 256 when the class names are not known yet
     */
    static Batch read(String file, String where, InputStream in, int records, int classCount) throws IOException {
        byte[][] images = new byte[Math.min(records, INITIAL_RECORDS)][];
        byte[] labels = new byte[images.length];
        // one bulk read per chunk of records, then slice: no per-record stream calls on the (slow) tar/gzip chain
        byte[] chunk = new byte[Math.min(Math.max(records, 1), CHUNK_RECORDS) * RECORD_BYTES];
        for (int first = 0; first < records; first += CHUNK_RECORDS) {
            int count = Math.min(CHUNK_RECORDS, records - first);
            readFully(in, chunk, count * RECORD_BYTES, where, first);
            if (first + count > images.length) {
                int grown = (int) Math.min(records, Math.max((long) images.length * 2, first + count));
                images = Arrays.copyOf(images, grown);
                labels = Arrays.copyOf(labels, grown);
            }
            for (int k = 0, at = 0; k < count; k++, at += RECORD_BYTES) {
                int r = first + k;
                int value = chunk[at] & 0xFF;
                if (value >= classCount) {
                    throw badLabel(where, r, value, classCount);
                }
                labels[r] = chunk[at];
                images[r] = Arrays.copyOfRange(chunk, at + 1, at + RECORD_BYTES);
            }
        }
        return new Batch(file, where, images, labels);
    }

    private static CifarFormatException badLabel(String where, int record, int value, int classCount) {
        return new CifarFormatException(where + ": record " + record + " has label " + value + ", expected 0.."
                + (classCount - 1) + " (" + classCount + " classes)");
    }

    private static void readFully(InputStream in, byte[] buffer, int length, String file, int firstRecord)
            throws IOException {
        int done = 0;
        while (done < length) {
            int n;
            try {
                n = in.read(buffer, done, length - done);
            } catch (IOException e) {
                // a gzip stream (EOFException) or tar stream (commons-compress) that ends before the declared size
                if (!(e instanceof EOFException) && !"Truncated TAR archive".equals(e.getMessage())) {
                    throw e;
                }
                n = -1;
            }
            if (n < 0) {
                throw new CifarFormatException(file + ": ends inside record " + (firstRecord + done / RECORD_BYTES)
                        + " (after " + ((long) firstRecord * RECORD_BYTES + done) + " bytes)",
                        new EOFException(file));
            }
            done += n;
        }
    }

    /**
     * Parses {@code batches.meta.txt} by the one class-list rule of {@link ClassLists} (strict UTF-8, a byte-order
     * mark dropped, one stripped name a line, blank lines skipped, {@code #} lines are names, printable and distinct
     * names), at most {@value CifarDataset#MAX_CLASSES} of them.
     *
     * @throws CifarFormatException if the file breaks the rule or holds more than 256 names; the message names the
     *                              file and the line
     */
    static List<String> parseMeta(String file, byte[] content) throws CifarFormatException {
        List<String> names;
        try {
            names = ClassLists.parse(file, content);
        } catch (IOException e) {
            throw new CifarFormatException(e.getMessage(), e);
        }
        if (names.size() > CifarDataset.MAX_CLASSES) {
            throw new CifarFormatException(file + ": " + names.size() + " class names, but a label byte holds at "
                    + "most " + CifarDataset.MAX_CLASSES + " classes");
        }
        return names;
    }

    /** Decodes strict UTF-8 without a byte-order mark, naming the file, line and offset of a byte that is not. */
    private static String utf8(String file, byte[] content) throws CifarFormatException {
        try {
            return Utf8Text.decode(file, content);
        } catch (NotUtf8Exception e) {
            throw new CifarFormatException(e.getMessage(), e);
        }
    }

    /**
     * Checks that a text member of {@code bytes} bytes is at most {@code limit} bytes before it is read.
     *
     * @return the size as an {@code int}
     */
    static int textSize(String file, long bytes, int limit) throws CifarFormatException {
        if (bytes > limit || bytes < 0) {
            throw new CifarFormatException(String.format(Locale.ROOT, "%s: %,d bytes, more than the %,d bytes such "
                    + "a text file can have", file, bytes, limit));
        }
        return (int) bytes;
    }

    /** Checks every label of a batch read before the class names were known. */
    static void checkLabels(Batch batch, int classCount) throws CifarFormatException {
        for (int r = 0; r < batch.size(); r++) {
            int value = batch.labels()[r] & 0xFF;
            if (value >= classCount) {
                throw badLabel(batch.where(), r, value, classCount);
            }
        }
    }

    /** Writes the examples of {@code data} as batch records, in example order. */
    static void write(CifarDataset data, OutputStream out) throws IOException {
        for (int i = 0; i < data.size(); i++) {
            out.write(data.label(i));
            out.write(data.pixelsUnsafe(i));
        }
    }

    /** Writes {@code batches.meta.txt}: one class name a line, in label order. */
    static byte[] formatMeta(List<String> classNames) {
        StringBuilder text = new StringBuilder();
        for (String name : classNames) {
            text.append(name).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code batches.origins.txt}: per record of each batch, in order, the batch file, the record number, and
     * the origin it was read from, tab-separated.
     */
    static byte[] formatOrigins(List<String> batchNames, List<CifarDataset> batches) {
        StringBuilder text = new StringBuilder(
                "# batch file, record, original file, original record (tab-separated)\n");
        for (int b = 0; b < batches.size(); b++) {
            CifarDataset data = batches.get(b);
            for (int r = 0; r < data.size(); r++) {
                Origin origin = data.origin(r);
                if (origin.file().indexOf('\t') >= 0 || origin.file().indexOf('\n') >= 0
                        || origin.file().indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("origin " + origin + " of record " + r + " of "
                            + batchNames.get(b) + " has a tab or line break in its file name");
                }
                text.append(batchNames.get(b)).append('\t').append(r).append('\t')
                        .append(origin.file()).append('\t').append(origin.record()).append('\n');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses {@code batches.origins.txt} into a map from a record's place in this release to its original origin.
     * Its format is not a class list: strict UTF-8 (a byte-order mark dropped), one record a line of four
     * tab-separated fields, and, unlike {@code batches.meta.txt}, a line starting with {@code #} is a comment (the
     * writer puts a header comment first) and blank lines are skipped.
     */
    static Map<Origin, Origin> parseOrigins(String file, byte[] content) throws CifarFormatException {
        Map<Origin, Origin> originals = new HashMap<>();
        String[] lines = utf8(file, content).split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            try {
                if (fields.length != 4) {
                    throw new IllegalArgumentException(fields.length + " tab-separated fields, expected 4");
                }
                Origin here = new Origin(fields[0], recordNumber(fields[1]));
                Origin original = new Origin(fields[2], recordNumber(fields[3]));
                if (originals.put(here, original) != null) {
                    throw new IllegalArgumentException("record " + here + " is listed twice");
                }
            } catch (IllegalArgumentException e) {
                String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
                throw new CifarFormatException(file + ": line " + (n + 1) + " \"" + shown + "\": " + e.getMessage(), e);
            }
        }
        return originals;
    }

    private static int recordNumber(String field) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("record number '" + field + "' is not a whole number 0.."
                    + Integer.MAX_VALUE, e);
        }
    }

    /**
     * Joins parsed batches, in the given order, into one data set with origins; a record listed in
     * {@code originals} gets its original origin back.
     */
    static CifarDataset join(List<Batch> batches, List<String> classNames, Map<Origin, Origin> originals) {
        int total = batches.stream().mapToInt(Batch::size).sum();
        byte[][] images = new byte[total][];
        byte[] labels = new byte[total];
        Origin[] origins = new Origin[total];
        int at = 0;
        for (Batch batch : batches) {
            System.arraycopy(batch.images(), 0, images, at, batch.size());
            System.arraycopy(batch.labels(), 0, labels, at, batch.size());
            for (int r = 0; r < batch.size(); r++) {
                Origin here = new Origin(batch.file(), r);
                origins[at + r] = originals.getOrDefault(here, here);
            }
            at += batch.size();
        }
        return CifarDataset.wrap(images, labels, origins, classNames);
    }
}
