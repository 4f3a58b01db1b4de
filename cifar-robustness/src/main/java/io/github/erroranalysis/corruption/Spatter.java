package io.github.erroranalysis.corruption;

import java.util.ArrayDeque;
import java.util.function.IntToDoubleFunction;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Spatter: water (severities 1 to 3: OpenCV's Canny, chamfer distance transform, box blurs, histogram equalisation
 * and filter2D, re-implemented here) or mud (4 and 5).
 */
final class Spatter {

    /** The reference's parameters per severity: mean, sd, sigma, threshold, intensity (or mud sigma), mud. */
    private static final double[][] C = {
        {0.62, 0.1, 0.7, 0.7, 0.5, 0},
        {0.65, 0.1, 0.8, 0.7, 0.5, 0},
        {0.65, 0.3, 1, 0.69, 0.5, 0},
        {0.65, 0.1, 0.7, 0.69, 0.6, 1},
        {0.65, 0.1, 0.5, 0.68, 0.6, 1}};

    private static final int SIDE = Planes.SIDE;
    private static final int PIXELS = Planes.PIXELS;
    /** The 3 × 3 box filter's weights, row-major. */
    private static final int[] BOX = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    /** The emboss kernel {@code [[-2,-1,0],[-1,1,1],[0,1,2]]}, row-major. */
    private static final int[] EMBOSS = {-2, -1, 0, -1, 1, 1, 0, 1, 2};

    private Spatter() {
    }

    /** The reference's {@code spatter}: the liquid layer is drawn from the seed's generator. */
    static byte[] spatter(byte[] image, int severity, long seed) {
        double[] c = C[severity - 1];
        UniformRandomProvider rng = Seeds.generator(seed);
        double[] layer = Seeds.normalLayer(rng, c[0], c[1]);
        return spatter(image, severity, layer);
    }

    /**
     * The reference's {@code spatter} with its random liquid layer given.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param liquidLayer the 32 × 32 normal draws (with the severity's mean and sd), row-major
     * @return new planar RGB bytes
     */
    static byte[] spatter(byte[] image, int severity, double[] liquidLayer) {
        double[] c = C[severity - 1];
        double[] liquid = Filters.gaussian(liquidLayer, SIDE, SIDE, 1, c[2], Filters.Mode.NEAREST, Filters.TRUNCATE);
        for (int p = 0; p < PIXELS; p++) {
            if (liquid[p] < c[3]) {
                liquid[p] = 0;
            }
        }
        float[] x = Planes.toHwcFloat(image);
        return c[5] == 0 ? water(x, liquid, (float) c[4]) : mud(x, liquid, c[3], c[4]);
    }

    private static byte[] water(float[] x, double[] liquid, float intensity) {
        int[] bytes = new int[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            bytes[p] = ((int) (liquid[p] * 255)) & 0xFF;
        }
        int[] edges = canny(bytes, 50, 150);
        int[] notEdge = new int[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            notEdge[p] = 255 - edges[p];
        }
        float[] dist = distanceTransform(notEdge);
        for (int p = 0; p < PIXELS; p++) {
            dist[p] = Math.min(dist[p], 20f);
        }
        float[] smooth = boxBlur(dist);
        int[] d = new int[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            d[p] = (int) smooth[p];
        }
        d = equalizeHist(d);
        d = emboss(d);
        d = boxBlur(d);
        float[] m = new float[PIXELS];
        float max = 0;
        for (int p = 0; p < PIXELS; p++) {
            m[p] = (float) bytes[p] * d[p];
            max = Math.max(max, m[p]);
        }
        float[] colour = {(float) (175 / 255.0), (float) (238 / 255.0), (float) (238 / 255.0)};
        float[] out = new float[Planes.IMAGE_BYTES];
        for (int p = 0; p < PIXELS; p++) {
            float mp = m[p] / max * intensity;
            for (int ch = 0; ch < 3; ch++) {
                out[p * 3 + ch] = Math.min(1f, Math.max(0f, x[p * 3 + ch] + mp * colour[ch]));
            }
        }
        return Planes.fromUnit(out);
    }

    private static byte[] mud(float[] x, double[] liquid, double threshold, double sigma) {
        double[] mask = new double[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            mask[p] = liquid[p] > threshold ? 1 : 0;
        }
        double[] blurred = Filters.gaussian(mask, SIDE, SIDE, 1, sigma, Filters.Mode.NEAREST, Filters.TRUNCATE);
        float[] colour = {(float) (63 / 255.0), (float) (42 / 255.0), (float) (20 / 255.0)};
        float[] out = new float[Planes.IMAGE_BYTES];
        for (int p = 0; p < PIXELS; p++) {
            float m = (float) blurred[p];
            if (m < 0.8f) {
                m = 0;
            }
            for (int ch = 0; ch < 3; ch++) {
                out[p * 3 + ch] = x[p * 3 + ch] * (1 - m) + colour[ch] * m;
            }
        }
        return Planes.fromUnit(out);
    }

    /**
     * OpenCV's {@code Canny(src, low, high)} with aperture 3 and the L1 gradient: 3 × 3 Sobel with replicated
     * borders, non-maximum suppression in four sectors, hysteresis over 8-neighbours.
     *
     * @param src 32 × 32 values in [0, 255]
     * @param low the low threshold
     * @param high the high threshold
     * @return 255 on edges, 0 elsewhere
     */
    static int[] canny(int[] src, int low, int high) {
        int[] gx = new int[PIXELS];
        int[] gy = new int[PIXELS];
        int[] mag = new int[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int a = at(src, y - 1, x - 1);
                int b = at(src, y - 1, x);
                int cc = at(src, y - 1, x + 1);
                int d = at(src, y, x - 1);
                int f = at(src, y, x + 1);
                int g = at(src, y + 1, x - 1);
                int h = at(src, y + 1, x);
                int i = at(src, y + 1, x + 1);
                int p = y * SIDE + x;
                gx[p] = (cc + 2 * f + i) - (a + 2 * d + g);
                gy[p] = (g + 2 * h + i) - (a + 2 * b + cc);
                mag[p] = Math.abs(gx[p]) + Math.abs(gy[p]);
            }
        }
        final int shift = 15;
        final int tg22 = (int) (0.4142135623730950488016887242097 * (1 << shift) + 0.5);
        int[] map = new int[PIXELS];
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int p = y * SIDE + x;
                int m = mag[p];
                map[p] = 1;
                if (m <= low) {
                    continue;
                }
                int ax = Math.abs(gx[p]);
                int ay = Math.abs(gy[p]) << shift;
                int tg22x = ax * tg22;
                boolean keep;
                if (ay < tg22x) {
                    keep = m > magAt(mag, y, x - 1) && m >= magAt(mag, y, x + 1);
                } else {
                    int tg67x = tg22x + (ax << (shift + 1));
                    if (ay > tg67x) {
                        keep = m > magAt(mag, y - 1, x) && m >= magAt(mag, y + 1, x);
                    } else {
                        int s = (gx[p] ^ gy[p]) < 0 ? -1 : 1;
                        keep = m > magAt(mag, y - 1, x - s) && m > magAt(mag, y + 1, x + s);
                    }
                }
                if (keep) {
                    map[p] = 0;
                    if (m > high) {
                        map[p] = 2;
                        stack.push(p);
                    }
                }
            }
        }
        while (!stack.isEmpty()) {
            int p = stack.pop();
            int y = p / SIDE;
            int x = p % SIDE;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int ny = y + dy;
                    int nx = x + dx;
                    if (ny >= 0 && ny < SIDE && nx >= 0 && nx < SIDE && map[ny * SIDE + nx] == 0) {
                        map[ny * SIDE + nx] = 2;
                        stack.push(ny * SIDE + nx);
                    }
                }
            }
        }
        int[] out = new int[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            out[p] = map[p] == 2 ? 255 : 0;
        }
        return out;
    }

    private static int at(int[] v, int y, int x) {
        return v[Math.min(SIDE - 1, Math.max(0, y)) * SIDE + Math.min(SIDE - 1, Math.max(0, x))];
    }

    private static int magAt(int[] mag, int y, int x) {
        return y < 0 || y >= SIDE || x < 0 || x >= SIDE ? 0 : mag[y * SIDE + x];
    }

    /**
     * OpenCV's {@code distanceTransform(src, DIST_L2, 5)}: the 5 × 5 chamfer distance to the nearest zero pixel with
     * weights 1, 1.4 and 2.1969 in 16-bit fixed point, in a forward and a backward pass.
     *
     * @param src 32 × 32 values; zeros are the sources
     * @return the distances
     */
    static float[] distanceTransform(int[] src) {
        final long hv = Math.round(1.0 * 65536);
        final long diag = Math.round(1.4f * 65536.0);
        final long knight = Math.round(2.1969f * 65536.0);
        final long infinity = Integer.MAX_VALUE;
        final long max = 0xFFFFFFFFL >>> 2;
        int w = SIDE + 4;
        long[] t = new long[w * w];
        java.util.Arrays.fill(t, infinity);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int j = (y + 2) * w + x + 2;
                if (src[y * SIDE + x] == 0) {
                    t[j] = 0;
                    continue;
                }
                long t0 = t[j - 2 * w - 1] + knight;
                t0 = Math.min(t0, t[j - 2 * w + 1] + knight);
                t0 = Math.min(t0, t[j - w - 2] + knight);
                t0 = Math.min(t0, t[j - w - 1] + diag);
                t0 = Math.min(t0, t[j - w] + hv);
                t0 = Math.min(t0, t[j - w + 1] + diag);
                t0 = Math.min(t0, t[j - w + 2] + knight);
                t0 = Math.min(t0, t[j - 1] + hv);
                t[j] = t0;
            }
        }
        float[] out = new float[PIXELS];
        for (int y = SIDE - 1; y >= 0; y--) {
            for (int x = SIDE - 1; x >= 0; x--) {
                int j = (y + 2) * w + x + 2;
                long t0 = t[j];
                if (t0 > hv) {
                    t0 = Math.min(t0, t[j + 2 * w + 1] + knight);
                    t0 = Math.min(t0, t[j + 2 * w - 1] + knight);
                    t0 = Math.min(t0, t[j + w + 2] + knight);
                    t0 = Math.min(t0, t[j + w + 1] + diag);
                    t0 = Math.min(t0, t[j + w] + hv);
                    t0 = Math.min(t0, t[j + w - 1] + diag);
                    t0 = Math.min(t0, t[j + w - 2] + knight);
                    t0 = Math.min(t0, t[j + 1] + hv);
                    t[j] = t0;
                }
                out[y * SIDE + x] = (float) Math.min(t0, max) * (1f / 65536);
            }
        }
        return out;
    }

    /**
     * OpenCV's {@code blur(src, (3, 3))} of a float plane: sums in double with BORDER_REFLECT_101, times 1/9.
     *
     * @param v 32 × 32 values
     * @return the blurred values
     */
    static float[] boxBlur(float[] v) {
        float[] out = new float[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                out[y * SIDE + x] = (float) (correlate(i -> v[i], BOX, y, x) * (1.0 / 9));
            }
        }
        return out;
    }

    /**
     * OpenCV's {@code blur(src, (3, 3))} of an 8-bit plane: the rounded mean of the 3 × 3 window, BORDER_REFLECT_101.
     *
     * @param v 32 × 32 values in [0, 255]
     * @return the blurred values
     */
    static int[] boxBlur(int[] v) {
        int[] out = new int[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int s = (int) correlate(i -> v[i], BOX, y, x);
                out[y * SIDE + x] = ((s + 4) * 7282) >> 16;
            }
        }
        return out;
    }

    /**
     * OpenCV's {@code filter2D(src, CV_8U, [[-2,-1,0],[-1,1,1],[0,1,2]])}: correlation, BORDER_REFLECT_101, saturated.
     *
     * @param v 32 × 32 values in [0, 255]
     * @return the filtered values
     */
    static int[] emboss(int[] v) {
        int[] out = new int[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int s = (int) correlate(i -> v[i], EMBOSS, y, x);
                out[y * SIDE + x] = Math.min(255, Math.max(0, s));
            }
        }
        return out;
    }

    /**
     * OpenCV's {@code equalizeHist}: the look-up table {@code round(cdf' · 255 / (n - h[first]))} in float.
     *
     * @param v 32 × 32 values in [0, 255]
     * @return the equalised values
     */
    static int[] equalizeHist(int[] v) {
        int[] hist = new int[256];
        for (int x : v) {
            hist[x]++;
        }
        int first = 0;
        while (hist[first] == 0) {
            first++;
        }
        int[] out = new int[PIXELS];
        if (hist[first] == PIXELS) {
            java.util.Arrays.fill(out, first);
            return out;
        }
        float scale = 255f / (PIXELS - hist[first]);
        int[] lut = new int[256];
        int sum = 0;
        for (int i = first + 1; i < 256; i++) {
            sum += hist[i];
            lut[i] = Math.min(255, (int) Math.rint(sum * scale));
        }
        for (int p = 0; p < PIXELS; p++) {
            out[p] = lut[v[p]];
        }
        return out;
    }

    /**
     * The 3 × 3 correlation at (y, x) with BORDER_REFLECT_101, summed in double in row-major order (exact for
     * 8-bit values and integer weights).
     *
     * @param value the plane's value at a pixel index
     * @param kernel the 9 weights, row-major
     * @param y the row
     * @param x the column
     * @return the weighted sum
     */
    private static double correlate(IntToDoubleFunction value, int[] kernel, int y, int x) {
        double s = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int i = reflect101(y + dy) * SIDE + reflect101(x + dx);
                s += kernel[(dy + 1) * 3 + dx + 1] * value.applyAsDouble(i);
            }
        }
        return s;
    }

    private static int reflect101(int i) {
        return Filters.border(i, SIDE, Filters.Mode.MIRROR);
    }
}
