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

    /**
     * Gives a copy of the members.
     *
     * @return the examples in the slice, increasing indexes
     */
    @Override
    public int[] members() {
        return members.clone();
    }

    /**
     * Says the slice in one line, for example "dog, brightness in the lowest 10 %: accuracy 0.31 [0.24, 0.39] vs
     * 0.52 for other dog examples, q = 0.0031" ("for the rest" when the slice is within all classes).
     *
     * @return the line
     */
    public String inWords() {
        String others = className == null ? "the rest" : "other " + className + " examples";
        return description + ": accuracy " + ScoreEffect.accuracyText(accuracy.estimate()) + " ["
                + ScoreEffect.accuracyText(accuracy.lower()) + ", " + ScoreEffect.accuracyText(accuracy.upper()) + "] vs "
                + ScoreEffect.accuracyText(restAccuracy) + " for " + others + ", q = " + ScoreEffect.shortP(qValue);
    }

    /**
     * Tells whether another slice has the same components, comparing the members element by element.
     *
     * @param o another object
     * @return whether they are equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Slice other && description.equals(other.description)
                && Objects.equals(className, other.className) && conditions.equals(other.conditions)
                && java.util.Arrays.equals(members, other.members) && correct == other.correct
                && accuracy.equals(other.accuracy) && restSupport == other.restSupport
                && Double.compare(restAccuracy, other.restAccuracy) == 0 && Double.compare(pValue, other.pValue) == 0
                && Double.compare(qValue, other.qValue) == 0;
    }

    /**
     * Gives a hash of the components, the members element by element.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(description, className, conditions, java.util.Arrays.hashCode(members), correct, accuracy,
                restSupport, restAccuracy, pValue, qValue);
    }

    /**
     * Says the slice as {@link #inWords()} does.
     *
     * @return the line
     */
    @Override
    public String toString() {
        return inWords();
    }
}
