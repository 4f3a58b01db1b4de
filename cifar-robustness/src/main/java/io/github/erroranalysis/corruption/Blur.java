package io.github.erroranalysis.corruption;

/**
 * The deterministic blurs: defocus (the reference's anti-aliased disk kernel, as OpenCV builds and applies it),
 * Gaussian ({@link Filters#gaussian}) and zoom (the reference's {@code clipped_zoom}, SciPy's linear
 * {@code ndimage.zoom}, written once here for snow too).
 */
final class Blur {

    /** The reference's Gaussian-blur sigmas, severities 1 to 5. */
    private static final double[] GAUSSIAN = {.4, .6, 0.7, .8, 1};

    /** The reference's defocus disk radius and anti-aliasing sigma, severities 1 to 5. */
    private static final double[][] DEFOCUS = {{0.3, 0.4}, {0.4, 0.5}, {0.5, 0.6}, {1, 0.2}, {1.5, 0.1}};

    /** The end (exclusive) of the reference's zoom factors {@code np.arange(1, end, 0.01)}, severities 1 to 5. */
    private static final double[] ZOOM_END = {1.06, 1.11, 1.16, 1.21, 1.26};

    /** The half side of the reference's disk grid ({@code L = np.arange(-8, 8 + 1)} for radii up to 8). */
    private static final int DISK_HALF = 8;

    private Blur() {
    }

    /**
     * The reference's {@code defocus_blur}: each float64 channel correlated with {@link #disk} (OpenCV's
     * {@code filter2D}, anchor at the centre, border {@code BORDER_REFLECT_101}).
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @return the corrupted image
     */
    static byte[] defocusBlur(byte[] image, int severity) {
        double[] c = DEFOCUS[severity - 1];
        float[] kernel = disk(c[0], c[1]);
        int side = 2 * DISK_HALF + 1;
        // only the non-zero weights (at most 5 x 5 of the 17 x 17), in row-major order
        int[] dy = new int[kernel.length];
        int[] dx = new int[kernel.length];
        double[] weight = new double[kernel.length];
        int taps = 0;
        for (int k = 0; k < kernel.length; k++) {
            if (kernel[k] != 0f) {
                dy[taps] = k / side - DISK_HALF;
                dx[taps] = k % side - DISK_HALF;
                weight[taps++] = kernel[k];
            }
        }
        double[] x = Planes.toHwc(image);
        double[] out = new double[x.length];
        int n = Planes.SIDE;
        for (int y = 0; y < n; y++) {
            for (int xx = 0; xx < n; xx++) {
                for (int ch = 0; ch < 3; ch++) {
                    double s = 0;
                    for (int t = 0; t < taps; t++) {
                        int sy = Filters.border(y + dy[t], n, Filters.Mode.MIRROR);
                        int sx = Filters.border(xx + dx[t], n, Filters.Mode.MIRROR);
                        s += weight[t] * x[(sy * n + sx) * 3 + ch];
                    }
                    out[(y * n + xx) * 3 + ch] = s;
                }
            }
        }
        return Planes.fromUnit(out);
    }

    /**
     * The reference's {@code disk} for radii up to 8, in float32 as it computes it: the aliased disk
     * {@code X² + Y² <= radius²} on a 17 × 17 grid normalised to sum 1, then OpenCV's {@code GaussianBlur} with a
     * 3 × 3 kernel of sigma {@code aliasBlur} (separable, float32 weights, border {@code BORDER_REFLECT_101}).
     *
     * @param radius the disk radius, at most 8
     * @param aliasBlur the anti-aliasing sigma
     * @return 17 × 17 weights, row by row
     */
    static float[] disk(double radius, double aliasBlur) {
        int side = 2 * DISK_HALF + 1;
        float[] aliased = new float[side * side];
        int count = 0;
        for (int y = -DISK_HALF; y <= DISK_HALF; y++) {
            for (int x = -DISK_HALF; x <= DISK_HALF; x++) {
                if (x * x + y * y <= radius * radius) {
                    aliased[(y + DISK_HALF) * side + x + DISK_HALF] = 1f;
                    count++;
                }
            }
        }
        float total = count;
        for (int i = 0; i < aliased.length; i++) {
            aliased[i] /= total;
        }
        // OpenCV's getGaussianKernel(3, sigma, CV_32F): exp(-x²/(2σ²)) for x = ±1 and 1 at the centre, normalised
        double edge = Math.exp(4 * (-0.125 / (aliasBlur * aliasBlur)));
        double norm = 1.0 / (2 * edge + 1);
        float k1 = (float) (edge * norm);
        float k0 = (float) norm;
        float[] rows = new float[aliased.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float left = aliased[y * side + Filters.border(x - 1, side, Filters.Mode.MIRROR)];
                float right = aliased[y * side + Filters.border(x + 1, side, Filters.Mode.MIRROR)];
                rows[y * side + x] = aliased[y * side + x] * k0 + (left + right) * k1;
            }
        }
        float[] out = new float[aliased.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float up = rows[Filters.border(y - 1, side, Filters.Mode.MIRROR) * side + x];
                float down = rows[Filters.border(y + 1, side, Filters.Mode.MIRROR) * side + x];
                out[y * side + x] = rows[y * side + x] * k0 + (up + down) * k1;
            }
        }
        return out;
    }

    /**
     * The reference's {@code gaussian_blur}: skimage's {@code gaussian(x, sigma, multichannel=True)}, that is SciPy's
     * Gaussian filter with border mode {@code nearest} and truncation 4.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @return the corrupted image
     */
    static byte[] gaussianBlur(byte[] image, int severity) {
        double[] x = Planes.toHwc(image);
        return Planes.fromUnit(Filters.gaussian(x, Planes.SIDE, Planes.SIDE, 3, GAUSSIAN[severity - 1],
                Filters.Mode.NEAREST, Filters.TRUNCATE));
    }

    /**
     * The reference's {@code zoom_blur} in float32 as NumPy computes it: the image plus its clipped zooms by
     * {@code np.arange(1, end, 0.01)}, summed in float32, divided by their count plus one.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @return the corrupted image
     */
    static byte[] zoomBlur(byte[] image, int severity) {
        double[] factors = arange(1, ZOOM_END[severity - 1], 0.01);
        float[] x = Planes.toHwcFloat(image);
        float[] sum = new float[x.length];
        for (double factor : factors) {
            float[] zoomed = clippedZoom(x, Planes.SIDE, 3, factor);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += zoomed[i];
            }
        }
        float count = factors.length + 1;
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (x[i] + sum[i]) / count;
        }
        return Planes.fromUnit(out);
    }

    /**
     * NumPy's {@code np.arange(start, stop, step)} for a positive step: {@code ceil((stop - start) / step)} values
     * {@code start + i * delta} with {@code delta = (start + step) - start}, as NumPy fills them.
     *
     * @param start the first value
     * @param stop the end, exclusive
     * @param step the positive step
     * @return the values
     */
    static double[] arange(double start, double stop, double step) {
        int n = (int) Math.ceil((stop - start) / step);
        double delta = (start + step) - start;
        double[] values = new double[Math.max(0, n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = start + i * delta;
        }
        return values;
    }

    /**
     * The reference's {@code clipped_zoom} on a float32 side × side × channels image; see
     * {@link #clippedZoom(double[], int, int, double)}, of which each value is rounded to float as SciPy stores it.
     *
     * @param image HWC values; not changed
     * @param side the height and width
     * @param channels the channels
     * @param factor the zoom factor, at least 1
     * @return a new side × side × channels array
     */
    static float[] clippedZoom(float[] image, int side, int channels, double factor) {
        double[] values = new double[image.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = image[i];
        }
        double[] zoomed = clippedZoom(values, side, channels, factor);
        float[] out = new float[zoomed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) zoomed[i];
        }
        return out;
    }

    /**
     * The reference's {@code clipped_zoom} on a float64 side × side × channels image: the centre crop of
     * {@code ceil(side / factor)} pixels, zoomed by SciPy 1.10's {@code ndimage.zoom(crop, (factor, factor, 1),
     * order=1)} (output size {@code round(crop * factor)}, output pixel o read at {@code o * (crop - 1) / (out - 1)},
     * linear weights {@code 1 - t, 1 - (1 - t)}, mode {@code constant} 0, summed in double in SciPy's order), then
     * the centre side × side cut out.
     *
     * @param image HWC values; not changed
     * @param side the height and width
     * @param channels the channels
     * @param factor the zoom factor, at least 1
     * @return a new side × side × channels array
     */
    static double[] clippedZoom(double[] image, int side, int channels, double factor) {
        int crop = (int) Math.ceil(side / factor);
        int top = Math.floorDiv(side - crop, 2);
        int zoomedSide = (int) Math.rint(crop * factor);
        int trim = Math.floorDiv(zoomedSide - side, 2);
        double scale = zoomedSide == 1 ? 1.0 : (double) (crop - 1) / (zoomedSide - 1);
        int[] start = new int[side];
        int[] next = new int[side];
        double[] w0 = new double[side];
        double[] w1 = new double[side];
        boolean[] outside = new boolean[side];
        for (int o = 0; o < side; o++) {
            double cc = (o + trim) * scale;
            if (cc < 0 || cc > crop - 1) {
                outside[o] = true;
                continue;
            }
            start[o] = (int) Math.floor(cc);
            next[o] = Filters.border(start[o] + 1, crop, Filters.Mode.MIRROR);
            double t = cc - Math.floor(cc);
            w0[o] = 1.0 - t;
            w1[o] = 1.0 - w0[o];
        }
        double[] out = new double[side * side * channels];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                if (outside[y] || outside[x]) {
                    continue;
                }
                int r0 = (top + start[y]) * side;
                int r1 = (top + next[y]) * side;
                int c0 = top + start[x];
                int c1 = top + next[x];
                for (int ch = 0; ch < channels; ch++) {
                    double t = 0.0;
                    t += image[(r0 + c0) * channels + ch] * w0[y] * w0[x];
                    t += image[(r0 + c1) * channels + ch] * w0[y] * w1[x];
                    t += image[(r1 + c0) * channels + ch] * w1[y] * w0[x];
                    t += image[(r1 + c1) * channels + ch] * w1[y] * w1[x];
                    out[(y * side + x) * channels + ch] = t;
                }
            }
        }
        return out;
    }
}
