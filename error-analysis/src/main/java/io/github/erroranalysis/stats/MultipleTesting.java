package io.github.erroranalysis.stats;

/**
 * Corrections for testing many hypotheses at once: the Benjamini–Hochberg step-up procedure, which controls the
 * false discovery rate (the expected share of false discoveries among those reported).
 */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /**
     * Gives the Benjamini–Hochberg adjusted p-values (q-values) of p-values, in their order: {@code q(i)} is the
     * minimum over {@code j} ranked at or after {@code i} of {@code p(j) m / rank(j)}, capped at 1; statsmodels'
     * {@code multipletests(p, method="fdr_bh")[1]} and R's {@code p.adjust(p, "BH")}. Reporting the hypotheses
     * with {@code q ≤ α} controls the false discovery rate at {@code α} for independent or positively dependent
     * tests.
     *
     * @param pValues the p-values, each in [0, 1]
     * @return the q-values, one per p-value, in the same order
     * @throws IllegalArgumentException naming the position and value of a p-value outside [0, 1] or NaN
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        throw new UnsupportedOperationException("step 0");
    }
}
