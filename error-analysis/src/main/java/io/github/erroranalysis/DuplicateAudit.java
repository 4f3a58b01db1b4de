package io.github.erroranalysis;

import java.util.List;
import java.util.Objects;

/**
 * The near-duplicate half of a data audit: for every test example its nearest training record, the suspected
 * near-duplicates (distance at most the threshold), the near-duplicate pairs within the test data, and how much the
 * suspected examples inflate the score.
 *
 * @param nearest every test example's nearest training record, in test-index order (empty when there was no training
 *                data left after the exclusions)
 * @param duplicates the suspected near-duplicates of training records, most suspect (smallest distance) first, ties
 *                   by the lower test index
 * @param withinTestDuplicates the pairs of test examples at most the threshold apart, each pair once (the lower
 *                             index first), most suspect first
 * @param threshold the largest distance that counts as a suspected near-duplicate
 * @param distance how the distance is computed, in one sentence (for the report and {@code audit.json})
 * @param trainingExamples the training records searched, after the exclusions
 * @param trainingExcluded the training records left out because a test example has the same origin
 * @param effect the score effect of the suspected near-duplicates
 */
public record DuplicateAudit(List<DuplicatePair> nearest, List<DuplicatePair> duplicates,
        List<DuplicatePair> withinTestDuplicates, double threshold, String distance, int trainingExamples,
        int trainingExcluded, ScoreEffect effect) {

    /**
     * Copies the lists.
     *
     * @param nearest every test example's nearest training record
     * @param duplicates the suspected near-duplicates
     * @param withinTestDuplicates the pairs within the test data
     * @param threshold the threshold
     * @param distance the distance, in words
     * @param trainingExamples the training records searched
     * @param trainingExcluded the training records left out
     * @param effect the score effect
     * @throws IllegalArgumentException naming the value when the threshold is not a finite number at least 0 or a
     *                                  count is negative
     */
    public DuplicateAudit {
        nearest = List.copyOf(Objects.requireNonNull(nearest, "nearest"));
        duplicates = List.copyOf(Objects.requireNonNull(duplicates, "duplicates"));
        withinTestDuplicates = List.copyOf(Objects.requireNonNull(withinTestDuplicates, "withinTestDuplicates"));
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(effect, "effect");
        if (!(Double.isFinite(threshold) && threshold >= 0)) {
            throw new IllegalArgumentException("the duplicate audit's threshold must be a finite number at least 0, but is "
                    + threshold);
        }
        if (trainingExamples < 0 || trainingExcluded < 0) {
            throw new IllegalArgumentException("the duplicate audit's counts must not be negative, but trainingExamples is "
                    + trainingExamples + " and trainingExcluded is " + trainingExcluded);
        }
    }
}
