package io.github.erroranalysis.corruption;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The seeded generators of the random corruptions: one generator per (image, severity, seed) call, so a corruption
 * is a pure function, and the seed of each image of a data set derived from one user seed.
 */
public final class Seeds {

    private Seeds() {
    }

    /**
     * Makes the generator a random corruption draws from.
     *
     * @param seed the seed
     * @return a new generator (XoRoShiRo128++), the same sequence for the same seed
     */
    static UniformRandomProvider generator(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /**
     * Draws a 32 × 32 layer of normal values, row-major (the ziggurat sampler scaled and shifted), as snow and
     * spatter draw theirs.
     *
     * @param rng the generator
     * @param mean the mean
     * @param sd the standard deviation
     * @return {@link Planes#PIXELS} values
     */
    static double[] normalLayer(UniformRandomProvider rng, double mean, double sd) {
        ContinuousSampler normal = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), mean, sd);
        double[] layer = new double[Planes.PIXELS];
        for (int p = 0; p < layer.length; p++) {
            layer[p] = normal.sample();
        }
        return layer;
    }

    /**
     * Derives the seed of one image of a data set from the user's seed, the corruption, the severity and the image's
     * position (SplitMix64's finaliser over the combined values), so that every cell and every image draws an
     * independent stream.
     *
     * @param seed the user's seed ({@code --seed})
     * @param corruption the corruption
     * @param severity the severity
     * @param index the image's position in the data set
     * @return the image's seed
     */
    public static long forImage(long seed, Corruption corruption, int severity, int index) {
        long z = seed;
        z = mix(z + 0x9E3779B97F4A7C15L * (corruption.ordinal() + 1));
        z = mix(z + 0x9E3779B97F4A7C15L * severity);
        return mix(z + 0x9E3779B97F4A7C15L * (index + 1L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
