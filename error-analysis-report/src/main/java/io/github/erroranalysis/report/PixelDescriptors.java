package io.github.erroranalysis.report;

import java.awt.image.BufferedImage;

/**
 * The pixel side of the near-duplicate search ({@link NearDuplicates}): every image as a compact
 * {@value #SIDE}×{@value #SIDE} luminance grid (Rec. 601 luma of the image averaged over equal cells, so a 32×32
 * CIFAR image is read in 2×2 blocks), standardised to zero mean and unit norm. That grid is both the descriptor of
 * the brute-force candidate search (its dot product with another grid is their Pearson correlation) and the input of
 * the {@linkplain #distance aligned distance} of a candidate pair.
 *
 * <p>The aligned distance is {@code 1 - r}, with {@code r} the largest Pearson correlation between the central
 * {@value #WINDOW}×{@value #WINDOW} window of the query (resampled bilinearly at {@value #SCALE_COUNT} relative
 * scales {@code 1/1.2, 1/1.1, 1, 1.1, 1.2} and mirrored or not) and the other image's window of the same size at
 * every offset of up to {@value #MAX_OFFSET} cell (2 pixels of a 32-pixel image) in each direction. Correlation of
 * luminance ignores brightness and contrast changes (an affine map of the luma) and most of a hue rotation or JPEG
 * re-encoding; the offsets absorb small shifts, the scales a 10–20 % zoom or crop, the mirror a horizontal flip.
 */
final class PixelDescriptors {

    /** The side of the luminance grid, in cells. */
    static final int SIDE = 16;

    /** The values of one grid. */
    static final int CELLS = SIDE * SIDE;

    /** The side of the compared window, in cells. */
    static final int WINDOW = 14;

    /** The largest offset of the other image's window, in cells, each way. */
    static final int MAX_OFFSET = 1;

    /** The relative scales the query's window is resampled at. */
    static final double[] SCALES = {1 / 1.2, 1 / 1.1, 1, 1.1, 1.2};

    /** The number of relative scales. */
    static final int SCALE_COUNT = 5;

    private static final int OFFSETS = 2 * MAX_OFFSET + 1;
    private static final int WINDOW_CELLS = WINDOW * WINDOW;
    private static final int MARGIN = (SIDE - WINDOW) / 2;
    private static final double FLAT = 1e-9;

    private PixelDescriptors() {
    }

    /**
     * Reads an image once into its standardised luminance grid.
     *
     * @param image the image, of any size of at least 1×1
     * @return {@value #CELLS} values, row after row, of zero mean and unit norm (all 0 for a flat image)
     */
    static float[] grid(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        double[] sum = new double[CELLS];
        int[] count = new int[CELLS];
        for (int y = 0; y < h; y++) {
            int cy = (int) ((long) y * SIDE / h);
            for (int x = 0; x < w; x++) {
                int cx = (int) ((long) x * SIDE / w);
                int p = rgb[y * w + x];
                double luma = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
                sum[cy * SIDE + cx] += luma;
                count[cy * SIDE + cx]++;
            }
        }
        double[] cells = new double[CELLS];
        for (int c = 0; c < CELLS; c++) {
            if (count[c] > 0) {
                cells[c] = sum[c] / count[c];
            } else { // an image narrower or lower than the grid: take the nearest cell that has pixels
                int cy = c / SIDE;
                int cx = c % SIDE;
                int sy = Math.min(h - 1, (int) ((cy + 0.5) * h / SIDE));
                int sx = Math.min(w - 1, (int) ((cx + 0.5) * w / SIDE));
                int p = rgb[sy * w + sx];
                cells[c] = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
            }
        }
        return standardised(cells);
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
     * Mirrors a grid left to right.
     *
     * @param grid a grid
     * @return its horizontal flip
     */
    static float[] flip(float[] grid) {
        float[] out = new float[CELLS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                out[y * SIDE + x] = grid[y * SIDE + SIDE - 1 - x];
            }
        }
        return out;
    }

    /**
     * The query's central windows at every scale, unmirrored then mirrored, each standardised: computed once per
     * query, then compared with each candidate by {@link #distance(float[][], float[])}.
     *
     * @param grid the query's grid
     * @return {@code 2 * SCALE_COUNT} windows of {@value #WINDOW}² values
     */
    static float[][] windows(float[] grid) {
        float[][] out = new float[2 * SCALE_COUNT][];
        double centre = (SIDE - 1) / 2.0;
        for (int m = 0; m < 2; m++) {
            for (int s = 0; s < SCALE_COUNT; s++) {
                double scale = SCALES[s];
                double[] v = new double[WINDOW_CELLS];
                for (int y = 0; y < WINDOW; y++) {
                    double sy = centre + (y + MARGIN - centre) * scale;
                    for (int x = 0; x < WINDOW; x++) {
                        double wx = x + MARGIN;
                        double sx = centre + ((m == 0 ? wx : SIDE - 1 - wx) - centre) * scale;
                        v[y * WINDOW + x] = bilinear(grid, sx, sy);
                    }
                }
                out[m * SCALE_COUNT + s] = standardised(v);
            }
        }
        return out;
    }

    private static double bilinear(float[] grid, double x, double y) {
        x = Math.max(0, Math.min(SIDE - 1, x));
        y = Math.max(0, Math.min(SIDE - 1, y));
        int x0 = Math.min(SIDE - 2, (int) x);
        int y0 = Math.min(SIDE - 2, (int) y);
        double fx = x - x0;
        double fy = y - y0;
        int i = y0 * SIDE + x0;
        return (1 - fy) * ((1 - fx) * grid[i] + fx * grid[i + 1])
                + fy * ((1 - fx) * grid[i + SIDE] + fx * grid[i + SIDE + 1]);
    }

    /**
     * The aligned distance of two images: {@code 1 - r}, {@code r} the largest Pearson correlation of the query's
     * windows with the other image's windows at every offset (0 for a flat window), clamped to {@code [0, 2]}.
     *
     * @param queryWindows the query's {@link #windows}
     * @param other the other image's grid
     * @return the distance, 0 for the same picture
     */
    static double distance(float[][] queryWindows, float[] other) {
        double best = -1;
        float[] window = new float[WINDOW_CELLS];
        for (int oy = 0; oy < OFFSETS; oy++) {
            for (int ox = 0; ox < OFFSETS; ox++) {
                int top = MARGIN - MAX_OFFSET + oy;
                int left = MARGIN - MAX_OFFSET + ox;
                double mean = 0;
                for (int y = 0; y < WINDOW; y++) {
                    int row = (top + y) * SIDE + left;
                    for (int x = 0; x < WINDOW; x++) {
                        float v = other[row + x];
                        window[y * WINDOW + x] = v;
                        mean += v;
                    }
                }
                mean /= WINDOW_CELLS;
                double norm = 0;
                for (int i = 0; i < WINDOW_CELLS; i++) {
                    double d = window[i] - mean;
                    norm += d * d;
                }
                if (norm <= FLAT * FLAT) {
                    best = Math.max(best, 0);
                    continue;
                }
                double inv = 1 / Math.sqrt(norm);
                // the query windows have zero mean: their dot product with the raw window is the centred one
                for (float[] q : queryWindows) {
                    float dot = 0;
                    for (int i = 0; i < WINDOW_CELLS; i++) {
                        dot += q[i] * window[i];
                    }
                    double r = dot * inv;
                    if (r > best) {
                        best = r;
                    }
                }
            }
        }
        return Math.max(0, Math.min(2, 1 - best));
    }
}
