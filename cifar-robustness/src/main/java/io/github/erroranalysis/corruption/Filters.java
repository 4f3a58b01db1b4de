package io.github.erroranalysis.corruption;

/**
 * The one Gaussian filter of the package, as SciPy's {@code ndimage.gaussian_filter} (which skimage's
 * {@code filters.gaussian} calls): a separable correlation with a kernel of radius {@code int(truncate * sigma + 0.5)}
 * and weights {@code exp(-x² / (2σ²))} normalised to sum 1 (NumPy's summation order), in double precision, along rows
 * then columns (the order SciPy filters the axes: 0 then 1), each output summed as SciPy's symmetric
 * {@code correlate1d} does (centre first, then the pairs from the outside in), with SciPy's border modes. What is left
 * of the difference to SciPy is NumPy's {@code exp}, whose last bit depends on the CPU (SVML on AVX-512).
 */
final class Filters {

    /** SciPy's and skimage's default truncation, in standard deviations. */
    static final double TRUNCATE = 4.0;

    /** A border mode, as SciPy names them. */
    enum Mode {
        /** {@code a a a | a b c d | d d d} (skimage's default for {@code gaussian}). */
        NEAREST,
        /** {@code d c b a | a b c d | d c b a} (half-sample symmetric). */
        REFLECT,
        /** {@code d c b | a b c d | c b a} (whole-sample symmetric; OpenCV's BORDER_REFLECT_101). */
        MIRROR
    }

    private Filters() {
    }

    /**
     * Returns SciPy's normalised 1-D Gaussian weights.
     *
     * @param sigma the standard deviation
     * @param truncate the truncation in standard deviations
     * @return 2r+1 weights
     */
    static double[] kernel(double sigma, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        double[] w = new double[2 * radius + 1];
        double scale = -0.5 / (sigma * sigma);
        for (int i = -radius; i <= radius; i++) {
            w[i + radius] = Math.exp(scale * (double) (i * i));
        }
        double sum = numpySum(w);
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** NumPy's pairwise sum of a short array (up to 128 values): sequential below 8, else 8 partial sums. */
    private static double numpySum(double[] a) {
        int n = a.length;
        if (n < 8) {
            double res = 0.;
            for (double v : a) {
                res += v;
            }
            return res;
        }
        double[] r = new double[8];
        System.arraycopy(a, 0, r, 0, 8);
        int i = 8;
        for (; i < n - (n % 8); i += 8) {
            for (int j = 0; j < 8; j++) {
                r[j] += a[i + j];
            }
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) {
            res += a[i];
        }
        return res;
    }

    /**
     * Maps an index outside [0, n) back inside, by a SciPy border mode.
     *
     * @param i the index
     * @param n the length
     * @param mode the mode
     * @return an index in [0, n)
     */
    static int border(int i, int n, Mode mode) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (n == 1) {
            return 0;
        }
        switch (mode) {
            case NEAREST:
                return i < 0 ? 0 : n - 1;
            case REFLECT: {
                int period = 2 * n;
                int k = Math.floorMod(i, period);
                return k < n ? k : period - 1 - k;
            }
            default: {
                int period = 2 * n - 2;
                int k = Math.floorMod(i, period);
                return k < n ? k : period - k;
            }
        }
    }

    /**
     * Filters each channel of a height × width × channels array with SciPy's Gaussian filter (sigma 0 on the channel
     * axis, as skimage's {@code gaussian(..., multichannel=True)}).
     *
     * @param v the values, {@code v[(y * width + x) * channels + c]}; not changed
     * @param height rows
     * @param width columns
     * @param channels channels (1 for a plane)
     * @param sigma the standard deviation in pixels
     * @param mode the border mode
     * @param truncate the truncation in standard deviations
     * @return a new filtered array
     */
    static double[] gaussian(double[] v, int height, int width, int channels, double sigma, Mode mode,
            double truncate) {
        double[] w = kernel(sigma, truncate);
        int r = w.length / 2;
        double[] rows = new double[v.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    double s = v[(y * width + x) * channels + c] * w[r];
                    for (int k = -r; k < 0; k++) {
                        s += (v[(border(y + k, height, mode) * width + x) * channels + c]
                                + v[(border(y - k, height, mode) * width + x) * channels + c]) * w[k + r];
                    }
                    rows[(y * width + x) * channels + c] = s;
                }
            }
        }
        double[] out = new double[v.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    double s = rows[(y * width + x) * channels + c] * w[r];
                    for (int k = -r; k < 0; k++) {
                        s += (rows[(y * width + border(x + k, width, mode)) * channels + c]
                                + rows[(y * width + border(x - k, width, mode)) * channels + c]) * w[k + r];
                    }
                    out[(y * width + x) * channels + c] = s;
                }
            }
        }
        return out;
    }
}
