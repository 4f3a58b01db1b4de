package io.github.erroranalysis;

import java.util.Objects;
import java.util.Optional;

/**
 * A test example and its nearest example on the other side of a near-duplicate search (a training record, or another
 * test example), with the distance between them.
 *
 * @param index the test example's index (its record position in the test data as read)
 * @param otherIndex the other example's index: a training record's position among all records of the training data
 *                   as read (for a CIFAR-10 release, its batches in archive order), or another test example's index
 * @param distance the audit's distance between the two images, at least 0 (smaller is more alike)
 * @param origin where the test example came from, if known
 * @param otherOrigin where the other example came from, if known
 */
public record DuplicatePair(int index, int otherIndex, double distance, Optional<String> origin,
        Optional<String> otherOrigin) {

    /**
     * Checks the components.
     *
     * @param index the test example's index, at least 0
     * @param otherIndex the other example's index, at least 0
     * @param distance the distance, at least 0 and finite
     * @param origin the test example's origin
     * @param otherOrigin the other example's origin
     * @throws IllegalArgumentException naming the value when an index is negative or the distance is not a finite
     *                                  number of at least 0
     */
    public DuplicatePair {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(otherOrigin, "otherOrigin");
        if (index < 0 || otherIndex < 0) {
            throw new IllegalArgumentException("a duplicate pair needs indexes of at least 0, but has " + index
                    + " and " + otherIndex);
        }
        if (!(distance >= 0) || Double.isInfinite(distance)) {
            throw new IllegalArgumentException("a duplicate pair's distance must be a finite number of at least 0, "
                    + "but is " + distance);
        }
    }
}
