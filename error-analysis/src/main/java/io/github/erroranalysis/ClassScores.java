package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * Precision, recall and F1 of one class, each NaN where undefined.
 *
 * @param classIndex the class index, from 0
 * @param className the class name
 * @param precision TP / (TP + FP), NaN when the class was never predicted
 * @param recall TP / (TP + FN), NaN when the class has no examples
 * @param f1 2TP / (2TP + FP + FN), NaN when the class was neither present nor predicted
 * @param support the number of examples whose true class this is
 */
public record ClassScores(int classIndex, String className, double precision, double recall, double f1,
        long support) {

    /**
     * Reads as {@code "cat precision 0.5000 recall 0.4000 f1 0.4444 support 10"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return className + " precision " + Formats.ratio(precision) + " recall " + Formats.ratio(recall) + " f1 "
                + Formats.ratio(f1) + " support " + support;
    }
}
