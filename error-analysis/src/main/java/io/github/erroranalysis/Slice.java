package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import java.util.Arrays;
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
     * @throws IllegalArgumentException naming the slice and the value when there are not one or two conditions, the
     *                                  members are empty or not strictly increasing indexes, {@code correct} is not
     *                                  in {@code [0, members.length]}, the accuracy's estimate is not
     *                                  {@code correct / members.length}, the rest is empty, or the rest's accuracy,
     *                                  the p-value or the q-value is not in {@code [0, 1]}
     */
    public Slice {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(accuracy, "accuracy");
        conditions = List.copyOf(conditions);
        members = members.clone();
        String slice = "slice \"" + description + "\"";
        if (conditions.isEmpty() || conditions.size() > 2) {
            throw new IllegalArgumentException(slice + " has " + conditions.size() + " conditions, but a slice has one "
                    + "or two");
        }
        if (members.length == 0) {
            throw new IllegalArgumentException(slice + " has no members, but a slice has at least one");
        }
        for (int k = 0; k < members.length; k++) {
            if (members[k] < 0 || k > 0 && members[k] <= members[k - 1]) {
                throw new IllegalArgumentException(slice + ": member " + k + " is example " + members[k] + ", but the "
                        + "members must be example indexes from 0, strictly increasing"
                        + (k > 0 ? " (member " + (k - 1) + " is " + members[k - 1] + ")" : ""));
            }
        }
        if (correct < 0 || correct > members.length) {
            throw new IllegalArgumentException(slice + " has " + correct + " correct members, but must have from 0 to "
                    + members.length + " (its support)");
        }
        double expected = (double) correct / members.length;
        if (!(Math.abs(accuracy.estimate() - expected) <= 1e-12)) {
            throw new IllegalArgumentException(slice + " has the accuracy " + accuracy.estimate() + ", but " + correct
                    + " correct of " + members.length + " members is " + expected);
        }
        if (restSupport < 1) {
            throw new IllegalArgumentException(slice + " has a rest of " + restSupport + " examples, but the rest of its "
                    + "scope must hold at least one");
        }
        checkFraction(slice, "rest accuracy", restAccuracy);
        checkFraction(slice, "p-value", pValue);
        checkFraction(slice, "q-value", qValue);
    }

    /** Refuses a value that is not a number in [0, 1], naming the slice, the value and what it is. */
    private static void checkFraction(String slice, String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(slice + " has the " + what + " " + value + ", but it must be a number "
                    + "from 0 to 1");
        }
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
                && Arrays.equals(members, other.members) && correct == other.correct
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
        return Objects.hash(description, className, conditions, Arrays.hashCode(members), correct, accuracy,
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
