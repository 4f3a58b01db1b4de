package io.github.erroranalysis;

import io.github.erroranalysis.testing.ConstantMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Resampling;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The metric contract: built-in metrics, user metrics computed once, names, failures and generic intervals. */
class MetricsTest {

    private static final List<String> NAMES = List.of("cat", "dog", "frog", "bird");

    private static ErrorAnalysis simulated(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(NAMES.size());
        }
        return Analyses.of(Analyses.simulate(truth, NAMES.size(), 1.2, random), truth, NAMES);
    }

    /** Accuracy written against the public contract only (it reads the diagonal cells); other tests use it too. */
    record UserAccuracy() implements Metric<Double> {
        @Override
        public String name() {
            return "userAccuracy";
        }

        @Override
        public Double compute(MetricContext context) {
            long correct = 0;
            for (int c = 0; c < context.classCount(); c++) {
                correct += context.count(c, c);
            }
            return (double) correct / context.examples();
        }
    }

    /** Macro-F1 written against the public contract only, per example. */
    private record UserMacroF1() implements Metric<Double> {
        @Override
        public String name() {
            return "userMacroF1";
        }

        @Override
        public Double compute(MetricContext context) {
            int classes = context.classCount();
            long[] tp = new long[classes];
            long[] support = new long[classes];
            long[] predicted = new long[classes];
            for (int i = 0; i < context.examples(); i++) {
                int t = context.trueClass(i);
                int p = context.predictedClass(i);
                support[t]++;
                predicted[p]++;
                if (t == p) {
                    tp[t]++;
                }
            }
            double sum = 0;
            int defined = 0;
            for (int c = 0; c < classes; c++) {
                if (support[c] + predicted[c] > 0) {
                    sum += 2.0 * tp[c] / (support[c] + predicted[c]);
                    defined++;
                }
            }
            return sum / defined;
        }
    }

    @Test
    void built_in_metrics_are_the_facades_values() {
        ErrorAnalysis a = simulated(3000, 1);
        assertThat(a.metric(Metrics.accuracy())).isEqualTo(a.accuracy()).isEqualTo((double) a.correct() / 3000);
        assertThat(a.metric(Metrics.topKAccuracy(2))).isEqualTo(a.topKAccuracy(2));
        assertThat(a.metric(Metrics.topKAccuracy(1))).isEqualTo(a.accuracy());
        assertThat(a.metric(Metrics.topKAccuracy(9))).isEqualTo(1.0);
        assertThat(a.metric(Metrics.macroF1())).isEqualTo(a.precisionRecallF1().macro().f1());
        assertThat(a.metric(Metrics.macroPrecision())).isEqualTo(a.precisionRecallF1().macro().precision());
        assertThat(a.metric(Metrics.macroRecall())).isEqualTo(a.precisionRecallF1().macro().recall());
        assertThat(a.metric(Metrics.weightedF1())).isEqualTo(a.precisionRecallF1().weighted().f1());
        assertThat(a.metric(Metrics.expectedCalibrationError())).isEqualTo(a.calibration().ece());
        assertThat(a.metric(Metrics.maxCalibrationError())).isEqualTo(a.calibration().maxCalibrationError());
        assertThat(a.metric(Metrics.brierScore())).isEqualTo(a.calibration().brierScore());
        assertThat(a.metric(Metrics.logLoss())).isEqualTo(a.calibration().logLoss());
        assertThat(a.metric(new UserAccuracy())).isEqualTo(a.accuracy());
        assertThat(a.metric(Metrics.perClassAccuracy())).isEqualTo(a.perClassAccuracy().classes());
        assertThat(a.metric(Metrics.perClassAccuracy()).get(2).accuracy())
                .isEqualTo((double) a.confusion().count(2, 2) / a.confusion().support(2));
    }

    @Test
    void built_in_names_are_the_json_keys() {
        assertThat(List.of(Metrics.accuracy(), Metrics.topKAccuracy(3), Metrics.macroF1(), Metrics.weightedF1(),
                Metrics.macroPrecision(), Metrics.macroRecall(), Metrics.expectedCalibrationError(),
                Metrics.maxCalibrationError(), Metrics.brierScore(), Metrics.logLoss(), Metrics.calibration(),
                Metrics.precisionRecallF1(), Metrics.perClassAccuracy()).stream().map(Metric::name).toList())
                .containsExactly("accuracy", "top3Accuracy", "macroF1", "weightedF1", "macroPrecision", "macroRecall",
                        "ece", "maxCalibrationError", "brierScore", "logLoss", "calibration", "precisionRecallF1",
                        "perClassAccuracy");
        assertThat(Metrics.topKAccuracy(5)).isEqualTo(Metrics.topKAccuracy(5)).isNotEqualTo(Metrics.topKAccuracy(4));
        assertThatThrownBy(() -> Metrics.topKAccuracy(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be at least 1, but is 0");
    }

    @Test
    void a_metric_is_computed_once_per_analysis_and_equal_metrics_share_the_value() {
        AtomicInteger calls = new AtomicInteger();
        record Counting(AtomicInteger calls, int offset) implements Metric<Integer> {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public Integer compute(MetricContext context) {
                calls.incrementAndGet();
                return context.examples() + offset;
            }
        }
        ErrorAnalysis a = simulated(100, 2);
        assertThat(a.metric(new Counting(calls, 1))).isEqualTo(101);
        assertThat(a.metric(new Counting(calls, 1))).isEqualTo(101);
        assertThat(calls).hasValue(1);
        assertThat(a.metric(new Counting(calls, 2))).isEqualTo(102);
        assertThat(calls).hasValue(2);
        assertThat(a.withProvenance(Provenance.current(1)).metric(new Counting(calls, 1))).isEqualTo(101);
        assertThat(simulated(100, 2).metric(new Counting(calls, 1))).isEqualTo(101);
        assertThat(calls).hasValue(3);
    }

    @Test
    void concurrent_callers_of_one_metric_share_one_computation() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Metric<Integer> slow = new Metric<>() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public Integer compute(MetricContext context) {
                calls.incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return context.examples();
            }
        };
        ErrorAnalysis a = simulated(60, 10);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = pool.invokeAll(java.util.Collections.nCopies(8,
                    () -> a.metric(slow)));
            for (var r : results) {
                assertThat(r.get()).isEqualTo(60);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void intervals_and_statistics_are_computed_once_per_analysis() {
        AtomicInteger calls = new AtomicInteger();
        Metric<Double> counted = new Metric<>() {
            @Override
            public String name() {
                return "counted";
            }

            @Override
            public Double compute(MetricContext context) {
                calls.incrementAndGet();
                return (double) context.count(0, 0) / context.examples();
            }
        };
        ErrorAnalysis a = simulated(200, 12);
        Interval first = a.interval(counted);
        assertThat(calls).hasValue(1 + Bootstrap.DEFAULT_RESAMPLES);
        assertThat(a.interval(counted)).isSameAs(first);
        assertThat(a.interval(counted, 0.95)).isSameAs(first);
        assertThat(calls).hasValue(1 + Bootstrap.DEFAULT_RESAMPLES);
        assertThat(a.interval(counted, 0.8).upper()).isLessThan(first.upper());
        assertThat(a.statistics()).isSameAs(a.statistics()).isSameAs(a.statistics(0.95))
                .isEqualTo(AnalysisStatistics.of(a));
        assertThat(a.statistics(0.9)).isNotSameAs(a.statistics()).isEqualTo(AnalysisStatistics.of(a, 0.9));
        assertThatThrownBy(() -> a.statistics(1.0)).hasMessageContaining("but is 1.0");
        assertThatThrownBy(() -> a.interval(counted, 0)).hasMessageContaining("but is 0.0");
    }

    @Test
    void a_null_value_is_kept_and_computed_once() {
        AtomicInteger calls = new AtomicInteger();
        Metric<String> nothing = new Metric<>() {
            @Override
            public String name() {
                return "nothing";
            }

            @Override
            public String compute(MetricContext context) {
                calls.incrementAndGet();
                return null;
            }
        };
        ErrorAnalysis a = simulated(50, 3);
        assertThat(a.metric(nothing)).isNull();
        assertThat(a.metric(nothing)).isNull();
        assertThat(calls).hasValue(1);
    }

    private static Metric<Double> named(String name) {
        return new ConstantMetric(name, 1.0);
    }

    @Test
    void a_metric_name_outside_the_json_key_pattern_is_refused_naming_it() {
        ErrorAnalysis a = simulated(50, 4);
        for (String bad : List.of("", "Accuracy", "top-3", "1st", "macro f1", "ü")) {
            assertThatThrownBy(() -> a.metric(named(bad))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a metric's name must match [a-z][a-zA-Z0-9]*, but ")
                    .hasMessageEndingWith(" is named '" + bad + "'");
        }
        assertThatThrownBy(() -> a.metric(named(null))).hasMessageEndingWith(" is named null");
        assertThatThrownBy(() -> a.interval(named("Bad"))).hasMessageEndingWith(" is named 'Bad'");
        assertThat(a.metric(named("top3Accuracy2"))).isEqualTo(1.0);
    }

    @Test
    void a_failing_metric_is_named_in_the_error_and_not_cached() {
        AtomicInteger calls = new AtomicInteger();
        Metric<Double> failing = new Metric<>() {
            @Override
            public String name() {
                return "fragile";
            }

            @Override
            public Double compute(MetricContext context) {
                calls.incrementAndGet();
                throw new ArithmeticException("/ by zero");
            }
        };
        ErrorAnalysis a = simulated(50, 5);
        assertThatThrownBy(() -> a.metric(failing)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the metric 'fragile' failed: java.lang.ArithmeticException: / by zero")
                .hasCauseInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> a.metric(failing)).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(2);
        assertThatThrownBy(() -> a.interval(failing)).hasMessageContaining("the metric 'fragile' failed");
    }

    @Test
    void a_metric_failing_only_on_a_bootstrap_resample_says_so() {
        ErrorAnalysis a = simulated(50, 5);
        long cell = a.confusion().count(0, 0);
        Metric<Double> touchy = new Metric<>() {
            @Override
            public String name() {
                return "touchy";
            }

            @Override
            public Double compute(MetricContext context) {
                if (context.count(0, 0) != cell) {
                    throw new IllegalStateException("another count: " + context.count(0, 0));
                }
                return 1.0;
            }
        };
        assertThat(a.metric(touchy)).isEqualTo(1.0);
        assertThatThrownBy(() -> a.interval(touchy)).isInstanceOf(MetricException.class)
                .hasMessageStartingWith("the metric 'touchy' failed on a bootstrap resample of the 50 examples "
                        + "(on the examples themselves it is 1.0): java.lang.IllegalStateException: another count");
    }

    @Test
    void a_user_metric_gets_the_same_interval_as_the_built_in_it_restates() {
        ErrorAnalysis a = simulated(2000, 6);
        Interval builtIn = a.interval(Metrics.accuracy());
        Interval user = a.interval(new UserAccuracy());
        assertThat(user).isEqualTo(builtIn);
        assertThat(builtIn.estimate()).isEqualTo(a.accuracy());
        assertThat(builtIn.lower()).isLessThan(a.accuracy());
        assertThat(builtIn.upper()).isGreaterThan(a.accuracy());
        assertThat(builtIn.method()).isEqualTo("percentile bootstrap, 1000 resamples, seed 42");
        Interval f1 = a.interval(Metrics.macroF1(), 0.9);
        Interval userF1 = a.interval(new UserMacroF1(), 0.9);
        assertThat(userF1.lower()).isEqualTo(f1.lower());
        assertThat(userF1.upper()).isEqualTo(f1.upper());
        assertThat(userF1.estimate()).isCloseTo(f1.estimate(), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(f1.level()).isEqualTo(0.9);
        // the statistics' macro-F1 interval is the generic one
        assertThat(a.statistics(0.9).macroF1()).isEqualTo(f1);
        assertThat(a.statistics().ece()).isEqualTo(a.interval(Metrics.expectedCalibrationError()));
    }

    @Test
    void every_scalar_built_in_has_an_interval_around_its_value() {
        ErrorAnalysis a = simulated(1500, 7);
        for (Metric<Double> m : List.of(Metrics.topKAccuracy(2), Metrics.weightedF1(), Metrics.maxCalibrationError(),
                Metrics.brierScore(), Metrics.logLoss(), Metrics.macroRecall())) {
            Interval i = Bootstrap.of(300, 3).interval(a, m, 0.95);
            assertThat(i.estimate()).as(m.name()).isEqualTo(a.metric(m));
            assertThat(i.lower()).as(m.name()).isLessThan(i.upper());
            assertThat(i.halfWidth()).as(m.name()).isLessThan(0.2);
        }
    }

    @Test
    void bootstrap_intervals_are_the_same_for_a_seed_on_any_number_of_threads() throws Exception {
        ErrorAnalysis a = simulated(5000, 8);
        Bootstrap b = Bootstrap.of(400, 11);
        List<Metric<? extends Number>> metrics = List.of(Metrics.expectedCalibrationError(), Metrics.macroF1(),
                Metrics.logLoss(), new UserAccuracy());
        List<Interval> many = b.intervals(a, metrics, 0.95);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            List<Interval> single = one.submit(() -> b.intervals(a, metrics, 0.95)).get();
            assertThat(single).isEqualTo(many);
        } finally {
            one.shutdown();
        }
        assertThat(b.intervals(a, metrics, 0.95)).isEqualTo(many);
        assertThat(Bootstrap.of(400, 12).intervals(a, metrics, 0.95)).isNotEqualTo(many);
        // one metric alone is drawn from the same resamples as in company
        assertThat(b.interval(a, Metrics.logLoss(), 0.95)).isEqualTo(many.get(2));
    }

    @Test
    void the_generic_bootstrap_knows_only_indexes() {
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 10;
        }
        double mean = 4.5;
        Interval i = Resampling.percentile(200, 5, 2000, 0.95, mean, draws -> {
            double s = 0;
            for (int d : draws) {
                s += values[d];
            }
            return s / draws.length;
        });
        // the standard error of the mean is sd / sqrt(n) = 2.87 / 14.1 = 0.203: the interval is about ±0.4
        assertThat(i.lower()).isBetween(4.0, 4.2);
        assertThat(i.upper()).isBetween(4.8, 5.0);
        assertThat(i.method()).isEqualTo("percentile bootstrap, 2000 resamples, seed 5");
        assertThat(Resampling.percentile(200, 5, 2000, 0.95, Double.NaN, d -> 1).isDefined()).isFalse();
        assertThatThrownBy(() -> Resampling.replicates(0, 1, 10, d -> new double[0]))
                .hasMessage("a bootstrap needs at least 1 example, but examples is 0");
        assertThatThrownBy(() -> Resampling.replicates(5, 1, 0, d -> new double[0]))
                .hasMessage("a bootstrap needs at least 1 resample, but resamples is 0");
    }

    @Test
    void built_in_metrics_work_on_a_users_own_context() {
        ErrorAnalysis a = simulated(400, 9);
        MetricContext foreign = new Analyses.Plain(a.context());
        assertThat(Metrics.calibration().compute(foreign)).isEqualTo(a.calibration());
        assertThat(Metrics.precisionRecallF1().compute(foreign)).isEqualTo(a.precisionRecallF1());
        assertThat(Metrics.topKAccuracy(3).compute(foreign)).isEqualTo(a.topKAccuracy(3));
    }
}
