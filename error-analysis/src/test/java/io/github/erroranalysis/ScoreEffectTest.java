package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Checks the score effect of suspected near-duplicates on hand-computed counts and against statsmodels and SciPy. */
class ScoreEffectTest {

    /** Makes the flags: {@code suspectedCorrect} of {@code suspected} suspected examples right, then the rest. */
    private static boolean[][] flags(int suspectedCorrect, int suspected, int restCorrect, int rest) {
        boolean[] correct = new boolean[suspected + rest];
        boolean[] isSuspected = new boolean[suspected + rest];
        // interleave so that the suspected examples are not simply the first ones
        int s = 0;
        int r = 0;
        for (int i = 0; i < correct.length; i++) {
            boolean takeSuspected = s < suspected && (r >= rest || i % 2 == 0);
            if (takeSuspected) {
                isSuspected[i] = true;
                correct[i] = s < suspectedCorrect;
                s++;
            } else {
                correct[i] = r < restCorrect;
                r++;
            }
        }
        return new boolean[][] {correct, isSuspected};
    }

    @Test
    void hand_computed_counts() {
        // 4 suspected all right, 3 of 6 others right: accuracy 0.7, rest 0.5, inflation 0.7 - 0.5 = (4/10)(1 - 0.5);
        // Fisher two-sided on [[4, 0], [3, 3]]: weights C(4,x)C(6,7-x) = 4, 36, 60, 20 for x = 1..4, the observed 20,
        // tables no more likely 4 and 20: p = 24/120
        boolean[][] f = flags(4, 4, 3, 6);
        ScoreEffect e = ScoreEffect.of(f[0], f[1], 0.95);
        assertThat(e.examples()).isEqualTo(10);
        assertThat(e.suspected()).isEqualTo(4);
        assertThat(e.accuracy().estimate()).isEqualTo(0.7);
        assertThat(e.suspectedAccuracy().estimate()).isEqualTo(1.0);
        assertThat(e.restAccuracy().estimate()).isEqualTo(0.5);
        assertThat(e.inflation().estimate()).isCloseTo(0.2, within(1e-15));
        assertThat(e.inflation().estimate()).isCloseTo(e.accuracy().estimate() - e.restAccuracy().estimate(), within(1e-15));
        assertThat(e.pValue()).isCloseTo(24.0 / 120, within(1e-15));
        Interval d = Intervals.newcombeDifference(4, 4, 3, 6, 0.95);
        assertThat(e.inflation().lower()).isEqualTo(0.4 * d.lower());
        assertThat(e.inflation().upper()).isEqualTo(0.4 * d.upper());
        assertThat(e.accuracy()).isEqualTo(Intervals.wilson(7, 10, 0.95));
        // statsmodels: newcomb(4/4 - 3/6) x 0.4 = [-3.2405, 32.4953] points
        assertThat(e.inWords()).isEqualTo("Your score is inflated by 20.0 points [-3.2, 32.5]: 1.00 on the 4 suspected "
                + "near-duplicates vs 0.50 on the other 6 (Fisher p = 0.20).");
    }

    @Test
    void suspected_examples_that_do_worse_lower_the_score() {
        // 1 of 4 suspected right, 5 of 6 others: -23.3 points [-33.2, 0.6] (statsmodels); Fisher: weights
        // C(4,x)C(6,6-x) = 1, 24, 90, 80, 15, observed 24, p = (1 + 24 + 15)/210
        boolean[][] f = flags(1, 4, 5, 6);
        ScoreEffect e = ScoreEffect.of(f[0], f[1], 0.95);
        assertThat(e.inflation().estimate()).isCloseTo(0.6 - 5.0 / 6, within(1e-15));
        assertThat(e.pValue()).isCloseTo(40.0 / 210, within(1e-15));
        assertThat(e.inWords()).isEqualTo("Your score is not inflated: the suspected near-duplicates lower it by 23.3 "
                + "points [-0.6, 33.2]: 0.25 on the 4 suspected near-duplicates vs 0.83 on the other 6 (Fisher p = 0.19).");
    }

    @Test
    void no_suspected_examples_inflate_nothing_and_all_suspected_leave_no_rest() {
        boolean[] correct = {true, false, true, true};
        ScoreEffect none = ScoreEffect.of(correct, new boolean[4], 0.95);
        assertThat(none.suspected()).isZero();
        assertThat(none.suspectedAccuracy().isDefined()).isFalse();
        assertThat(none.restAccuracy().estimate()).isEqualTo(0.75);
        assertThat(none.inflation().estimate()).isZero();
        assertThat(none.inflation().lower()).isZero();
        assertThat(none.inflation().upper()).isZero();
        assertThat(none.pValue()).isEqualTo(1.0);
        assertThat(none.inWords()).isEqualTo("No test example is a suspected near-duplicate, so none inflates the score "
                + "(accuracy 0.75 on all 4).");

        ScoreEffect all = ScoreEffect.of(correct, new boolean[] {true, true, true, true}, 0.95);
        assertThat(all.restAccuracy().isDefined()).isFalse();
        assertThat(all.inflation().isDefined()).isFalse();
        assertThat(all.pValue()).isEqualTo(1.0);
        assertThat(all.inWords()).isEqualTo("Every one of the 4 test examples is a suspected near-duplicate (accuracy "
                + "0.75), so there is no rest to compare with.");

        ScoreEffect empty = ScoreEffect.of(new boolean[0], new boolean[0], 0.95);
        assertThat(empty.accuracy().isDefined()).isFalse();
        assertThat(empty.inWords()).contains("no test examples");
    }

    @Test
    void matches_statsmodels_and_scipy_on_the_fixture() throws IOException {
        JsonNode rows;
        try (InputStream in = ScoreEffectTest.class.getResourceAsStream("/stats/audit_stats_fixture.json")) {
            rows = new ObjectMapper().readTree(in).get("scoreEffect");
        }
        assertThat(rows.size()).isGreaterThan(5);
        for (JsonNode row : rows) {
            int cs = row.get("suspectedCorrect").asInt();
            int s = row.get("suspected").asInt();
            int cr = row.get("restCorrect").asInt();
            int r = row.get("rest").asInt();
            boolean[][] f = flags(cs, s, cr, r);
            ScoreEffect e = ScoreEffect.of(f[0], f[1], 0.95);
            String what = cs + "/" + s + " vs " + cr + "/" + r;
            close(e.accuracy().estimate(), row.get("accuracy").asDouble(), what + " accuracy");
            close(e.accuracy().lower(), row.get("accuracyInterval").get(0).asDouble(), what + " accuracy lower");
            close(e.accuracy().upper(), row.get("accuracyInterval").get(1).asDouble(), what + " accuracy upper");
            close(e.suspectedAccuracy().lower(), row.get("suspectedAccuracyInterval").get(0).asDouble(), what);
            close(e.suspectedAccuracy().upper(), row.get("suspectedAccuracyInterval").get(1).asDouble(), what);
            close(e.restAccuracy().lower(), row.get("restAccuracyInterval").get(0).asDouble(), what);
            close(e.restAccuracy().upper(), row.get("restAccuracyInterval").get(1).asDouble(), what);
            close(e.inflation().estimate(), row.get("inflation").asDouble(), what + " inflation");
            close(e.inflation().estimate(), row.get("inflationDifferenceOfAccuracies").asDouble(), what + " inflation");
            close(e.inflation().lower(), row.get("inflationInterval").get(0).asDouble(), what + " inflation lower");
            close(e.inflation().upper(), row.get("inflationInterval").get(1).asDouble(), what + " inflation upper");
            // the two-sided test is the existing ExactTests.fisher: 1e-12 below 256 examples, 1e-9 above (Stirling)
            double p = row.get("pValue").asDouble();
            assertThat(Math.abs(e.pValue() - p)).as(what + " p").isLessThanOrEqualTo((s + r < 256 ? 1e-12 : 1e-9) * p);
        }
    }

    private static void close(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected)
                .isLessThanOrEqualTo(Math.max(1e-12 * Math.abs(expected), 1e-15));
    }

    @Test
    void refuses_flags_of_different_lengths_and_bad_levels() {
        assertThatThrownBy(() -> ScoreEffect.of(new boolean[3], new boolean[2], 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 correctness flags and 2 suspected");
        assertThatThrownBy(() -> ScoreEffect.of(new boolean[3], new boolean[3], 1.0)).hasMessageContaining("but is 1.0");
    }
}
