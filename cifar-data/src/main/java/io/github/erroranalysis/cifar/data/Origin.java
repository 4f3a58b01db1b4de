package io.github.erroranalysis.cifar.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where one example came from: the file it was read from and its record number inside that file.
 *
 * <p>Origins travel with every example (also as DL4J example metadata) so that a mistake found during error
 * analysis leads back to the exact image. For a batch file the record number is the 0-based index of the
 * 3,073-byte record; for an image folder it is 0 and the file is the image's path relative to the folder.
 *
 * @param file   the batch file name (for example {@code data_batch_3.bin}) or the image file's relative path
 * @param record the 0-based record number inside {@code file}
 */
public record Origin(String file, int record) implements Serializable, Comparable<Origin> {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an origin, checking that the file is named and the record is not negative.
     *
     * @param file   the file name
     * @param record the 0-based record number
     */
    public Origin {
        Objects.requireNonNull(file, "file");
        if (record < 0) {
            throw new IllegalArgumentException("record must be >= 0, got " + record + " for file " + file);
        }
    }

    /**
     * Orders origins by file name, then record number.
     *
     * @param other the origin to compare with
     * @return a negative number, zero or a positive number as this origin sorts before, with or after {@code other}
     */
    @Override
    public int compareTo(Origin other) {
        int byFile = file.compareTo(other.file);
        return byFile != 0 ? byFile : Integer.compare(record, other.record);
    }

    /**
     * Returns the origin as {@code file#record}, for example {@code data_batch_3.bin#1234}.
     *
     * @return a short human-readable form
     */
    @Override
    public String toString() {
        return file + "#" + record;
    }
}
