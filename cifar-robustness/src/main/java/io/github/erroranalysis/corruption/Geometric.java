package io.github.erroranalysis.corruption;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The corruptions that move pixels: glass blur (local swaps between two Gaussian blurs) and the elastic transform
 * (a random affine warp as OpenCV's {@code warpAffine}, then a smooth random displacement as SciPy's
 * {@code map_coordinates}).
 */
final class Geometric {

    private static final int SIDE = Planes.SIDE;

    /** The glass blur's (sigma, max_delta, iterations) per severity. */
    private static final double[][] GLASS = {{0.05, 1, 1}, {0.25, 1, 1}, {0.4, 1, 1}, {0.25, 1, 2}, {0.4, 1, 2}};

    /** The elastic transform's (alpha, sigma, affine spread) per severity, as multiples of the side 32. */
    private static final double[][] ELASTIC = {{0, 0, 0.08}, {0.05, 0.2, 0.07}, {0.08, 0.06, 0.06},
        {0.1, 0.04, 0.05}, {0.1, 0.03, 0.03}};

    /** OpenCV's fixed-point bits of a warp's coordinates. */
    private static final int AB_BITS = 10;

    /** OpenCV's bits of the interpolation table (a fraction is quantised to 1/32). */
    private static final int INTER_BITS = 5;

    private static final int INTER_TAB_SIZE = 1 << INTER_BITS;

    private Geometric() {
    }

    /**
     * The reference's {@code glass_blur}: a Gaussian blur (skimage, mode nearest) truncated to bytes, for each
     * iteration every pixel (h, w), h and w from 31 down to 2, takes the pixel (h + dy, w + dx), dx then dy drawn
     * from {−1, 0} ({@code np.random.randint(-1, 1)}) (the reference's swap on NumPy views copies rather than
     * swaps), and the Gaussian blur again.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param seed the seed
     * @return the corrupted image
     */
    static byte[] glassBlur(byte[] image, int severity, long seed) {
        return glassBlur(image, severity, Seeds.generator(seed));
    }

    /**
     * The glass blur drawing from a given generator (its {@code nextInt(2)} draws, dx then dy per pixel).
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param rng the generator
     * @return the corrupted image
     */
    static byte[] glassBlur(byte[] image, int severity, UniformRandomProvider rng) {
        double[] c = GLASS[severity - 1];
        double sigma = c[0];
        int delta = (int) c[1];
        int iterations = (int) c[2];
        double[] blurred = Filters.gaussian(Planes.toHwc(image), SIDE, SIDE, 3, sigma, Filters.Mode.NEAREST,
                Filters.TRUNCATE);
        int[] x = new int[blurred.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (int) (blurred[i] * 255.0);
        }
        for (int it = 0; it < iterations; it++) {
            for (int h = SIDE - delta; h > delta; h--) {
                for (int w = SIDE - delta; w > delta; w--) {
                    int dx = rng.nextInt(2 * delta) - delta;
                    int dy = rng.nextInt(2 * delta) - delta;
                    copy(x, (h + dy) * SIDE + w + dx, h * SIDE + w);
                }
            }
        }
        double[] shuffled = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            shuffled[i] = x[i] / 255.0;
        }
        return Planes.fromUnit(Filters.gaussian(shuffled, SIDE, SIDE, 3, sigma, Filters.Mode.NEAREST,
                Filters.TRUNCATE));
    }

    /**
     * The reference's "swap" {@code x[h, w], x[h', w'] = x[h', w'], x[h, w]} on NumPy views: the first assignment
     * copies (h', w') into (h, w), the second copies that same value back, so (h, w) takes (h', w')'s pixel and
     * (h', w') keeps its own.
     */
    private static void copy(int[] x, int from, int to) {
        System.arraycopy(x, from * 3, x, to * 3, 3);
    }

    /**
     * The reference's {@code elastic_transform}: the three points (26, 26), (26, 6), (6, 6) each moved by uniform
     * draws in ±spread (float32), OpenCV's affine transform between them applied by {@code warpAffine} (bilinear,
     * BORDER_REFLECT_101, float32), then displacements dx, dy = alpha × a Gaussian blur (mode reflect, truncate 3)
     * of uniform noise in [−1, 1] (dx's 1,024 draws first) and SciPy's linear {@code map_coordinates} at
     * (y + dy, x + dx) with mode reflect.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param seed the seed
     * @return the corrupted image
     */
    static byte[] elasticTransform(byte[] image, int severity, long seed) {
        return elasticTransform(image, severity, Seeds.generator(seed));
    }

    /**
     * The elastic transform drawing from a given generator (its 6 + 2,048 uniform draws in the reference's order).
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param rng the generator
     * @return the corrupted image
     */
    static byte[] elasticTransform(byte[] image, int severity, UniformRandomProvider rng) {
        double[] c = ELASTIC[severity - 1];
        double alpha = SIDE * c[0];
        double sigma = SIDE * c[1];
        double spread = SIDE * c[2];
        float[][] from = {{26f, 26f}, {26f, 6f}, {6f, 6f}};
        float[][] to = new float[3][2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                to[i][j] = from[i][j] + (float) uniform(rng, -spread, spread);
            }
        }
        float[] warped = warpAffine(Planes.toHwcFloat(image), affineTransform(from, to));
        float[] dx = displacement(rng, alpha, sigma);
        float[] dy = displacement(rng, alpha, sigma);
        float[] out = new float[warped.length];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int p = y * SIDE + x;
                double[] wy = new double[2];
                int[] iy = taps(y + (double) dy[p], wy);
                double[] wx = new double[2];
                int[] ix = taps(x + (double) dx[p], wx);
                for (int k = 0; k < 3; k++) {
                    double t = 0;
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            t += warped[(iy[a] * SIDE + ix[b]) * 3 + k] * wy[a] * wx[b];
                        }
                    }
                    out[p * 3 + k] = (float) t;
                }
            }
        }
        return Planes.fromUnit(out);
    }

    /** NumPy's {@code uniform(low, high)}: {@code low + (high - low) * u}. */
    private static double uniform(UniformRandomProvider rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }

    /** One of the elastic transform's displacement fields, float32 as the reference's {@code astype}. */
    private static float[] displacement(UniformRandomProvider rng, double alpha, double sigma) {
        double[] noise = new double[Planes.PIXELS];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = uniform(rng, -1, 1);
        }
        double[] smooth = sigma > 0 ? Filters.gaussian(noise, SIDE, SIDE, 1, sigma, Filters.Mode.REFLECT, 3.0)
                : noise;
        float[] d = new float[noise.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (smooth[i] * alpha);
        }
        return d;
    }

    /**
     * SciPy 1.10's linear interpolation taps along one axis of length 32 in mode reflect, as measured on SciPy 1.10.1:
     * the taps {@code floor(c)} and {@code floor(c) + 1} of the half-sample symmetric extension
     * ({@code d c b a | a b c d | d c b a}), weighted {@code 1 - t} and {@code t} with {@code t = c - floor(c)}.
     *
     * @param coordinate the coordinate
     * @param weights receives the two weights
     * @return the two tap indices
     */
    static int[] taps(double coordinate, double[] weights) {
        double start = Math.floor(coordinate);
        double t = coordinate - start;
        weights[0] = 1.0 - t;
        weights[1] = t;
        int i = (int) start;
        return new int[] {Filters.border(i, SIDE, Filters.Mode.REFLECT), Filters.border(i + 1, SIDE,
            Filters.Mode.REFLECT)};
    }

    /**
     * OpenCV's {@code getAffineTransform}: the 2 × 3 matrix taking each source point to its destination, from the
     * 6 × 6 system solved by Gaussian elimination with partial pivoting (OpenCV's LU).
     *
     * @param from three (x, y) points
     * @param to their images
     * @return {m00, m01, m02, m10, m11, m12}
     */
    static double[] affineTransform(float[][] from, float[][] to) {
        double[][] a = new double[6][6];
        double[] b = new double[6];
        for (int i = 0; i < 3; i++) {
            a[2 * i][0] = from[i][0];
            a[2 * i][1] = from[i][1];
            a[2 * i][2] = 1;
            a[2 * i + 1][3] = from[i][0];
            a[2 * i + 1][4] = from[i][1];
            a[2 * i + 1][5] = 1;
            b[2 * i] = to[i][0];
            b[2 * i + 1] = to[i][1];
        }
        int m = 6;
        for (int i = 0; i < m; i++) {
            int k = i;
            for (int j = i + 1; j < m; j++) {
                if (Math.abs(a[j][i]) > Math.abs(a[k][i])) {
                    k = j;
                }
            }
            if (Math.abs(a[k][i]) < 1e-300) {
                return new double[6];
            }
            if (k != i) {
                double[] row = a[i];
                a[i] = a[k];
                a[k] = row;
                double t = b[i];
                b[i] = b[k];
                b[k] = t;
            }
            double d = -1 / a[i][i];
            for (int j = i + 1; j < m; j++) {
                double alpha = a[j][i] * d;
                for (int q = i + 1; q < m; q++) {
                    a[j][q] += alpha * a[i][q];
                }
                b[j] += alpha * b[i];
            }
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = b[i];
            for (int q = i + 1; q < m; q++) {
                s -= a[i][q] * b[q];
            }
            b[i] = s / a[i][i];
        }
        return b;
    }

    /**
     * OpenCV's {@code warpAffine} of a 32 × 32 × 3 float image (bilinear, BORDER_REFLECT_101, no inverse flag): the
     * matrix is inverted, source coordinates are computed in fixed point with 10 bits and quantised to 1/32, and
     * the four neighbours are weighted by OpenCV's float table (products in float).
     *
     * @param src the image, HWC
     * @param forward the forward matrix {m00, m01, m02, m10, m11, m12}
     * @return the warped image, HWC
     */
    static float[] warpAffine(float[] src, double[] forward) {
        double[] m = forward.clone();
        double det = m[0] * m[4] - m[1] * m[3];
        det = det != 0 ? 1. / det : 0;
        double a11 = m[4] * det;
        double a22 = m[0] * det;
        m[0] = a11;
        m[1] *= -det;
        m[3] *= -det;
        m[4] = a22;
        double b1 = -m[0] * m[2] - m[1] * m[5];
        double b2 = -m[3] * m[2] - m[4] * m[5];
        m[2] = b1;
        m[5] = b2;
        int scale = 1 << AB_BITS;
        int roundDelta = scale / INTER_TAB_SIZE / 2;
        float[] out = new float[src.length];
        for (int y = 0; y < SIDE; y++) {
            int x0 = saturateInt((m[1] * y + m[2]) * scale) + roundDelta;
            int y0 = saturateInt((m[4] * y + m[5]) * scale) + roundDelta;
            for (int x = 0; x < SIDE; x++) {
                int fx = (x0 + saturateInt(m[0] * x * scale)) >> (AB_BITS - INTER_BITS);
                int fy = (y0 + saturateInt(m[3] * x * scale)) >> (AB_BITS - INTER_BITS);
                int sx = fx >> INTER_BITS;
                int sy = fy >> INTER_BITS;
                float ax = (float) (fx & (INTER_TAB_SIZE - 1)) / INTER_TAB_SIZE;
                float ay = (float) (fy & (INTER_TAB_SIZE - 1)) / INTER_TAB_SIZE;
                float w0 = (1f - ay) * (1f - ax);
                float w1 = (1f - ay) * ax;
                float w2 = ay * (1f - ax);
                float w3 = ay * ax;
                int xa = Filters.border(sx, SIDE, Filters.Mode.MIRROR);
                int xb = Filters.border(sx + 1, SIDE, Filters.Mode.MIRROR);
                int ya = Filters.border(sy, SIDE, Filters.Mode.MIRROR);
                int yb = Filters.border(sy + 1, SIDE, Filters.Mode.MIRROR);
                for (int k = 0; k < 3; k++) {
                    out[(y * SIDE + x) * 3 + k] = src[(ya * SIDE + xa) * 3 + k] * w0
                            + src[(ya * SIDE + xb) * 3 + k] * w1 + src[(yb * SIDE + xa) * 3 + k] * w2
                            + src[(yb * SIDE + xb) * 3 + k] * w3;
                }
            }
        }
        return out;
    }

    /** OpenCV's {@code saturate_cast<int>(double)}: round half to even, clamped to the int range. */
    private static int saturateInt(double v) {
        double r = Math.rint(v);
        return r >= Integer.MAX_VALUE ? Integer.MAX_VALUE : r <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) r;
    }
}
