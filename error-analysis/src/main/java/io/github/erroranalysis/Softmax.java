package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/** Softmax of logits, row by row, computed in double. */
final class Softmax {

    private Softmax() {
    }

    /**
     * Replaces each row of logits by its softmax, in double throughout (float64 logits keep their precision).
     *
     * @param logits row-major logits, overwritten
     * @param classes the row length
     * @return the same array, now probabilities
     */
    static double[] inPlace(double[] logits, int classes) {
        if (classes <= 0) {
            return logits;
        }
        double[] e = new double[classes];
        for (int off = 0, row = 0; off < logits.length; off += classes, row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double v = logits[off + c];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(Formats.format(
                            "example %d: logit of class %d is %s, not a finite number", row, c, v));
                }
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                e[c] = Math.exp(logits[off + c] - max);
                sum += e[c];
            }
            for (int c = 0; c < classes; c++) {
                logits[off + c] = e[c] / sum;
            }
        }
        return logits;
    }
}
