package io.github.erroranalysis.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How an occlusion map is made: a square grey patch of {@code patch} pixels slid with {@code stride}, filled with
 * {@code fill} in the classifier's input space (or, when empty, with each channel's mean over the image), and a
 * seed for the random region of the faithfulness check.
 *
 * @param patch the side of the square patch in pixels, at least 1
 * @param stride the step between patch positions in pixels, at least 1
 * @param fill the value written under the patch in every channel, or empty for each channel's mean
 * @param seed the seed that picks the random region of the faithfulness check
 */
public record OcclusionSettings(int patch, int stride, OptionalDouble fill, long seed) {

    /** The patch side of {@link #defaults()}: 4 pixels. */
    public static final int DEFAULT_PATCH = 4;

    /** The stride of {@link #defaults()}: 2 pixels (225 positions on a 32×32 image). */
    public static final int DEFAULT_STRIDE = 2;

    /** The seed of {@link #defaults()}. */
    public static final long DEFAULT_SEED = 42;

    /**
     * Checks the settings.
     *
     * @param patch the patch side
     * @param stride the stride
     * @param fill the fill value, or empty for the per-channel mean
     * @param seed the seed of the random region
     */
    public OcclusionSettings {
        if (patch < 1 || stride < 1) {
            throw new IllegalArgumentException("patch and stride must be at least 1, but are patch=" + patch
                    + ", stride=" + stride);
        }
        Objects.requireNonNull(fill, "fill");
        if (fill.isPresent() && !Double.isFinite(fill.getAsDouble())) {
            throw new IllegalArgumentException("the fill value must be finite, but is " + fill.getAsDouble());
        }
    }

    /**
     * Gives the course's settings: a 4×4 patch, stride 2, filled with each channel's mean, seed 42.
     *
     * @return the default settings
     */
    public static OcclusionSettings defaults() {
        return new OcclusionSettings(DEFAULT_PATCH, DEFAULT_STRIDE, OptionalDouble.empty(), DEFAULT_SEED);
    }

    /**
     * Gives the same settings with a fixed fill value, for example 0.5 for images scaled to [0, 1].
     *
     * @param value the value written under the patch, in the classifier's input space
     * @return new settings
     */
    public OcclusionSettings withFill(double value) {
        return new OcclusionSettings(patch, stride, OptionalDouble.of(value), seed);
    }

    /**
     * Gives the same settings with another patch size and stride.
     *
     * @param patchSide the side of the square patch in pixels
     * @param step the step between positions in pixels
     * @return new settings
     */
    public OcclusionSettings withPatch(int patchSide, int step) {
        return new OcclusionSettings(patchSide, step, fill, seed);
    }

    /**
     * Gives the same settings with another seed for the random region.
     *
     * @param randomSeed the seed
     * @return new settings
     */
    public OcclusionSettings withSeed(long randomSeed) {
        return new OcclusionSettings(patch, stride, fill, randomSeed);
    }
}
