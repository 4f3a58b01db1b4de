package io.github.erroranalysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of Benjamini–Hochberg's q-values against a naive O(m²) reading of their definition, and of Fisher's
 * one-sided test against exact integer arithmetic, on random inputs (ties and p-values of 0 and 1 included).
 */
class MultipleTestingPropertiesTest {

    /** Draws p-values with ties (a few distinct values), zeros and ones, or all distinct. */
    private static double[] pValues(long seed, int m) {
        SplittableRandom random = new SplittableRandom(seed);
        int kind = random.nextInt(3);
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            p[i] = switch (kind) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextInt(5) / 4.0; // 0, 0.25, 0.5, 0.75, 1: many ties, zeros and ones
                default -> Math.pow(random.nextDouble(), 6); // many small p-values
            };
        }
        return p;
    }

    /** The definition read literally: q(i) = min(1, min over p(j) >= p(i) of p(j)·m / #{k : p(k) <= p(j)}). */
    private static double[] naive(double[] p) {
        int m = p.length;
        double[] q = new double[m];
        for (int i = 0; i < m; i++) {
            double best = 1;
            for (int j = 0; j < m; j++) {
                if (p[j] >= p[i]) {
                    int rank = 0;
                    for (double pk : p) {
                        if (pk <= p[j]) {
                            rank++;
                        }
                    }
                    best = Math.min(best, p[j] / ((double) rank / m));
                }
            }
            q[i] = best;
        }
        return q;
    }

    @Property(tries = 200)
    void q_values_match_the_naive_definition_and_are_monotone_and_bounded(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int m) {
        double[] p = pValues(seed, m);
        double[] q = MultipleTesting.benjaminiHochberg(p);
        double[] expected = naive(p);
        for (int i = 0; i < m; i++) {
            assertThat(q[i]).as("q %d of p %s", i, java.util.Arrays.toString(p)).isCloseTo(expected[i],
                    org.assertj.core.api.Assertions.within(1e-15));
            assertThat(q[i]).as("q >= p").isGreaterThanOrEqualTo(p[i]);
            assertThat(q[i]).as("q <= 1").isLessThanOrEqualTo(1.0);
            for (int j = 0; j < m; j++) {
                if (p[i] < p[j]) {
                    assertThat(q[i]).as("monotone in p").isLessThanOrEqualTo(q[j]);
                }
                if (p[i] == p[j]) {
                    assertThat(q[i]).as("ties share a q-value").isEqualTo(q[j]);
                }
            }
        }
    }

    @Property(tries = 100)
    void q_values_do_not_depend_on_the_order(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int m) {
        double[] p = pValues(seed, m);
        double[] q = MultipleTesting.benjaminiHochberg(p);
        int[] shuffle = new int[m];
        for (int i = 0; i < m; i++) {
            shuffle[i] = i;
        }
        SplittableRandom random = new SplittableRandom(~seed);
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = shuffle[i];
            shuffle[i] = shuffle[j];
            shuffle[j] = t;
        }
        double[] shuffled = new double[m];
        for (int i = 0; i < m; i++) {
            shuffled[i] = p[shuffle[i]];
        }
        double[] q2 = MultipleTesting.benjaminiHochberg(shuffled);
        for (int i = 0; i < m; i++) {
            assertThat(q2[i]).isEqualTo(q[shuffle[i]]);
        }
    }

    @Property(tries = 300)
    void fisher_less_matches_exact_integer_arithmetic(@ForAll @IntRange(min = 0, max = 60) int a,
            @ForAll @IntRange(min = 0, max = 60) int b, @ForAll @IntRange(min = 0, max = 300) int c,
            @ForAll @IntRange(min = 0, max = 300) int d) {
        double p = ExactTests.fisherLess(a, b, c, d);
        double exact = exactLess(a, b, c, d);
        assertThat(Math.abs(p - exact)).as("table [[%d, %d], [%d, %d]]: %s vs exact %s", a, b, c, d, p, exact)
                .isLessThanOrEqualTo(1e-12 * exact);
        assertThat(p).isBetween(0.0, 1.0);
        // one more correct in the slice (one fewer in the rest, margins kept) never lowers the p-value
        if (b > 0 && c > 0) {
            assertThat(ExactTests.fisherLess(a + 1, b - 1, c - 1, d + 1)).isGreaterThanOrEqualTo(p * (1 - 1e-12));
        }
    }

    /** {@code P(X <= a)} for the hypergeometric top-left cell, as an exact fraction rounded once to a double. */
    private static double exactLess(int a, int b, int c, int d) {
        int row1 = a + b;
        int row2 = c + d;
        int col1 = a + c;
        if (row1 == 0 || row2 == 0 || col1 == 0 || b + d == 0) {
            return 1.0;
        }
        BigInteger sum = BigInteger.ZERO;
        for (int x = Math.max(0, col1 - row2); x <= a; x++) {
            sum = sum.add(choose(row1, x).multiply(choose(row2, col1 - x)));
        }
        return new java.math.BigDecimal(sum).divide(new java.math.BigDecimal(choose(row1 + row2, col1)),
                new java.math.MathContext(40)).doubleValue();
    }

    private static BigInteger choose(int n, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return r;
    }
}
