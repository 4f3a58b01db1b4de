package io.github.erroranalysis.cifar.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    private BatchFormat() {
    }

    /** One batch file, parsed. */
    record Batch(String file, byte[][] images, byte[] labels) {
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
        if (bytes % RECORD_BYTES != 0) {
            throw new CifarFormatException(file + ": size " + bytes + " bytes is not a multiple of the "
                    + RECORD_BYTES + "-byte record (" + bytes / RECORD_BYTES + " whole records and "
                    + bytes % RECORD_BYTES + " bytes left over)");
        }
        return Math.toIntExact(bytes / RECORD_BYTES);
    }

    /**
     * Reads {@code records} records of batch {@code file} from {@code in}, checking every label.
     *
     * @param file       the batch file name recorded in each example's origin
     * @param where      the file as named in error messages (with its folder or archive)
     * @param classCount labels must be below this; use 256 when the class names are not known yet
     */
    static Batch read(String file, String where, InputStream in, int records, int classCount) throws IOException {
        byte[][] images = new byte[records][];
        byte[] labels = new byte[records];
        byte[] label = new byte[1];
        for (int r = 0; r < records; r++) {
            readFully(in, label, where, r);
            int value = label[0] & 0xFF;
            if (value >= classCount) {
                throw new CifarFormatException(where + ": record " + r + " has label " + value + ", expected 0.."
                        + (classCount - 1));
            }
            labels[r] = label[0];
            byte[] image = new byte[CifarDataset.IMAGE_BYTES];
            readFully(in, image, where, r);
            images[r] = image;
        }
        return new Batch(file, images, labels);
    }

    private static void readFully(InputStream in, byte[] buffer, String file, int record) throws IOException {
        int done = 0;
        while (done < buffer.length) {
            int n = in.read(buffer, done, buffer.length - done);
            if (n < 0) {
                throw new CifarFormatException(file + ": ends inside record " + record,
                        new EOFException(file));
            }
            done += n;
        }
    }

    /** Parses {@code batches.meta.txt}: one class name per non-blank line, in label order. */
    static List<String> parseMeta(String file, byte[] content) throws CifarFormatException {
        List<String> names = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new CifarFormatException(file + ": no class names found");
        }
        if (names.size() > 256) {
            throw new CifarFormatException(file + ": " + names.size() + " class names, but a label byte holds at "
                    + "most 256 classes");
        }
        return List.copyOf(names);
    }

    /** Checks every label of a batch read before the class names were known. */
    static void checkLabels(Batch batch, String where, int classCount) throws CifarFormatException {
        for (int r = 0; r < batch.size(); r++) {
            int value = batch.labels()[r] & 0xFF;
            if (value >= classCount) {
                throw new CifarFormatException(where + ": record " + r + " has label " + value
                        + ", expected 0.." + (classCount - 1));
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

    /** Joins parsed batches, in the given order, into one data set with origins. */
    static CifarDataset join(List<Batch> batches, List<String> classNames) {
        int total = batches.stream().mapToInt(Batch::size).sum();
        byte[][] images = new byte[total][];
        byte[] labels = new byte[total];
        Origin[] origins = new Origin[total];
        int at = 0;
        for (Batch batch : batches) {
            System.arraycopy(batch.images(), 0, images, at, batch.size());
            System.arraycopy(batch.labels(), 0, labels, at, batch.size());
            for (int r = 0; r < batch.size(); r++) {
                origins[at + r] = new Origin(batch.file(), r);
            }
            at += batch.size();
        }
        return CifarDataset.wrap(images, labels, origins, classNames);
    }
}
