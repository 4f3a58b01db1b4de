package io.github.erroranalysis.gate;

import io.github.erroranalysis.AnalysisMetric;
import java.util.Objects;

/** On which side of its threshold a gate's value must lie. */
public enum Direction {

    /** The value must be at least the threshold (accuracies). */
    AT_LEAST("atLeast", "at least"),
    /** The value must be at most the threshold (errors). */
    AT_MOST("atMost", "at most");

    private final String key;
    private final String words;

    Direction(String key, String words) {
        this.key = key;
        this.words = words;
    }

    /**
     * Gives the direction in which a built-in metric is good: at most for one that is minimized (the losses and the
     * calibration error, {@link AnalysisMetric#minimize()}), at least for the others.
     *
     * @param metric the metric
     * @return {@link #AT_MOST} when lower is better, else {@link #AT_LEAST}
     */
    public static Direction of(AnalysisMetric metric) {
        return Objects.requireNonNull(metric, "metric").minimize() ? AT_MOST : AT_LEAST;
    }

    /**
     * Gives the direction's name in JSON: {@code atLeast} or {@code atMost}.
     *
     * @return the JSON name
     */
    public String key() {
        return key;
    }

    /**
     * Gives the direction for people: {@code "at least"} or {@code "at most"}.
     *
     * @return the words
     */
    public String words() {
        return words;
    }

    /**
     * Tells whether a value is on the right side of a threshold; NaN (nothing measured) never is.
     *
     * @param value the judged value
     * @param threshold the threshold
     * @return whether the value passes
     */
    public boolean accepts(double value, double threshold) {
        return this == AT_LEAST ? value >= threshold : value <= threshold;
    }

    /**
     * Gives the pessimistic end of an interval for this direction: the lower bound for "at least", the upper
     * bound for "at most".
     *
     * @return the judged value of a gate on the pessimistic bound
     */
    public Judged pessimisticBound() {
        return this == AT_LEAST ? Judged.LOWER_BOUND : Judged.UPPER_BOUND;
    }
}
