package io.github.erroranalysis.stats;

import io.github.erroranalysis.io.Formats;

/**
 * Exact tests on counts: McNemar's test for two models on the same examples, and Fisher's test for two
 * proportions.
 *
 * <p>Both sum probabilities in log space (log-factorials from a table below 256 and Stirling's series with
 * three correction terms above), so they stay exact for tables of millions of examples and keep p-values
 * down to about 1e-300 with full relative precision; smaller p-values are returned as 0.
 *
 * <p>The one-sided Fisher test ({@link #fisherLess}) walks the hypergeometric weights by their exact ratios from the
 * mode instead: a log-factorial of n carries an absolute error of about ulp(n ln n) (1e-11 at 10,000 examples), which
 * the ratios avoid, so its p-values keep a relative error near 1e-14 (measured against exact rational arithmetic on
 * tables of up to 10,000 examples and p-values down to 1e-302). Its cost is the number of weights walked: those
 * between the observed cell and the mode, and those within about nine standard deviations of the mode.
 */
public final class ExactTests {

    /** Relative tolerance under which two tables count as equally likely, as R's {@code fisher.test} uses. */
    static final double RELATIVE_TIE = 1e-7;

    /** A term below this share of a running sum of hypergeometric weights ends the sum (all later ones are smaller). */
    private static final double NEGLIGIBLE = 1e-18;

    private static final int TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE];

    static {
        for (int n = 2; n < TABLE; n++) {
            LOG_FACTORIAL[n] = LOG_FACTORIAL[n - 1] + Math.log(n);
        }
    }

    private ExactTests() {
    }

    /**
     * Gives the two-sided p-value of the exact McNemar test: under "both models are equally accurate" each of the
     * {@code b + c} discordant examples is equally likely to favour either model, so the p-value is
     * {@code min(1, 2·P(X ≤ min(b, c)))} with {@code X ~ Binomial(b + c, 1/2)} (SciPy's
     * {@code binomtest(b, b + c, 0.5).pvalue}).
     *
     * @param rightToWrong b, the examples the first model got right and the second wrong, at least 0
     * @param wrongToRight c, the examples the first model got wrong and the second right, at least 0
     * @return the p-value, 1 when there are no discordant examples or {@code b == c}
     * @throws IllegalArgumentException naming the count when one is negative
     */
    public static double mcnemar(long rightToWrong, long wrongToRight) {
        if (rightToWrong < 0 || wrongToRight < 0) {
            throw new IllegalArgumentException("McNemar's test needs counts of at least 0, but got right-to-wrong "
                    + rightToWrong + " and wrong-to-right " + wrongToRight);
        }
        long n = rightToWrong + wrongToRight;
        long m = Math.min(rightToWrong, wrongToRight);
        if (n == 0 || rightToWrong == wrongToRight) {
            return 1.0;
        }
        // terms C(n, k) grow with k up to m < n/2: sum from k = m downwards, relative to the largest
        double top = logChoose(n, m);
        double sum = 0;
        for (long k = m; k >= 0; k--) {
            double term = Math.exp(logChoose(n, k) - top);
            sum += term;
            if (term < 1e-20 * sum) {
                break;
            }
        }
        double logTail = top + Math.log(sum) - n * Math.log(2);
        return Math.min(1.0, 2 * Math.exp(logTail));
    }

    /**
     * Gives the two-sided p-value of Fisher's exact test on a 2×2 table: the probability, with both margins
     * fixed (hypergeometric), of a table no more likely than the one observed (tables within a relative
     * {@value #RELATIVE_TIE} of it count as equally likely); SciPy's {@code fisher_exact(table).pvalue}.
     *
     * @param a row 1, column 1 (for example the first class's correct predictions)
     * @param b row 1, column 2 (the first class's wrong predictions)
     * @param c row 2, column 1 (the second class's correct predictions)
     * @param d row 2, column 2 (the second class's wrong predictions)
     * @return the p-value; 1 when a row or column sums to 0
     * @throws IllegalArgumentException naming the cells when one is negative
     */
    public static double fisher(long a, long b, long c, long d) {
        if (emptyMargin(a, b, c, d)) {
            return 1.0;
        }
        long row1 = a + b;
        long row2 = c + d;
        long col1 = a + c;
        long lo = Math.max(0, col1 - row2);
        long hi = Math.min(col1, row1);
        double observed = logHypergeometric(a, row1, row2, col1);
        double max = Double.NEGATIVE_INFINITY;
        double[] logs = new double[(int) (hi - lo + 1)];
        for (long x = lo; x <= hi; x++) {
            double l = logHypergeometric(x, row1, row2, col1);
            logs[(int) (x - lo)] = l;
            max = Math.max(max, l);
        }
        double cut = observed + Math.log1p(RELATIVE_TIE);
        double total = 0;
        double asExtreme = 0;
        for (double l : logs) {
            total += Math.exp(l - max);
            if (l <= cut) {
                asExtreme += Math.exp(l - observed);
            }
        }
        double logP = observed - max + Math.log(asExtreme) - Math.log(total);
        return Math.min(1.0, Math.exp(logP));
    }

    /** Log of the hypergeometric weight C(row1, x)·C(row2, col1 - x), without the constant C(N, col1). */
    private static double logHypergeometric(long x, long row1, long row2, long col1) {
        return logChoose(row1, x) + logChoose(row2, col1 - x);
    }

    /**
     * Gives {@code ln C(n, k)}.
     *
     * @param n at least 0
     * @param k from 0 to n
     * @return the log of the binomial coefficient
     */
    static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /**
     * Gives {@code ln n!}: from a table below 256, above by Stirling's series
     * {@code n ln n - n + ½ ln(2πn) + 1/12n - 1/360n³ + 1/1260n⁵} (error below 1/1680n⁷).
     *
     * @param n at least 0
     * @return the log-factorial
     */
    static double logFactorial(long n) {
        if (n < TABLE) {
            return LOG_FACTORIAL[(int) n];
        }
        double x = n;
        double inv = 1 / x;
        double inv2 = inv * inv;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }

    /**
     * Gives the one-sided p-value of Fisher's exact test that row 1's share in column 1 is lower than row 2's:
     * the hypergeometric probability, with both margins fixed, of a top-left cell of at most {@code a}; SciPy's
     * {@code fisher_exact(table, alternative="less").pvalue}.
     *
     * @param a row 1, column 1 (for example a slice's correct predictions)
     * @param b row 1, column 2 (the slice's wrong predictions)
     * @param c row 2, column 1 (the rest's correct predictions)
     * @param d row 2, column 2 (the rest's wrong predictions)
     * @return the p-value; 1 when a row or column sums to 0
     * @throws IllegalArgumentException naming the cells when one is negative
     */
    public static double fisherLess(long a, long b, long c, long d) {
        if (emptyMargin(a, b, c, d)) {
            return 1.0;
        }
        long row1 = a + b;
        long row2 = c + d;
        long col1 = a + c;
        long lo = Math.max(0, col1 - row2);
        long hi = Math.min(col1, row1);
        if (a == hi) {
            return 1.0;
        }
        // the weights w(x) = C(row1, x) C(row2, col1 - x) rise to the mode and fall after it; each is summed relative
        // to a neighbour by the exact ratio w(x + 1) / w(x), so no log-factorial is subtracted near the observed cell
        long mode = Math.max(lo, Math.min(hi, (long) ((double) (row1 + 1) * (col1 + 1) / (row1 + row2 + 2))));
        Weights w = new Weights(row1, row2, col1);
        if (a >= mode) {
            // the tail holds the mode: P = (sum up to a) / (sum up to a + sum above a), both relative to w(mode)
            double atOrBelow = w.sumDown(mode, lo);
            double above = 0;
            double term = 1;
            for (long x = mode; x < hi; x++) {
                term *= w.up(x);
                if (x + 1 <= a) {
                    atOrBelow += term;
                } else {
                    above += term;
                }
                if (term < NEGLIGIBLE * atOrBelow) {
                    break; // every later weight, at or below a or above it, is smaller still
                }
            }
            return Math.min(1.0, atOrBelow / (atOrBelow + above));
        }
        // the tail is below the mode: ln P = ln w(a)/w(mode) + ln(sum up to a relative to w(a)) - ln(total relative
        // to w(mode)); the first term multiplies the ratios from a to the mode (each above 1), its log taken before
        // the product overflows
        double logRatio = 0;
        double product = 1;
        for (long x = a; x < mode; x++) {
            product *= w.up(x);
            if (product > 1e250) {
                logRatio -= Math.log(product);
                product = 1;
            }
        }
        logRatio -= Math.log(product);
        double total = w.sumDown(mode, lo) + w.sumUp(mode, hi) - 1;
        double logP = logRatio + Math.log(w.sumDown(a, lo)) - Math.log(total);
        return Math.min(1.0, Math.exp(logP));
    }

    /** The hypergeometric weights of a 2×2 table with fixed margins, walked by their ratios. */
    private record Weights(long row1, long row2, long col1) {

        /** Gives {@code w(x + 1) / w(x) = (row1 - x)(col1 - x) / ((x + 1)(row2 - col1 + x + 1))}. */
        double up(long x) {
            return ((double) (row1 - x) * (col1 - x)) / ((double) (x + 1) * (row2 - col1 + x + 1));
        }

        /** Gives the sum of w(x) / w(from) for x from {@code from} down to {@code lo}; {@code from} at most the mode. */
        double sumDown(long from, long lo) {
            double sum = 1;
            double term = 1;
            for (long x = from - 1; x >= lo; x--) {
                term /= up(x);
                sum += term;
                if (term < NEGLIGIBLE * sum) {
                    break;
                }
            }
            return sum;
        }

        /** Gives the sum of w(x) / w(from) for x from {@code from} up to {@code hi}; {@code from} at least the mode. */
        double sumUp(long from, long hi) {
            double sum = 1;
            double term = 1;
            for (long x = from; x < hi; x++) {
                term *= up(x);
                sum += term;
                if (term < NEGLIGIBLE * sum) {
                    break;
                }
            }
            return sum;
        }
    }

    /** Checks a 2×2 table's cells and says whether a row or column sums to 0 (the p-value is then 1). */
    private static boolean emptyMargin(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException(Formats.format(
                    "Fisher's test needs cells of at least 0, but the table is [[%d, %d], [%d, %d]]", a, b, c, d));
        }
        return a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0;
    }
}
