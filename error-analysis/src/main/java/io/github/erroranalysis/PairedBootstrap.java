package io.github.erroranalysis;

import io.github.erroranalysis.stats.Intervals;
import java.util.SplittableRandom;

/**
 * The paired bootstrap of an accuracy change, from its sufficient statistics.
 *
 * <p>A change in accuracy over n examples is {@code (c - b) / n}, with b the right → wrong and c the
 * wrong → right examples. Resampling the n examples (the same ones for both models: paired) draws
 * {@code (b*, c*, rest*)} from the multinomial {@code (n; b/n, c/n, 1 - (b+c)/n)}, which is drawn as
 * {@code d* ~ Binomial(n, (b+c)/n)} and {@code c* ~ Binomial(d*, c/(b+c))}: the cost does not grow with n.
 * Binomials are drawn exactly by inversion (waiting times) when the smaller expected count is below
 * {@value #EXACT_BELOW}, and otherwise from the normal approximation rounded to the nearest count (its
 * skewness is then below 0.13, far too little to move a percentile interval).
 */
final class PairedBootstrap {

    /** The smaller expected count below which binomials are drawn exactly. */
    static final int EXACT_BELOW = 64;

    private PairedBootstrap() {
    }

    /**
     * Resamples an accuracy change.
     *
     * @param n the number of examples, at least 1
     * @param rightToWrong b
     * @param wrongToRight c
     * @param resamples the number of resamples
     * @param random the random source, advanced
     * @return the change {@code (c* - b*) / n} of each resample
     */
    static double[] changes(long n, long rightToWrong, long wrongToRight, int resamples, SplittableRandom random) {
        double[] out = new double[resamples];
        long discordant = rightToWrong + wrongToRight;
        double pDiscordant = (double) discordant / n;
        double pFix = discordant == 0 ? 0 : (double) wrongToRight / discordant;
        for (int r = 0; r < resamples; r++) {
            long d = binomial(n, pDiscordant, random);
            long c = binomial(d, pFix, random);
            out[r] = (double) (2 * c - d) / n;
        }
        return out;
    }

    /**
     * Draws from Binomial(n, p).
     *
     * @param n the number of trials
     * @param p the success probability
     * @param random the random source
     * @return the number of successes
     */
    static long binomial(long n, double p, SplittableRandom random) {
        if (n == 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(n, 1 - p, random);
        }
        double mean = n * p;
        if (mean < EXACT_BELOW) {
            // count successes by geometric waiting times between them
            double logQ = Math.log1p(-p);
            long x = 0;
            long position = 0;
            while (true) {
                double u = 1 - random.nextDouble();
                position += (long) Math.floor(Math.log(u) / logQ) + 1;
                if (position > n) {
                    return x;
                }
                x++;
            }
        }
        double u = random.nextDouble();
        while (u == 0) {
            u = random.nextDouble();
        }
        double z = Intervals.normalQuantile(u);
        long x = Math.round(mean + Math.sqrt(mean * (1 - p)) * z);
        return Math.max(0, Math.min(n, x));
    }
}
