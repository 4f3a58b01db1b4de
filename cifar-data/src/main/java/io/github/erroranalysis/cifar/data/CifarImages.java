package io.github.erroranalysis.cifar.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Converts an image of any size and kind to the 32×32 CIFAR-10 pixel layout (the way {@link ImageFolder} reads
 * photos and a model predicts on one), and CIFAR pixels back to an image for display.
 *
 * <p><b>Colour.</b> Every image is first turned into 8-bit sRGB: colour images (RGB, palette, 16-bit, any ICC
 * profile) through {@link BufferedImage#getRGB}; grayscale images (with or without alpha, 8 or 16 bits) by copying
 * the gray level into red, green and blue unchanged (gray 128 stays 128; Java2D's own gray conversion would brighten
 * it). Transparent and semi-transparent pixels are composited on <b>white</b>:
 * {@code value = alpha * colour + (1 - alpha) * 255}.
 *
 * <p><b>Size.</b> The whole image is stretched to 32×32 (the aspect ratio is not kept and nothing is cropped; crop a
 * photo first if the object should keep its shape). Each axis is resampled on its own: an axis longer than 32 pixels
 * (or equal) by exact <b>area averaging</b> (every output pixel is the mean of the source pixels it covers, partly
 * covered pixels weighted by the part covered), which never aliases and needs no progressive steps however big
 * the image; an axis shorter than 32 pixels by <b>bilinear</b> interpolation between pixel centres (edges
 * clamped). A 32×32 image passes unchanged; a 64×64 image becomes the means of its 2×2 blocks. Averages are taken
 * on the sRGB byte values and rounded half up.
 */
public final class CifarImages {

    /** The level (of 0–255) that transparent pixels are composited on in every channel: white. */
    public static final int BACKGROUND = 255;

    private static final int SIDE = CifarDataset.SIDE;
    private static final int PLANE = CifarDataset.PLANE_BYTES;

    private CifarImages() {
    }

    /**
     * Reads a PNG or JPEG file through {@link ImageIO} and converts it to CIFAR pixels.
     *
     * @param file the image file
     * @return {@value CifarDataset#IMAGE_BYTES} bytes in the CIFAR binary layout
     * @throws CifarFormatException if no image reader accepts the file or it is corrupt; the message names the file
     * @throws IOException          if the file cannot be read
     */
    public static byte[] read(Path file) throws IOException {
        return toCifarPixels(readImage(file));
    }

    /** Reads an image file, naming it in every error. */
    static BufferedImage readImage(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no image file here");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new CifarFormatException(file + ": unreadable image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new CifarFormatException(file + ": unreadable image (no ImageIO reader recognizes it; expected PNG "
                    + "or JPEG)");
        }
        if (image.getWidth() <= 0 || image.getHeight() <= 0) {
            throw new CifarFormatException(file + ": unreadable image (size " + image.getWidth() + "×"
                    + image.getHeight() + ")");
        }
        return image;
    }

    /**
     * Converts an image of any size and kind to the CIFAR-10 layout: composited on white, stretched to 32×32 by area
     * averaging (or bilinear interpolation along an axis shorter than 32), as described in the class comment.
     *
     * @param image the image; RGB, grayscale, palette, with or without alpha
     * @return {@value CifarDataset#IMAGE_BYTES} bytes: 1,024 red, 1,024 green, 1,024 blue, each plane row-major
     */
    public static byte[] toCifarPixels(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int width = image.getWidth();
        int height = image.getHeight();
        Resampler across = Resampler.of(width, SIDE);
        Resampler down = Resampler.of(height, SIDE);
        RowReader reader = RowReader.of(image);
        // pass 1: every source row, composited, resampled to 32 columns; per row 3 channels × 32 values
        double[] rows = new double[height * 3 * SIDE];
        double[][] channels = new double[3][width];
        for (int y = 0; y < height; y++) {
            reader.read(y, channels);
            for (int c = 0; c < 3; c++) {
                across.apply(channels[c], 0, 1, rows, (y * 3 + c) * SIDE);
            }
        }
        // pass 2: every column of every channel resampled to 32 rows
        byte[] pixels = new byte[CifarDataset.IMAGE_BYTES];
        double[] column = new double[height];
        double[] resampled = new double[SIDE];
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < SIDE; x++) {
                for (int y = 0; y < height; y++) {
                    column[y] = rows[(y * 3 + c) * SIDE + x];
                }
                down.apply(column, 0, 1, resampled, 0);
                for (int y = 0; y < SIDE; y++) {
                    pixels[c * PLANE + y * SIDE + x] = toByte(resampled[y]);
                }
            }
        }
        return pixels;
    }

    /**
     * Returns CIFAR pixels as a 32×32 RGB image for display.
     *
     * @param pixels {@value CifarDataset#IMAGE_BYTES} bytes in the CIFAR binary layout
     * @return a new {@link BufferedImage} of type {@code TYPE_INT_RGB}
     * @throws IllegalArgumentException if {@code pixels} has another length
     */
    public static BufferedImage toImage(byte[] pixels) {
        if (pixels.length != CifarDataset.IMAGE_BYTES) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected "
                    + CifarDataset.IMAGE_BYTES);
        }
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[PLANE];
        for (int p = 0; p < PLANE; p++) {
            rgb[p] = (pixels[p] & 0xFF) << 16 | (pixels[PLANE + p] & 0xFF) << 8 | (pixels[2 * PLANE + p] & 0xFF);
        }
        image.setRGB(0, 0, SIDE, SIDE, rgb, 0, SIDE);
        return image;
    }

    private static byte toByte(double value) {
        return (byte) Math.round(Math.min(255.0, Math.max(0.0, value)));
    }

    private static double composite(double level, double alpha) {
        return alpha * level + (1 - alpha) * BACKGROUND;
    }

    /**
     * One axis of the resize: for every target index, the first source index and the weights of the source pixels
     * from there on (they sum to 1).
     */
    private record Resampler(int[] first, double[][] weights) {

        static Resampler of(int source, int target) {
            int[] first = new int[target];
            double[][] weights = new double[target][];
            if (source >= target) {
                double scale = (double) source / target;
                for (int d = 0; d < target; d++) {
                    double lo = d * scale;
                    double hi = d == target - 1 ? source : (d + 1) * scale;
                    int from = (int) Math.floor(lo);
                    int to = Math.min(source, (int) Math.ceil(hi));
                    double[] w = new double[to - from];
                    for (int s = from; s < to; s++) {
                        w[s - from] = (Math.min(hi, s + 1.0) - Math.max(lo, s)) / scale;
                    }
                    first[d] = from;
                    weights[d] = w;
                }
            } else {
                for (int d = 0; d < target; d++) {
                    double x = Math.min(source - 1.0, Math.max(0.0, (d + 0.5) * source / target - 0.5));
                    int i0 = (int) Math.floor(x);
                    double t = x - i0;
                    first[d] = i0;
                    weights[d] = i0 + 1 < source ? new double[] {1 - t, t} : new double[] {1};
                }
            }
            return new Resampler(first, weights);
        }

        /** Resamples {@code in} (read with a stride) into {@code out} from {@code outOffset} on. */
        void apply(double[] in, int inOffset, int inStride, double[] out, int outOffset) {
            for (int d = 0; d < first.length; d++) {
                double[] w = weights[d];
                int at = inOffset + first[d] * inStride;
                double sum = 0;
                for (int k = 0; k < w.length; k++, at += inStride) {
                    sum += w[k] * in[at];
                }
                out[outOffset + d] = sum;
            }
        }
    }

    /** Reads one row of an image as red, green and blue levels 0–255, already composited on the background. */
    private interface RowReader {

        void read(int y, double[][] channels);

        static RowReader of(BufferedImage image) {
            ColorModel model = image.getColorModel();
            Raster raster = image.getRaster();
            boolean gray = !(model instanceof IndexColorModel)
                    && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                    && raster.getTransferType() <= DataBuffer.TYPE_INT
                    && raster.getNumBands() == (model.hasAlpha() ? 2 : 1);
            return gray ? grayRows(image, model, raster) : rgbRows(image);
        }

        private static RowReader rgbRows(BufferedImage image) {
            int width = image.getWidth();
            int[] argb = new int[width];
            return (y, channels) -> {
                image.getRGB(0, y, width, 1, argb, 0, width);
                for (int x = 0; x < width; x++) {
                    int p = argb[x];
                    double alpha = (p >>> 24) / 255.0;
                    channels[0][x] = composite(p >> 16 & 0xFF, alpha);
                    channels[1][x] = composite(p >> 8 & 0xFF, alpha);
                    channels[2][x] = composite(p & 0xFF, alpha);
                }
            };
        }

        /** Gray levels copied as they are (scaled to 0–255 from their bit depth), bypassing Java2D's gray gamma. */
        private static RowReader grayRows(BufferedImage image, ColorModel model, Raster raster) {
            int width = image.getWidth();
            double grayMax = (1L << model.getComponentSize(0)) - 1;
            boolean hasAlpha = model.hasAlpha();
            double alphaMax = hasAlpha ? (1L << model.getComponentSize(1)) - 1 : 1;
            boolean premultiplied = model.isAlphaPremultiplied();
            int[] levels = new int[width];
            int[] alphas = new int[width];
            int minX = raster.getMinX();
            int minY = raster.getMinY();
            return (y, channels) -> {
                raster.getSamples(minX, minY + y, width, 1, 0, levels);
                if (hasAlpha) {
                    raster.getSamples(minX, minY + y, width, 1, 1, alphas);
                }
                for (int x = 0; x < width; x++) {
                    double level = levels[x] * 255.0 / grayMax;
                    double alpha = hasAlpha ? alphas[x] / alphaMax : 1.0;
                    double value = premultiplied ? level + (1 - alpha) * BACKGROUND : composite(level, alpha);
                    channels[0][x] = value;
                    channels[1][x] = value;
                    channels[2][x] = value;
                }
            };
        }
    }
}
