package io.github.erroranalysis.corruption;

/**
 * Conversions between the library's planar RGB bytes and the reference's height × width × channel arrays of values
 * in [0, 1] ({@code np.array(x) / 255.}), and back with the reference's {@code np.uint8(np.clip(v, 0, 1) * 255)}.
 */
final class Planes {

    /** The side of a CIFAR image. */
    static final int SIDE = 32;

    /** The pixels of one plane. */
    static final int PIXELS = SIDE * SIDE;

    /** The bytes of one image. */
    static final int IMAGE_BYTES = 3 * PIXELS;

    private Planes() {
    }

    /**
     * Reads planar bytes into an HWC array of doubles in [0, 1], as {@code np.array(x) / 255.} (float64).
     *
     * @param image planar RGB bytes
     * @return {@code v[(y * 32 + x) * 3 + c]}
     */
    static double[] toHwc(byte[] image) {
        double[] v = new double[IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < PIXELS; p++) {
                v[p * 3 + c] = (image[c * PIXELS + p] & 0xFF) / 255.0;
            }
        }
        return v;
    }

    /**
     * Reads planar bytes into an HWC array of floats in [0, 1], as {@code np.array(x, dtype=np.float32) / 255.}.
     *
     * @param image planar RGB bytes
     * @return {@code v[(y * 32 + x) * 3 + c]}
     */
    static float[] toHwcFloat(byte[] image) {
        float[] v = new float[IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < PIXELS; p++) {
                v[p * 3 + c] = (image[c * PIXELS + p] & 0xFF) / 255f;
            }
        }
        return v;
    }

    /**
     * Writes an HWC array of values in [0, 1] as planar bytes, as the reference stores them:
     * {@code np.uint8(np.clip(v, 0, 1) * 255)}, truncating; NaN becomes 0.
     *
     * @param v {@code v[(y * 32 + x) * 3 + c]}
     * @return planar RGB bytes
     */
    static byte[] fromUnit(double[] v) {
        byte[] out = new byte[IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < PIXELS; p++) {
                out[c * PIXELS + p] = truncate(clip01(v[p * 3 + c]) * 255.0);
            }
        }
        return out;
    }

    /**
     * Writes an HWC array of float values in [0, 1] as planar bytes; the product with 255 is taken in float, as
     * NumPy does for a float32 array.
     *
     * @param v {@code v[(y * 32 + x) * 3 + c]}
     * @return planar RGB bytes
     */
    static byte[] fromUnit(float[] v) {
        byte[] out = new byte[IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < PIXELS; p++) {
                float x = v[p * 3 + c];
                float clipped = x != x ? 0f : Math.min(1f, Math.max(0f, x));
                out[c * PIXELS + p] = truncate(clipped * 255f);
            }
        }
        return out;
    }

    /**
     * Writes an HWC array of values already on [0, 255] (the reference's {@code np.clip(v, 0, 255)}) as planar
     * bytes, truncating.
     *
     * @param v {@code v[(y * 32 + x) * 3 + c]}
     * @return planar RGB bytes
     */
    static byte[] fromByteRange(double[] v) {
        byte[] out = new byte[IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < PIXELS; p++) {
                double x = v[p * 3 + c];
                out[c * PIXELS + p] = truncate(x != x ? 0 : Math.min(255.0, Math.max(0.0, x)));
            }
        }
        return out;
    }

    /**
     * Clips to [0, 1]; NaN becomes 0.
     *
     * @param x a value
     * @return the clipped value
     */
    static double clip01(double x) {
        return x != x ? 0.0 : Math.min(1.0, Math.max(0.0, x));
    }

    /**
     * Truncates a value on [0, 255] to a byte, as {@code np.uint8} does.
     *
     * @param x a value on [0, 255]
     * @return the byte
     */
    static byte truncate(double x) {
        return (byte) (int) x;
    }
}
