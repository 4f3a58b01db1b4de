package io.github.erroranalysis.report;

import java.awt.image.BufferedImage;

/**
 * The pixel side of the near-duplicate search ({@link NearDuplicates}): every image read once into its luminance
 * (Rec. 601 luma averaged over equal cells) at two resolutions: a coarse {@value #SIDE}×{@value #SIDE} grid,
 * standardised to zero mean and unit norm, and a fine {@value #FINE}×{@value #FINE} one (a 32×32 CIFAR image's own
 * pixels), kept as bytes. The coarse grid, slightly blurred, is the descriptor of the brute-force candidate search
 * (the dot product of two is their Pearson correlation); both grids serve the {@linkplain #distance aligned distance}
 * of a candidate pair.
 *
 * <p>The aligned distance is {@code 1 - r}, with {@code r} the largest Pearson correlation between the query's central
 * window (resampled bilinearly at the relative scales {@code 1/1.2, 1/1.1, 1, 1.1, 1.2}, mirrored or not) and the
 * other image's window of the same size at every offset of up to 2 pixels of a 32-pixel side each way: first on the
 * coarse grids ({@value #WINDOW}² cells, offsets of up to 1 cell), which picks the mirror, the scale and the rough
 * offset, then on the fine grids ({@value #FINE_WINDOW}² pixels) at that mirror, at that scale and at scale 1, and
 * at the offsets within a pixel of the rough one. Correlation of luminance ignores brightness and contrast changes (an affine map of the
 * luma) and most of a hue rotation or JPEG re-encoding; the offsets absorb small shifts, the scales a 10–20 % zoom or
 * crop, the mirror a horizontal flip; the fine grid keeps two different photographs apart that the coarse one blurs
 * together.
 */
final class PixelDescriptors {

    /** The side of the coarse grid, in cells. */
    static final int SIDE = 16;

    /** The values of one coarse grid. */
    static final int CELLS = SIDE * SIDE;

    /** The side of the fine grid, in cells. */
    static final int FINE = 32;

    /** The side of the compared coarse window, in cells. */
    static final int WINDOW = 14;

    /** The side of the compared fine window, in cells. */
    static final int FINE_WINDOW = 28;

    /** The largest offset of the other image's coarse window, in cells, each way. */
    static final int MAX_OFFSET = 1;

    /** The relative scales the query's window is resampled at. */
    static final double[] SCALES = {1 / 1.2, 1 / 1.1, 1, 1.1, 1.2};

    private static final int UNSCALED = 2;
    private static final int OFFSETS = 2 * MAX_OFFSET + 1;
    private static final int FINE_MAX_OFFSET = (FINE - FINE_WINDOW) / 2;
    private static final int WINDOW_CELLS = WINDOW * WINDOW;
    private static final int MARGIN = (SIDE - WINDOW) / 2;
    private static final double FLAT = 1e-9;

    /**
     * One image's luminance at both resolutions.
     *
     * @param grid the coarse grid, standardised ({@value #CELLS} values, row after row; all 0 when flat)
     * @param fine the fine grid's luma, 0 to 255, row after row
     */
    record Pixels(float[] grid, byte[] fine) {
    }

    /**
     * A query prepared for many comparisons: its windows at every mirror and scale, at both resolutions.
     *
     * @param coarse the coarse windows, standardised, unmirrored scales then mirrored ones
     * @param fine the fine windows, standardised, in the same order
     */
    record Query(float[][] coarse, float[][] fine) {
    }

    private PixelDescriptors() {
    }

    /**
     * Reads an image once into its luminance at both resolutions.
     *
     * @param image the image, of any size of at least 1×1
     * @return its pixels
     */
    static Pixels pixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        double[] sum = new double[FINE * FINE];
        int[] count = new int[FINE * FINE];
        for (int y = 0; y < h; y++) {
            int cy = (int) ((long) y * FINE / h);
            for (int x = 0; x < w; x++) {
                int c = cy * FINE + (int) ((long) x * FINE / w);
                sum[c] += luma(rgb[y * w + x]);
                count[c]++;
            }
        }
        byte[] fine = new byte[FINE * FINE];
        double[] luma = new double[FINE * FINE];
        for (int c = 0; c < luma.length; c++) {
            if (count[c] > 0) {
                luma[c] = sum[c] / count[c];
            } else { // an image narrower or lower than the grid: the pixel under the cell's centre
                int sy = Math.min(h - 1, (int) ((c / FINE + 0.5) * h / FINE));
                int sx = Math.min(w - 1, (int) ((c % FINE + 0.5) * w / FINE));
                luma[c] = luma(rgb[sy * w + sx]);
            }
            fine[c] = (byte) Math.round(luma[c]);
        }
        int k = FINE / SIDE;
        double[] coarse = new double[CELLS];
        for (int c = 0; c < luma.length; c++) {
            coarse[(c / FINE / k) * SIDE + (c % FINE) / k] += luma[c];
        }
        return new Pixels(standardised(coarse), fine);
    }

    private static double luma(int p) {
        return Canvas.luminance((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF);
    }

    /** Subtracts the mean and divides by the norm (all 0 when the values are flat). */
    private static float[] standardised(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double norm = 0;
        for (double x : v) {
            norm += (x - mean) * (x - mean);
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm > FLAT) {
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) ((v[i] - mean) / norm);
            }
        }
        return out;
    }

    /**
     * The candidate search's descriptor of a grid: blurred by {@code [1 2 1] / 4} each way (so that a shift of a
     * cell keeps most of the correlation), standardised, mirrored or not.
     *
     * @param grid a coarse grid
     * @param mirror whether to mirror it left to right
     * @return {@value #CELLS} values of zero mean and unit norm (all 0 when flat)
     */
    static float[] descriptor(float[] grid, boolean mirror) {
        double[] across = new double[CELLS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int sx = mirror ? SIDE - 1 - x : x;
                double l = grid[y * SIDE + Math.max(0, sx - 1)];
                double r = grid[y * SIDE + Math.min(SIDE - 1, sx + 1)];
                across[y * SIDE + x] = (l + 2 * grid[y * SIDE + sx] + r) / 4;
            }
        }
        double[] out = new double[CELLS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double u = across[Math.max(0, y - 1) * SIDE + x];
                double d = across[Math.min(SIDE - 1, y + 1) * SIDE + x];
                out[y * SIDE + x] = (u + 2 * across[y * SIDE + x] + d) / 4;
            }
        }
        return standardised(out);
    }

    /**
     * Splits a descriptor into its mirror-symmetric and antisymmetric halves, an orthonormal change of coordinates:
     * for each row and each column {@code x} of the left half, {@code (v[x] + v[mirror x]) / √2} then, after all
     * of those, {@code (v[x] - v[mirror x]) / √2}. The dot product of two descriptors is then {@code s·s' + a·a'}
     * and that of one's mirror with the other {@code s·s' - a·a'}, so the larger of the two is {@code s·s' + |a·a'|}:
     * the mirror costs no second product.
     *
     * @param descriptor a {@link #descriptor}
     * @return {@value #CELLS} values: the symmetric half, then the antisymmetric one
     */
    static float[] halves(float[] descriptor) {
        int half = CELLS / 2;
        float[] out = new float[CELLS];
        double r = Math.sqrt(0.5);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE / 2; x++) {
                float a = descriptor[y * SIDE + x];
                float b = descriptor[y * SIDE + SIDE - 1 - x];
                out[y * (SIDE / 2) + x] = (float) ((a + b) * r);
                out[half + y * (SIDE / 2) + x] = (float) ((a - b) * r);
            }
        }
        return out;
    }

    /**
     * Prepares a query: its central windows at every scale, unmirrored then mirrored, at both resolutions.
     *
     * @param pixels the query's pixels
     * @return the query
     */
    static Query query(Pixels pixels) {
        float[] fine = new float[FINE * FINE];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = pixels.fine()[i] & 0xFF;
        }
        return new Query(windows(pixels.grid(), SIDE, WINDOW), windows(fine, FINE, FINE_WINDOW));
    }

    private static float[][] windows(float[] grid, int side, int size) {
        float[][] out = new float[2 * SCALES.length][];
        double centre = (side - 1) / 2.0;
        int margin = (side - size) / 2;
        for (int m = 0; m < 2; m++) {
            for (int s = 0; s < SCALES.length; s++) {
                double scale = SCALES[s];
                double[] v = new double[size * size];
                for (int y = 0; y < size; y++) {
                    double sy = centre + (y + margin - centre) * scale;
                    for (int x = 0; x < size; x++) {
                        double wx = x + margin;
                        double sx = centre + ((m == 0 ? wx : side - 1 - wx) - centre) * scale;
                        v[y * size + x] = bilinear(grid, side, sx, sy);
                    }
                }
                out[m * SCALES.length + s] = standardised(v);
            }
        }
        return out;
    }

    private static double bilinear(float[] grid, int side, double x, double y) {
        x = Math.max(0, Math.min(side - 1, x));
        y = Math.max(0, Math.min(side - 1, y));
        int x0 = Math.min(side - 2, (int) x);
        int y0 = Math.min(side - 2, (int) y);
        double fx = x - x0;
        double fy = y - y0;
        int i = y0 * side + x0;
        return (1 - fy) * ((1 - fx) * grid[i] + fx * grid[i + 1])
                + fy * ((1 - fx) * grid[i + side] + fx * grid[i + side + 1]);
    }

    /**
     * The aligned distance of a query to another image: {@code 1 - r} (see the class), {@code r} taken as 0 when
     * negative or when a window is flat, so the distance lies in {@code [0, 1]}.
     *
     * @param query the prepared query
     * @param other the other image's pixels
     * @return the distance, 0 for the same picture
     */
    static double distance(Query query, Pixels other) {
        int code = align(query.coarse(), other.grid());
        int variant = code / (OFFSETS * OFFSETS);
        int cy = 2 * (code / OFFSETS % OFFSETS - MAX_OFFSET);
        int cx = 2 * (code % OFFSETS - MAX_OFFSET);
        float[] fine = new float[FINE * FINE];
        for (int i = 0; i < fine.length; i++) {
            fine[i] = other.fine()[i] & 0xFF;
        }
        // the coarse grid's best scale may only make up for a shift of half a cell: the fine one tries scale 1 too
        int unscaled = variant / SCALES.length * SCALES.length + UNSCALED;
        float[][] q = variant == unscaled ? new float[][] {query.fine()[variant]}
                : new float[][] {query.fine()[variant], query.fine()[unscaled]};
        float[] window = new float[FINE_WINDOW * FINE_WINDOW];
        double best = 0; // a flat window correlates 0
        for (int oy = Math.max(-FINE_MAX_OFFSET, cy - 1); oy <= Math.min(FINE_MAX_OFFSET, cy + 1); oy++) {
            for (int ox = Math.max(-FINE_MAX_OFFSET, cx - 1); ox <= Math.min(FINE_MAX_OFFSET, cx + 1); ox++) {
                double inv = window(fine, FINE, FINE_WINDOW, FINE_MAX_OFFSET + oy, FINE_MAX_OFFSET + ox, window);
                if (inv > 0) {
                    for (float[] v : q) {
                        best = Math.max(best, dot(v, window) * inv);
                    }
                }
            }
        }
        return Math.max(0, Math.min(2, 1 - best));
    }

    /**
     * The best alignment of the query with the other image on the coarse grid: the index of the query's window
     * (mirror and scale) and the other window's offset.
     *
     * @param queryWindows the query's {@link #windows}
     * @param other the other image's grid
     * @return {@code window * OFFSETS² + (oy + MAX_OFFSET) * OFFSETS + (ox + MAX_OFFSET)}
     */
    static int align(float[][] queryWindows, float[] other) {
        double best = Double.NEGATIVE_INFINITY;
        int bestCode = (queryWindows.length / 2) * OFFSETS * OFFSETS + MAX_OFFSET * OFFSETS + MAX_OFFSET;
        float[] window = new float[WINDOW_CELLS];
        for (int oy = 0; oy < OFFSETS; oy++) {
            for (int ox = 0; ox < OFFSETS; ox++) {
                double inv = window(other, SIDE, WINDOW, MARGIN - MAX_OFFSET + oy, MARGIN - MAX_OFFSET + ox, window);
                if (inv == 0) {
                    continue;
                }
                for (int v = 0; v < queryWindows.length; v++) {
                    double r = dot(queryWindows[v], window) * inv;
                    if (r > best) {
                        best = r;
                        bestCode = v * OFFSETS * OFFSETS + oy * OFFSETS + ox;
                    }
                }
            }
        }
        return bestCode;
    }

    /** Copies a square window of a grid and gives the inverse norm of its centred values (0 when flat). */
    private static double window(float[] grid, int side, int size, int top, int left, float[] out) {
        double mean = 0;
        for (int y = 0; y < size; y++) {
            int row = (top + y) * side + left;
            for (int x = 0; x < size; x++) {
                float v = grid[row + x];
                out[y * size + x] = v;
                mean += v;
            }
        }
        mean /= size * size;
        double norm = 0;
        for (int i = 0; i < size * size; i++) {
            double d = out[i] - mean;
            norm += d * d;
        }
        return norm <= FLAT * FLAT ? 0 : 1 / Math.sqrt(norm);
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
