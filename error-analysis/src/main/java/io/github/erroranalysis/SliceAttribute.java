package io.github.erroranalysis;

import java.util.List;
import java.util.Objects;

/**
 * One attribute of every test example that slices are searched over: a number (slices are ranges of its quantiles,
 * such as "brightness in the lowest 10 %") or a category (slices are one category, such as "dominant hue blue" or
 * "embedding cluster 7").
 *
 * @param name the attribute's name as people read it, for example {@code brightness}
 * @param values one value per example; for a category its index into {@code categories}
 * @param categories the names of the categories, or empty for a numeric attribute
 */
public record SliceAttribute(String name, double[] values, List<String> categories) {

    /**
     * Checks and copies the components.
     *
     * @param name the name, not blank
     * @param values the values, none NaN; for a category whole numbers in {@code [0, categories.size())}
     * @param categories the category names
     * @throws IllegalArgumentException naming the attribute, the example and the value when a value is not allowed
     */
    public SliceAttribute {
        Objects.requireNonNull(name, "name");
        values = values.clone();
        categories = List.copyOf(categories);
        // step 0: checks to come
    }

    /**
     * Gives a numeric attribute.
     *
     * @param name the name
     * @param values one value per example
     * @return the attribute
     */
    public static SliceAttribute numeric(String name, double[] values) {
        return new SliceAttribute(name, values, List.of());
    }

    /**
     * Gives a categorical attribute.
     *
     * @param name the name
     * @param codes each example's category index
     * @param categories the category names
     * @return the attribute
     */
    public static SliceAttribute category(String name, int[] codes, List<String> categories) {
        double[] v = new double[codes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = codes[i];
        }
        return new SliceAttribute(name, v, categories);
    }

    /**
     * Says whether the attribute is a category.
     *
     * @return true for a category, false for a number
     */
    public boolean categorical() {
        return !categories.isEmpty();
    }

    /**
     * Gives the number of examples.
     *
     * @return the number of values
     */
    public int size() {
        return values.length;
    }

    /**
     * Gives one example's value.
     *
     * @param example the example's index
     * @return its value (a category index for a category)
     */
    public double value(int example) {
        return values[example];
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
