package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.Arrays;
import java.util.Objects;

/**
 * The risk–coverage curve of an analysis (selective prediction, Geifman and El-Yaniv 2017): the examples sorted by
 * confidence (the probability of the predicted class) descending, ties by the lower example index first, and for
 * every k from 1 to n the risk {@code risk(k)} = the errors among the first k divided by k, at coverage k/n.
 *
 * <p>Immutable; it holds the sorted confidences (as their sort keys), the running error counts and the order (12 bytes
 * per example; the sort needs 8 more per example while it runs).
 */
public final class RiskCoverageCurve {

    /** The top bit of a sorted value: the example is predicted wrong. */
    private static final int WRONG = 0x80000000;

    /** The examples' sort keys in the sorted order: {@code 0x7FFFFFFF − } the bits of the confidence (a float). */
    private final int[] keys;
    /** {@code errors[k]} = the wrong predictions among the first k sorted examples; {@code errors[0] = 0}. */
    private final int[] errors;
    /** {@code order[k]} = the example index at sorted position k (from 0). */
    private final int[] order;

    private RiskCoverageCurve(int[] keys, int[] errors, int[] order) {
        this.keys = keys;
        this.errors = errors;
        this.order = order;
    }

    /**
     * Sorts an analysis's examples by confidence, descending, ties by the lower example index first.
     *
     * @param analysis the analysis
     * @return its curve
     */
    static RiskCoverageCurve of(ErrorAnalysis analysis) {
        Objects.requireNonNull(analysis, "analysis");
        AnalysisContext context = analysis.context();
        int n = context.examples();
        // one int key per example, ascending = confidence descending: the confidence's bits (a non-negative float's
        // bits order like the float) subtracted from the largest int; a stable radix sort keeps equal keys in example
        // order, so ties go to the lower example index first
        int[] keys = new int[n];
        int[] order = new int[n];
        int[] labels = context.labels();
        int[] predicted = context.predicted();
        // the three radix digits' counts made in the same pass
        int[][] counts = new int[3][1 << 11];
        int[] low = counts[0];
        int[] middle = counts[1];
        int[] high = counts[2];
        for (int i = 0; i < n; i++) {
            int key = 0x7FFFFFFF - Math.max(0, Float.floatToIntBits(context.confidence(i)));
            keys[i] = key;
            order[i] = labels[i] == predicted[i] ? i : i | WRONG; // the example with its correctness in the top bit
            low[key & 0x7FF]++;
            middle[(key >>> 11) & 0x7FF]++;
            high[key >>> 22]++;
        }
        radixSort(keys, order, counts);
        int[] errors = new int[n + 1];
        for (int k = 0; k < n; k++) {
            int v = order[k];
            order[k] = v & ~WRONG;
            errors[k + 1] = errors[k] + (v >>> 31);
        }
        return new RiskCoverageCurve(keys, errors, order);
    }

    /**
     * Sorts non-negative int keys ascending, carrying the values with them, stably (equal keys keep their order): least
     * significant digit first, three passes of 11 bits, a pass skipped when every key has the same digit.
     *
     * @param sortedKeys the keys, sorted in place
     * @param sortedValues the values, moved with their keys
     * @param counts the number of keys with each value of each digit (11 bits from bit 0, 11 and 22), used up
     */
    private static void radixSort(int[] sortedKeys, int[] sortedValues, int[][] counts) {
        int[] keys = sortedKeys;
        int[] values = sortedValues;
        int n = keys.length;
        int[] keysTo = new int[n];
        int[] valuesTo = new int[n];
        for (int pass = 0; pass < 3; pass++) {
            int shift = 11 * pass;
            int[] count = counts[pass];
            if (n == 0 || count[(keys[0] >>> shift) & 0x7FF] == n) {
                continue; // one digit for all: already in order
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int j = 0; j < n; j++) {
                int d = (keys[j] >>> shift) & 0x7FF;
                int at = count[d]++;
                keysTo[at] = keys[j];
                valuesTo[at] = values[j];
            }
            int[] t = keysTo;
            keysTo = keys;
            keys = t;
            t = valuesTo;
            valuesTo = values;
            values = t;
        }
        if (keys != sortedKeys) { // an odd number of passes left them in the other arrays
            System.arraycopy(keys, 0, sortedKeys, 0, n);
            System.arraycopy(values, 0, sortedValues, 0, n);
        }
    }

    /**
     * Counts the examples.
     *
     * @return n
     */
    public int examples() {
        return order.length;
    }

    /**
     * Counts the wrong predictions among the k most confident examples.
     *
     * @param k how many of the most confident examples, from 0 to n
     * @return the errors among them
     */
    public int errors(int k) {
        return errors[Objects.checkIndex(k, errors.length)];
    }

    /**
     * Gives the risk when the k most confident examples are answered: errors among them / k.
     *
     * @param k how many are answered, from 1 to n
     * @return the risk, in [0, 1]
     * @throws IndexOutOfBoundsException naming k when it is outside [1, n]
     */
    public double risk(int k) {
        if (k < 1 || k > order.length) {
            throw new IndexOutOfBoundsException(Formats.format("k must be in [1, %d], but is %d", order.length, k));
        }
        return (double) errors[k] / k;
    }

    /**
     * Gives the confidence of the k-th most confident example, the threshold that answers the first k.
     *
     * @param k the position, from 1 to n
     * @return its confidence
     */
    public double confidence(int k) {
        return Float.intBitsToFloat(0x7FFFFFFF - keys[Objects.checkIndex(k - 1, keys.length)]);
    }

    /**
     * Counts what the rule "answer when the confidence is at least the k-th confidence" answers: the first k and every
     * later example that shares the k-th confidence (ties beyond k, common with saturated float probabilities).
     *
     * @param k the position, from 1 to n
     * @return the last sorted position with the k-th confidence, from k to n
     */
    public int answeredAtThreshold(int k) {
        int key = keys[Objects.checkIndex(k - 1, keys.length)];
        int lo = k;
        int hi = keys.length;
        while (lo < hi) { // keys ascend: the first position (from 0) at or after k whose key differs
            int mid = (lo + hi) >>> 1;
            if (keys[mid] == key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Gives the example at a sorted position.
     *
     * @param k the position, from 1 (the most confident) to n
     * @return its example index
     */
    public int example(int k) {
        return order[Objects.checkIndex(k - 1, order.length)];
    }

    /**
     * Tells whether the k-th most confident example is predicted wrong.
     *
     * @param k the position, from 1 to n
     * @return true for a wrong prediction
     */
    public boolean wrong(int k) {
        Objects.checkIndex(k - 1, order.length);
        return errors[k] != errors[k - 1];
    }

    /**
     * Gives the number of answered examples at a coverage: {@code ⌈c·n⌉} computed in double.
     *
     * @param coverage the coverage, in (0, 1]
     * @return k, from 1 to n
     * @throws IllegalArgumentException naming the coverage when it is outside (0, 1]
     */
    public int answered(double coverage) {
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("a coverage must be in (0, 1], but is " + coverage);
        }
        return (int) Math.max(1, Math.min(order.length, Math.ceil(coverage * order.length)));
    }
}
