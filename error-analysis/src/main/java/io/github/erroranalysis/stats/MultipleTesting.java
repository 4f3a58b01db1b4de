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
        int m = pValues.length;
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("Benjamini-Hochberg needs p-values in [0, 1], but p-value " + i
                        + " (counting from 0) of " + m + " is " + pValues[i]);
            }
            p[i] = pValues[i] + 0.0; // -0.0 as 0.0
        }
        // ranks by ascending p, ties in their given order (a stable sort, as statsmodels' mergesort)
        Integer[] boxed = new Integer[m];
        for (int i = 0; i < m; i++) {
            boxed[i] = i;
        }
        java.util.Arrays.sort(boxed, (x, y) -> Double.compare(p[x], p[y]));
        double[] q = new double[m];
        double running = 1.0;
        for (int r = m; r >= 1; r--) {
            int i = boxed[r - 1];
            // statsmodels divides by the empirical CDF factor rank / m
            running = Math.min(running, p[i] / ((double) r / m));
            q[i] = running;
        }
        return q;
    }
}
