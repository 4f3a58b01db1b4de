package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.io.Formats;
import java.util.Objects;

/**
 * How one class's accuracy changed from the baseline to the candidate, with a paired-bootstrap interval.
 *
 * @param classIndex the class index, from 0
 * @param className the class name
 * @param support the number of examples of the class
 * @param baselineAccuracy the baseline's accuracy on the class, NaN without examples
 * @param candidateAccuracy the candidate's accuracy on the class, NaN without examples
 * @param change candidate minus baseline accuracy with its paired-bootstrap interval (undefined without examples)
 * @param rightToWrong the class's examples the baseline got right and the candidate wrong
 * @param wrongToRight the class's examples the baseline got wrong and the candidate right
 */
public record ClassChange(int classIndex, String className, long support, double baselineAccuracy,
        double candidateAccuracy, Interval change, long rightToWrong, long wrongToRight) {

    /**
     * Checks the components.
     *
     * @param classIndex the class index
     * @param className the class name
     * @param support the number of examples of the class
     * @param baselineAccuracy the baseline's accuracy
     * @param candidateAccuracy the candidate's accuracy
     * @param change the change with its interval
     * @param rightToWrong the right-to-wrong count
     * @param wrongToRight the wrong-to-right count
     */
    public ClassChange {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(change, "change");
    }

    /**
     * Reads as {@code "cat: 0.5800 → 0.6150, change +0.0350 [+0.0120, +0.0580] (12 right → wrong, 47 wrong → right)"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        if (support == 0) {
            return className + ": " + Formats.NO_EXAMPLES;
        }
        return className + ": " + Formats.ratio(baselineAccuracy) + " → " + Formats.ratio(candidateAccuracy) + ", change "
                + Formats.signed(change.estimate()) + " [" + Formats.signed(change.lower()) + ", " + Formats.signed(change.upper())
                + "] (" + rightToWrong + " right → wrong, " + wrongToRight + " wrong → right)";
    }
}
