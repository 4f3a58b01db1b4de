package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import java.util.List;
import java.util.Objects;

/**
 * A slice of the test examples (one class or all of them, narrowed by one or two conditions) whose accuracy is
 * compared with the rest of its scope by Fisher's exact test.
 *
 * @param description the slice in plain words, for example "dog, brightness in the lowest 10 %"
 * @param className the class the slice is within, or null for all classes
 * @param conditions the slice's conditions, one or two
 * @param members the examples in the slice, increasing indexes
 * @param correct how many of them are predicted correctly
 * @param accuracy the accuracy on the slice, with its Wilson interval
 * @param restSupport the examples of the scope outside the slice
 * @param restAccuracy the accuracy on them
 * @param pValue the one-sided p-value of Fisher's exact test that the slice's accuracy is lower than the rest's
 * @param qValue the Benjamini–Hochberg adjusted p-value over every slice tried
 */
public record Slice(String description, String className, List<SliceCondition> conditions, int[] members,
        int correct, Interval accuracy, int restSupport, double restAccuracy, double pValue, double qValue) {

    /**
     * Checks and copies the components.
     *
     * @param description the description
     * @param className the class, or null
     * @param conditions the conditions
     * @param members the members
     * @param correct the correct members
     * @param accuracy the accuracy
     * @param restSupport the rest's size
     * @param restAccuracy the rest's accuracy
     * @param pValue the p-value
     * @param qValue the q-value
     */
    public Slice {
        Objects.requireNonNull(description, "description");
        conditions = List.copyOf(conditions);
        members = members.clone();
        Objects.requireNonNull(accuracy, "accuracy");
    }

    /**
     * Gives the number of examples in the slice.
     *
     * @return the support
     */
    public int support() {
        return members.length;
    }

    @Override
    public int[] members() {
        return members.clone();
    }

    /**
     * Says the slice in one line, for example "dog, brightness in the lowest 10 %: accuracy 0.31 [0.24, 0.39] vs
     * 0.52 for other dogs, q = 0.003".
     *
     * @return the line
     */
    public String inWords() {
        throw new UnsupportedOperationException("step 0");
    }
}
