package io.github.erroranalysis.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The percentile bootstrap over any statistic of N examples, knowing nothing of what the examples are.
 *
 * <p>Resample r draws N example indexes with replacement ({@code random.nextInt(N)}, N times) from the r-th
 * generator split in order from {@code new SplittableRandom(seed)}; the statistic sees the drawn indexes. So the
 * same examples, seed and number of resamples give the same values on any number of threads. The interval runs
 * between the {@code (1-level)/2} and {@code (1+level)/2} quantiles of the resampled values (linear interpolation,
 * NumPy's default).
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
        if (resamples < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least 1 resample, but resamples is " + resamples);
        }
        // one generator per resample, split in order from the seed: the same results on any number of threads
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] randoms = new SplittableRandom[resamples];
        for (int r = 0; r < resamples; r++) {
            randoms[r] = root.split();
        }
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
        String method = describe(resamples, seed);
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
