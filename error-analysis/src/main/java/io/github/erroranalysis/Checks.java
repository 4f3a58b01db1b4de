package io.github.erroranalysis;

import io.github.erroranalysis.internal.Formats;

/** Shared input checks whose messages name the example and the offending value. */
final class Checks {

    /**
     * How far a row of probabilities may sum from 1 (absolute), to allow for float rounding in softmax.
     */
    static final double SUM_TOLERANCE = 1e-3;

    private Checks() {
    }

    /**
     * Explains why a row of probabilities is not acceptable, or returns null when it is.
     *
     * @param data the row-major probabilities
     * @param offset where the row starts in {@code data}
     * @param classes the row length
     * @param example the example index to name in the message
     * @return the message, or null for a valid row
     */
    static String rowProblem(float[] data, int offset, int classes, long example) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            float p = data[offset + c];
            if (!Float.isFinite(p)) {
                return Formats.format("example %d: probability of class %d is %s, not a finite number", example, c, p);
            }
            if (p < 0f) {
                return Formats.format("example %d: probability of class %d is %s, which is negative", example, c, p);
            }
            if (p > 1f) {
                return Formats.format("example %d: probability of class %d is %s, which is above 1", example, c, p);
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            return Formats.format("example %d: probabilities sum to %s, not 1 (tolerance %s); "
                    + "if these are logits or unnormalized scores, use fromLogits", example, sum, SUM_TOLERANCE);
        }
        return null;
    }

    /**
     * Explains why a label is out of range, or returns null when it is in range.
     *
     * @param label the label
     * @param classes the number of classes
     * @param example the example index to name in the message
     * @return the message, or null for a valid label
     */
    static String labelProblem(int label, int classes, long example) {
        return label >= 0 && label < classes ? null
                : Formats.format("example %d: label %d is out of range; there are %d classes (0..%d)",
                        example, label, classes, classes - 1);
    }

    /**
     * Throws with the rows' first problem, if any.
     *
     * @param data row-major probabilities
     * @param rows the number of rows
     * @param classes the row length
     * @param firstExample the example index of the first row
     */
    static void requireProbabilities(float[] data, int rows, int classes, long firstExample) {
        for (int r = 0; r < rows; r++) {
            String problem = rowProblem(data, r * classes, classes, firstExample + r);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }
}
