package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * An average of per-class precision, recall and F1; classes where a metric is undefined (NaN) are left out
 * of that metric's average, as scikit-learn does with {@code zero_division=np.nan}.
 *
 * @param precision the averaged precision, NaN if no class has one
 * @param recall the averaged recall, NaN if no class has one
 * @param f1 the averaged F1, NaN if no class has one
 */
public record AverageScores(double precision, double recall, double f1) {

    /**
     * Reads as {@code "precision 0.5000 recall 0.4000 f1 0.4444"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return "precision " + Formats.ratio(precision) + " recall " + Formats.ratio(recall) + " f1 " + Formats.ratio(f1);
    }
}
