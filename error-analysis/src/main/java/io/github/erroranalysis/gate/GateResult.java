package io.github.erroranalysis.gate;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One quality gate judged on one analysis: what was measured (with its interval), what was required, the verdict,
 * and the one wording of it that the CLI, the report, JUnit XML and the AssertJ assertions share.
 *
 * @param gate the gate
 * @param measurement the gated metric as measured
 */
public record GateResult(QualityGate gate, Measurement measurement) {

    /** The decimals numbers are shown with unless more are needed. */
    private static final int DECIMALS = 4;
    /** More decimals than a double holds. */
    private static final int MAX_DECIMALS = 17;

    /**
     * Checks the components.
     *
     * @param gate the gate
     * @param measurement the gated metric as measured
     */
    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(measurement, "measurement");
    }

    /**
     * Gives the gate's name.
     *
     * @return the name, for example {@code --min-accuracy 0.7}
     */
    public String name() {
        return gate.name();
    }

    /**
     * Gives what the gate measures.
     *
     * @return the metric
     */
    public GateMetric metric() {
        return gate.metric();
    }

    /**
     * Gives the metric's estimate with its interval.
     *
     * @return the interval (undefined when there were no examples)
     */
    public Interval interval() {
        return measurement.interval();
    }

    /**
     * Gives the value compared with the threshold: the estimate, or the interval's end the gate judges.
     *
     * @return the compared value; NaN when there were no examples
     */
    public double actual() {
        return gate.judged().of(measurement.interval());
    }

    /**
     * Gives the threshold.
     *
     * @return the threshold, in [0, 1]
     */
    public double threshold() {
        return gate.threshold();
    }

    /**
     * Tells whether the gate passed; a metric without examples fails.
     *
     * @return whether the compared value is on the right side of the threshold
     */
    public boolean passed() {
        double value = actual();
        return !Double.isNaN(value) && gate.direction().accepts(value, gate.threshold());
    }

    /**
     * Gives the verdict.
     *
     * @return passed or failed
     */
    public Verdict verdict() {
        return passed() ? Verdict.PASSED : Verdict.FAILED;
    }

    /**
     * Names the judged value: {@code "accuracy of class cat"}, or {@code "lower bound of accuracy"} when an end of
     * the interval is judged.
     *
     * @return the words
     */
    public String subject() {
        return switch (gate.judged()) {
            case ESTIMATE -> gate.measure();
            case LOWER_BOUND -> "lower bound of " + gate.measure();
            case UPPER_BOUND -> "upper bound of " + gate.measure();
        };
    }

    /**
     * Gives the requirement: {@code "at least 0.7000"}, the threshold as typed when four decimals would round it.
     *
     * @return the words
     */
    public String requirement() {
        return gate.direction().words() + " " + threshold(gate.threshold());
    }

    /**
     * Gives what was measured, as the value of {@link #subject()}: {@code "0.7500 [0.5313, 0.8881] (95% Wilson), 15
     * of 20 right"}; for a bound {@code "0.5313 (accuracy 0.7500 [0.5313, 0.8881] (95% Wilson), 15 of 20 right)"};
     * when four decimals would not tell the compared value from the threshold, enough decimals of it
     * ({@code "..., 0.67430 to 5 decimals"}); without examples {@code "there are no examples, so the accuracy of
     * class d cannot be measured and the gate fails"}; a metric's gate (of {@link GateMetric#of}) that is NaN
     * {@code "the macroF1 is undefined (NaN) on this analysis, so the gate fails"}.
     *
     * @return the words
     */
    public String measured() {
        double value = actual();
        if (Double.isNaN(value)) {
            return gate.metric().metric().isPresent()
                    ? "the " + gate.measure() + " is undefined (NaN) on this analysis, so the gate fails"
                    : "there are no examples, so the " + gate.measure() + " cannot be measured and the gate fails";
        }
        int decimals = decimalsToTell(value, gate.threshold());
        if (gate.judged() == Judged.ESTIMATE) {
            return measurement + (decimals > DECIMALS ? ", " + decimals(value, decimals) + " to " + decimals
                    + " decimals" : "");
        }
        return actualText() + " (" + gate.measure() + " " + measurement + ")";
    }

    /**
     * Gives the compared value for people: four decimals, or as many as tell it from the threshold
     * ({@code 0.75000} against {@code 0.75001}); {@code "no examples"} when it could not be measured.
     *
     * @return the text
     */
    public String actualText() {
        double value = actual();
        return Double.isNaN(value) ? Formats.NO_EXAMPLES : decimals(value, decimalsToTell(value, gate.threshold()));
    }

    /**
     * Gives the one-line message: {@code "passed --min-accuracy 0.7: accuracy 0.7500 [0.5313, 0.8881] (95% Wilson),
     * 15 of 20 right, required at least 0.7000"}, {@code "FAILED --min-accuracy 0.7: lower bound of accuracy 0.5313
     * (accuracy 0.7500 [...] (95% Wilson), 15 of 20 right), required at least 0.7000"}, or without examples
     * {@code "FAILED --min-class-accuracy d=0.5: there are no examples, so the accuracy of class d cannot be measured
     * and the gate fails; required at least 0.5000"}.
     *
     * @return the message
     */
    public String message() {
        String start = verdict().word() + " " + gate.name() + ": ";
        if (Double.isNaN(actual())) {
            return start + measured() + "; required " + requirement();
        }
        return start + subject() + " " + measured() + ", required " + requirement();
    }

    /**
     * Reads as {@link #message()}.
     *
     * @return the one-line message
     */
    @Override
    public String toString() {
        return message();
    }

    /**
     * Formats a threshold for people: four decimals, or as typed (its shortest exact form) where four would round it
     * ({@code 0.7000}, {@code 0.67431}).
     *
     * @param value the threshold
     * @return the text
     */
    public static String threshold(double value) {
        String four = decimals(value, DECIMALS);
        return Double.parseDouble(four) == value ? four : BigDecimal.valueOf(value).toPlainString();
    }

    /**
     * Gives the fewest decimals, at least four, at which a value and a threshold read differently (four if they are
     * equal), so that a gate failing by a hair does not print two equal numbers.
     *
     * @param value the compared value
     * @param threshold the threshold
     * @return the number of decimals, 4 to 17
     */
    public static int decimalsToTell(double value, double threshold) {
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
