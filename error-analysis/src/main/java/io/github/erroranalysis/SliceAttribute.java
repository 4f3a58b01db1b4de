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
     * @param values the values, all finite (neither NaN nor infinite); for a category whole numbers in
     *               {@code [0, categories.size())}
     * @param categories the category names, neither blank nor repeated; empty for a numeric attribute
     * @throws IllegalArgumentException naming the attribute, the example and the value when a value is not allowed
     */
    public SliceAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(categories, "categories");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a slice attribute's name must not be blank, but is \"" + name + "\"");
        }
        values = values.clone();
        categories = List.copyOf(categories);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int c = 0; c < categories.size(); c++) {
            String category = categories.get(c);
            if (category.isBlank() || !seen.add(category)) {
                throw new IllegalArgumentException("slice attribute " + name + ": category " + c + " is \"" + category
                        + "\", but category names must be neither blank nor repeated");
            }
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("slice attribute " + name + ": example " + i + " has the value " + v
                        + ", but every value must be a finite number");
            }
            if (!categories.isEmpty() && (v != Math.rint(v) || v < 0 || v >= categories.size())) {
                throw new IllegalArgumentException("slice attribute " + name + ": example " + i + " has the category "
                        + "index " + v + ", but a category index must be a whole number from 0 to "
                        + (categories.size() - 1) + " (" + categories.size() + " categories)");
            }
        }
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

    /**
     * Gives a copy of the values.
     *
     * @return one value per example (a category index for a category)
     */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * Tells whether another attribute has the same name, values and categories.
     *
     * @param o another object
     * @return whether they are equal, comparing the values element by element
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SliceAttribute other && name.equals(other.name) && java.util.Arrays.equals(values, other.values)
                && categories.equals(other.categories);
    }

    /**
     * Gives a hash of the name, values and categories.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, java.util.Arrays.hashCode(values), categories);
    }

    /**
     * Names the attribute, its kind and its size.
     *
     * @return for example {@code SliceAttribute[brightness, numeric, 10000 examples]}
     */
    @Override
    public String toString() {
        return "SliceAttribute[" + name + ", " + (categorical() ? categories.size() + " categories" : "numeric") + ", "
                + values.length + " examples]";
    }
}
