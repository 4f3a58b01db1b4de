package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/** Softmax of logits, row by row, computed in double. */
final class Softmax {

    private Softmax() {
    }

    /**
     * Takes the softmax of each row of logits in double (float64 logits keep their precision, float32 logits are
     * widened exactly), then narrows each row to the float the analysis stores as {@link NdArrays#narrow} does,
     * row by row, so that no double copy of the matrix is made; the logits are left as they are.
     *
     * @param logits the row-major logits, as floats or as doubles
     * @param classes the row length
     * @return the probabilities, a new array
     */
    static float[] narrowed(NumberArray logits, int classes) {
        float[] f = logits.floats();
        double[] d = logits.doubles();
        float[] out = new float[logits.length()];
        if (classes <= 0) {
            return out;
        }
        double[] row = new double[classes];
        double[] e = new double[classes];
        for (int off = 0, r = 0; off + classes <= out.length; off += classes, r++) {
            for (int c = 0; c < classes; c++) {
                row[c] = d != null ? d[off + c] : f[off + c];
            }
            row(row, classes, r, e);
            NdArrays.narrowRow(row, 0, out, off, classes, r);
        }
        return out;
    }

    /** Replaces a row of logits by its softmax, in double; e is scratch of the row's length. */
    static void row(double[] logits, int classes, long row, double[] e) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double v = logits[c];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(Formats.format(
                        "example %d: logit of class %d is %s, not a finite number", row, c, v));
            }
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            e[c] = Math.exp(logits[c] - max);
            sum += e[c];
        }
        for (int c = 0; c < classes; c++) {
            logits[c] = e[c] / sum;
        }
    }
}
