package io.github.erroranalysis.gate;

import io.github.erroranalysis.stats.Interval;

/**
 * Which value of a metric's interval a gate compares with its threshold: the estimate, or an end of the interval
 * (the lower-bound option, {@code --gate-on-lower-bound} in the CLI), so that a gate passes only when the metric
 * clearly clears it.
 */
public enum Judged {

    /** The point estimate. */
    ESTIMATE("estimate"),
    /** The interval's lower end. */
    LOWER_BOUND("lowerBound"),
    /** The interval's upper end. */
    UPPER_BOUND("upperBound");

    private final String key;

    Judged(String key) {
        this.key = key;
    }

    /**
     * Gives the name in JSON: {@code estimate}, {@code lowerBound} or {@code upperBound}.
     *
     * @return the JSON name
     */
    public String key() {
        return key;
    }

    /**
     * Picks this value out of an interval.
     *
     * @param interval the metric's interval
     * @return its estimate, lower or upper end (NaN when undefined)
     */
    public double of(Interval interval) {
        return switch (this) {
            case ESTIMATE -> interval.estimate();
            case LOWER_BOUND -> interval.lower();
            case UPPER_BOUND -> interval.upper();
        };
    }
}
