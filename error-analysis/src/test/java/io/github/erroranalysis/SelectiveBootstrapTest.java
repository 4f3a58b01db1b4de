package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Resampling;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap of selective prediction (RiskCoverageBootstrap): the classic scheme equals the definition walked copy
 * by copy; the grouped scheme agrees with it within Monte Carlo error on real-sized data; the scheme is honoured; the
 * same seed gives the same interval; the paired AURC difference of two models.
 */
class SelectiveBootstrapTest {

    private static final List<Double> RISKS = SelectivePrediction.DEFAULT_RISKS;

    /** Selective prediction with a scheme and seed. */
    static SelectivePrediction selective(ErrorAnalysis a, Bootstrap.Scheme scheme, long seed) {
        return SelectivePrediction.of(a, 0.95, new Bootstrap(1000, seed, scheme), SelectivePrediction.DEFAULT_COVERAGES,
                RISKS);
    }

    /** The bundled baseline model on the 5,000 validation images (a committed fixture). */
    static ErrorAnalysis real(String model) throws IOException {
        return ErrorAnalysis.fromNpy(SelectivePredictionPeerTest.resource("real/" + model + "_probabilities.npy"),
                SelectivePredictionPeerTest.resource("real/labels.npy"), List.of());
    }

    /** A simulated 10-class classifier of about 80 % accuracy. */
    static ErrorAnalysis simulated(int n, long seed, double signal) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(10);
        }
        return Analyses.of(Analyses.simulate(truth, 10, signal, random), truth, List.of());
    }

    /** The original classic bootstrap: every copy of every drawn example walked one by one. */
    static double[] copyByCopy(RiskCoverageCurve curve, int[] draws, List<Double> risks) {
        int n = curve.examples();
        int[] position = new int[n];
        for (int k = 1; k <= n; k++) {
            position[curve.example(k)] = k - 1;
        }
        int[] count = new int[n];
        for (int d : draws) {
            count[position[d]]++;
        }
        double[] out = new double[1 + risks.size()];
        double sum = 0;
        long k = 0;
        long errors = 0;
        long[] best = new long[risks.size()];
        for (int p = 0; p < n; p++) {
            for (int copy = 0; copy < count[p]; copy++) {
                k++;
                if (curve.wrong(p + 1)) {
                    errors++;
                }
                sum += (double) errors / k;
                for (int r = 0; r < best.length; r++) {
                    if ((double) errors / k <= risks.get(r)) {
                        best[r] = k;
                    }
                }
            }
        }
        out[0] = sum / n;
        for (int r = 0; r < best.length; r++) {
            out[1 + r] = (double) best[r] / n;
        }
        return out;
    }

    @Test
    void the_classic_scheme_equals_the_definition_walked_copy_by_copy_on_real_outputs() throws IOException {
        ErrorAnalysis a = real("baseline");
        SelectivePrediction fast = selective(a, Bootstrap.Scheme.AUTOMATIC, 42);
        RiskCoverageCurve curve = a.riskCoverage();
        double[] estimates = new double[1 + RISKS.size()];
        estimates[0] = fast.aurc();
        for (int r = 0; r < RISKS.size(); r++) {
            estimates[1 + r] = fast.coverageAtRisk().get(r).coverage();
        }
        List<Interval> slow = Resampling.percentiles(a.examples(), 42, 1000, 0.95, estimates,
                draws -> copyByCopy(curve, draws, RISKS));
        assertThat(fast.aurcInterval().method()).isEqualTo("percentile bootstrap, 1000 resamples, seed 42");
        assertThat(fast.aurcInterval().lower()).isCloseTo(slow.get(0).lower(), within(1e-12));
        assertThat(fast.aurcInterval().upper()).isCloseTo(slow.get(0).upper(), within(1e-12));
        for (int r = 0; r < RISKS.size(); r++) {
            Interval c = fast.coverageAtRisk().get(r).coverageInterval();
            assertThat(c.lower()).as("lower coverage at risk %s", RISKS.get(r)).isEqualTo(slow.get(1 + r).lower());
            assertThat(c.upper()).as("upper coverage at risk %s", RISKS.get(r)).isEqualTo(slow.get(1 + r).upper());
        }
    }

    @Test
    void the_scheme_is_honoured_and_the_same_seed_gives_the_same_intervals() {
        ErrorAnalysis small = simulated(2_000, 3, 2.5);
        ErrorAnalysis large = simulated(Bootstrap.GROUPED_MIN_EXAMPLES, 4, 2.5);
        String classic = "percentile bootstrap, 1000 resamples, seed 7";
        assertThat(selective(small, Bootstrap.Scheme.AUTOMATIC, 7).aurcInterval().method()).isEqualTo(classic);
        assertThat(selective(small, Bootstrap.Scheme.EXAMPLES, 7).aurcInterval().method()).isEqualTo(classic);
        assertThat(selective(small, Bootstrap.Scheme.GROUPED, 7).aurcInterval().method())
                .startsWith("percentile bootstrap (Poisson, grouped counts of ").endsWith("1000 resamples, seed 7");
        assertThat(selective(large, Bootstrap.Scheme.AUTOMATIC, 7).coverageAtRisk().get(2).coverageInterval()
                .method()).startsWith("percentile bootstrap (Poisson, grouped counts of ");
        assertThat(selective(large, Bootstrap.Scheme.EXAMPLES, 7).aurcInterval().method()).isEqualTo(classic);
        for (Bootstrap.Scheme scheme : Bootstrap.Scheme.values()) {
            assertThat(selective(large, scheme, 7)).as(scheme.name()).isEqualTo(selective(large, scheme, 7));
            assertThat(selective(large, scheme, 7).aurcInterval()).as(scheme.name())
                    .isNotEqualTo(selective(large, scheme, 8).aurcInterval());
        }
        // the default of the analysis is the automatic scheme with the default bootstrap
        assertThat(large.selectivePrediction()).isEqualTo(SelectivePrediction.of(large));
    }

    /** The mean and the standard error of the mean of each interval end over seeds: [statistic][lower, upper]. */
    static double[][][] ends(ErrorAnalysis a, Bootstrap.Scheme scheme, int seeds) {
        double[][][] values = new double[1 + RISKS.size()][2][seeds];
        for (int s = 0; s < seeds; s++) {
            SelectivePrediction p = selective(a, scheme, 100 + s);
            List<Interval> intervals = new ArrayList<>();
            intervals.add(p.aurcInterval());
            p.coverageAtRisk().forEach(c -> intervals.add(c.coverageInterval()));
            for (int v = 0; v < intervals.size(); v++) {
                values[v][0][s] = intervals.get(v).lower();
                values[v][1][s] = intervals.get(v).upper();
            }
        }
        double[][][] out = new double[values.length][2][2];
        for (int v = 0; v < values.length; v++) {
            for (int end = 0; end < 2; end++) {
                double[] x = values[v][end];
                double mean = java.util.Arrays.stream(x).average().orElseThrow();
                double ss = 0;
                for (double y : x) {
                    ss += (y - mean) * (y - mean);
                }
                out[v][end][0] = mean;
                out[v][end][1] = Math.sqrt(ss / (seeds - 1) / seeds);
            }
        }
        return out;
    }

    @Test
    void grouped_and_classic_intervals_agree_within_monte_carlo_error_on_30000_examples() {
        ErrorAnalysis a = simulated(30_000, 11, 2.2);
        assertThat(a.examples()).isGreaterThanOrEqualTo(Bootstrap.GROUPED_MIN_EXAMPLES);
        int seeds = 6;
        double[][][] classic = ends(a, Bootstrap.Scheme.EXAMPLES, seeds);
        double[][][] grouped = ends(a, Bootstrap.Scheme.GROUPED, seeds);
        String[] names = {"AURC", "coverage at 1 %", "coverage at 2 %", "coverage at 5 %"};
        for (int v = 0; v < names.length; v++) {
            for (int end = 0; end < 2; end++) {
                double difference = grouped[v][end][0] - classic[v][end][0];
                double se = Math.hypot(grouped[v][end][1], classic[v][end][1]);
                // within 4 standard errors of the difference, or 2 % of the classic interval's half-width when the
                // seeds barely move an end (the coverage's ends are counts over n)
                double halfWidth = (classic[v][1][0] - classic[v][0][0]) / 2;
                assertThat(Math.abs(difference)).as("%s %s end: grouped %s, classic %s", names[v],
                        end == 0 ? "lower" : "upper", grouped[v][end][0], classic[v][end][0])
                        .isLessThanOrEqualTo(Math.max(4 * se, 0.02 * halfWidth));
            }
        }
    }

    @Test
    void grouped_and_classic_agree_on_the_real_validation_pile() throws IOException {
        ErrorAnalysis a = real("augmented");
        int seeds = 6;
        double[][][] classic = ends(a, Bootstrap.Scheme.EXAMPLES, seeds);
        double[][][] grouped = ends(a, Bootstrap.Scheme.GROUPED, seeds);
        for (int v = 0; v < classic.length; v++) {
            for (int end = 0; end < 2; end++) {
                double halfWidth = (classic[v][1][0] - classic[v][0][0]) / 2;
                // forced below GROUPED_MIN_EXAMPLES, 5,000 examples make blocks of 20 with 4 errors in 5 of them:
                // the AURC's ends agree within Monte Carlo error, a coverage's within 15 % of the half-width (measured:
                // 10 % at the 1 % risk's upper end, where the risk curve is flat and its fine steps move the coverage)
                assertThat(Math.abs(grouped[v][end][0] - classic[v][end][0])).as("statistic %d end %d", v, end)
                        .isLessThanOrEqualTo(Math.max(4 * Math.hypot(grouped[v][end][1], classic[v][end][1]),
                                (v == 0 ? 0.02 : 0.15) * halfWidth));
            }
        }
    }

    @Test
    void the_paired_aurc_difference_on_the_bundled_models_real_outputs() throws IOException {
        ErrorAnalysis baseline = real("baseline");
        ErrorAnalysis augmented = real("augmented");
        ModelComparison c = ModelComparison.of(baseline, augmented);
        SelectiveComparison s = c.selectivePrediction();
        assertThat(s.baselineAurc()).isEqualTo(baseline.selectivePrediction().aurc());
        assertThat(s.candidateAurc()).isEqualTo(augmented.selectivePrediction().aurc());
        Interval d = s.aurcDifference();
        assertThat(d.estimate()).isEqualTo(s.candidateAurc() - s.baselineAurc());
        assertThat(d.method()).isEqualTo("paired percentile bootstrap, 1000 resamples, seed 42");
        // the augmented model ranks its mistakes clearly better: the whole interval is below 0
        assertThat(d.upper()).isLessThan(0);
        assertThat(d.lower()).isLessThan(d.estimate());
        // paired: narrower than the two AURC intervals combined as if independent
        double independent = Math.hypot(baseline.selectivePrediction().aurcInterval().halfWidth(),
                augmented.selectivePrediction().aurcInterval().halfWidth());
        assertThat(d.halfWidth()).isLessThan(independent);
        // a model against itself: no difference in any resample
        Interval self = ModelComparison.of(baseline, baseline).selectivePrediction().aurcDifference();
        assertThat(self.lower()).isZero();
        assertThat(self.upper()).isZero();
        // the grouped paired scheme agrees with the classic one (5,000 examples, blocks of 1/64 of each order): the
        // mean ends over four seeds within a tenth of the half-width
        double[] classic = new double[2];
        double[] grouped = new double[2];
        for (int seed = 0; seed < 4; seed++) {
            Interval x = ModelComparison.of(baseline, augmented, 0.95,
                    new Bootstrap(1000, seed, Bootstrap.Scheme.EXAMPLES)).selectivePrediction().aurcDifference();
            Interval y = ModelComparison.of(baseline, augmented, 0.95,
                    new Bootstrap(1000, seed, Bootstrap.Scheme.GROUPED)).selectivePrediction().aurcDifference();
            assertThat(y.method()).startsWith("paired percentile bootstrap (Poisson, grouped counts of 64 blocks");
            assertThat(y.estimate()).isEqualTo(d.estimate());
            classic[0] += x.lower() / 4;
            classic[1] += x.upper() / 4;
            grouped[0] += y.lower() / 4;
            grouped[1] += y.upper() / 4;
        }
        assertThat(grouped[0]).isCloseTo(classic[0], within(0.1 * d.halfWidth()));
        assertThat(grouped[1]).isCloseTo(classic[1], within(0.1 * d.halfWidth()));
    }

    @Test
    void the_paired_schemes_agree_on_30000_examples() {
        ErrorAnalysis a = simulated(30_000, 21, 2.0);
        // a candidate that sees the same examples (the same seed draws the same true classes) a little better
        ErrorAnalysis b = simulated(30_000, 21, 2.3);
        double[] classic = new double[6];
        double[] grouped = new double[6];
        for (int s = 0; s < 3; s++) {
            Interval x = ModelComparison.of(a, b, 0.95, new Bootstrap(1000, 50 + s, Bootstrap.Scheme.EXAMPLES))
                    .selectivePrediction().aurcDifference();
            Interval y = ModelComparison.of(a, b, 0.95, new Bootstrap(1000, 50 + s, Bootstrap.Scheme.AUTOMATIC))
                    .selectivePrediction().aurcDifference();
            classic[2 * s] = x.lower();
            classic[2 * s + 1] = x.upper();
            grouped[2 * s] = y.lower();
            grouped[2 * s + 1] = y.upper();
            assertThat(y.method()).startsWith("paired percentile bootstrap (Poisson, grouped counts of 64 blocks");
            assertThat(y.estimate()).isEqualTo(x.estimate());
        }
        double halfWidth = (classic[1] - classic[0]) / 2;
        for (int end = 0; end < 2; end++) {
            double c = (classic[end] + classic[2 + end] + classic[4 + end]) / 3;
            double g = (grouped[end] + grouped[2 + end] + grouped[4 + end]) / 3;
            assertThat(g).as(end == 0 ? "lower" : "upper").isCloseTo(c, within(0.1 * halfWidth));
        }
    }
}
