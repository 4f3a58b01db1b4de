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
 */
public record CoverageAtRisk(double risk, int answered, double coverage, double threshold,
        Interval coverageInterval) {

    /**
     * Checks the components.
     *
     * @param risk the target risk
     * @param answered the number answered
     * @param coverage the coverage
     * @param threshold the threshold, NaN when none
     * @param coverageInterval the coverage's interval
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
     * Says it in words.
     *
     * @return for example {@code "risk 5.0 %: coverage 61.3 % [57.2 %, 65.0 %] (confidence at least 0.9412)"}
     */
    @Override
    public String toString() {
        return Formats.format("risk %s: coverage %s [%s, %s]%s", Formats.percentOneDecimal(risk), Formats.percentOneDecimal(coverage),
                Formats.percentOneDecimal(coverageInterval.lower()), Formats.percentOneDecimal(coverageInterval.upper()),
                achievable() ? Formats.format(" (confidence at least %.4f)", threshold) : " (no coverage qualifies)");
    }
}
