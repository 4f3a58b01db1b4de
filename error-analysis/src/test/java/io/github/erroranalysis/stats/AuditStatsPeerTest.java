package io.github.erroranalysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the data audit's statistics against their peers (src/test/python/audit_stats_fixture.py): Fisher's one-sided
 * test against exact rational arithmetic (mpmath at 60 digits for tables of millions) and SciPy 1.10,
 * Benjamini–Hochberg against statsmodels' fdr_bh, Newcombe's difference and Wilson's interval against statsmodels
 * 0.13, all to 1e-12 relative (where a peer itself is less exact, the test says so and by how much).
 */
class AuditStatsPeerTest {

    /** The relative tolerance of every comparison. */
    private static final double RELATIVE = 1e-12;

    /**
     * The absolute floor for interval ends: statsmodels' Wilson interval is not set to exactly 0 at no successes (or 1
     * at all), so an end that is 0 here can be about 1e-17 there.
     */
    private static final double FLOOR = 1e-15;

    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AuditStatsPeerTest.class.getResourceAsStream("/stats/audit_stats_fixture.json")) {
            assertThat(in).as("stats/audit_stats_fixture.json on the test class path").isNotNull();
            fixture = new ObjectMapper().readTree(in);
        }
    }

    private static void assertClose(double actual, double expected, double floor, String what) {
        double tolerance = Math.max(RELATIVE * Math.abs(expected), floor);
        assertThat(Math.abs(actual - expected)).as("%s: %s vs peer %s", what, actual, expected).isLessThanOrEqualTo(tolerance);
    }

    @Test
    void fisher_less_matches_exact_arithmetic_and_scipy_to_1e_12() {
        int rows = 0;
        int large = 0;
        for (JsonNode row : fixture.get("fisher")) {
            JsonNode t = row.get("table");
            long a = t.get(0).get(0).asLong();
            long b = t.get(0).get(1).asLong();
            long c = t.get(1).get(0).asLong();
            long d = t.get(1).get(1).asLong();
            double p = ExactTests.fisherLess(a, b, c, d);
            assertClose(p, row.get("exactLess").asDouble(), 0, row.get("reference").asText() + " one-sided p of " + t);
            if (a + b + c + d <= 10_000) {
                assertClose(p, row.get("less").asDouble(), 0, "SciPy's one-sided p of " + t);
            } else {
                // SciPy 1.10's hypergeom.cdf (Boost) itself is off by 4e-11 to 7e-10 relative on the tables of
                // millions of examples (against mpmath, and exact integers for the first), so only 1e-9 there
                double scipy = row.get("less").asDouble();
                assertThat(Math.abs(p - scipy)).as("SciPy's one-sided p of %s", t).isLessThanOrEqualTo(1e-9 * scipy);
                large++;
            }
            rows++;
        }
        assertThat(rows).isGreaterThan(50);
        assertThat(large).isGreaterThanOrEqualTo(5);
    }

    @Test
    void fisher_two_sided_matches_scipy() {
        for (JsonNode row : fixture.get("fisher")) {
            if (row.get("twoSided").isNull()) {
                continue; // tables of millions of examples: one-sided only
            }
            JsonNode t = row.get("table");
            long n = 0;
            for (JsonNode r : t) {
                n += r.get(0).asLong() + r.get(1).asLong();
            }
            double p = ExactTests.fisher(t.get(0).get(0).asLong(), t.get(0).get(1).asLong(), t.get(1).get(0).asLong(),
                    t.get(1).get(1).asLong());
            double expected = row.get("twoSided").asDouble();
            // below 256 examples the log-factorials come from a table (1e-12 holds); above, Stirling's series loses
            // about ulp(n ln n), about 1e-11 relative at 10,000 examples, so the existing two-sided test gets 1e-9
            double tolerance = n < 256 ? RELATIVE : 1e-9;
            assertThat(Math.abs(p - expected)).as("two-sided p of %s: %s vs SciPy %s", t, p, expected)
                    .isLessThanOrEqualTo(tolerance * expected);
        }
    }

    @Test
    void benjamini_hochberg_matches_statsmodels_fdr_bh() {
        for (JsonNode row : fixture.get("benjaminiHochberg")) {
            double[] p = doubles(row.get("p"));
            double[] expected = doubles(row.get("q"));
            double[] q = MultipleTesting.benjaminiHochberg(p);
            assertThat(q).hasSameSizeAs(expected);
            for (int i = 0; i < q.length; i++) {
                assertClose(q[i], expected[i], 0, "q " + i + " of " + p.length);
            }
        }
    }

    @Test
    void newcombe_difference_matches_statsmodels_newcomb() {
        for (JsonNode row : fixture.get("newcombe")) {
            long s1 = row.get("s1").asLong();
            long n1 = row.get("n1").asLong();
            long s2 = row.get("s2").asLong();
            long n2 = row.get("n2").asLong();
            double level = row.get("level").asDouble();
            Interval i = Intervals.newcombeDifference(s1, n1, s2, n2, level);
            String what = s1 + "/" + n1 + " - " + s2 + "/" + n2 + " at " + level;
            assertThat(i.estimate()).as(what).isEqualTo((double) s1 / n1 - (double) s2 / n2);
            assertClose(i.lower(), row.get("interval").get(0).asDouble(), FLOOR, "lower end of " + what);
            assertClose(i.upper(), row.get("interval").get(1).asDouble(), FLOOR, "upper end of " + what);
            assertThat(i.method()).isEqualTo(Intervals.NEWCOMBE);
            assertThat(i.lower()).isGreaterThanOrEqualTo(-1).isLessThanOrEqualTo(i.estimate());
            assertThat(i.upper()).isLessThanOrEqualTo(1).isGreaterThanOrEqualTo(i.estimate());
        }
    }

    @Test
    void wilson_matches_statsmodels_proportion_confint() {
        for (JsonNode row : fixture.get("wilson")) {
            long k = row.get("successes").asLong();
            long n = row.get("trials").asLong();
            double level = row.get("level").asDouble();
            Interval i = Intervals.wilson(k, n, level);
            assertClose(i.lower(), row.get("interval").get(0).asDouble(), FLOOR, "lower end of " + k + "/" + n);
            assertClose(i.upper(), row.get("interval").get(1).asDouble(), FLOOR, "upper end of " + k + "/" + n);
        }
    }

    @Test
    void one_sided_fisher_edge_cases() {
        // a row or column empty: 1, as SciPy
        assertThat(ExactTests.fisherLess(0, 0, 3, 4)).isEqualTo(1.0);
        assertThat(ExactTests.fisherLess(0, 3, 0, 4)).isEqualTo(1.0);
        assertThat(ExactTests.fisherLess(0, 0, 0, 0)).isEqualTo(1.0);
        // the top-left cell at its largest possible value: the whole distribution
        assertThat(ExactTests.fisherLess(5, 0, 0, 5)).isEqualTo(1.0);
        // at its smallest: the probability of that one table, 1/C(10, 5)
        assertThat(ExactTests.fisherLess(0, 5, 5, 0)).isEqualTo(1.0 / 252, org.assertj.core.api.Assertions.within(1e-17));
        // the lady tasting tea, one-sided: P(X <= 1) = 17/70
        assertThat(ExactTests.fisherLess(1, 3, 3, 1)).isEqualTo(17.0 / 70, org.assertj.core.api.Assertions.within(1e-16));
        assertThatThrownBy(() -> ExactTests.fisherLess(1, 2, -3, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[[1, 2], [-3, 4]]");
    }

    @Test
    void newcombe_and_benjamini_hochberg_refuse_bad_input_naming_it() {
        assertThatThrownBy(() -> Intervals.newcombeDifference(1, 0, 1, 2, 0.95))
                .hasMessageContaining("the first group has 1 of 0 and the second 1 of 2");
        assertThatThrownBy(() -> Intervals.newcombeDifference(3, 2, 1, 2, 0.95)).hasMessageContaining("3 of 2");
        assertThatThrownBy(() -> Intervals.newcombeDifference(1, 2, 1, 2, 1.5)).hasMessageContaining("but is 1.5");
        assertThatThrownBy(() -> MultipleTesting.benjaminiHochberg(new double[] {0.1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p-value 1").hasMessageContaining("NaN");
        assertThatThrownBy(() -> MultipleTesting.benjaminiHochberg(new double[] {1.5}))
                .hasMessageContaining("p-value 0 (counting from 0) of 1 is 1.5");
        assertThat(MultipleTesting.benjaminiHochberg(new double[0])).isEmpty();
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
