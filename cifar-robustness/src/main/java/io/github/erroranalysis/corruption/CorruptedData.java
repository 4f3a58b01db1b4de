package io.github.erroranalysis.corruption;

import io.github.erroranalysis.cifar.data.CifarDataset;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Corrupts a whole data set: every image through {@link Corruption#apply} with its own seed
 * ({@link Seeds#forImage}), in parallel over images; labels, class names and origins are kept, in the same order.
 */
public final class CorruptedData {

    private CorruptedData() {
    }

    /**
     * Corrupts every image of a data set.
     *
     * @param data the clean images
     * @param corruption the corruption
     * @param severity 1 to 5
     * @param seed the user's seed; image i uses {@code Seeds.forImage(seed, corruption, severity, i)}
     * @return a new data set of the same size, labels, class names and origins
     * @throws IllegalArgumentException if the severity is not 1 to 5
     */
    public static CifarDataset corrupt(CifarDataset data, Corruption corruption, int severity, long seed) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(corruption, "corruption");
        Corruption.checkSeverity(severity);
        byte[][] out = new byte[data.size()][];
        IntStream.range(0, out.length).parallel()
                .forEach(i -> out[i] = corruption.apply(data.pixels(i), severity,
                        Seeds.forImage(seed, corruption, severity, i)));
        return CifarDataset.of(Arrays.asList(out), data.labels(), data.origins(), data.classNames());
    }

    /**
     * Corrupts one image of a data set exactly as {@link #corrupt} does (for example grids).
     *
     * @param data the clean images
     * @param index the image's position
     * @param corruption the corruption
     * @param severity 1 to 5
     * @param seed the user's seed
     * @return the corrupted image's planar RGB bytes
     * @throws IllegalArgumentException if the index is outside the data set or the severity is not 1 to 5
     */
    public static byte[] corruptOne(CifarDataset data, int index, Corruption corruption, int severity, long seed) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(corruption, "corruption");
        if (index < 0 || index >= data.size()) {
            throw new IllegalArgumentException("image " + index + " is outside the data set's 0.." + (data.size() - 1));
        }
        return corruption.apply(data.pixels(index), severity, Seeds.forImage(seed, corruption, severity, index));
    }
}
