package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * The accuracy on one true class: the share of its examples that were predicted correctly.
 *
 * @param classIndex the class index, from 0
 * @param className the class name
 * @param correct the number of the class's examples predicted correctly
 * @param support the number of examples whose true class this is
 * @param accuracy {@code correct / support}, or NaN when the class has no examples
 */
public record ClassAccuracy(int classIndex, String className, long correct, long support, double accuracy) {

    /**
     * Reads as {@code "cat: 0.5800 (58/100)"} or {@code "cat: no examples"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return support == 0 ? className + ": " + Formats.NO_EXAMPLES
                : className + ": " + Formats.ratio(accuracy) + " (" + correct + "/" + support + ")";
    }
}
