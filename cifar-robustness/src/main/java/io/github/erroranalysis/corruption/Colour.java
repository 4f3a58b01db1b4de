package io.github.erroranalysis.corruption;

/**
 * The colour corruptions: brightness, contrast and saturate, as the reference computes them in float64, with
 * skimage 0.19's {@code rgb2hsv} and {@code hsv2rgb} written once here.
 */
final class Colour {

    /** The reference's brightness offsets of the HSV value, severities 1 to 5. */
    private static final double[] BRIGHTNESS = {.05, .1, .15, .2, .3};

    /** The reference's contrast factors, severities 1 to 5. */
    private static final double[] CONTRAST = {.75, .5, .4, .3, 0.15};

    /** The reference's saturation factor and offset, severities 1 to 5. */
    private static final double[][] SATURATE = {{0.3, 0}, {0.1, 0}, {1.5, 0}, {2, 0.1}, {2.5, 0.2}};

    private Colour() {
    }

    /**
     * The reference's {@code brightness}: the HSV value raised by c and clipped to [0, 1].
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @return the corrupted image
     */
    static byte[] brightness(byte[] image, int severity) {
        double c = BRIGHTNESS[severity - 1];
        double[] hsv = rgbToHsv(Planes.toHwc(image));
        for (int i = 2; i < hsv.length; i += 3) {
            hsv[i] = Planes.clip01(hsv[i] + c);
        }
        return Planes.fromUnit(hsvToRgb(hsv));
    }

    /**
     * The reference's {@code contrast}: each channel pulled towards its mean over the image by a factor c.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @return the corrupted image
     */
    static byte[] contrast(byte[] image, int severity) {
        double c = CONTRAST[severity - 1];
        double[] x = Planes.toHwc(image);
        double[] means = new double[3];
        for (int i = 0; i < x.length; i++) {
            means[i % 3] += x[i];
        }
        for (int ch = 0; ch < 3; ch++) {
            means[ch] /= Planes.PIXELS;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - means[i % 3]) * c + means[i % 3];
        }
        return Planes.fromUnit(x);
    }

    /**
     * The reference's {@code saturate}: the HSV saturation scaled and shifted, clipped to [0, 1].
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @return the corrupted image
     */
    static byte[] saturate(byte[] image, int severity) {
        double[] c = SATURATE[severity - 1];
        double[] hsv = rgbToHsv(Planes.toHwc(image));
        for (int i = 1; i < hsv.length; i += 3) {
            hsv[i] = Planes.clip01(hsv[i] * c[0] + c[1]);
        }
        return Planes.fromUnit(hsvToRgb(hsv));
    }

    /**
     * Converts RGB to HSV as skimage 0.19's {@code rgb2hsv} on float64: hue in [0, 1) from the channel that is the
     * maximum (blue over green over red when tied, as skimage's later assignments win), 0 where the pixel is grey.
     *
     * @param rgb HWC values in [0, 1]; not changed
     * @return a new HWC array of (hue, saturation, value)
     */
    static double[] rgbToHsv(double[] rgb) {
        double[] hsv = new double[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            double r = rgb[i];
            double g = rgb[i + 1];
            double b = rgb[i + 2];
            double v = Math.max(r, Math.max(g, b));
            double delta = v - Math.min(r, Math.min(g, b));
            double h = 0;
            double s = 0;
            if (delta != 0) {
                s = delta / v;
                if (b == v) {
                    h = 4. + (r - g) / delta;
                } else if (g == v) {
                    h = 2. + (b - r) / delta;
                } else {
                    h = (g - b) / delta;
                }
                h = pythonMod1(h / 6.);
            }
            hsv[i] = h;
            hsv[i + 1] = s;
            hsv[i + 2] = v;
        }
        return hsv;
    }

    /**
     * Converts HSV to RGB as skimage 0.19's {@code hsv2rgb} on float64 (sector {@code floor(6h) mod 6}).
     *
     * @param hsv HWC (hue, saturation, value); not changed
     * @return a new HWC RGB array
     */
    static double[] hsvToRgb(double[] hsv) {
        double[] rgb = new double[hsv.length];
        for (int i = 0; i < hsv.length; i += 3) {
            double h = hsv[i];
            double s = hsv[i + 1];
            double v = hsv[i + 2];
            double hi = Math.floor(h * 6);
            double f = h * 6 - hi;
            double p = v * (1 - s);
            double q = v * (1 - f * s);
            double t = v * (1 - (1 - f) * s);
            double[] out = switch (((int) hi) % 6) {
                case 0 -> new double[] {v, t, p};
                case 1 -> new double[] {q, v, p};
                case 2 -> new double[] {p, v, t};
                case 3 -> new double[] {p, q, v};
                case 4 -> new double[] {t, p, v};
                default -> new double[] {v, p, q};
            };
            System.arraycopy(out, 0, rgb, i, 3);
        }
        return rgb;
    }

    /** NumPy's float {@code x % 1.}: the C remainder, moved into [0, 1) when negative. */
    private static double pythonMod1(double x) {
        double m = x % 1.0;
        return m < 0 ? m + 1.0 : m;
    }
}
