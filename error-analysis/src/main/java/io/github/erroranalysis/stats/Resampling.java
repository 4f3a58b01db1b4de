package io.github.erroranalysis.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * The percentile bootstrap over any statistic of N examples, knowing nothing of what the examples are.
 *
 * <p>Resample r draws N example indexes with replacement ({@code random.nextInt(N)}, N times) from the r-th
 * generator split in order from {@code new SplittableRandom(seed)}; the statistic sees the drawn indexes. So the
 * same examples, seed and number of resamples give the same values on any number of threads. The interval runs
 * between the {@code (1-level)/2} and {@code (1+level)/2} quantiles of the resampled values (linear interpolation,
 * NumPy's default).
 *
 * <p>{@link #poissonReplicates} is the Poisson bootstrap over groups of examples that a statistic cannot tell apart:
 * each example's weight is an independent Poisson(1) count, so a group's total is one Poisson draw with the group's
 * size as mean (Commons RNG's exact {@link PoissonSampler}: a Poisson process below mean 40, Devroye's rejection
 * method above), and a resample costs one draw per group, not per example.
 */
public final class Resampling {

    private Resampling() {
    }

    /**
     * Names the method for {@link Interval#method()}.
     *
     * @param resamples the number of resamples
     * @param seed the seed
     * @return for example "percentile bootstrap, 1000 resamples, seed 42"
     */
    public static String describe(int resamples, long seed) {
        return "percentile bootstrap, " + resamples + " resamples, seed " + seed;
    }

    /**
     * Computes statistics on every resample; the index array is valid during the call only (it is reused).
     *
     * @param examples the number of examples N, at least 1
     * @param seed the seed
     * @param resamples the number of resamples, at least 1
     * @param statistics the statistics of one resample, from its N drawn example indexes
     * @return the statistics of each resample, {@code [resample][statistic]}
     * @throws IllegalArgumentException naming the number of examples or resamples when below 1
     */
    public static double[][] replicates(int examples, long seed, int resamples, Function<int[], double[]> statistics) {
        Objects.requireNonNull(statistics, "statistics");
        if (examples < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least 1 example, but examples is " + examples);
        }
        SplittableRandom[] randoms = generators(seed, resamples);
        double[][] out = new double[resamples][];
        // contiguous runs of resamples, each with one reused index array
        int runs = Math.min(resamples, 4 * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, runs).parallel().forEach(run -> {
            int[] draws = new int[examples];
            for (int r = (int) ((long) resamples * run / runs); r < (long) resamples * (run + 1) / runs; r++) {
                SplittableRandom random = randoms[r];
                for (int k = 0; k < examples; k++) {
                    draws[k] = random.nextInt(examples);
                }
                out[r] = statistics.apply(draws);
            }
        });
        return out;
    }

    /**
     * Names the method of the grouped Poisson bootstrap for {@link Interval#method()}.
     *
     * @param resamples the number of resamples
     * @param seed the seed
     * @return for example "percentile bootstrap (Poisson, grouped counts), 1000 resamples, seed 42"
     */
    public static String describePoisson(int resamples, long seed) {
        return "percentile bootstrap (Poisson, grouped counts), " + resamples + " resamples, seed " + seed;
    }

    /**
     * Computes statistics on every resample of the Poisson bootstrap over groups: in resample r, group g's count is
     * an independent Poisson draw with mean {@code groupSizes[g]}, drawn in group order from the r-th generator split
     * in order from {@code new SplittableRandom(seed)}; the statistic then sees the counts and that generator (for any
     * further draws of its own), so the same sizes, seed and number of resamples give the same values on any number
     * of threads. The counts array is valid during the call only (it is reused).
     *
     * @param groupSizes the number of examples in each group, each at least 1
     * @param seed the seed
     * @param resamples the number of resamples, at least 1
     * @param statistics the statistics of one resample, from its group counts and its generator
     * @return the statistics of each resample, {@code [resample][statistic]}
     * @throws IllegalArgumentException naming the group or the number of resamples when out of range
     */
    public static double[][] poissonReplicates(long[] groupSizes, long seed, int resamples,
            BiFunction<long[], RandomGenerator, double[]> statistics) {
        return poissonReplicates(groupSizes, seed, resamples, 4 * Runtime.getRuntime().availableProcessors(),
                statistics);
    }

    /**
     * {@link #poissonReplicates(long[], long, int, BiFunction)} with the counts of large groups drawn from the normal
     * approximation of the Poisson with its skewness corrected (Cornish–Fisher: {@code round(μ + √μ·z + (z² − 1)/6)},
     * z one standard normal draw from the resample's generator, at least 0): a group of at least {@code normalFrom}
     * examples costs one normal draw instead of an exact Poisson draw. The draw has the Poisson's mean, variance and
     * skewness to first order; what it misses is of the order of the excess kurtosis, 1/μ ≤ 1/normalFrom. Smaller
     * groups are drawn exactly by inversion (one uniform draw, the cumulative probabilities summed from 0), in group
     * order from the same generator; every draw of a resample comes from its generator, so the values are the same on
     * any number of threads.
     *
     * @param groupSizes the number of examples in each group, each at least 1
     * @param seed the seed
     * @param resamples the number of resamples, at least 1
     * @param normalFrom the group size from which the normal approximation is drawn, at least 1
     * @param statistics the statistics of one resample, from its group counts and its generator
     * @return the statistics of each resample, {@code [resample][statistic]}
     * @throws IllegalArgumentException naming the group, the number of resamples or normalFrom when out of range
     */
    public static double[][] poissonReplicates(long[] groupSizes, long seed, int resamples, long normalFrom,
            BiFunction<long[], RandomGenerator, double[]> statistics) {
        if (normalFrom < 1) {
            throw new IllegalArgumentException("normalFrom must be at least 1, but is " + normalFrom);
        }
        return poissonReplicates(groupSizes, seed, resamples, 4 * Runtime.getRuntime().availableProcessors(),
                normalFrom, statistics);
    }

    /** {@link #poissonReplicates(long[], long, int, BiFunction)} in a chosen number of runs (the same values). */
    static double[][] poissonReplicates(long[] groupSizes, long seed, int resamples, int runCount,
            BiFunction<long[], RandomGenerator, double[]> statistics) {
        return poissonReplicates(groupSizes, seed, resamples, runCount, Long.MAX_VALUE, statistics);
    }

    private static double[][] poissonReplicates(long[] groupSizes, long seed, int resamples, int runCount,
            long normalFrom, BiFunction<long[], RandomGenerator, double[]> statistics) {
        Objects.requireNonNull(statistics, "statistics");
        long[] sizes = groupSizes.clone();
        for (int g = 0; g < sizes.length; g++) {
            if (sizes[g] < 1) {
                throw new IllegalArgumentException("a group of a Poisson bootstrap needs at least 1 example, but group "
                        + g + " has " + sizes[g]);
            }
        }
        SplittableRandom[] randoms = generators(seed, resamples);
        // one sampler per distinct group size, its state made once and shared by every run
        Map<Long, SharedStateDiscreteSampler> prototypes = new HashMap<>();
        Switchable none = new Switchable();
        // the counts' own draws (normalFrom given): e^-μ for inversion below normalFrom, √μ for the normal above
        boolean own = normalFrom != Long.MAX_VALUE;
        double[] root = new double[sizes.length];
        double[] expMinus = new double[sizes.length];
        for (int g = 0; g < sizes.length; g++) {
            if (!own) {
                prototypes.computeIfAbsent(sizes[g], mean -> PoissonSampler.of(none, mean));
            }
            root[g] = Math.sqrt(sizes[g]);
            expMinus[g] = Math.exp(-sizes[g]);
        }
        double[][] out = new double[resamples][];
        int runs = Math.max(1, Math.min(resamples, runCount));
        IntStream.range(0, runs).parallel().forEach(run -> {
            Switchable source = new Switchable();
            Map<Long, DiscreteSampler> bySize = new HashMap<>();
            DiscreteSampler[] samplers = new DiscreteSampler[sizes.length];
            for (int g = 0; g < sizes.length && !own; g++) {
                samplers[g] = bySize.computeIfAbsent(sizes[g],
                        size -> prototypes.get(size).withUniformRandomProvider(source));
            }
            long[] counts = new long[sizes.length];
            for (int r = (int) ((long) resamples * run / runs); r < (long) resamples * (run + 1) / runs; r++) {
                source.random = randoms[r];
                for (int g = 0; g < counts.length; g++) {
                    if (!own) {
                        counts[g] = samplers[g].sample();
                    } else if (sizes[g] < normalFrom) {
                        counts[g] = poissonByInversion(sizes[g], expMinus[g], randoms[r]);
                    } else {
                        double z = randoms[r].nextGaussian();
                        counts[g] = Math.max(0, Math.round(sizes[g] + root[g] * z + (z * z - 1) / 6));
                    }
                }
                out[r] = statistics.apply(counts, randoms[r]);
            }
        });
        return out;
    }

    /** An exact Poisson draw of a small mean by inversion: the smallest x whose cumulative probability reaches u. */
    private static long poissonByInversion(double mean, double expMinusMean, RandomGenerator random) {
        double u = random.nextDouble();
        double p = expMinusMean;
        double cumulative = p;
        long x = 0;
        while (u > cumulative && p > 0) {
            x++;
            p *= x < INVERSES.length ? mean * INVERSES[(int) x] : mean / x;
            cumulative += p;
        }
        return x;
    }

    /** 1/x for small x, so that inversion multiplies instead of dividing. */
    private static final double[] INVERSES = new double[256];

    static {
        for (int x = 1; x < INVERSES.length; x++) {
            INVERSES[x] = 1.0 / x;
        }
    }

    /**
     * One generator per resample, split in order from the seed, so that the results are the same on any number of
     * threads.
     */
    private static SplittableRandom[] generators(long seed, int resamples) {
        if (resamples < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least 1 resample, but resamples is " + resamples);
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] randoms = new SplittableRandom[resamples];
        for (int r = 0; r < resamples; r++) {
            randoms[r] = root.split();
        }
        return randoms;
    }

    /** A Commons RNG source that reads whichever generator the current resample has. */
    private static final class Switchable implements UniformRandomProvider {
        private SplittableRandom random;

        @Override
        public long nextLong() {
            return random.nextLong();
        }
    }

    /**
     * Puts percentile bootstrap intervals on several statistics drawn from the same resamples.
     *
     * @param examples the number of examples N, at least 1
     * @param seed the seed
     * @param resamples the number of resamples, at least 1
     * @param level the confidence level, strictly between 0 and 1
     * @param estimates each statistic on the data themselves (NaN gives the undefined interval)
     * @param statistics the statistics of one resample, as many as estimates, from its drawn example indexes
     * @return one interval per statistic, in order
     */
    public static List<Interval> percentiles(int examples, long seed, int resamples, double level, double[] estimates,
            Function<int[], double[]> statistics) {
        Intervals.checkLevel(level);
        double[][] values = replicates(examples, seed, resamples, statistics);
        return percentiles(estimates, values, level, describe(resamples, seed));
    }

    /**
     * Puts percentile intervals on several statistics from their values on resamples already drawn.
     *
     * @param estimates each statistic on the data themselves (NaN gives the undefined interval)
     * @param values the statistics of each resample, {@code [resample][statistic]}, as many per resample as estimates
     * @param level the confidence level, strictly between 0 and 1
     * @param method the method, for {@link Interval#method()}
     * @return one interval per statistic, in order
     * @throws IllegalArgumentException when a resample gives another number of statistics than the estimates
     */
    public static List<Interval> percentiles(double[] estimates, double[][] values, double level, String method) {
        Intervals.checkLevel(level);
        int resamples = values.length;
        List<Interval> out = new ArrayList<>(estimates.length);
        for (int s = 0; s < estimates.length; s++) {
            double[] column = new double[resamples];
            for (int r = 0; r < resamples; r++) {
                if (values[r].length != estimates.length) {
                    throw new IllegalArgumentException("a resample gave " + values[r].length + " statistics but there are "
                            + estimates.length + " estimates");
                }
                column[r] = values[r][s];
            }
            out.add(Intervals.percentile(estimates[s], column, level, method));
        }
        return List.copyOf(out);
    }

    /**
     * Puts a percentile bootstrap interval on one statistic.
     *
     * @param examples the number of examples N, at least 1
     * @param seed the seed
     * @param resamples the number of resamples, at least 1
     * @param level the confidence level, strictly between 0 and 1
     * @param estimate the statistic on the data themselves (NaN gives the undefined interval)
     * @param statistic the statistic of one resample, from its drawn example indexes
     * @return the estimate with its interval
     */
    public static Interval percentile(int examples, long seed, int resamples, double level, double estimate,
            ToDoubleFunction<int[]> statistic) {
        Objects.requireNonNull(statistic, "statistic");
        return percentiles(examples, seed, resamples, level, new double[] {estimate},
                draws -> new double[] {statistic.applyAsDouble(draws)}).get(0);
    }
}
