package io.github.erroranalysis;

import io.github.erroranalysis.testing.ConstantMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.erroranalysis.stats.Interval;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The memo of one analysis (values computed once, never a deadlock), the typed failure of a metric, the one name
 * check, the context's row and column sums, and the facade as delegation only.
 */
class MetricMemoTest {

    private static final List<String> NAMES = List.of("cat", "dog", "frog", "bird");

    private static ErrorAnalysis simulated(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(NAMES.size());
        }
        return Analyses.of(Analyses.simulate(truth, NAMES.size(), 1.2, random), truth, NAMES);
    }

    /** What every caller of the race does: the statistics, their intervals, nested parallel use of the memo. */
    private static void useEverything(ErrorAnalysis a, int i) {
        if (i % 3 == 0) {
            a.interval(Metrics.expectedCalibrationError());
        }
        AnalysisStatistics s = a.statistics();
        assertThat(a.interval(Metrics.expectedCalibrationError())).isEqualTo(s.ece());
        IntStream.range(0, 4).parallel().forEach(j -> {
            a.statistics(0.9);
            a.interval(Metrics.macroF1(), 0.9);
        });
    }

    @Test
    void statistics_asked_from_parallel_streams_never_deadlock() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            // the common pool, as a user's parallel stream runs
            ErrorAnalysis common = simulated(3_000, 21);
            IntStream.range(0, 64).parallel().forEach(i -> useEverything(common, i));
            // a pool of 8 workers on any machine: the bootstrap forks into it, and a worker joining it steals the
            // outer tasks that ask for the statistics it is computing
            ErrorAnalysis wide = simulated(3_000, 22);
            ForkJoinPool pool = new ForkJoinPool(8);
            try {
                pool.submit(() -> IntStream.range(0, 64).parallel().forEach(i -> useEverything(wide, i))).get();
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            for (ErrorAnalysis a : List.of(common, wide)) {
                assertThat(a.statistics()).isSameAs(a.statistics()).isEqualTo(AnalysisStatistics.of(a));
                assertThat(a.statistics(0.9)).isEqualTo(AnalysisStatistics.of(a, 0.9));
            }
        });
    }

    @Test
    void a_thread_asking_again_for_the_value_it_is_computing_computes_it_directly() {
        // what a ForkJoin worker does when, joining the bootstrap, it runs an outer task asking for the same value
        MetricMemo memo = new MetricMemo();
        Integer value = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> memo.once("key", "the value", () -> memo.once("key", "the value", () -> 41) + 1));
        assertThat(value).isEqualTo(42);
        assertThat(memo.<Integer>once("key", "the value", () -> 0)).isEqualTo(42);
    }

    @Test
    void two_threads_waiting_for_each_others_values_do_not_deadlock() {
        MetricMemo memo = new MetricMemo();
        CountDownLatch xStarted = new CountDownLatch(1);
        CountDownLatch yStarted = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                Future<Integer> x = threads.submit(() -> memo.once("x", "x", () -> {
                    xStarted.countDown();
                    yStarted.await();
                    return memo.<Integer>once("y", "y", () -> 1) + 1;
                }));
                Future<Integer> y = threads.submit(() -> memo.once("y", "y", () -> {
                    yStarted.countDown();
                    xStarted.await();
                    return memo.<Integer>once("x", "x", () -> 10) + 10;
                }));
                // one of the two waits closes the cycle and computes its value directly
                assertThat(List.of(x.get(), y.get())).isIn(List.of(21, 20), List.of(2, 12), List.of(2, 20));
            });
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void the_statistics_intervals_are_the_analysis_intervals() {
        ErrorAnalysis a = simulated(300, 23);
        Interval ece = a.interval(Metrics.expectedCalibrationError());
        assertThat(a.statistics().ece()).isSameAs(ece);
        ErrorAnalysis b = simulated(300, 24);
        AnalysisStatistics s = b.statistics(0.9);
        assertThat(b.interval(Metrics.expectedCalibrationError(), 0.9)).isSameAs(s.ece());
        assertThat(b.interval(Metrics.macroF1(), 0.9)).isSameAs(s.macroF1());
        // drawn together or alone, the same seed gives the same interval
        assertThat(s).isEqualTo(AnalysisStatistics.of(b, 0.9, Bootstrap.of(Bootstrap.DEFAULT_RESAMPLES,
                Bootstrap.DEFAULT_SEED)));
    }

    @Test
    void a_failing_metric_throws_a_metric_exception_naming_it() {
        Metric<Double> failing = new Metric<>() {
            @Override
            public String name() {
                return "fragile";
            }

            @Override
            public Double compute(MetricContext context) {
                throw new ArithmeticException("/ by zero");
            }
        };
        ErrorAnalysis a = simulated(50, 25);
        assertThatThrownBy(() -> a.metric(failing)).isInstanceOfSatisfying(MetricException.class,
                e -> assertThat(e.metricName()).isEqualTo("fragile"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the metric 'fragile' failed: java.lang.ArithmeticException: / by zero")
                .hasCauseInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> a.interval(failing)).isInstanceOfSatisfying(MetricException.class,
                e -> assertThat(e.metricName()).isEqualTo("fragile"));
    }

    private static Metric<Double> named(String name) {
        return new ConstantMetric(name, 1.0);
    }

    @Test
    void a_name_ending_in_interval_is_refused_by_the_one_check() {
        ErrorAnalysis a = simulated(50, 26);
        Metric<Double> clash = named("accuracyInterval");
        assertThatThrownBy(() -> Metrics.checkName(clash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a metric's name must not end in 'Interval'")
                .hasMessageEndingWith(" is named 'accuracyInterval'");
        assertThatThrownBy(() -> a.metric(clash)).hasMessageEndingWith(" is named 'accuracyInterval'");
        assertThatThrownBy(() -> a.interval(clash)).hasMessageEndingWith(" is named 'accuracyInterval'");
        assertThatThrownBy(() -> Metrics.checkName(named("Top3"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a metric's name must match [a-z][a-zA-Z0-9]*, but ");
        assertThat(Metrics.checkName(named("intervalWidth"))).isEqualTo("intervalWidth");
        assertThat(Metrics.checkName(Metrics.topKAccuracy(3))).isEqualTo("top3Accuracy");
    }

    @Test
    void support_and_predicted_count_are_row_and_column_sums_on_every_context() {
        ErrorAnalysis a = simulated(400, 27);
        int[] draws = new SplittableRandom(1).ints(400, 0, 400).toArray();
        for (MetricContext context : List.of(a.context(), new ResampledContext(a.context(), draws))) {
            MetricContext plain = new Analyses.Plain(context);
            long total = 0;
            for (int c = 0; c < NAMES.size(); c++) {
                assertThat(context.support(c)).isEqualTo(plain.support(c));
                assertThat(context.predictedCount(c)).isEqualTo(plain.predictedCount(c));
                total += context.support(c);
            }
            assertThat(total).isEqualTo(context.examples());
        }
        assertThat(a.context().support(0)).isEqualTo(a.perClassAccuracy().get(0).support());
        assertThatThrownBy(() -> a.context().support(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void the_averages_read_one_table_per_context() {
        ErrorAnalysis a = simulated(200, 28);
        AnalysisContext context = a.context();
        PrecisionRecallF1 table = context.scores();
        assertThat(Metrics.precisionRecallF1().compute(context)).isSameAs(table);
        assertThat(Metrics.macroF1().compute(context)).isEqualTo(table.macro().f1());
        assertThat(Metrics.weightedF1().compute(context)).isEqualTo(table.weighted().f1());
        assertThat(context.scores()).isSameAs(table);
        assertThat(a.precisionRecallF1()).isSameAs(table);
    }

    @Test
    void the_facade_has_no_array_back_doors() {
        List<String> arrays = Arrays.stream(ErrorAnalysis.class.getDeclaredMethods())
                .filter(m -> m.getReturnType().isArray()).map(Method::getName).toList();
        assertThat(arrays).isEmpty();
        List<String> packagePrivate = Arrays.stream(ErrorAnalysis.class.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && (m.getModifiers() & (Modifier.PUBLIC | Modifier.PRIVATE)) == 0)
                .map(Method::getName).sorted().toList();
        assertThat(packagePrivate).containsExactly("context", "intervals");
    }

    @Test
    void wrong_prediction_of_describes_an_example_from_the_context() {
        ErrorAnalysis a = simulated(100, 29);
        int example = a.wrong().get(0).index();
        WrongPrediction w = WrongPrediction.of(a.context(), example);
        assertThat(w).isEqualTo(a.wrong().get(0));
        assertThat(w.confidence()).isEqualTo(a.confidence(example));
        assertThat(w.trueClass()).isEqualTo(a.trueClass(example));
        assertThat(w.top()).hasSize(3);
        assertThat(a.confusion().count(0, 1)).isEqualTo(a.context().count(0, 1));
    }
}
