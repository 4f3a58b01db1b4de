package io.github.erroranalysis.stats;

import io.github.erroranalysis.io.Formats;

/**
 * The exact McNemar test of two models on the same examples: only the examples on which they disagree about
 * correctness count; under "equally accurate" each is a fair coin toss (see {@link ExactTests#mcnemar}).
 *
 * @param rightToWrong b, the examples the baseline got right and the candidate wrong
 * @param wrongToRight c, the examples the baseline got wrong and the candidate right
 * @param pValue the exact two-sided p-value
 * @param significant whether the p-value is below {@code 1 - level}
 * @param level the confidence level whose complement is the significance threshold
 */
public record McNemarTest(long rightToWrong, long wrongToRight, double pValue, boolean significant, double level) {

    /**
     * Checks the components.
     *
     * @param rightToWrong the right-to-wrong count
     * @param wrongToRight the wrong-to-right count
     * @param pValue the p-value
     * @param significant whether the p-value is below {@code 1 - level}
     * @param level the confidence level
     */
    public McNemarTest {
        Intervals.checkLevel(level);
    }

    /**
     * Runs the exact test on the discordant counts.
     *
     * @param rightToWrong the examples the baseline got right and the candidate wrong, at least 0
     * @param wrongToRight the examples the baseline got wrong and the candidate right, at least 0
     * @param level the confidence level, strictly between 0 and 1
     * @return the test
     */
    public static McNemarTest of(long rightToWrong, long wrongToRight, double level) {
        Intervals.checkLevel(level);
        double p = ExactTests.mcnemar(rightToWrong, wrongToRight);
        return new McNemarTest(rightToWrong, wrongToRight, p, p < 1 - level, level);
    }

    /**
     * Reads as {@code "exact McNemar: 85 right → wrong, 120 wrong → right, p = 0.01732 (significant at 95%)"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return "exact McNemar: " + rightToWrong + " right → wrong, " + wrongToRight + " wrong → right, p = "
                + Formats.pValue(pValue) + (significant ? " (significant at " : " (not significant at ") + Formats.level(level)
                + ")";
    }
}
