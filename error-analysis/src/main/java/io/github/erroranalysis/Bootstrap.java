package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.nio.IntBuffer;
import java.util.SplittableRandom;

/**
 * Bootstrap settings and percentile intervals for statistics without a formula: the expected calibration error
 * (ECE) and macro-F1.
 *
 * <p>A resample draws N examples with replacement from the N analysed, with a {@link SplittableRandom} seeded
 * with {@link #seed()}, so the same data and seed always give the same interval. The interval runs between the
 * {@code (1-level)/2} and {@code (1+level)/2} quantiles of the statistic over the resamples (linear
 * interpolation, NumPy's default); the estimate is the statistic on the data themselves, as the core computes it.
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
     * Gives the expected calibration error (the core's 15 equal-width bins) with a percentile bootstrap interval.
     *
     * @param analysis the analysis
     * @param level the confidence level, strictly between 0 and 1
     * @return the ECE with its interval
     */
    public Interval ece(ErrorAnalysis analysis, double level) {
        return eceAndMacroF1(analysis, level)[0];
    }

    /**
     * Gives macro-F1 (classes with undefined F1 left out, as the core does) with a percentile bootstrap interval.
     *
     * @param analysis the analysis
     * @param level the confidence level, strictly between 0 and 1
     * @return macro-F1 with its interval
     */
    public Interval macroF1(ErrorAnalysis analysis, double level) {
        return eceAndMacroF1(analysis, level)[1];
    }

    /**
     * Names the method for {@link Interval#method()}.
     *
     * @return for example "percentile bootstrap, 1000 resamples, seed 42"
     */
    String describe() {
        return "percentile bootstrap, " + resamples + " resamples, seed " + seed;
    }

    /**
     * Resamples once per resample and computes both statistics from the same resamples.
     *
     * @param analysis the analysis
     * @param level the confidence level
     * @return the ECE interval and the macro-F1 interval, in that order
     */
    Interval[] eceAndMacroF1(ErrorAnalysis analysis, double level) {
        Intervals.checkLevel(level);
        int n = analysis.examples();
        int classes = analysis.classCount();
        int bins = analysis.calibration().bins().size();
        // one bulk copy of what a resample reads, as primitive arrays
        int[] truth = copy(analysis.trueClasses(), n);
        int[] predicted = copy(analysis.predictedClasses(), n);
        double[] confidence = new double[n];
        int[] bin = new int[n];
        for (int i = 0; i < n; i++) {
            double c = (float) analysis.confidence(i);
            confidence[i] = c;
            bin[i] = Math.max((int) Math.ceil(c * bins) - 1, 0);
        }
        // per example: its bin and correctness as one code, and its confusion cell (row true, column predicted)
        int[] binCode = new int[n];
        int[] cell = new int[n];
        for (int i = 0; i < n; i++) {
            binCode[i] = 2 * bin[i] + (truth[i] == predicted[i] ? 1 : 0);
            cell[i] = truth[i] * classes + predicted[i];
        }
        double[] eces = new double[resamples];
        double[] f1s = new double[resamples];
        // one generator per resample, split in order from the seed: the same results on any number of threads
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] randoms = new SplittableRandom[resamples];
        for (int r = 0; r < resamples; r++) {
            randoms[r] = root.split();
        }
        java.util.stream.IntStream.range(0, resamples).parallel().forEach(r -> {
            SplittableRandom random = randoms[r];
            long[] codeCount = new long[2 * bins];
            double[] binConfidence = new double[bins];
            long[] cells = new long[classes * classes];
            for (int k = 0; k < n; k++) {
                int i = random.nextInt(n);
                codeCount[binCode[i]]++;
                binConfidence[binCode[i] >> 1] += confidence[i];
                cells[cell[i]]++;
            }
            long[] binCorrect = new long[bins];
            for (int b = 0; b < bins; b++) {
                binCorrect[b] = codeCount[2 * b + 1];
            }
            long[] tp = new long[classes];
            long[] support = new long[classes];
            long[] predictedCount = new long[classes];
            for (int t = 0; t < classes; t++) {
                for (int p = 0; p < classes; p++) {
                    long count = cells[t * classes + p];
                    support[t] += count;
                    predictedCount[p] += count;
                }
                tp[t] = cells[t * classes + t];
            }
            eces[r] = ece(binCorrect, binConfidence, n);
            f1s[r] = macroF1(tp, support, predictedCount);
        });
        String method = describe();
        return new Interval[] {
            Intervals.percentile(analysis.calibration().ece(), eces, level, method),
            Intervals.percentile(analysis.precisionRecallF1().macro().f1(), f1s, level, method)};
    }

    /** The ECE of binned counts: {@code Σ |correct_b - Σconfidence_b| / N}, as the core computes it. */
    static double ece(long[] binCorrect, double[] binConfidence, int n) {
        double sum = 0;
        for (int b = 0; b < binCorrect.length; b++) {
            sum += Math.abs(binCorrect[b] - binConfidence[b]);
        }
        return sum / n;
    }

    /** Macro-F1 of counts: the mean of {@code 2TP / (support + predicted)} over classes where it is defined. */
    static double macroF1(long[] tp, long[] support, long[] predictedCount) {
        double sum = 0;
        int defined = 0;
        for (int c = 0; c < tp.length; c++) {
            long denominator = support[c] + predictedCount[c];
            if (denominator > 0) {
                sum += 2.0 * tp[c] / denominator;
                defined++;
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }

    static int[] copy(IntBuffer buffer, int n) {
        int[] out = new int[n];
        buffer.duplicate().get(out);
        return out;
    }
}
