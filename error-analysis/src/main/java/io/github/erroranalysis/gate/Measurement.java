package io.github.erroranalysis.gate;

import io.github.erroranalysis.stats.Interval;
import java.util.Objects;

/**
 * A gated metric as measured on one analysis: its value with its interval, and the counts behind it when it is a
 * proportion.
 *
 * @param interval the estimate with its interval (undefined when there are no examples)
 * @param counts the counts behind it for people, for example {@code "15 of 20 right"}, or empty
 */
public record Measurement(Interval interval, String counts) {

    /**
     * Checks the components.
     *
     * @param interval the estimate with its interval
     * @param counts the counts behind it, or empty
     */
    public Measurement {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(counts, "counts");
    }

    /**
     * Reads as {@code "0.7500 [0.5313, 0.8881] (95% Wilson), 15 of 20 right"}, or the interval alone when there are
     * no counts.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return counts.isEmpty() ? interval.toString() : interval + ", " + counts;
    }
}
