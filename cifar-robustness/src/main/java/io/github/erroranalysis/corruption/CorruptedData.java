package io.github.erroranalysis.corruption;

import io.github.erroranalysis.cifar.data.CifarDataset;

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
     */
    public static CifarDataset corrupt(CifarDataset data, Corruption corruption, int severity, long seed) {
        throw new UnsupportedOperationException("step 0");
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
     */
    public static byte[] corruptOne(CifarDataset data, int index, Corruption corruption, int severity, long seed) {
        throw new UnsupportedOperationException("step 0");
    }
}
