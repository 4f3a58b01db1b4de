package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.Objects;

/**
 * One condition of a slice: an attribute's values between two quantiles of the examples in scope (for example the
 * lowest 10 %), or one category of a categorical attribute.
 *
 * <p>The examples a range holds are exactly those of the scope whose value lies in
 * {@code [lowerValue, upperValue]}: {@link SliceFinder} records the smallest and largest value of the examples it
 * put in (see there for how quantile ranges treat ties).
 *
 * @param attribute the attribute's name
 * @param lowerQuantile the lower quantile of the range, in [0, 1] (for a category 0)
 * @param upperQuantile the upper quantile of the range, in [0, 1] (for a category 1)
 * @param lowerValue the attribute's value at the lower quantile, inclusive (for a category its index)
 * @param upperValue the attribute's value at the upper quantile, inclusive (for a category its index)
 * @param category the category's name, or null for a range
 */
public record SliceCondition(String attribute, double lowerQuantile, double upperQuantile, double lowerValue,
        double upperValue, String category) {

    /**
     * Checks the components.
     *
     * @param attribute the attribute's name
     * @param lowerQuantile the lower quantile
     * @param upperQuantile the upper quantile
     * @param lowerValue the lower value
     * @param upperValue the upper value
     * @param category the category, or null
     * @throws IllegalArgumentException naming the attribute when the quantiles are not
     *                                  {@code 0 <= lowerQuantile <= upperQuantile <= 1} or the values are NaN or out
     *                                  of order
     */
    public SliceCondition {
        Objects.requireNonNull(attribute, "attribute");
        if (!(lowerQuantile >= 0 && lowerQuantile <= upperQuantile && upperQuantile <= 1)) {
            throw new IllegalArgumentException("slice condition on " + attribute + ": the quantiles must satisfy "
                    + "0 <= lower <= upper <= 1, but are " + lowerQuantile + " and " + upperQuantile);
        }
        if (!(lowerValue <= upperValue)) {
            throw new IllegalArgumentException("slice condition on " + attribute + ": the lower value " + lowerValue
                    + " must be a number at most the upper value " + upperValue);
        }
    }

    /**
     * Makes the condition "the lowest share of the scope's examples".
     *
     * @param attribute the attribute's name
     * @param share the share, in (0, 1], for example 0.1
     * @param lowerValue the smallest value of the examples in the range
     * @param upperValue the largest value of the examples in the range
     * @return the condition
     */
    public static SliceCondition lowest(String attribute, double share, double lowerValue, double upperValue) {
        return new SliceCondition(attribute, 0, share, lowerValue, upperValue, null);
    }

    /**
     * Makes the condition "the highest share of the scope's examples".
     *
     * @param attribute the attribute's name
     * @param share the share, in (0, 1], for example 0.3
     * @param lowerValue the smallest value of the examples in the range
     * @param upperValue the largest value of the examples in the range
     * @return the condition
     */
    public static SliceCondition highest(String attribute, double share, double lowerValue, double upperValue) {
        return new SliceCondition(attribute, 1 - share, 1, lowerValue, upperValue, null);
    }

    /**
     * Makes the condition "one category of a categorical attribute".
     *
     * @param attribute the attribute's name
     * @param index the category's index
     * @param category the category's name
     * @return the condition
     */
    public static SliceCondition category(String attribute, int index, String category) {
        return new SliceCondition(attribute, 0, 1, index, index, Objects.requireNonNull(category, "category"));
    }

    /**
     * Says whether the condition is one category rather than a range.
     *
     * @return true for a category
     */
    public boolean isCategory() {
        return category != null;
    }

    /**
     * Says the condition in plain words, for example "brightness in the lowest 10 %" or "embedding cluster 7".
     *
     * @return the words
     */
    public String inWords() {
        if (category != null) {
            return attribute + " " + category;
        }
        if (lowerQuantile == 0 && upperQuantile == 1) {
            return attribute + " at any value";
        }
        if (lowerQuantile == 0) {
            return attribute + " in the lowest " + Formats.wholePercent(upperQuantile);
        }
        if (upperQuantile == 1) {
            return attribute + " in the highest " + Formats.wholePercent(1 - lowerQuantile);
        }
        return attribute + " between its " + Formats.wholePercent(lowerQuantile) + " and "
                + Formats.wholePercent(upperQuantile) + " quantiles";
    }
}
