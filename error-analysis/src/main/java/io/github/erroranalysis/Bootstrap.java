package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.Resampling;
import java.util.List;
import java.util.Objects;

/**
 * Bootstrap settings, and percentile intervals for any number-valued {@link Metric} of an analysis (the expected
 * calibration error and macro-F1 of {@link AnalysisStatistics} among them).
 *
 * <p>A resample draws N examples with replacement from the N analysed ({@link Resampling}: one
 * {@link java.util.SplittableRandom} per resample split in order from {@link #seed()}), so the same data and seed
 * always give the same interval, on any number of threads. The interval runs between the {@code (1-level)/2} and
 * {@code (1+level)/2} quantiles of the metric over the resamples (linear interpolation, NumPy's default); the
 * estimate is the metric on the data themselves, as the analysis computes it.
 *
 * @param resamples the number of resamples, at least 1 (1,000 or more for 95 % intervals)
 * @param seed the seed of the random resampling
 */
public record Bootstrap(int resamples, long seed) {

    /** The default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** The default seed. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * Checks the settings.
     *
     * @param resamples the number of resamples, at least 1
     * @param seed the seed
     * @throws IllegalArgumentException naming the number of resamples when it is below 1
     */
    public Bootstrap {
        if (resamples < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least 1 resample, but resamples is " + resamples);
        }
    }

    /**
     * Gives the default settings: {@value #DEFAULT_RESAMPLES} resamples, seed {@value #DEFAULT_SEED}.
     *
     * @return the default bootstrap
     */
    public static Bootstrap defaults() {
        return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * Makes bootstrap settings.
     *
     * @param resamples the number of resamples, at least 1
     * @param seed the seed
     * @return the settings
     */
    public static Bootstrap of(int resamples, long seed) {
        return new Bootstrap(resamples, seed);
    }

    /**
     * Puts a percentile bootstrap interval on any number-valued metric of an analysis, user metrics included: each
     * resample is a {@link MetricContext} whose counts are recounted from the drawn examples.
     *
     * @param analysis the analysis
     * @param metric the metric
     * @param level the confidence level, strictly between 0 and 1
     * @return the metric's value on the analysis with its interval
     * @throws MetricException naming the metric when it fails on a resample
     */
    public Interval interval(ErrorAnalysis analysis, Metric<? extends Number> metric, double level) {
        return intervals(analysis, List.of(metric), level).get(0);
    }

    /**
     * Puts percentile bootstrap intervals on several number-valued metrics, drawn from the same resamples.
     *
     * @param analysis the analysis
     * @param metrics the metrics
     * @param level the confidence level, strictly between 0 and 1
     * @return one interval per metric, in order
     * @throws IllegalStateException naming a metric when it fails on a resample
     */
    public List<Interval> intervals(ErrorAnalysis analysis, List<? extends Metric<? extends Number>> metrics,
            double level) {
        Objects.requireNonNull(analysis, "analysis");
        List<Metric<? extends Number>> list = List.copyOf(metrics);
        Intervals.checkLevel(level);
        double[] estimates = new double[list.size()];
        for (int m = 0; m < estimates.length; m++) {
            estimates[m] = value(analysis.metric(list.get(m)));
        }
        AnalysisContext base = analysis.context();
        return Resampling.percentiles(base.examples(), seed, resamples, level, estimates, draws -> {
            ResampledContext resample = new ResampledContext(base, draws);
            double[] values = new double[estimates.length];
            for (int m = 0; m < values.length; m++) {
                try {
                    values[m] = value(MetricMemo.compute(list.get(m), resample));
                } catch (MetricException e) {
                    // it gave a value on the data themselves: say that only a resample made it fail
                    throw new MetricException(e.metricName(), "on a bootstrap resample of the " + resample.examples()
                            + " examples (on the examples themselves it is " + estimates[m] + ")", e.getCause());
                }
            }
            return values;
        });
    }

    /**
     * Names the method for {@link Interval#method()}.
     *
     * @return for example "percentile bootstrap, 1000 resamples, seed 42"
     */
    String describe() {
        return Resampling.describe(resamples, seed);
    }

    private static double value(Number n) {
        return n == null ? Double.NaN : n.doubleValue();
    }
}
