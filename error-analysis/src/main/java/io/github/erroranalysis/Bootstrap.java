package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.Resampling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>From {@value #GROUPED_MIN_EXAMPLES} examples on, a metric that reads only counts and sums (the confusion
 * matrix, the reliability bins, correctness, the ranks of the true class, the Brier and log-loss sums: every built-in
 * metric) and does not change when every example counts twice (a ratio, not a raw count) is resampled by the grouped
 * Poisson bootstrap instead ({@link Resampling#poissonReplicates}): each example's
 * weight is an independent Poisson(1) count, so each group of examples that the metric cannot tell apart gets one
 * Poisson count, and a resample costs one draw per group (at most 480 for the ECE, the non-empty confusion cells
 * for macro-F1) instead of N. What a metric reads is found by computing it once on the analysis; a metric that reads
 * examples, or reads on a resample what it did not read on the analysis, is resampled by drawing examples as above.
 * STATISTICS.md shows that both give the same intervals within their Monte Carlo error.
 *
 * @param resamples the number of resamples, at least 1 (1,000 or more for 95 % intervals)
 * @param seed the seed of the random resampling
 * @param scheme how the resamples are drawn: by example, by group, or chosen by the number of examples
 */
public record Bootstrap(int resamples, long seed, Scheme scheme) {

    /** How the resamples are drawn. */
    public enum Scheme {
        /** Grouped counts from {@value Bootstrap#GROUPED_MIN_EXAMPLES} examples on, drawn examples below. */
        AUTOMATIC,
        /** Always drawn examples (N indexes with replacement per resample), the classic bootstrap. */
        EXAMPLES,
        /** Grouped Poisson counts for every metric that reads only counts, at any number of examples. */
        GROUPED
    }

    /** The default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** The default seed. */
    public static final long DEFAULT_SEED = 42L;

    /** The number of examples from which metrics that read only counts are resampled by the grouped bootstrap. */
    public static final int GROUPED_MIN_EXAMPLES = 20_000;

    /**
     * Checks the settings.
     *
     * @param resamples the number of resamples, at least 1
     * @param seed the seed
     * @param scheme how the resamples are drawn
     * @throws IllegalArgumentException naming the number of resamples when it is below 1
     */
    public Bootstrap {
        if (resamples < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least 1 resample, but resamples is " + resamples);
        }
        Objects.requireNonNull(scheme, "scheme");
    }

    /**
     * Makes bootstrap settings with the automatic scheme.
     *
     * @param resamples the number of resamples, at least 1
     * @param seed the seed
     * @throws IllegalArgumentException naming the number of resamples when it is below 1
     */
    public Bootstrap(int resamples, long seed) {
        this(resamples, seed, Scheme.AUTOMATIC);
    }

    /**
     * Gives the same settings with another scheme.
     *
     * @param other how the resamples are drawn
     * @return the settings
     */
    public Bootstrap withScheme(Scheme other) {
        return new Bootstrap(resamples, seed, other);
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
     * Makes bootstrap settings with the automatic scheme.
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
     * Puts percentile bootstrap intervals on several number-valued metrics; metrics drawn the same way (by example, or
     * by the same groups) share their resamples.
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
        Interval[] out = new Interval[estimates.length];
        List<Integer> drawn = new ArrayList<>();
        // metrics that read only counts, by the grouping that answers them, resampled together
        Map<Grouping, List<Integer>> grouped = new LinkedHashMap<>();
        boolean grouping = scheme == Scheme.GROUPED
                || scheme == Scheme.AUTOMATIC && base.examples() >= GROUPED_MIN_EXAMPLES;
        // each metric's groups, made at once on every core (each is one pass over the examples at most)
        Grouping[] groupings = grouping ? list.parallelStream()
                .map(metric -> groupingFor(metric, base, scheme == Scheme.AUTOMATIC)).toArray(Grouping[]::new)
                : new Grouping[list.size()];
        for (int m = 0; m < estimates.length; m++) {
            Grouping g = groupings[m];
            if (g == null) {
                drawn.add(m);
            } else {
                grouped.computeIfAbsent(g, k -> new ArrayList<>()).add(m);
            }
        }
        for (Map.Entry<Grouping, List<Integer>> e : grouped.entrySet()) {
            List<Integer> members = e.getValue();
            List<Interval> found = grouped(base, e.getKey(), pick(list, members), pick(estimates, members), level);
            for (int k = 0; k < members.size(); k++) {
                if (found.get(k) == null) {
                    drawn.add(members.get(k)); // it read on a resample what it did not read on the analysis
                } else {
                    out[members.get(k)] = found.get(k);
                }
            }
        }
        if (!drawn.isEmpty()) {
            drawn.sort(null);
            List<Interval> found = drawn(base, pick(list, drawn), pick(estimates, drawn), level);
            for (int k = 0; k < drawn.size(); k++) {
                out[drawn.get(k)] = found.get(k);
            }
        }
        return List.of(out);
    }

    /** Finds what a metric reads; gives the grouping that answers it, or null when only drawn examples can. */
    private static Grouping groupingFor(Metric<? extends Number> metric, AnalysisContext base, boolean onlyIfItPays) {
        RecordingContext recording = new RecordingContext(base);
        try {
            MetricMemo.compute(metric, recording);
        } catch (RuntimeException e) {
            return null; // the drawn bootstrap reports it in its words
        }
        if (recording.examplesRead()) {
            return null;
        }
        Grouping g = base.grouping(recording.families());
        // grouping pays only when the groups are far fewer than the examples
        if (g == null || onlyIfItPays && g.groups() > base.examples() / 4) {
            return null;
        }
        // Poisson weights stand for the classic ones only in a metric of the examples' distribution, which does not
        // change when every example counts twice (a ratio: accuracy, F1, ECE...); a raw count does, and is drawn
        try {
            long[] twice = g.sizes().clone();
            for (int k = 0; k < twice.length; k++) {
                twice[k] *= 2;
            }
            double once = value(MetricMemo.compute(metric, new GroupedResample(base, g, g.sizes(),
                    GroupedResample.NO_REMAINDER)));
            double doubled = value(MetricMemo.compute(metric, new GroupedResample(base, g, twice,
                    GroupedResample.NO_REMAINDER)));
            boolean same = Double.isNaN(once) ? Double.isNaN(doubled)
                    : Math.abs(once - doubled) <= 1e-9 * Math.max(1, Math.abs(once));
            return same ? g : null;
        } catch (RuntimeException e) {
            return null; // it cannot be answered from the groups, or fails on them: the drawn bootstrap tells
        }
    }

    /**
     * Puts grouped intervals on metrics that share a grouping; a metric that reads on a resample what the groups
     * cannot answer gets null (it is drawn instead), the others keep their intervals, which do not depend on it.
     */
    private List<Interval> grouped(AnalysisContext base, Grouping grouping, List<Metric<? extends Number>> list,
            double[] estimates, double level) {
        java.util.concurrent.atomic.AtomicIntegerArray unanswered =
                new java.util.concurrent.atomic.AtomicIntegerArray(list.size());
        double[][] values = Resampling.poissonReplicates(grouping.sizes(), seed, resamples, (counts, random) -> {
            GroupedResample resample = new GroupedResample(base, grouping, counts, random);
            double[] v = new double[list.size()];
            for (int m = 0; m < v.length; m++) {
                if (unanswered.get(m) != 0) {
                    v[m] = Double.NaN;
                    continue;
                }
                try {
                    v[m] = value(MetricMemo.compute(list.get(m), resample));
                } catch (MetricException e) {
                    if (unanswerable(e)) {
                        unanswered.set(m, 1);
                        v[m] = Double.NaN;
                        continue;
                    }
                    throw new MetricException(e.metricName(), "on a bootstrap resample of " + resample.examples()
                            + " examples (Poisson, grouped counts; on the examples themselves it is " + estimates[m]
                            + ")", e.getCause());
                }
            }
            return v;
        });
        List<Interval> intervals = Resampling.percentiles(estimates, values, level,
                Resampling.describePoisson(resamples, seed));
        List<Interval> out = new ArrayList<>(intervals.size());
        for (int m = 0; m < intervals.size(); m++) {
            out.add(unanswered.get(m) != 0 ? null : intervals.get(m));
        }
        return out;
    }

    private static boolean unanswerable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GroupedResample.Unanswerable) {
                return true;
            }
        }
        return false;
    }

    private List<Interval> drawn(AnalysisContext base, List<Metric<? extends Number>> list, double[] estimates,
            double level) {
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

    private static <T> List<T> pick(List<T> all, List<Integer> at) {
        List<T> out = new ArrayList<>(at.size());
        for (int i : at) {
            out.add(all.get(i));
        }
        return out;
    }

    private static double[] pick(double[] all, List<Integer> at) {
        double[] out = new double[at.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = all[at.get(k)];
        }
        return out;
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
