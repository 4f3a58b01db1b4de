package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * The error rate when only the most confident share of the examples is answered: {@code risk(⌈c·n⌉)}.
 *
 * @param coverage the share answered, c in (0, 1]
 * @param answered how many examples that answers, {@code ⌈c·n⌉}
 * @param risk the error rate among them
 * @param threshold the confidence of the last one answered
 * @param answeredAtThreshold how many a rule "answer when the confidence is at least the threshold" answers: more
 *                            than {@code answered} when later examples share the threshold's confidence
 * @param riskAtThreshold the error rate among those
 */
public record RiskAtCoverage(double coverage, int answered, double risk, double threshold, int answeredAtThreshold,
        double riskAtThreshold) {

    /**
     * Checks the components.
     *
     * @param coverage the coverage
     * @param answered the number answered
     * @param risk the risk
     * @param threshold the confidence threshold
     * @param answeredAtThreshold how many have a confidence at least the threshold
     * @param riskAtThreshold their error rate
     */
    public RiskAtCoverage {
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("a coverage must be in (0, 1], but is " + coverage);
        }
    }

    /**
     * Says which answers these are: {@code "those with confidence at least 0.6120"}, or when later examples share the
     * threshold's confidence, what the rule "at least the threshold" really answers
     * ({@link CoverageAtRisk#whichInWords}).
     *
     * @return the words
     */
    public String whichInWords() {
        return CoverageAtRisk.which(threshold, answered, answeredAtThreshold, riskAtThreshold);
    }

    /**
     * Says it in words.
     *
     * @return for example {@code "coverage 80.0 %: risk 14.2 % (those with confidence at least 0.6120, 800 answered)"}
     */
    @Override
    public String toString() {
        return Formats.format("coverage %s: risk %s (%s, %,d answered)", Formats.percentOneDecimal(coverage),
                Formats.percentOneDecimal(risk), whichInWords(), answered);
    }
}
