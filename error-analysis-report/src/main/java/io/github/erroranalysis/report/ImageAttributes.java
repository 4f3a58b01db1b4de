package io.github.erroranalysis.report;

import io.github.erroranalysis.SliceAttribute;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The interpretable attributes of an image that slices are searched over, computed from its RGB pixels: brightness,
 * contrast, saturation, colourfulness, sharpness, dominant hue, edge density and how centred the object's mass is.
 *
 * <p>With luminance {@code Y = 0.299 R + 0.587 G + 0.114 B} (Rec. 601, in [0, 255]) and HSV saturation
 * {@code S = (max - min) / max} (0 for black):
 * <ul>
 * <li>brightness: the mean of {@code Y};</li>
 * <li>contrast: the standard deviation of {@code Y} (over the pixels, not the sample's);</li>
 * <li>saturation: the mean of {@code S}, in [0, 1];</li>
 * <li>colourfulness: Hasler and Süsstrunk's (2003) {@code M = sqrt(sd(rg)² + sd(yb)²) + 0.3 sqrt(mean(rg)² +
 * mean(yb)²)}, with {@code rg = R - G} and {@code yb = (R + G) / 2 - B};</li>
 * <li>sharpness: the variance of the 4-neighbour Laplacian of {@code Y} (kernel {@code [0 1 0; 1 -4 1; 0 1 0]},
 * borders mirrored without repeating the edge pixel, as OpenCV's default {@code BORDER_REFLECT_101});</li>
 * <li>edge density: the share of pixels whose Sobel gradient magnitude of {@code Y} (3 × 3 kernels, the same
 * borders) exceeds {@value #EDGE_THRESHOLD}, the magnitude of a step of 25 grey levels;</li>
 * <li>off-centre mass: the distance from the image's centre of the centroid of the "object mass", each pixel
 * weighted by {@code |Y - mean Y of the border pixels|}, as a fraction of the half-diagonal (0 centred, 1 in a
 * corner; 0 for an image with no mass);</li>
 * <li>dominant hue: of the six HSV hue sectors of 60° centred on red (0°), yellow, green, cyan, blue and magenta,
 * the one with the largest sum of {@code S}, or grey when the mean saturation is below
 * {@value #GREY_SATURATION}.</li>
 * </ul>
 */
public final class ImageAttributes {

    /** The numeric attributes' names, in the order {@link #measure} gives them. */
    public static final List<String> NUMERIC = List.of("brightness", "contrast", "saturation", "colourfulness",
            "sharpness", "edge density", "off-centre mass");

    /** The name of the categorical attribute of the dominant hue. */
    public static final String DOMINANT_HUE = "dominant hue";

    /** The dominant hue's categories. */
    public static final List<String> HUES = List.of("grey", "red", "yellow", "green", "cyan", "blue", "magenta");

    /** The Sobel gradient magnitude of luminance above which a pixel counts as an edge (a step of 25 grey levels). */
    public static final double EDGE_THRESHOLD = 100;

    /** The mean HSV saturation below which an image's dominant hue is grey. */
    public static final double GREY_SATURATION = 0.1;

    private ImageAttributes() {
    }

    /**
     * Measures one image's numeric attributes.
     *
     * @param image the image, any size
     * @return the values of {@link #NUMERIC}, in its order
     */
    public static double[] measure(BufferedImage image) {
        Pixels p = Pixels.of(image);
        int w = p.width;
        int h = p.height;
        int n = w * h;
        double sumY = 0;
        double sumS = 0;
        double sumRg = 0;
        double sumYb = 0;
        for (int i = 0; i < n; i++) {
            sumY += p.y[i];
            sumS += p.s[i];
            sumRg += p.rg[i];
            sumYb += p.yb[i];
        }
        double meanY = sumY / n;
        double meanRg = sumRg / n;
        double meanYb = sumYb / n;
        double varY = 0;
        double varRg = 0;
        double varYb = 0;
        for (int i = 0; i < n; i++) {
            varY += sq(p.y[i] - meanY);
            varRg += sq(p.rg[i] - meanRg);
            varYb += sq(p.yb[i] - meanYb);
        }
        double colourfulness = Math.sqrt(varRg / n + varYb / n) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
        double[] laplacian = new double[n];
        int edges = 0;
        for (int r = 0; r < h; r++) {
            int up = reflect(r - 1, h);
            int down = reflect(r + 1, h);
            for (int c = 0; c < w; c++) {
                int left = reflect(c - 1, w);
                int right = reflect(c + 1, w);
                laplacian[r * w + c] = p.at(up, c) + p.at(down, c) + p.at(r, left) + p.at(r, right) - 4 * p.at(r, c);
                double gx = p.at(up, right) + 2 * p.at(r, right) + p.at(down, right)
                        - p.at(up, left) - 2 * p.at(r, left) - p.at(down, left);
                double gy = p.at(down, left) + 2 * p.at(down, c) + p.at(down, right)
                        - p.at(up, left) - 2 * p.at(up, c) - p.at(up, right);
                if (Math.sqrt(gx * gx + gy * gy) > EDGE_THRESHOLD) {
                    edges++;
                }
            }
        }
        return new double[] {meanY, Math.sqrt(varY / n), sumS / n, colourfulness, variance(laplacian),
                (double) edges / n, offCentre(p)};
    }

    /**
     * Gives one image's dominant hue.
     *
     * @param image the image
     * @return the index into {@link #HUES}
     */
    public static int dominantHue(BufferedImage image) {
        Pixels p = Pixels.of(image);
        int n = p.width * p.height;
        double[] sectors = new double[6];
        double sumS = 0;
        for (int i = 0; i < n; i++) {
            sumS += p.s[i];
            if (p.s[i] > 0) {
                sectors[(int) Math.floor(((p.hue[i] + 30) % 360) / 60) % 6] += p.s[i];
            }
        }
        if (sumS / n < GREY_SATURATION) {
            return 0;
        }
        int best = 0;
        for (int k = 1; k < 6; k++) {
            if (sectors[k] > sectors[best]) {
                best = k;
            }
        }
        return 1 + best;
    }

    /**
     * Measures the attributes of every example of an analysis, in parallel over examples.
     *
     * @param images the examples' images, asked for by index with no origin (wrap the source to pass origins)
     * @param examples how many examples there are (indexes {@code 0 .. examples - 1})
     * @return the numeric attributes, then the dominant hue
     * @throws IllegalArgumentException naming the example whose image is missing
     */
    public static List<SliceAttribute> of(ImageSource images, int examples) {
        Objects.requireNonNull(images, "images");
        if (examples < 0) {
            throw new IllegalArgumentException("the number of examples must not be negative, but is " + examples);
        }
        double[][] numeric = new double[examples][];
        int[] hues = new int[examples];
        IntStream.range(0, examples).parallel().forEach(i -> {
            Optional<BufferedImage> image = images.image(i, Optional.empty());
            if (image.isEmpty()) {
                throw new IllegalArgumentException("the image of example " + i + " is missing: the image attributes "
                        + "need every example's image");
            }
            numeric[i] = measure(image.get());
            hues[i] = dominantHue(image.get());
        });
        List<SliceAttribute> attributes = new ArrayList<>();
        for (int a = 0; a < NUMERIC.size(); a++) {
            double[] values = new double[examples];
            for (int i = 0; i < examples; i++) {
                values[i] = numeric[i][a];
            }
            attributes.add(SliceAttribute.numeric(NUMERIC.get(a), values));
        }
        attributes.add(SliceAttribute.category(DOMINANT_HUE, hues, HUES));
        return List.copyOf(attributes);
    }

    private static double offCentre(Pixels p) {
        int w = p.width;
        int h = p.height;
        double border = 0;
        int count = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (r == 0 || c == 0 || r == h - 1 || c == w - 1) {
                    border += p.at(r, c);
                    count++;
                }
            }
        }
        border /= count;
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double m = Math.abs(p.at(r, c) - border);
                mass += m;
                mx += m * (c + 0.5);
                my += m * (r + 0.5);
            }
        }
        if (mass <= 0) {
            return 0;
        }
        double dx = mx / mass - w / 2.0;
        double dy = my / mass - h / 2.0;
        return Math.sqrt(dx * dx + dy * dy) / (Math.sqrt((double) w * w + (double) h * h) / 2);
    }

    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * n - 2 - i : i;
    }

    private static double variance(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (double x : v) {
            s += sq(x - mean);
        }
        return s / v.length;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** An image's per-pixel luminance, HSV saturation and hue, and opponent colours, row after row. */
    private static final class Pixels {
        final int width;
        final int height;
        final double[] y;
        final double[] s;
        final double[] hue;
        final double[] rg;
        final double[] yb;

        private Pixels(int width, int height) {
            this.width = width;
            this.height = height;
            int n = width * height;
            y = new double[n];
            s = new double[n];
            hue = new double[n];
            rg = new double[n];
            yb = new double[n];
        }

        static Pixels of(BufferedImage image) {
            Objects.requireNonNull(image, "image");
            int w = image.getWidth();
            int h = image.getHeight();
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            Pixels p = new Pixels(w, h);
            for (int i = 0; i < argb.length; i++) {
                int r = (argb[i] >> 16) & 0xff;
                int g = (argb[i] >> 8) & 0xff;
                int b = argb[i] & 0xff;
                p.y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
                p.rg[i] = r - g;
                p.yb[i] = 0.5 * (r + g) - b;
                int max = Math.max(r, Math.max(g, b));
                int min = Math.min(r, Math.min(g, b));
                int chroma = max - min;
                p.s[i] = max == 0 ? 0 : (double) chroma / max;
                double hueAngle = 0;
                if (chroma > 0) {
                    if (max == r) {
                        hueAngle = 60.0 * (g - b) / chroma;
                    } else if (max == g) {
                        hueAngle = 60.0 * (b - r) / chroma + 120;
                    } else {
                        hueAngle = 60.0 * (r - g) / chroma + 240;
                    }
                    if (hueAngle < 0) {
                        hueAngle += 360;
                    }
                }
                p.hue[i] = hueAngle;
            }
            return p;
        }

        double at(int row, int column) {
            return y[row * width + column];
        }
    }
}
