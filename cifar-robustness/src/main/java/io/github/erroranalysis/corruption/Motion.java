package io.github.erroranalysis.corruption;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;

/**
 * Motion blur and snow, with a motion-blur kernel equivalent to ImageMagick 6's {@code MotionBlurImage} (effect.c):
 * a one-sided Gaussian of {@code 2 ceil(radius) + 1} taps {@code exp(-i² / 2σ²)}, normalised, at the integer offsets
 * {@code (ceil(i cos a - 0.5), ceil(i sin a - 0.5))} (rounded, not interpolated), edge pixels repeated outside the
 * image, summed in double on ImageMagick's 16-bit quantum ({@code 257 v}), rounded to 16 bits
 * ({@code ClampToQuantum}) and scaled back to 8 bits as ImageMagick's PNG writer does ({@code ScaleQuantumToAny}
 * without HDRI truncates: {@code (int) (255 q / 65535)}, not the rounding of {@code ScaleQuantumToChar}).
 */
final class Motion {

    /** The reference's (radius, sigma) of {@code motion_blur} per severity. */
    private static final double[][] BLUR = {{6, 1}, {6, 1.5}, {6, 2}, {8, 2}, {9, 2.5}};

    /** The reference's snow parameters per severity: mean, sd, zoom, threshold, radius, sigma, mix. */
    private static final double[][] SNOW = {
        {0.1, 0.2, 1, 0.6, 8, 3, 0.95},
        {0.1, 0.2, 1, 0.5, 10, 4, 0.9},
        {0.15, 0.3, 1.75, 0.55, 10, 4, 0.9},
        {0.25, 0.3, 2.25, 0.6, 12, 6, 0.85},
        {0.3, 0.3, 1.25, 0.65, 14, 12, 0.8}};

    private static final int SIDE = Planes.SIDE;
    private static final int PIXELS = Planes.PIXELS;

    private Motion() {
    }

    /**
     * A motion-blur kernel: weights and integer offsets along the angle.
     *
     * @param weights the normalised one-sided Gaussian weights
     * @param dx the column offsets
     * @param dy the row offsets
     */
    record Kernel(double[] weights, int[] dx, int[] dy) {
    }

    /**
     * Builds ImageMagick 6's motion-blur kernel ({@code GetOptimalKernelWidth1D}, {@code GetMotionBlurKernel} and the
     * offsets of {@code MotionBlurImageChannel}).
     *
     * @param radius the radius in pixels (positive, as every caller here passes)
     * @param sigma the standard deviation in pixels
     * @param angleDegrees the angle of the motion in degrees
     * @return the kernel
     */
    static Kernel kernel(double radius, double sigma, double angleDegrees) {
        int width = (int) (2.0 * Math.ceil(radius) + 1.0);
        double[] w = new double[width];
        double normalize = 0;
        for (int i = 0; i < width; i++) {
            w[i] = Math.exp(-((double) i * i) / (2.0 * sigma * sigma)) / (2.50662827463100024161 * sigma);
            normalize += w[i];
        }
        for (int i = 0; i < width; i++) {
            w[i] /= normalize;
        }
        double radians = Math.PI * angleDegrees / 180.0;
        double px = width * Math.sin(radians);
        double py = width * Math.cos(radians);
        double h = Math.hypot(px, py);
        int[] dx = new int[width];
        int[] dy = new int[width];
        for (int i = 0; i < width; i++) {
            dx[i] = (int) Math.ceil(i * py / h - 0.5);
            dy[i] = (int) Math.ceil(i * px / h - 0.5);
        }
        return new Kernel(w, dx, dy);
    }

    /**
     * Blurs one 32 × 32 plane of 8-bit values as ImageMagick 6 (Q16, no HDRI) does and writes an 8-bit plane as its
     * PNG writer does.
     *
     * @param in the source bytes
     * @param from the plane's first index in {@code in}
     * @param k the kernel
     * @param out the destination bytes
     * @param to the plane's first index in {@code out}
     */
    static void blurPlane(byte[] in, int from, Kernel k, byte[] out, int to) {
        double[] w = k.weights();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double s = 0;
                for (int i = 0; i < w.length; i++) {
                    int sx = Math.min(SIDE - 1, Math.max(0, x + k.dx()[i]));
                    int sy = Math.min(SIDE - 1, Math.max(0, y + k.dy()[i]));
                    s += w[i] * (257.0 * (in[from + sy * SIDE + sx] & 0xFF));
                }
                long q = s <= 0 ? 0 : s >= 65535.0 ? 65535 : (long) (s + 0.5);
                out[to + y * SIDE + x] = (byte) (int) (255.0 * q / 65535.0);
            }
        }
    }

    /** The reference's {@code motion_blur}: the angle is drawn uniformly on [-45, 45] degrees. */
    static byte[] motionBlur(byte[] image, int severity, long seed) {
        UniformRandomProvider rng = Seeds.generator(seed);
        return motionBlur(image, severity, ContinuousUniformSampler.of(rng, -45, 45).sample());
    }

    /**
     * The reference's {@code motion_blur} at a given angle.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param angleDegrees the angle in degrees
     * @return new planar RGB bytes
     */
    static byte[] motionBlur(byte[] image, int severity, double angleDegrees) {
        double[] c = BLUR[severity - 1];
        Kernel k = kernel(c[0], c[1], angleDegrees);
        byte[] out = new byte[Planes.IMAGE_BYTES];
        for (int ch = 0; ch < 3; ch++) {
            blurPlane(image, ch * PIXELS, k, out, ch * PIXELS);
        }
        return out;
    }

    /** The reference's {@code snow}: a normal snow layer, then the angle uniform on [-135, -45] degrees. */
    static byte[] snow(byte[] image, int severity, long seed) {
        double[] c = SNOW[severity - 1];
        UniformRandomProvider rng = Seeds.generator(seed);
        double[] layer = Seeds.normalLayer(rng, c[0], c[1]);
        return snow(image, severity, layer, ContinuousUniformSampler.of(rng, -135, -45).sample());
    }

    /**
     * The reference's {@code snow} with its random draws given.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param layer the 32 × 32 normal draws of the snow layer (already with the severity's mean and sd), row-major
     * @param angleDegrees the motion blur's angle in degrees
     * @return new planar RGB bytes
     */
    static byte[] snow(byte[] image, int severity, double[] layer, double angleDegrees) {
        double[] c = SNOW[severity - 1];
        double[] zoomed = Blur.clippedZoom(layer, SIDE, 1, c[2]);
        byte[] flakes = new byte[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            double v = zoomed[p] < c[3] ? 0 : zoomed[p];
            flakes[p] = Planes.truncate(Planes.clip01(v) * 255);
        }
        byte[] blurred = new byte[PIXELS];
        blurPlane(flakes, 0, kernel(c[4], c[5], angleDegrees), blurred, 0);
        float[] x = Planes.toHwcFloat(image);
        float mix = (float) c[6];
        float rest = (float) (1 - c[6]);
        double[] out = new double[Planes.IMAGE_BYTES];
        for (int p = 0; p < PIXELS; p++) {
            float r = x[p * 3];
            float g = x[p * 3 + 1];
            float b = x[p * 3 + 2];
            float grey = Math.fma(b, 0.114f, Math.fma(g, 0.587f, r * 0.299f));
            float lifted = grey * 1.5f + 0.5f;
            double snowHere = (blurred[p] & 0xFF) / 255.0 + (blurred[PIXELS - 1 - p] & 0xFF) / 255.0;
            for (int ch = 0; ch < 3; ch++) {
                float v = x[p * 3 + ch];
                float mixed = mix * v + rest * Math.max(v, lifted);
                out[p * 3 + ch] = (double) mixed + snowHere;
            }
        }
        return Planes.fromUnit(out);
    }
}
