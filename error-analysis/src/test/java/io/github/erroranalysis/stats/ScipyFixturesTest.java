package io.github.erroranalysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks intervals, quantiles and exact tests against SciPy (see stats/make_scipy_fixtures.py) and published examples. */
class ScipyFixturesTest {

    private static JsonNode fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ScipyFixturesTest.class.getResourceAsStream("/stats/scipy_fixtures.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        assertThat(fixture.get("fisher").size()).isGreaterThan(10);
    }

    /** Relative tolerance for p-values, absolute 1e-9 for values of order 1. */
    private static void assertClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.max(1e-9 * Math.abs(expected), expected > 1e-3 ? 1e-9 : 0)));
    }

    @Test
    void normal_quantiles_match_scipy_ndtri() {
        for (JsonNode row : fixture.get("normalQuantiles")) {
            double p = row.get("p").asDouble();
            double z = row.get("z").asDouble();
            assertThat(Intervals.normalQuantile(p)).as("p = %s", p).isCloseTo(z, within(1e-12 * Math.max(1, Math.abs(z))));
        }
    }

    @Test
    void wilson_intervals_match_scipy_to_1e_9() {
        for (JsonNode row : fixture.get("wilson")) {
            long k = row.get("successes").asLong();
            long n = row.get("trials").asLong();
            double level = row.get("level").asDouble();
            Interval i = Intervals.wilson(k, n, level);
            assertThat(i.lower()).as("lower of %d/%d at %s", k, n, level).isCloseTo(row.get("lower").asDouble(), within(1e-9));
            assertThat(i.upper()).as("upper of %d/%d at %s", k, n, level).isCloseTo(row.get("upper").asDouble(), within(1e-9));
            assertThat(i.estimate()).isEqualTo((double) k / n);
        }
    }

    @Test
    void wilson_matches_newcombe_1998_worked_example() {
        // Newcombe (1998), Statistics in Medicine 17:857-872, Table I: 81/263, method 3 (score): 0.2553 to 0.3662
        Interval i = Intervals.wilson(81, 263, 0.95);
        assertThat(i.lower()).isCloseTo(0.2553, within(5e-5));
        assertThat(i.upper()).isCloseTo(0.3662, within(5e-5));
        assertThat(i.toString()).isEqualTo("0.3080 [0.2553, 0.3662] (95% Wilson)");
        // and 15/148: 0.0624 to 0.1605
        Interval j = Intervals.wilson(15, 148, 0.95);
        assertThat(j.lower()).isCloseTo(0.0624, within(5e-5));
        assertThat(j.upper()).isCloseTo(0.1605, within(5e-5));
    }

    @Test
    void mcnemar_p_values_match_scipy_binomtest() {
        for (JsonNode row : fixture.get("mcnemar")) {
            long b = row.get("rightToWrong").asLong();
            long c = row.get("wrongToRight").asLong();
            assertThat(ExactTests.mcnemar(b, c)).as("b=%d c=%d", b, c).isCloseTo(row.get("pValue").asDouble(),
                    within(1e-9 * row.get("pValue").asDouble()));
        }
    }

    @Test
    void fisher_p_values_match_exact_arithmetic_and_scipy() {
        for (JsonNode row : fixture.get("fisher")) {
            JsonNode t = row.get("table");
            double expected = row.get("pValue").asDouble();
            double p = ExactTests.fisher(t.get(0).get(0).asLong(), t.get(0).get(1).asLong(), t.get(1).get(0).asLong(),
                    t.get(1).get(1).asLong());
            assertThat(p).as("table %s", t).isCloseTo(expected, within(1e-9 * expected));
            assertThat(row.get("scipyAgrees").asBoolean()).as("SciPy agrees on %s", t).isTrue();
        }
    }

    @Test
    void fisher_matches_the_lady_tasting_tea() {
        // Fisher (1935), The Design of Experiments: 3 of 4 cups right each way, two-sided p = 34/70
        assertThat(ExactTests.fisher(3, 1, 1, 3)).isCloseTo(34.0 / 70, within(1e-15));
    }

    @Test
    void bad_levels_and_counts_are_refused_naming_the_value() {
        assertThatThrownBy(() -> Intervals.wilson(1, 10, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but is 1.0");
        assertThatThrownBy(() -> Intervals.wilson(1, 10, 0)).hasMessageContaining("but is 0.0");
        assertThatThrownBy(() -> Intervals.wilson(1, 10, Double.NaN)).hasMessageContaining("but is NaN");
        assertThatThrownBy(() -> Intervals.wilson(11, 10, 0.95)).hasMessageContaining("successes is 11 and trials is 10");
        assertThatThrownBy(() -> Intervals.normalQuantile(1)).hasMessageContaining("but got 1.0");
        assertThatThrownBy(() -> ExactTests.mcnemar(-1, 3)).hasMessageContaining("right-to-wrong -1");
        assertThatThrownBy(() -> ExactTests.fisher(1, -2, 3, 4)).hasMessageContaining("[[1, -2], [3, 4]]");
    }

    @Test
    void no_trials_give_the_undefined_interval() {
        Interval i = Intervals.wilson(0, 0, 0.95);
        assertThat(i.isDefined()).isFalse();
        assertThat(i.lower()).isNaN();
        assertThat(i.toString()).isEqualTo("no examples");
    }
}
