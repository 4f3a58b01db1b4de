package io.github.erroranalysis;

import java.util.Objects;

/**
 * One condition of a slice: an attribute's values between two quantiles of the examples in scope (for example the
 * lowest 10 %), or one category of a categorical attribute.
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
     */
    public SliceCondition {
        Objects.requireNonNull(attribute, "attribute");
    }

    /**
     * Says the condition in plain words, for example "brightness in the lowest 10 %" or "embedding cluster 7".
     *
     * @return the words
     */
    public String inWords() {
        throw new UnsupportedOperationException("step 0");
    }
}
