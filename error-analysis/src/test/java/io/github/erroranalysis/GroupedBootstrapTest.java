package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.erroranalysis.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The grouped Poisson bootstrap: what each metric reads decides its groups, a resample of group counts answers the
 * metrics exactly as the analysis does, a metric that needs examples is resampled by drawing them, and the intervals
 * agree with the classic bootstrap within their Monte Carlo error.
 */
class GroupedBootstrapTest {

    private static final List<String> NAMES = List.of("cat", "dog", "frog", "bird", "ship");

    private static ErrorAnalysis simulated(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(NAMES.size());
        }
        return Analyses.of(Analyses.simulate(truth, NAMES.size(), 1.6, random), truth, NAMES);
    }

    private static final RandomGenerator NO_NOISE = GroupedResample.NO_REMAINDER;

    private static final List<Metric<Double>> COUNTING = List.of(Metrics.accuracy(), Metrics.expectedCalibrationError(),
            Metrics.maxCalibrationError(), Metrics.macroF1(), Metrics.weightedF1(), Metrics.macroPrecision(),
            Metrics.macroRecall(), Metrics.topKAccuracy(1), Metrics.topKAccuracy(3), Metrics.brierScore(),
            Metrics.logLoss());

    @Test
    void a_resample_whose_counts_are_the_group_sizes_gives_every_counting_metric_its_value_on_the_analysis() {
        ErrorAnalysis a = simulated(3000, 1);
        AnalysisContext base = a.context();
        for (Metric<Double> m : COUNTING) {
            RecordingContext recording = new RecordingContext(base);
            m.compute(recording);
            Grouping g = base.grouping(recording.families());
            GroupedResample same = new GroupedResample(base, g, g.sizes(), NO_NOISE);
            assertThat(m.compute(same)).as(m.name()).isCloseTo(a.metric(m), within(1e-12));
        }
        Grouping cells = base.grouping(Set.of(Grouping.Family.CELL));
        GroupedResample same = new GroupedResample(base, cells, cells.sizes(), NO_NOISE);
        assertThat(Metrics.perClassAccuracy().compute(same)).isEqualTo(a.metric(Metrics.perClassAccuracy()));
        assertThat(Metrics.precisionRecallF1().compute(same)).isEqualTo(a.metric(Metrics.precisionRecallF1()));
        for (int t = 0; t < NAMES.size(); t++) {
            for (int p = 0; p < NAMES.size(); p++) {
                assertThat(same.count(t, p)).isEqualTo(base.count(t, p));
            }
        }
    }

    @Test
    void what_a_metric_reads_decides_its_groups() {
        AnalysisContext base = simulated(500, 2).context();
        assertThat(families(Metrics.accuracy(), base)).containsExactly(Grouping.Family.CORRECT);
        assertThat(families(Metrics.expectedCalibrationError(), base)).containsExactly(Grouping.Family.BIN);
        assertThat(families(Metrics.macroF1(), base)).containsExactly(Grouping.Family.CELL);
        assertThat(families(Metrics.topKAccuracy(3), base)).containsExactly(Grouping.Family.RANK);
        assertThat(families(new MetricsTest.UserAccuracy(), base)).containsExactly(Grouping.Family.CELL);
        assertThat(families(Metrics.brierScore(), base)).containsExactly(Grouping.Family.BRIER);
        assertThat(families(Metrics.logLoss(), base)).containsExactly(Grouping.Family.LOG_LOSS);
        RecordingContext user = new RecordingContext(base);
        new Metric<Double>() {
            @Override
            public String name() {
                return "firstTrueClass";
            }

            @Override
            public Double compute(MetricContext context) {
                return (double) context.trueClass(0);
            }
        }.compute(user);
        assertThat(user.examplesRead()).isTrue();
        // correctness rides on the cells (or the bins), so accuracy and a user's accuracy share their groups
        assertThat(base.grouping(Set.of(Grouping.Family.CORRECT))).isSameAs(base.grouping(Set.of(Grouping.Family.CELL)));
        // the ECE's groups are bins x correctness x confidence levels, the macro-F1's the non-empty cells
        assertThat(base.grouping(Set.of(Grouping.Family.BIN)).groups())
                .isLessThanOrEqualTo(2 * Engine.CALIBRATION_BINS * Grouping.LEVELS);
        assertThat(base.grouping(Set.of(Grouping.Family.CELL)).groups()).isLessThanOrEqualTo(25);
        long total = 0;
        for (long s : base.grouping(Set.of(Grouping.Family.BIN)).sizes()) {
            total += s;
        }
        assertThat(total).isEqualTo(500);
    }

    private static Set<Grouping.Family> families(Metric<?> metric, AnalysisContext base) {
        RecordingContext recording = new RecordingContext(base);
        metric.compute(recording);
        assertThat(recording.examplesRead()).as(metric.name()).isFalse();
        return recording.families();
    }

    @Test
    void the_grouped_scheme_names_its_method_and_gives_a_user_accuracy_the_built_in_interval() {
        ErrorAnalysis a = simulated(4000, 3);
        Bootstrap grouped = Bootstrap.defaults().withScheme(Bootstrap.Scheme.GROUPED);
        Interval builtIn = grouped.interval(a, Metrics.accuracy(), 0.95);
        assertThat(grouped.interval(a, new MetricsTest.UserAccuracy(), 0.95)).isEqualTo(builtIn);
        assertThat(builtIn.method()).isEqualTo("percentile bootstrap (Poisson, grouped counts), 1000 resamples, seed 42");
        assertThat(builtIn.estimate()).isEqualTo(a.accuracy());
        assertThat(builtIn.lower()).isLessThan(a.accuracy());
        assertThat(builtIn.upper()).isGreaterThan(a.accuracy());
        // metrics with other groups are drawn from their own resamples, in company or alone
        List<Interval> both = grouped.intervals(a, List.of(Metrics.macroF1(), Metrics.logLoss()), 0.95);
        assertThat(both.get(0)).isEqualTo(grouped.interval(a, Metrics.macroF1(), 0.95));
        assertThat(both.get(1)).isEqualTo(grouped.interval(a, Metrics.logLoss(), 0.95));
    }

    @Test
    void a_metric_that_reads_examples_only_on_a_resample_is_resampled_by_drawing_examples() {
        ErrorAnalysis a = simulated(2500, 4);
        Metric<Double> sly = new Metric<>() {
            @Override
            public String name() {
                return "sly";
            }

            @Override
            public Double compute(MetricContext context) {
                // the share of cats; on a resample of an odd number of examples it also reads an example
                double cats = (double) context.support(0) / context.examples();
                return context.examples() % 2 == 0 ? cats : cats + 0 * context.trueClass(0);
            }
        };
        Bootstrap grouped = Bootstrap.of(300, 9).withScheme(Bootstrap.Scheme.GROUPED);
        Interval i = grouped.interval(a, sly, 0.95);
        assertThat(i).isEqualTo(Bootstrap.of(300, 9).withScheme(Bootstrap.Scheme.EXAMPLES).interval(a, sly, 0.95));
        assertThat(i.method()).isEqualTo("percentile bootstrap, 300 resamples, seed 9");
        // in company, the metrics the groups answer keep their grouped intervals, the same as alone
        List<Interval> three = grouped.intervals(a, List.of(Metrics.accuracy(), sly, Metrics.macroF1()), 0.95);
        assertThat(three.get(0)).isEqualTo(grouped.interval(a, Metrics.accuracy(), 0.95));
        assertThat(three.get(1)).isEqualTo(i);
        assertThat(three.get(2)).isEqualTo(grouped.interval(a, Metrics.macroF1(), 0.95));
        assertThat(three.get(2).method()).startsWith("percentile bootstrap (Poisson, grouped counts)");
    }

    @Test
    void a_raw_count_is_resampled_by_drawing_examples_because_poisson_weights_would_widen_it() {
        ErrorAnalysis a = simulated(3000, 10);
        Metric<Double> rightCount = new Metric<>() {
            @Override
            public String name() {
                return "rightCount";
            }

            @Override
            public Double compute(MetricContext context) {
                long right = 0;
                for (int c = 0; c < context.classCount(); c++) {
                    right += context.count(c, c);
                }
                return (double) right; // not a share: it grows with the number of examples
            }
        };
        Bootstrap grouped = Bootstrap.of(400, 3).withScheme(Bootstrap.Scheme.GROUPED);
        Interval count = grouped.interval(a, rightCount, 0.95);
        assertThat(count.method()).isEqualTo("percentile bootstrap, 400 resamples, seed 3");
        assertThat(count).isEqualTo(Bootstrap.of(400, 3).withScheme(Bootstrap.Scheme.EXAMPLES)
                .interval(a, rightCount, 0.95));
        // the count's classic interval is the accuracy's times N, not the Poisson one's, which is about 4x as wide
        Interval accuracy = grouped.interval(a, Metrics.accuracy(), 0.95);
        assertThat(accuracy.method()).startsWith("percentile bootstrap (Poisson, grouped counts)");
        assertThat((count.upper() - count.lower()) / 3000).isCloseTo(accuracy.upper() - accuracy.lower(),
                within(0.3 * (accuracy.upper() - accuracy.lower())));
    }

    @Test
    void a_count_metric_that_fails_on_a_grouped_resample_is_named_with_its_value_on_the_examples() {
        ErrorAnalysis a = simulated(1000, 8);
        Metric<Double> touchy = new Metric<>() {
            @Override
            public String name() {
                return "touchy";
            }

            @Override
            public Double compute(MetricContext context) {
                if (context.examples() % 2 == 1) { // not on the examples (1,000) nor twice them, but on resamples
                    throw new IllegalStateException("another count");
                }
                return (double) context.support(0) / context.examples();
            }
        };
        assertThat(a.metric(touchy)).isEqualTo((double) a.context().support(0) / 1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bootstrap.defaults()
                .withScheme(Bootstrap.Scheme.GROUPED).interval(a, touchy, 0.95))
                .isInstanceOf(MetricException.class)
                .hasMessageStartingWith("the metric 'touchy' failed on a bootstrap resample of ")
                .hasMessageContaining("examples (Poisson, grouped counts; on the examples themselves it is "
                        + a.metric(touchy) + "): java.lang.IllegalStateException: another count");
    }

    @Test
    void the_automatic_scheme_groups_from_20000_examples_on() {
        ErrorAnalysis small = simulated(Bootstrap.GROUPED_MIN_EXAMPLES - 1, 5);
        ErrorAnalysis large = simulated(Bootstrap.GROUPED_MIN_EXAMPLES, 5);
        assertThat(small.interval(Metrics.expectedCalibrationError()).method())
                .isEqualTo("percentile bootstrap, 1000 resamples, seed 42");
        assertThat(large.interval(Metrics.expectedCalibrationError()).method())
                .isEqualTo("percentile bootstrap (Poisson, grouped counts), 1000 resamples, seed 42");
        assertThat(large.statistics().macroF1()).isEqualTo(large.interval(Metrics.macroF1()));
        assertThat(large.interval(Metrics.expectedCalibrationError())).isEqualTo(Bootstrap.defaults()
                .withScheme(Bootstrap.Scheme.GROUPED).interval(large, Metrics.expectedCalibrationError(), 0.95));
    }

    @Test
    void grouped_intervals_are_the_same_for_a_seed_on_any_number_of_threads() throws Exception {
        ErrorAnalysis a = simulated(3000, 6);
        Bootstrap b = Bootstrap.of(400, 11).withScheme(Bootstrap.Scheme.GROUPED);
        List<Metric<? extends Number>> metrics = List.of(Metrics.expectedCalibrationError(), Metrics.macroF1(),
                Metrics.topKAccuracy(2), new MetricsTest.UserAccuracy());
        List<Interval> many = b.intervals(a, metrics, 0.95);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            assertThat(one.submit(() -> b.intervals(a, metrics, 0.95)).get()).isEqualTo(many);
        } finally {
            one.shutdown();
        }
        assertThat(b.intervals(a, metrics, 0.95)).isEqualTo(many);
        assertThat(Bootstrap.of(400, 12).withScheme(Bootstrap.Scheme.GROUPED).intervals(a, metrics, 0.95))
                .isNotEqualTo(many);
    }

    @Test
    void grouped_and_drawn_intervals_agree_within_their_monte_carlo_error() {
        // GIVEN one analysis and eight seeds of each scheme
        ErrorAnalysis a = simulated(6000, 7);
        List<Metric<? extends Number>> metrics = List.of(Metrics.expectedCalibrationError(), Metrics.macroF1(),
                Metrics.accuracy(), Metrics.topKAccuracy(2), Metrics.maxCalibrationError(), Metrics.brierScore(),
                Metrics.logLoss());
        int seeds = 8;
        List<List<Interval>> drawn = new ArrayList<>();
        List<List<Interval>> grouped = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            Bootstrap b = Bootstrap.of(1000, 100 + s);
            drawn.add(b.withScheme(Bootstrap.Scheme.EXAMPLES).intervals(a, metrics, 0.95));
            grouped.add(b.withScheme(Bootstrap.Scheme.GROUPED).intervals(a, metrics, 0.95));
        }
        // THEN each end's mean over the seeds agrees within 4 standard errors of the difference
        for (int m = 0; m < metrics.size(); m++) {
            for (boolean lower : new boolean[] {true, false}) {
                double[] d = ends(drawn, m, lower);
                double[] g = ends(grouped, m, lower);
                double se = Math.sqrt((variance(d) + variance(g)) / seeds);
                assertThat(mean(g)).as(metrics.get(m).name() + (lower ? " lower" : " upper"))
                        .isCloseTo(mean(d), within(4 * se + 1e-12));
                // and the two schemes' Monte Carlo errors are alike (neither is much noisier)
                assertThat(Math.sqrt(variance(g))).isLessThan(3 * Math.sqrt(variance(d)) + 1e-9);
            }
        }
    }

    static double[] ends(List<List<Interval>> runs, int metric, boolean lower) {
        double[] out = new double[runs.size()];
        for (int r = 0; r < out.length; r++) {
            Interval i = runs.get(r).get(metric);
            out[r] = lower ? i.lower() : i.upper();
        }
        return out;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
