package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * An off-diagonal cell of the confusion matrix (rows true, columns predicted): how often one class was
 * predicted as another.
 *
 * @param trueClass the index of the true class (the row)
 * @param trueClassName the name of the true class
 * @param predictedClass the index of the predicted class (the column)
 * @param predictedClassName the name of the predicted class
 * @param count the number of examples of the true class predicted as the other class
 * @param shareOfTrueClass the count divided by the true class's support
 */
public record ConfusedPair(int trueClass, String trueClassName, int predictedClass, String predictedClassName,
        long count, double shareOfTrueClass) {

    /**
     * Reads as {@code "cat -> dog: 12 (12.00% of cat)"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return trueClassName + " -> " + predictedClassName + ": " + count + " (" + Formats.percent(shareOfTrueClass)
                + " of " + trueClassName + ")";
    }
}
