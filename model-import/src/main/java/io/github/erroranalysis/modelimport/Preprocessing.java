package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.cifar.data.Normalization;
import java.util.Arrays;
import java.util.Locale;

/**
 * How an imported model wants its pixels: the input layout, pixels divided by {@code scale}, then standardised per
 * channel as {@code (x - mean) / std} in the scaled units, channels in RGB order unless {@code bgr}.
 *
 * <p>The defaults ({@link #DEFAULT}) are pixels in [0,1] ({@code scale} 255), no standardisation, RGB, the layout the
 * model file declares ({@code layout} null). {@code mean} and {@code std} are given in the model's channel order: BGR
 * when {@code bgr} (as Caffe-style means are written), RGB otherwise.
 *
 * @param layout the layout the original model takes, or null for the one its file declares
 * @param scale what pixels (0 to 255) are divided by first: 255 for [0,1], 1 for [0,255]; finite and positive
 * @param mean three per-channel means in the scaled units, in the model's channel order
 * @param std three per-channel standard deviations in the scaled units, in the model's channel order; positive
 * @param bgr whether the model takes its channels in BGR order
 */
public record Preprocessing(InputLayout layout, double scale, double[] mean, double[] std, boolean bgr) {

    /** The default input of an imported model: pixels in [0,1], RGB, no standardisation, the declared layout. */
    public static final Preprocessing DEFAULT = new Preprocessing(null, 255, new double[] {0, 0, 0},
            new double[] {1, 1, 1}, false);

    /**
     * Checks and copies the values.
     *
     * @param layout the layout, or null for the declared one
     * @param scale the divisor of the pixels
     * @param mean one or three means (one is used for every channel)
     * @param std one or three standard deviations (one is used for every channel)
     * @param bgr whether channels are in BGR order
     * @throws IllegalArgumentException naming the value that is not finite, not positive, or not one or three
     */
    public Preprocessing {
        if (!(Double.isFinite(scale) && scale > 0)) {
            throw new IllegalArgumentException("input scale " + format(scale) + " must be finite and positive");
        }
        mean = channels("input mean", mean);
        std = channels("input std", std);
        for (int c = 0; c < 3; c++) {
            if (!Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("input mean " + format(mean[c]) + " must be finite");
            }
            if (!(Double.isFinite(std[c]) && std[c] > 0)) {
                throw new IllegalArgumentException("input std " + format(std[c]) + " must be finite and positive");
            }
        }
    }

    private static double[] channels(String what, double[] values) {
        if (values == null || (values.length != 1 && values.length != 3)) {
            throw new IllegalArgumentException(what + " needs one value or three (one per channel), got "
                    + (values == null ? "none" : values.length + ": " + Arrays.toString(values)));
        }
        return values.length == 1 ? new double[] {values[0], values[0], values[0]} : values.clone();
    }

    /**
     * Returns the three means in the model's channel order.
     *
     * @return a copy
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Returns the three standard deviations in the model's channel order.
     *
     * @return a copy
     */
    @Override
    public double[] std() {
        return std.clone();
    }

    /**
     * Returns the same preprocessing with the layout set.
     *
     * @param given the layout
     * @return a new preprocessing
     */
    public Preprocessing withLayout(InputLayout given) {
        return new Preprocessing(given, scale, mean, std, bgr);
    }

    /**
     * Returns the normalization of the library's own pipeline (RGB planar bytes, {@code (x/255 - m) / s}) that gives
     * the same values as this preprocessing, channel by channel in RGB order: {@code m = mean * scale / 255} and
     * {@code s = std * scale / 255}; the BGR order itself is the network's first layer ({@code GraphBuilder}).
     *
     * @return the equivalent normalization
     */
    public Normalization normalization() {
        double[] m = new double[3];
        double[] s = new double[3];
        for (int rgb = 0; rgb < 3; rgb++) {
            int model = bgr ? 2 - rgb : rgb;
            m[rgb] = mean[model] * scale / 255.0;
            s[rgb] = std[model] * scale / 255.0;
        }
        return new Normalization(m[0], m[1], m[2], s[0], s[1], s[2]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && layout == p.layout && Double.compare(scale, p.scale) == 0
                && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std) && bgr == p.bgr;
    }

    @Override
    public int hashCode() {
        return ((java.util.Objects.hashCode(layout) * 31 + Double.hashCode(scale)) * 31 + Arrays.hashCode(mean)) * 31
                + Arrays.hashCode(std) * 2 + (bgr ? 1 : 0);
    }

    /** Says it as the options would: {@code layout NCHW, pixels / 255, mean [..], std [..], RGB}. */
    @Override
    public String toString() {
        return "layout " + (layout == null ? "as declared" : layout) + ", pixels / " + format(scale) + ", mean "
                + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ", " + (bgr ? "BGR" : "RGB");
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
