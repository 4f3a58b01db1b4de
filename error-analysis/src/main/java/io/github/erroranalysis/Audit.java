package io.github.erroranalysis;

import java.util.Objects;
import java.util.Optional;

/**
 * A data audit of a test set: its near-duplicates in the training data (when training data was given) and the
 * slices where the model fails (when images were available), with the seed of every random choice.
 *
 * @param duplicates the near-duplicate audit, or empty
 * @param slices the slice search, or empty
 * @param seed the seed of the random choices (the embedding clusters)
 * @param testSource where the test data came from
 * @param trainingSource where the training data came from, or empty
 */
public record Audit(Optional<DuplicateAudit> duplicates, Optional<SliceSearch> slices, long seed, String testSource,
        Optional<String> trainingSource) {

    /**
     * Checks the components.
     *
     * @param duplicates the near-duplicate audit
     * @param slices the slice search
     * @param seed the seed
     * @param testSource the test data's source
     * @param trainingSource the training data's source
     */
    public Audit {
        Objects.requireNonNull(duplicates, "duplicates");
        Objects.requireNonNull(slices, "slices");
        Objects.requireNonNull(testSource, "testSource");
        Objects.requireNonNull(trainingSource, "trainingSource");
    }
}
