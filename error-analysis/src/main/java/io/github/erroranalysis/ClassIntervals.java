package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.io.Formats;
import java.util.Objects;

/**
 * One class's accuracy, precision and recall, each with its Wilson interval. A class's accuracy is its recall
 * (the share of its examples predicted correctly), so the two intervals are the same.
 *
 * @param classIndex the class index, from 0
 * @param className the class name
 * @param support the number of examples whose true class this is
 * @param predicted the number of examples predicted as this class
 * @param accuracy correct / support with its interval (undefined when the class has no examples)
 * @param precision TP / predicted with its interval (undefined when the class was never predicted)
 * @param recall TP / support with its interval, equal to {@code accuracy}
 */
public record ClassIntervals(int classIndex, String className, long support, long predicted, Interval accuracy,
        Interval precision, Interval recall) {

    /**
     * Checks the components.
     *
     * @param classIndex the class index
     * @param className the class name
     * @param support the number of examples of the class
     * @param predicted the number of examples predicted as the class
     * @param accuracy the accuracy interval
     * @param precision the precision interval
     * @param recall the recall interval
     */
    public ClassIntervals {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(accuracy, "accuracy");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(recall, "recall");
    }

    /**
     * Reads as {@code "cat: accuracy 0.5800 [0.5492, 0.6102], precision 0.6100 [...] (support 1000)"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return support == 0 ? className + ": " + Formats.NO_EXAMPLES
                : className + ": accuracy " + brief(accuracy) + ", precision " + brief(precision) + " (support "
                        + support + ", predicted " + predicted + ")";
    }

    static String brief(Interval i) {
        return i.isDefined() ? Formats.ratio(i.estimate()) + " [" + Formats.ratio(i.lower()) + ", " + Formats.ratio(i.upper()) + "]"
                : Formats.NO_EXAMPLES;
    }
}
