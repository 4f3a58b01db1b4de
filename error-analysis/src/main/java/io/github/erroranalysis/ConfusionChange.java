package io.github.erroranalysis;

import java.util.Objects;

/**
 * How one off-diagonal cell of the confusion matrix (row true class, column predicted class) changed from the
 * baseline to the candidate: "cat→dog errors fell from 120 to 85".
 *
 * @param trueClass the true class index (the row)
 * @param trueClassName the true class name
 * @param predictedClass the predicted class index (the column)
 * @param predictedClassName the predicted class name
 * @param baselineCount the baseline's count of examples of the true class predicted as the other
 * @param candidateCount the candidate's count
 */
public record ConfusionChange(int trueClass, String trueClassName, int predictedClass, String predictedClassName,
        long baselineCount, long candidateCount) {

    /**
     * Checks the components.
     *
     * @param trueClass the true class index
     * @param trueClassName the true class name
     * @param predictedClass the predicted class index
     * @param predictedClassName the predicted class name
     * @param baselineCount the baseline's count
     * @param candidateCount the candidate's count
     */
    public ConfusionChange {
        Objects.requireNonNull(trueClassName, "trueClassName");
        Objects.requireNonNull(predictedClassName, "predictedClassName");
    }

    /**
     * Gives the change in the count.
     *
     * @return candidate count minus baseline count (negative when errors fell)
     */
    public long change() {
        return candidateCount - baselineCount;
    }

    /**
     * Reads as {@code "cat→dog errors fell from 120 to 85"}, {@code "... rose from 3 to 9"} or
     * {@code "... unchanged at 12"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        String pair = trueClassName + "→" + predictedClassName + " errors ";
        if (candidateCount == baselineCount) {
            return pair + "unchanged at " + baselineCount;
        }
        return pair + (candidateCount < baselineCount ? "fell" : "rose") + " from " + baselineCount + " to "
                + candidateCount;
    }
}
