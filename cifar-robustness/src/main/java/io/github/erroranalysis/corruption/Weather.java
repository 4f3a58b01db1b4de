package io.github.erroranalysis.corruption;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Fog (the reference's diamond-square plasma fractal) and frost (the reference's frost photos, shipped already
 * resized as the reference resizes them; see {@code frost/NOTICE}).
 */
final class Weather {

    private static final int SIDE = Planes.SIDE;

    /** Fog's (strength, wibble decay) per severity. */
    private static final double[][] FOG = {{.2, 3}, {.5, 3}, {0.75, 2.5}, {1, 2}, {1.5, 1.75}};

    /** Frost's (image weight, frost weight) per severity. */
    private static final double[][] FROST = {{1, 0.2}, {1, 0.3}, {0.9, 0.4}, {0.85, 0.4}, {0.75, 0.45}};

    /** The frost photos the reference draws from ({@code np.random.randint(5)}: frost6 is never drawn). */
    private static final int FROST_PHOTOS = 5;

    private Weather() {
    }

    /**
     * The reference's {@code fog}: {@code x += c₀ · plasma}, then {@code clip(x · max / (max + c₀), 0, 1) · 255}
     * with {@code max} the image's largest value.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param seed the seed
     * @return the corrupted image
     */
    static byte[] fog(byte[] image, int severity, long seed) {
        return fog(image, severity, Seeds.generator(seed));
    }

    /**
     * Fog drawing from a given generator (its uniform draws in the plasma fractal's order).
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param rng the generator
     * @return the corrupted image
     */
    static byte[] fog(byte[] image, int severity, UniformRandomProvider rng) {
        double[] c = FOG[severity - 1];
        double[] x = Planes.toHwc(image);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double[] plasma = plasmaFractal(rng, c[1]);
        for (int i = 0; i < x.length; i++) {
            x[i] += c[0] * plasma[i / 3];
            x[i] = x[i] * max / (max + c[0]);
        }
        return Planes.fromUnit(x);
    }

    /**
     * The reference's {@code plasma_fractal(mapsize=32, wibbledecay)}: diamond-square on a 32 × 32 torus starting
     * from 0 at the corner and wibble 100, each new point the mean of its four neighbours plus
     * {@code wibble · U(−wibble, wibble)} (squares, then the diamonds of the rows, then of the columns, each in row
     * order), the wibble divided by the decay at each level, then scaled to [0, 1].
     *
     * @param rng the generator
     * @param decay the wibble decay
     * @return the map, {@code m[y * 32 + x]}
     */
    static double[] plasmaFractal(UniformRandomProvider rng, double decay) {
        int size = SIDE;
        double[] m = new double[size * size];
        double wibble = 100;
        for (int step = size; step >= 2; step /= 2) {
            int half = step / 2;
            int n = size / step;
            double[] squares = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int i1 = (i + 1) % n;
                    int j1 = (j + 1) % n;
                    double left = m[i * step * size + j * step] + m[i1 * step * size + j * step];
                    double right = m[i * step * size + j1 * step] + m[i1 * step * size + j1 * step];
                    squares[i * n + j] = left + right;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[(i * step + half) * size + j * step + half] = wibbledMean(rng, squares[i * n + j], wibble);
                }
            }
            double[] rows = new double[n * n];
            double[] columns = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dr = m[(i * step + half) * size + j * step + half];
                    double drUp = m[(((i - 1 + n) % n) * step + half) * size + j * step + half];
                    double drLeft = m[(i * step + half) * size + ((j - 1 + n) % n) * step + half];
                    double ul = m[i * step * size + j * step];
                    double ulRight = m[i * step * size + ((j + 1) % n) * step];
                    double ulDown = m[((i + 1) % n) * step * size + j * step];
                    rows[i * n + j] = (dr + drUp) + (ul + ulRight);
                    columns[i * n + j] = (dr + drLeft) + (ul + ulDown);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i * step * size + j * step + half] = wibbledMean(rng, rows[i * n + j], wibble);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[(i * step + half) * size + j * step] = wibbledMean(rng, columns[i * n + j], wibble);
                }
            }
            wibble /= decay;
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : m) {
            min = Math.min(min, v);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m.length; i++) {
            m[i] -= min;
            max = Math.max(max, m[i]);
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= max;
        }
        return m;
    }

    /** The reference's {@code wibbledmean}: {@code sum / 4 + wibble · uniform(−wibble, wibble)}. */
    private static double wibbledMean(UniformRandomProvider rng, double sum, double wibble) {
        return sum / 4 + wibble * (-wibble + (wibble - -wibble) * rng.nextDouble());
    }

    /**
     * The reference's {@code frost}: one of the five frost photos ({@code randint(5)}), a 32 × 32 crop at row
     * {@code randint(height − 32)} and column {@code randint(width − 32)}, and {@code clip(c₀ x + c₁ frost, 0, 255)}.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param seed the seed
     * @return the corrupted image
     */
    static byte[] frost(byte[] image, int severity, long seed) {
        return frost(image, severity, Seeds.generator(seed));
    }

    /**
     * Frost drawing from a given generator ({@code nextInt} for the photo, the row and the column).
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @param rng the generator
     * @return the corrupted image
     */
    static byte[] frost(byte[] image, int severity, UniformRandomProvider rng) {
        double[] c = FROST[severity - 1];
        Photo photo = photo(rng.nextInt(FROST_PHOTOS));
        int top = rng.nextInt(photo.height() - SIDE);
        int left = rng.nextInt(photo.width() - SIDE);
        double[] out = new double[Planes.IMAGE_BYTES];
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int p = y * SIDE + x;
                    int frost = photo.rgb()[((top + y) * photo.width() + left + x) * 3 + ch] & 0xFF;
                    out[p * 3 + ch] = c[0] * (image[ch * Planes.PIXELS + p] & 0xFF) + c[1] * frost;
                }
            }
        }
        return Planes.fromByteRange(out);
    }

    /**
     * Returns one of the frost photos the reference draws from.
     *
     * @param k 0 to 4 (frost1 to frost5)
     * @return the photo, resized as the reference resizes it, RGB
     */
    static Photo photo(int k) {
        return Photos.ALL[k];
    }

    /**
     * One resized frost photo.
     *
     * @param width columns
     * @param height rows
     * @param rgb the pixels, {@code rgb[(y * width + x) * 3 + c]}
     */
    record Photo(int width, int height, byte[] rgb) {
    }

    /**
     * Reads one frost photo from the classpath through a memory-cached stream ({@code ImageIO.read(InputStream)}
     * would cache it in a temporary file on disk).
     *
     * @param name the resource name relative to this class, such as {@code frost/frost1.png}
     * @return the photo, RGB
     */
    static Photo readPhoto(String name) {
        try (InputStream in = Weather.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("frost photo " + name + " is missing from the classpath");
            }
            // ImageIO.read closes the memory-cached stream; the resource stream is closed here
            BufferedImage img = ImageIO.read(new MemoryCacheImageInputStream(in));
            if (img == null) {
                throw new IllegalStateException("frost photo " + name + " is not a readable PNG");
            }
            int w = img.getWidth();
            int h = img.getHeight();
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = img.getRGB(x, y);
                    int p = (y * w + x) * 3;
                    rgb[p] = (byte) (argb >> 16);
                    rgb[p + 1] = (byte) (argb >> 8);
                    rgb[p + 2] = (byte) argb;
                }
            }
            return new Photo(w, h, rgb);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read frost photo " + name, e);
        }
    }

    /** The frost photos, read once on first use (the class holder idiom makes it lazy and thread-safe). */
    private static final class Photos {

        /** frost1 to frost5. */
        static final Photo[] ALL = readAll();

        private static Photo[] readAll() {
            Photo[] photos = new Photo[FROST_PHOTOS];
            for (int k = 0; k < FROST_PHOTOS; k++) {
                photos[k] = readPhoto("frost/frost" + (k + 1) + ".png");
            }
            return photos;
        }
    }
}
