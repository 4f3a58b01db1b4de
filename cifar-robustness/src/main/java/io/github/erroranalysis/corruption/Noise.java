package io.github.erroranalysis.corruption;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The noise corruptions: Gaussian, shot (Poisson), impulse (salt and pepper) and speckle, each drawn per element of
 * the reference's height × width × channel array of values in [0, 1], in that array's order.
 */
final class Noise {

    private static final double[] GAUSSIAN = {0.04, 0.06, .08, .09, .10};
    private static final double[] SHOT = {500, 250, 100, 75, 50};
    private static final double[] IMPULSE = {.01, .02, .03, .05, .07};
    private static final double[] SPECKLE = {.06, .1, .12, .16, .2};

    private Noise() {
    }

    /**
     * The reference's {@code gaussian_noise}: {@code clip(x + N(0, c²), 0, 1) * 255} per element.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param seed the seed
     * @return the corrupted image
     */
    static byte[] gaussianNoise(byte[] image, int severity, long seed) {
        double c = GAUSSIAN[severity - 1];
        ContinuousSampler normal = ZigguratSampler.NormalizedGaussian.of(Seeds.generator(seed));
        double[] x = Planes.toHwc(image);
        for (int i = 0; i < x.length; i++) {
            x[i] += c * normal.sample();
        }
        return Planes.fromUnit(x);
    }

    /**
     * The reference's {@code shot_noise}: {@code clip(Poisson(x c) / c, 0, 1) * 255} per element (a mean of 0
     * gives 0, as NumPy's).
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param seed the seed
     * @return the corrupted image
     */
    static byte[] shotNoise(byte[] image, int severity, long seed) {
        double c = SHOT[severity - 1];
        UniformRandomProvider rng = Seeds.generator(seed);
        DiscreteSampler[] byLevel = new DiscreteSampler[256];
        double[] x = Planes.toHwc(image);
        for (int i = 0; i < x.length; i++) {
            int level = (int) Math.round(x[i] * 255.0);
            double mean = x[i] * c;
            if (mean > 0) {
                if (byLevel[level] == null) {
                    byLevel[level] = PoissonPrototypes.ALL[severity - 1][level].withUniformRandomProvider(rng);
                }
                x[i] = byLevel[level].sample() / c;
            } else {
                x[i] = 0;
            }
        }
        return Planes.fromUnit(x);
    }

    /**
     * The Poisson samplers of shot noise per severity and grey level (mean {@code level / 255 · c}), set up once:
     * their tables are shared by the copies each call binds to its own generator, and they are never drawn from.
     */
    private static final class PoissonPrototypes {

        /** {@code ALL[severity - 1][level]}; null for level 0 (mean 0). */
        static final SharedStateDiscreteSampler[][] ALL = create();

        private static SharedStateDiscreteSampler[][] create() {
            SharedStateDiscreteSampler[][] all = new SharedStateDiscreteSampler[SHOT.length][256];
            UniformRandomProvider unused = Seeds.generator(0);
            for (int s = 0; s < SHOT.length; s++) {
                for (int level = 1; level < 256; level++) {
                    all[s][level] = PoissonSampler.of(unused, level / 255.0 * SHOT[s]);
                }
            }
            return all;
        }
    }

    /**
     * The reference's {@code impulse_noise}, skimage 0.19's {@code random_noise(mode='s&p', amount=c,
     * salt_vs_pepper=0.5)}: an element is flipped when a uniform draw is ≤ c (all flip draws first), and a flipped
     * element becomes 1 when a second uniform draw is ≤ 0.5 (all second draws next), else 0.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param seed the seed
     * @return the corrupted image
     */
    static byte[] impulseNoise(byte[] image, int severity, long seed) {
        double amount = IMPULSE[severity - 1];
        UniformRandomProvider rng = Seeds.generator(seed);
        double[] x = Planes.toHwc(image);
        boolean[] flipped = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            flipped[i] = rng.nextDouble() <= amount;
        }
        for (int i = 0; i < x.length; i++) {
            boolean salted = rng.nextDouble() <= 0.5;
            if (flipped[i]) {
                x[i] = salted ? 1.0 : 0.0;
            }
        }
        return Planes.fromUnit(x);
    }

    /**
     * The reference's {@code speckle_noise}: {@code clip(x + x N(0, c²), 0, 1) * 255} per element.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param seed the seed
     * @return the corrupted image
     */
    static byte[] speckleNoise(byte[] image, int severity, long seed) {
        double c = SPECKLE[severity - 1];
        ContinuousSampler normal = ZigguratSampler.NormalizedGaussian.of(Seeds.generator(seed));
        double[] x = Planes.toHwc(image);
        for (int i = 0; i < x.length; i++) {
            x[i] += x[i] * (c * normal.sample());
        }
        return Planes.fromUnit(x);
    }
}
