package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.stats.Interval;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One quality gate checked: what was measured (with its interval), what was required, and whether it passed.
 *
 * @param option the gate as typed, for example {@code --min-class-accuracy cat=0.5}
 * @param measure what was measured, for example {@code "accuracy of class cat"}
 * @param actual the measured value with its interval
 * @param required the threshold
 * @param atMost whether the value must be at most the threshold (else at least)
 * @param onBound whether the interval's pessimistic end was compared (lower for "at least", upper for "at most")
 */
public record GateResult(String option, String measure, Interval actual, double required, boolean atMost,
        boolean onBound) {

    /**
     * Checks the components.
     *
     * @param option the gate as typed
     * @param measure what was measured
     * @param actual the measured value with its interval
     * @param required the threshold
     * @param atMost whether the value must be at most the threshold
     * @param onBound whether the interval's pessimistic end was compared
     */
    public GateResult {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(actual, "actual");
    }

    /**
     * Gives the value compared with the threshold: the estimate, or the interval's pessimistic end.
     *
     * @return the compared value; NaN when there were no examples
     */
    public double compared() {
        if (!onBound) {
            return actual.estimate();
        }
        return atMost ? actual.upper() : actual.lower();
    }

    /**
     * Tells whether the gate passed; a measure without examples fails.
     *
     * @return whether the compared value is on the right side of the threshold
     */
    public boolean passed() {
        double value = compared();
        return !Double.isNaN(value) && (atMost ? value <= required : value >= required);
    }

    /**
     * Reads as {@code "FAILED --min-accuracy 0.7: accuracy 0.6230 [0.5927, 0.6524] (95% Wilson), required at least
     * 0.7000"}, naming the interval's end when that was compared; the threshold reads as typed when four decimals
     * would round it ({@code 0.67431}), and when four decimals would not tell the compared value from it, enough
     * decimals of the value follow ({@code "accuracy 0.6743 [0.6650, 0.6834] (95% Wilson), 0.67430 to 5 decimals,
     * required at least 0.67431"}); a measure without examples reads {@code "FAILED --min-class-accuracy d=0.5:
     * there are no examples, so the accuracy of class d cannot be measured and the gate fails; required at least
     * 0.5000"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        String threshold = (atMost ? "at most " : "at least ") + threshold(required);
        double value = compared();
        if (Double.isNaN(value)) {
            return "FAILED " + option + ": there are no examples, so the " + measure + " cannot be measured and the "
                    + "gate fails; required " + threshold;
        }
        int decimals = decimalsToTell(value, required);
        String what = onBound ? (atMost ? "upper" : "lower") + " bound " + decimals(value, decimals) + " of "
                + measure + " " + actual : measure + " " + actual + (decimals > DECIMALS ? ", "
                + decimals(value, decimals) + " to " + decimals + " decimals" : "");
        return (passed() ? "passed " : "FAILED ") + option + ": " + what + ", required " + threshold;
    }

    /** The decimals numbers are shown with unless more are needed. */
    private static final int DECIMALS = 4;
    /** More decimals than a double holds. */
    private static final int MAX_DECIMALS = 17;

    /** The threshold with four decimals, or as typed (its shortest exact form) where four would round it. */
    static String threshold(double value) {
        String four = decimals(value, DECIMALS);
        return Double.parseDouble(four) == value ? four : BigDecimal.valueOf(value).toPlainString();
    }

    /** The fewest decimals, at least four, at which a value and the threshold read differently (four if equal). */
    static int decimalsToTell(double value, double threshold) {
        if (value == threshold) {
            return DECIMALS;
        }
        for (int d = DECIMALS; d <= MAX_DECIMALS; d++) {
            if (!decimals(value, d).equals(decimals(threshold, d))) {
                return d;
            }
        }
        return MAX_DECIMALS;
    }

    private static String decimals(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
