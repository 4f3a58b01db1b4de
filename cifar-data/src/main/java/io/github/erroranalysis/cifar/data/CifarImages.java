package io.github.erroranalysis.cifar.data;

import io.github.erroranalysis.io.Messages;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

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

    /**
     * The most pixels (width × height) an image may have: 50 megapixels, checked from the image's header before it
     * is decoded (a 20,000×20,000 PNG of 1.2 MB would need 1.6 GB decoded).
     */
    public static final long MAX_PIXELS = 50_000_000L;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int SIDE = CifarDataset.SIDE;
    private static final int PLANE = CifarDataset.PLANE_BYTES;

    private CifarImages() {
    }

    /**
     * Reads an image file (PNG, JPEG, BMP, GIF, TIFF or any format an {@link ImageIO} reader recognizes by its content)
     * and converts it to CIFAR pixels.
     *
     * <p>The image's size is read from its header first: an image of more than {@link #MAX_PIXELS} pixels is
     * refused before a byte of it is decoded. A PNG must be whole: every chunk's CRC-32 is checked and the file must
     * reach its {@code IEND} chunk; a JPEG must reach its end-of-image marker. A 0-byte file is refused as an
     * {@code "empty file (0 bytes)"}.
     *
     * @param file the image file
     * @return {@value CifarDataset#IMAGE_BYTES} bytes in the CIFAR binary layout
     * @throws CifarFormatException if no image reader accepts the file, it is corrupt or truncated, it has more than
     *                              {@link #MAX_PIXELS} pixels or does not fit in memory; the message names the file
     * @throws IOException          if the file cannot be read
     */
    public static byte[] read(Path file) throws IOException {
        return toCifarPixels(readImage(file));
    }

    /** Reads an image file, naming it in every error; never throws an {@link Error} for a bad file. */
    static BufferedImage readImage(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no image file here");
        }
        if (Files.size(file) == 0) {
            throw new CifarFormatException(file + ": empty file (0 bytes), not an image");
        }
        checkPngChunks(file);
        checkJpegEnd(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new CifarFormatException(file + ": unreadable image (no ImageIO reader recognizes it; expected "
                        + "PNG, JPEG, BMP, GIF, TIFF or another format ImageIO reads)");
            }
            ImageReader reader = readers.next();
            try {
                return decode(file, reader, in);
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage decode(Path file, ImageReader reader, ImageInputStream in) throws IOException {
        long width;
        long height;
        try {
            reader.setInput(in, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new CifarFormatException(file + ": unreadable image (" + Messages.causes(e) + ")", e);
        }
        if (width <= 0 || height <= 0) {
            throw new CifarFormatException(file + ": unreadable image (size " + width + "×" + height + ")");
        }
        if (width * height > MAX_PIXELS) {
            throw new CifarFormatException(String.format(Locale.ROOT, "%s: image is %d×%d pixels (%,d pixels), more "
                    + "than the limit of %,d pixels (CifarImages.MAX_PIXELS); shrink it before reading", file, width,
                    height, width * height, MAX_PIXELS));
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(file, width, height, e);
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof OutOfMemoryError) {
                    throw outOfMemory(file, width, height, e);   // the PNG reader wraps it in an IIOException
                }
            }
            throw new CifarFormatException(file + ": unreadable image (" + Messages.causes(e) + ")", e);
        }
        for (String warning : warnings) {
            if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                throw new CifarFormatException(file + ": unreadable image (truncated: " + warning.strip() + ")");
            }
        }
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            throw new CifarFormatException(file + ": unreadable image (the decoder returned "
                    + (image == null ? "nothing" : image.getWidth() + "×" + image.getHeight()) + " for a " + width
                    + "×" + height + " header)");
        }
        return image;
    }

    private static CifarFormatException outOfMemory(Path file, long width, long height, Throwable e) {
        return new CifarFormatException(file + ": " + Messages.outOfMemory(String.format(Locale.ROOT,
                "decode the %d×%d image", width, height)), e);
    }

    /**
     * For a file that starts with the PNG signature, checks every chunk's CRC-32 and that the file reaches its
     * {@code IEND} chunk (ImageIO checks neither, so a damaged or cut PNG would decode to other pixels).
     */
    private static void checkPngChunks(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] signature = in.readNBytes(PNG_SIGNATURE.length);
            if (!Arrays.equals(signature, PNG_SIGNATURE)) {
                return;
            }
            long offset = PNG_SIGNATURE.length;
            byte[] buffer = new byte[1 << 16];
            CRC32 crc = new CRC32();
            while (true) {
                byte[] header = in.readNBytes(8);
                if (header.length < 8) {
                    throw unreadable(file, "truncated PNG: ends at byte " + (offset + header.length)
                            + " before its IEND chunk");
                }
                long length = ByteBuffer.wrap(header).getInt() & 0xFFFFFFFFL;
                String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
                if (length > Integer.MAX_VALUE) {
                    throw unreadable(file, "corrupt PNG: chunk at byte " + offset + " declares " + length
                            + " bytes, more than a PNG chunk can hold");
                }
                crc.reset();
                crc.update(header, 4, 4);
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw unreadable(file, "truncated PNG: ends inside chunk '" + printable(type) + "' at byte "
                                + (offset + 8 + length - left));
                    }
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                byte[] stored = in.readNBytes(4);
                if (stored.length < 4) {
                    throw unreadable(file, "truncated PNG: ends inside the CRC of chunk '" + printable(type)
                            + "' at byte " + (offset + 8 + length));
                }
                if ((ByteBuffer.wrap(stored).getInt() & 0xFFFFFFFFL) != crc.getValue()) {
                    throw unreadable(file, "corrupt PNG: chunk '" + printable(type) + "' at byte " + offset
                            + " fails its CRC-32");
                }
                offset += 12 + length;
                if (type.equals("IEND")) {
                    return;
                }
            }
        }
    }

    private static CifarFormatException unreadable(Path file, String why) {
        return new CifarFormatException(file + ": unreadable image (" + why + ")");
    }

    /**
     * For a file that starts with the JPEG start-of-image marker, walks its segments and entropy-coded scans to the
     * end-of-image marker: a JPEG cut anywhere before it is refused (the decoder fills what is missing silently).
     * Bytes after the end-of-image marker (some cameras append data) are not read.
     */
    private static void checkJpegEnd(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             JpegBytes in = new JpegBytes(new BufferedInputStream(raw, 1 << 16), file)) {
            if (in.next() != 0xFF || in.next() != 0xD8) {
                return;
            }
            int marker = in.marker();
            while (marker != 0xD9) {
                if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                    marker = in.marker();                     // a marker without a segment
                    continue;
                }
                int length = in.next() << 8 | in.next();
                if (length < 2) {
                    throw unreadable(file, "corrupt JPEG: segment 0xFF" + Integer.toHexString(marker).toUpperCase(
                            Locale.ROOT) + " at byte " + (in.offset - 4) + " declares " + length + " bytes");
                }
                in.skip(length - 2);
                marker = marker == 0xDA ? in.afterScan() : in.marker();
            }
        }
    }

    /** The bytes of a JPEG, read one by one, with the place; the end of the file before the EOI marker is an error. */
    private static final class JpegBytes implements AutoCloseable {
        private final InputStream in;
        private final Path file;
        private long offset;

        JpegBytes(InputStream in, Path file) {
            this.in = in;
            this.file = file;
        }

        int next() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw unreadable(file, "truncated JPEG: ends at byte " + offset + " before its end-of-image marker");
            }
            offset++;
            return b;
        }

        void skip(long count) throws IOException {
            for (long left = count; left > 0; left--) {
                next();
            }
        }

        /** Reads up to the next marker (skipping stray bytes and fill bytes, as decoders do) and returns its code. */
        int marker() throws IOException {
            int b = next();
            while (b != 0xFF) {
                b = next();
            }
            while (b == 0xFF) {
                b = next();
            }
            return b;
        }

        /** Reads entropy-coded data (stuffed 0xFF00 bytes and restart markers included) up to the next marker. */
        int afterScan() throws IOException {
            while (true) {
                int b = next();
                if (b != 0xFF) {
                    continue;
                }
                while (b == 0xFF) {
                    b = next();
                }
                if (b != 0x00 && (b < 0xD0 || b > 0xD7)) {
                    return b;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x21 && c < 0x7F) ? type
                : HexFormat.of().formatHex(type.getBytes(StandardCharsets.ISO_8859_1));
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
        // one pass over the source rows: each row, composited and resampled to 32 columns, is added with its weight
        // to the output rows it covers (in ascending source order, so the sums are those of a column-wise pass);
        // memory stays 3 × 32 × 32 sums and one source row, whatever the image's shape
        double[] sums = new double[3 * SIDE * SIDE];
        double[][] channels = new double[3][width];
        double[] resampledRow = new double[SIDE];
        int firstTarget = 0;
        for (int y = 0; y < height; y++) {
            reader.read(y, channels);
            while (firstTarget < SIDE && down.last(firstTarget) < y) {
                firstTarget++;
            }
            for (int c = 0; c < 3; c++) {
                across.apply(channels[c], 0, 1, resampledRow, 0);
                // the targets that read row y are contiguous: their first and last source rows only grow with d
                for (int d = firstTarget; d < SIDE && down.first()[d] <= y; d++) {
                    double weight = down.weight(d, y);
                    int at = (c * SIDE + d) * SIDE;
                    for (int x = 0; x < SIDE; x++) {
                        sums[at + x] += weight * resampledRow[x];
                    }
                }
            }
        }
        byte[] pixels = new byte[CifarDataset.IMAGE_BYTES];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    pixels[c * PLANE + y * SIDE + x] = toByte(sums[(c * SIDE + y) * SIDE + x]);
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

        /** The last source index that target {@code d} reads. */
        int last(int d) {
            return first[d] + weights[d].length - 1;
        }

        /** The weight of source index {@code s} in target {@code d}, 0 where it is not read. */
        double weight(int d, int s) {
            return s >= first[d] && s <= last(d) ? weights[d][s - first[d]] : 0;
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
