package io.github.erroranalysis.stats;

import io.github.erroranalysis.io.Formats;

/**
 * An estimate with a confidence interval at a level (for example 0.95); all three values are NaN when there
 * are no examples to estimate from.
 *
 * @param estimate the point estimate
 * @param lower the lower end of the interval
 * @param upper the upper end of the interval
 * @param level the confidence level, strictly between 0 and 1
 * @param method how the interval was made, for example "Wilson" or "percentile bootstrap, 1000 resamples"
 */
public record Interval(double estimate, double lower, double upper, double level, String method) {

    /**
     * Checks the components.
     *
     * @param estimate the point estimate
     * @param lower the lower end
     * @param upper the upper end
     * @param level the confidence level
     * @param method how the interval was made
     */
    public Interval {
        Intervals.checkLevel(level);
        if (lower > upper) {
            throw new IllegalArgumentException("an interval's lower end " + lower + " is above its upper end " + upper);
        }
        java.util.Objects.requireNonNull(method, "method");
    }

    /**
     * Makes the undefined interval: no examples.
     *
     * @param level the confidence level
     * @param method how the interval would have been made
     * @return an interval whose values are all NaN
     */
    public static Interval undefined(double level, String method) {
        return new Interval(Double.NaN, Double.NaN, Double.NaN, level, method);
    }

    /**
     * Tells whether the interval has a value.
     *
     * @return false when there were no examples (NaN)
     */
    public boolean isDefined() {
        return !Double.isNaN(estimate);
    }

    /**
     * Gives the half-width of the interval, a rough "±".
     *
     * @return {@code (upper - lower) / 2}, NaN when undefined
     */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /**
     * Tells whether a value lies inside the interval (ends included).
     *
     * @param value a value
     * @return whether {@code lower <= value <= upper}; false when undefined
     */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /**
     * Reads as {@code "0.5800 [0.5492, 0.6102] (95% Wilson)"} or {@code "no examples"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return isDefined() ? Formats.ratio(estimate) + " [" + Formats.ratio(lower) + ", " + Formats.ratio(upper) + "] ("
                + Formats.level(level) + " " + method + ")" : Formats.NO_EXAMPLES;
    }
}
