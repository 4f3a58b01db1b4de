package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.stats.Interval;
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
     * 0.7000"}, naming the interval's end when that was compared; a measure without examples reads {@code "FAILED
     * --min-class-accuracy d=0.5: there are no examples, so the accuracy of class d cannot be measured and the gate
     * fails; required at least 0.5000"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        if (Double.isNaN(compared())) {
            return "FAILED " + option + ": there are no examples, so the " + measure + " cannot be measured and the "
                    + "gate fails; required " + (atMost ? "at most " : "at least ") + ratio(required);
        }
        String what = onBound ? (atMost ? "upper" : "lower") + " bound " + ratio(compared()) + " of " + measure
                : measure;
        return (passed() ? "passed " : "FAILED ") + option + ": " + what + " " + actual + ", required "
                + (atMost ? "at most " : "at least ") + ratio(required);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "no examples" : String.format(Locale.ROOT, "%.4f", value);
    }
}
