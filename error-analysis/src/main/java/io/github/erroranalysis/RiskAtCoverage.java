package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * The error rate when only the most confident share of the examples is answered: {@code risk(⌈c·n⌉)}.
 *
 * @param coverage the share answered, c in (0, 1]
 * @param answered how many examples that answers, {@code ⌈c·n⌉}
 * @param risk the error rate among them
 * @param threshold the confidence of the last one answered (answer when the confidence is at least this)
 */
public record RiskAtCoverage(double coverage, int answered, double risk, double threshold) {

    /**
     * Checks the components.
     *
     * @param coverage the coverage
     * @param answered the number answered
     * @param risk the risk
     * @param threshold the confidence threshold
     */
    public RiskAtCoverage {
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("a coverage must be in (0, 1], but is " + coverage);
        }
    }

    /**
     * Says it in words.
     *
     * @return for example {@code "coverage 80.0 %: risk 14.2 % (confidence at least 0.6120, 800 answered)"}
     */
    @Override
    public String toString() {
        return Formats.format("coverage %s: risk %s (confidence at least %.4f, %,d answered)",
                Formats.percentOneDecimal(coverage), Formats.percentOneDecimal(risk), threshold, answered);
    }
}
