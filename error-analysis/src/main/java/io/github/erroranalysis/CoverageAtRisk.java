package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;

/**
 * The largest share of the examples a model can answer (its most confident ones) while keeping the error rate at
 * most a target risk: the largest k/n with {@code risk(k) ≤ r}, 0 when no k qualifies.
 *
 * @param risk the target risk r, in [0, 1]
 * @param answered the largest qualifying k, or 0
 * @param coverage {@code answered / n}
 * @param threshold the confidence of the k-th most confident example, or NaN (JSON {@code null}) when none qualifies
 * @param coverageInterval the coverage with its bootstrap interval
 * @param answeredAtThreshold how many a rule "answer when the confidence is at least the threshold" answers: more
 *                            than {@code answered} when later examples share the threshold's confidence; 0 when none
 *                            qualifies
 * @param riskAtThreshold the error rate among those, which may exceed the target risk; NaN when none qualifies
 */
public record CoverageAtRisk(double risk, int answered, double coverage, double threshold,
        Interval coverageInterval, int answeredAtThreshold, double riskAtThreshold) {

    /**
     * Checks the components.
     *
     * @param risk the target risk
     * @param answered the number answered
     * @param coverage the coverage
     * @param threshold the threshold, NaN when none
     * @param coverageInterval the coverage's interval
     * @param answeredAtThreshold how many have a confidence at least the threshold
     * @param riskAtThreshold their error rate
     */
    public CoverageAtRisk {
        if (!(risk >= 0 && risk <= 1)) {
            throw new IllegalArgumentException("a risk must be in [0, 1], but is " + risk);
        }
        java.util.Objects.requireNonNull(coverageInterval, "coverageInterval");
    }

    /**
     * Tells whether some coverage keeps the risk at most the target.
     *
     * @return false when even the single most confident answer is wrong more often than the target allows
     */
    public boolean achievable() {
        return answered > 0;
    }

    /**
     * Counts the examples beyond the answered ones that share the threshold's confidence.
     *
     * @return {@code answeredAtThreshold - answered}, 0 when the threshold is a rule that answers exactly these
     */
    public int tiedBeyond() {
        return answeredAtThreshold - answered;
    }

    /**
     * Says which answers these are: {@code "those with confidence at least 0.9412"}, or when later examples share the
     * threshold's confidence, {@code "the most confident down to confidence 1.0000, ties by example index; 18 more
     * examples share this confidence: answering every input at or above it answers 248 at 1.6 % risk"}.
     *
     * @return the words, for an achievable coverage
     */
    public String whichInWords() {
        return which(threshold, answered, answeredAtThreshold, riskAtThreshold);
    }

    /** The one phrasing of which answers a threshold's k are, with the ties beyond k told. */
    static String which(double threshold, int answered, int answeredAtThreshold, double riskAtThreshold) {
        String t = Formats.threshold(threshold);
        if (answeredAtThreshold <= answered) {
            return "those with confidence at least " + t;
        }
        int more = answeredAtThreshold - answered;
        return Formats.format("the most confident down to confidence %s, ties by example index; %,d more example%s "
                + "share%s this confidence: answering every input at or above it answers %,d at %s risk", t, more,
                more == 1 ? "" : "s", more == 1 ? "s" : "", answeredAtThreshold,
                Formats.percentOneDecimal(riskAtThreshold));
    }

    /**
     * Says it in words.
     *
     * @return for example {@code "risk 5.0 %: coverage 61.3 % [57.2 %, 65.0 %] (those with confidence at least
     *         0.9412)"}
     */
    @Override
    public String toString() {
        return Formats.format("risk %s: coverage %s [%s, %s]%s", Formats.percentOneDecimal(risk), Formats.percentOneDecimal(coverage),
                Formats.percentOneDecimal(coverageInterval.lower()), Formats.percentOneDecimal(coverageInterval.upper()),
                achievable() ? " (" + whichInWords() + ")" : " (no coverage qualifies)");
    }
}
