package io.github.erroranalysis;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The wrong predictions of an analysis, in a stated order: a step of the course that leads on to
 * {@link #perClassAccuracy()}. Immutable; records are built when read.
 */
public final class WrongPredictions {

    /** Up to this many, {@link #first(int)} on a confidence order selects without sorting everything. */
    private static final int SELECT_LIMIT = 64;

    private final ErrorAnalysis analysis;
    /** The members: in their final order, or in index order when {@link #byConfidence} is still to be sorted. */
    private final int[] members;
    private final boolean confidenceOrder;
    private volatile int[] sorted;

    WrongPredictions(ErrorAnalysis analysis, int[] order) {
        this(analysis, order, false);
    }

    private WrongPredictions(ErrorAnalysis analysis, int[] members, boolean confidenceOrder) {
        this.analysis = analysis;
        this.members = members;
        this.confidenceOrder = confidenceOrder;
        this.sorted = confidenceOrder ? null : members;
    }

    /** The example indexes in this order, sorting by confidence once when first needed. */
    private int[] order() {
        int[] o = sorted;
        if (o == null) {
            long[] keys = confidenceKeys();
            Arrays.sort(keys);
            o = indexesOf(keys, keys.length);
            sorted = o;
        }
        return o;
    }

    /** Keys that sort most confident first, then by example index. */
    private long[] confidenceKeys() {
        long[] keys = new long[members.length];
        for (int k = 0; k < members.length; k++) {
            keys[k] = confidenceKey(members[k]);
        }
        return keys;
    }

    private long confidenceKey(int example) {
        int bits = Float.floatToIntBits(analysis.context().confidence(example));
        return ((long) (Integer.MAX_VALUE - bits) << 32) | example;
    }

    /** A key that sorts least confident first, then by example index (confidences are never negative). */
    private long leastConfidenceKey(int example) {
        int bits = Float.floatToIntBits(analysis.context().confidence(example));
        return ((long) bits << 32) | example;
    }

    private static int[] indexesOf(long[] keys, int count) {
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            out[k] = (int) keys[k];
        }
        return out;
    }

    /**
     * Gives the analysis these wrong predictions come from.
     *
     * @return the analysis
     */
    public ErrorAnalysis analysis() {
        return analysis;
    }

    /**
     * Gives the number of wrong predictions.
     *
     * @return the count
     */
    public int size() {
        return members.length;
    }

    /**
     * Tells whether there are no wrong predictions.
     *
     * @return true when every prediction here is right
     */
    public boolean isEmpty() {
        return members.length == 0;
    }

    /**
     * Gives the wrong prediction at a position in this order.
     *
     * @param position the position, from 0
     * @return the wrong prediction
     */
    public WrongPrediction get(int position) {
        int[] o = order();
        return WrongPrediction.of(analysis.context(), o[Objects.checkIndex(position, o.length)]);
    }

    /**
     * Gives all wrong predictions as an unmodifiable list in this order.
     *
     * @return the list
     */
    public List<WrongPrediction> asList() {
        return new View();
    }

    /**
     * Gives the first {@code n} wrong predictions in this order (by index: the lowest example indexes).
     *
     * @param n how many, at least 0
     * @return at most {@code n} wrong predictions
     */
    public List<WrongPrediction> first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, but is " + n);
        }
        int count = Math.min(n, members.length);
        if (sorted == null && count <= SELECT_LIMIT) {
            return select(count, false);
        }
        return List.copyOf(asList().subList(0, count));
    }

    /**
     * Gives the example indexes in this order.
     *
     * @return a fresh array of example indexes
     */
    public int[] indexes() {
        return order().clone();
    }

    /**
     * Picks the most confident of these wrong predictions, the lowest example index first on ties (the one
     * selection rule of "most confident wrong", for confidence bands and reports alike).
     *
     * @param n how many, at least 0
     * @return at most {@code n} wrong predictions, most confident first
     * @throws IllegalArgumentException naming n when it is negative
     */
    public List<WrongPrediction> mostConfident(int n) {
        checkCount(n);
        int count = Math.min(n, members.length);
        return count <= SELECT_LIMIT ? select(count, false) : byConfidence().first(count);
    }

    /**
     * Picks the least confident of these wrong predictions, the lowest example index first on ties (the one
     * selection rule of "least confident wrong", for confidence bands and reports alike).
     *
     * @param n how many, at least 0
     * @return at most {@code n} wrong predictions, least confident first
     * @throws IllegalArgumentException naming n when it is negative
     */
    public List<WrongPrediction> leastConfident(int n) {
        checkCount(n);
        int count = Math.min(n, members.length);
        if (count <= SELECT_LIMIT) {
            return select(count, true);
        }
        long[] keys = new long[members.length];
        for (int k = 0; k < members.length; k++) {
            keys[k] = leastConfidenceKey(members[k]);
        }
        Arrays.sort(keys);
        List<WrongPrediction> out = new java.util.ArrayList<>(count);
        for (int example : indexesOf(keys, count)) {
            out.add(WrongPrediction.of(analysis.context(), example));
        }
        return List.copyOf(out);
    }

    private static void checkCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, but is " + n);
        }
    }

    /** The {@code count} most (or least) confident members, keeping a small sorted buffer instead of sorting all. */
    private List<WrongPrediction> select(int count, boolean leastConfident) {
        if (count == 0) {
            return List.of();
        }
        long[] best = new long[count];
        int filled = 0;
        for (int example : members) {
            long key = leastConfident ? leastConfidenceKey(example) : confidenceKey(example);
            if (filled < count || key < best[filled - 1]) {
                int at = filled < count ? filled++ : filled - 1;
                while (at > 0 && best[at - 1] > key) {
                    best[at] = best[at - 1];
                    at--;
                }
                best[at] = key;
            }
        }
        List<WrongPrediction> out = new java.util.ArrayList<>(count);
        for (int example : indexesOf(best, filled)) {
            out.add(WrongPrediction.of(analysis.context(), example));
        }
        return List.copyOf(out);
    }

    /**
     * Orders by example index (the default).
     *
     * @return the same wrong predictions by increasing example index
     */
    public WrongPredictions byIndex() {
        int[] byIndex = members.clone();
        Arrays.sort(byIndex);
        return new WrongPredictions(analysis, byIndex);
    }

    /**
     * Orders by confidence, most confident wrong first, ties by example index.
     *
     * @return the same wrong predictions, most confident first
     */
    public WrongPredictions byConfidence() {
        int[] byIndex = members.clone();
        if (!confidenceOrder) {
            Arrays.sort(byIndex);
        }
        return new WrongPredictions(analysis, byIndex, true);
    }

    /**
     * Orders by true class, then predicted class, then example index.
     *
     * @return the same wrong predictions grouped by true class
     */
    public WrongPredictions byClass() {
        int classes = analysis.classCount();
        long[] keys = new long[members.length];
        for (int k = 0; k < members.length; k++) {
            int i = members[k];
            long pair = (long) analysis.trueClass(i) * classes + analysis.predictedClass(i);
            keys[k] = (pair << 32) | i;
        }
        Arrays.sort(keys);
        return new WrongPredictions(analysis, indexesOf(keys, keys.length));
    }

    /**
     * Keeps the wrong predictions of one true class, in this order.
     *
     * @param trueClass the true class index
     * @return the wrong predictions on examples of that class
     */
    public WrongPredictions ofClass(int trueClass) {
        Objects.checkIndex(trueClass, analysis.classCount());
        return filter(i -> analysis.trueClass(i) == trueClass);
    }

    /**
     * Keeps the wrong predictions of one true class, named.
     *
     * @param trueClassName the true class name
     * @return the wrong predictions on examples of that class
     */
    public WrongPredictions ofClass(String trueClassName) {
        return ofClass(analysis.classIndex(trueClassName));
    }

    /**
     * Keeps the examples of one true class predicted as one other class (a cell of the confusion matrix,
     * row true, column predicted).
     *
     * @param trueClass the true class index
     * @param predictedClass the predicted class index
     * @return those wrong predictions, in this order
     */
    public WrongPredictions ofPair(int trueClass, int predictedClass) {
        Objects.checkIndex(trueClass, analysis.classCount());
        Objects.checkIndex(predictedClass, analysis.classCount());
        return filter(i -> analysis.trueClass(i) == trueClass && analysis.predictedClass(i) == predictedClass);
    }

    /**
     * Keeps the examples of one true class predicted as one other class, named.
     *
     * @param trueClassName the true class name
     * @param predictedClassName the predicted class name
     * @return those wrong predictions, in this order
     */
    public WrongPredictions ofPair(String trueClassName, String predictedClassName) {
        return ofPair(analysis.classIndex(trueClassName), analysis.classIndex(predictedClassName));
    }

    /**
     * Continues the course's steps: the accuracy of each class.
     *
     * @return the analysis's per-class accuracy
     */
    public PerClassAccuracy perClassAccuracy() {
        return analysis.perClassAccuracy();
    }

    private WrongPredictions filter(IntPredicate keep) {
        return new WrongPredictions(analysis, Arrays.stream(members).filter(keep).toArray(), confidenceOrder);
    }

    /**
     * Compares the analysis (by identity) and the order.
     *
     * @param o another object
     * @return whether it holds the same wrong predictions of the same analysis in the same order
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof WrongPredictions w && w.analysis == analysis && Arrays.equals(order(), w.order());
    }

    /**
     * Hashes the order.
     *
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(order());
    }

    /**
     * Lists the count and the first ten wrong predictions in this order.
     *
     * @return a multi-line description for people
     */
    @Override
    public String toString() {
        return members.length + " wrong predictions" + (members.length == 0 ? "" : first(10).stream()
                .map(w -> "  " + w).collect(Collectors.joining("\n", ":\n", members.length > 10 ? "\n  ..." : "")));
    }

    private final class View extends AbstractList<WrongPrediction> implements RandomAccess {
        @Override
        public WrongPrediction get(int index) {
            return WrongPredictions.this.get(index);
        }

        @Override
        public int size() {
            return members.length;
        }
    }
}
