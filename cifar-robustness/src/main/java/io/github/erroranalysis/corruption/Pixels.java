package io.github.erroranalysis.corruption;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.NodeList;

/**
 * Pixelate (Pillow 9.4's box resize down and back up, with its 8-bit fixed-point arithmetic) and JPEG compression
 * at the reference's qualities (libjpeg's quality-scaled standard tables, 4:2:0, through {@code javax.imageio} in
 * memory).
 */
final class Pixels {

    /** The reference's pixelate scale factors, severities 1 to 5. */
    private static final double[] PIXELATE = {0.95, 0.9, 0.85, 0.75, 0.65};

    /** The reference's JPEG qualities, severities 1 to 5. */
    private static final int[] QUALITY = {80, 65, 58, 50, 40};

    /** Pillow's fixed-point precision of 8-bit resampling coefficients ({@code PRECISION_BITS}). */
    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** The native metadata format of {@code javax.imageio}'s JPEG plug-in. */
    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private Pixels() {
    }

    /**
     * The reference's {@code pixelate}: Pillow's {@code resize((int(32 c), int(32 c)), BOX)} then
     * {@code resize((32, 32), BOX)}.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @return the corrupted image
     */
    static byte[] pixelate(byte[] image, int severity) {
        int n = Planes.SIDE;
        int small = (int) (n * PIXELATE[severity - 1]);
        byte[] out = new byte[image.length];
        for (int ch = 0; ch < 3; ch++) {
            int[] plane = new int[Planes.PIXELS];
            for (int p = 0; p < plane.length; p++) {
                plane[p] = image[ch * Planes.PIXELS + p] & 0xFF;
            }
            int[] back = boxResize(boxResize(plane, n, small), small, n);
            for (int p = 0; p < back.length; p++) {
                out[ch * Planes.PIXELS + p] = (byte) back[p];
            }
        }
        return out;
    }

    /**
     * Resizes a square 8-bit plane as Pillow 9.4's {@code ImagingResample} with the box filter: the horizontal pass
     * to 8 bits, then the vertical pass, each with fixed-point coefficients of {@link #PRECISION_BITS} bits.
     *
     * @param plane side × side values 0 to 255; not changed
     * @param side the input side
     * @param outSide the output side
     * @return outSide × outSide values 0 to 255
     */
    static int[] boxResize(int[] plane, int side, int outSide) {
        int[][] coefficients = new int[outSide][];
        int[] first = new int[outSide];
        boxCoefficients(side, outSide, coefficients, first);
        int[] rows = new int[side * outSide];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < outSide; x++) {
                long s = 1L << (PRECISION_BITS - 1);
                for (int k = 0; k < coefficients[x].length; k++) {
                    s += (long) plane[y * side + first[x] + k] * coefficients[x][k];
                }
                rows[y * outSide + x] = clip8(s);
            }
        }
        int[] out = new int[outSide * outSide];
        for (int y = 0; y < outSide; y++) {
            for (int x = 0; x < outSide; x++) {
                long s = 1L << (PRECISION_BITS - 1);
                for (int k = 0; k < coefficients[y].length; k++) {
                    s += (long) rows[(first[y] + k) * outSide + x] * coefficients[y][k];
                }
                out[y * outSide + x] = clip8(s);
            }
        }
        return out;
    }

    /** Pillow's {@code precompute_coeffs} for the box filter (support 0.5) and {@code normalize_coeffs_8bpc}. */
    private static void boxCoefficients(int inSize, int outSize, int[][] coefficients, int[] first) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 0.5 * filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double[] k = new double[Math.max(0, xmax)];
            double ww = 0.0;
            for (int x = 0; x < k.length; x++) {
                double u = (x + xmin - center + 0.5) * ss;
                k[x] = u > -0.5 && u <= 0.5 ? 1.0 : 0.0;
                ww += k[x];
            }
            int[] fixed = new int[k.length];
            for (int x = 0; x < k.length; x++) {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                fixed[x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
            }
            coefficients[xx] = fixed;
            first[xx] = xmin;
        }
    }

    /** Pillow's {@code clip8}: the fixed-point sum shifted down to a byte value, clamped to [0, 255]. */
    private static int clip8(long in) {
        if (in >= (1L << PRECISION_BITS) << 8) {
            return 255;
        }
        if (in <= 0) {
            return 0;
        }
        return (int) (in >> PRECISION_BITS);
    }

    /**
     * The reference's {@code jpeg_compression}: encoded as Pillow does at the reference's quality (libjpeg's
     * standard tables scaled by {@link #qualityTable}, the writer's default 4:2:0 chroma subsampling and standard
     * Huffman tables) and
     * decoded, with {@code javax.imageio}'s JPEG codec, in memory.
     *
     * @param image planar RGB bytes
     * @param severity 1 to 5
     * @return the corrupted image
     */
    static byte[] jpegCompression(byte[] image, int severity) {
        int n = Planes.SIDE;
        BufferedImage rgb = new BufferedImage(n, n, BufferedImage.TYPE_3BYTE_BGR);
        for (int p = 0; p < Planes.PIXELS; p++) {
            int r = image[p] & 0xFF;
            int g = image[Planes.PIXELS + p] & 0xFF;
            int b = image[2 * Planes.PIXELS + p] & 0xFF;
            rgb.setRGB(p % n, p / n, (r << 16) | (g << 8) | b);
        }
        BufferedImage decoded;
        try {
            decoded = decodeJpeg(encodeJpeg(rgb, QUALITY[severity - 1]));
        } catch (IOException e) {
            throw new UncheckedIOException("jpeg_compression: in-memory JPEG round trip failed", e);
        }
        byte[] out = new byte[image.length];
        for (int p = 0; p < Planes.PIXELS; p++) {
            int v = decoded.getRGB(p % n, p / n);
            out[p] = (byte) (v >> 16);
            out[Planes.PIXELS + p] = (byte) (v >> 8);
            out[2 * Planes.PIXELS + p] = (byte) v;
        }
        return out;
    }

    /**
     * Encodes an image as a baseline JPEG with libjpeg's tables for a quality, as Pillow's {@code save(..., 'JPEG',
     * quality=q)} does.
     *
     * @param rgb the image
     * @param quality 1 to 100
     * @return the JPEG bytes
     * @throws IOException if no JPEG writer is available or it fails
     */
    static byte[] encodeJpeg(BufferedImage rgb, int quality) throws IOException {
        var writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("jpeg_compression: no javax.imageio JPEG writer");
        }
        ImageWriter writer = writers.next();
        try {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb),
                    null);
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(JPEG_METADATA);
            NodeList tables = root.getElementsByTagName("dqtable");
            for (int i = 0; i < tables.getLength(); i++) {
                IIOMetadataNode table = (IIOMetadataNode) tables.item(i);
                boolean luminance = "0".equals(table.getAttribute("qtableId"));
                table.setUserObject(qualityTable(luminance ? JPEGQTable.K1Luminance : JPEGQTable.K2Chrominance,
                        quality));
            }
            metadata.setFromTree(JPEG_METADATA, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(rgb, null, metadata), null);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    /**
     * Decodes a JPEG in memory (a memory-cached stream: {@code ImageIO.read} would cache on disk).
     *
     * @param jpeg the JPEG bytes
     * @return the decoded image
     * @throws IOException if no JPEG reader is available or the bytes are not a JPEG
     */
    static BufferedImage decodeJpeg(byte[] jpeg) throws IOException {
        var readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IOException("jpeg_compression: no javax.imageio JPEG reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Scales a standard quantisation table as libjpeg's {@code jpeg_set_quality} with {@code force_baseline}:
     * {@code (t * s + 50) / 100} clamped to [1, 255], where {@code s = 5000 / q} below 50 and {@code 200 - 2q} from
     * 50.
     *
     * @param standard the Annex K table
     * @param quality 1 to 100
     * @return the scaled table
     */
    static JPEGQTable qualityTable(JPEGQTable standard, int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
        int[] table = standard.getTable();
        for (int i = 0; i < table.length; i++) {
            table[i] = Math.min(255, Math.max(1, (table[i] * scale + 50) / 100));
        }
        return new JPEGQTable(table);
    }
}
