package io.github.erroranalysis.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The transforms a near-duplicate search must see through, for its tests and its figures. */
final class ImageTransforms {

    private ImageTransforms() {
    }

    /** Re-encodes as JPEG at a quality in (0, 1]. */
    static BufferedImage jpeg(BufferedImage image, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shifts by {@code s} pixels in a random direction (each axis -s, 0 or s, not both 0), edges repeated. */
    static BufferedImage shift(BufferedImage image, int s, SplittableRandom random) {
        int dx;
        int dy;
        do {
            dx = (random.nextInt(3) - 1) * s;
            dy = (random.nextInt(3) - 1) * s;
        } while (dx == 0 && dy == 0);
        return shift(image, dx, dy);
    }

    /** A centre crop of {@code 1/factor} of each side, resized back bilinearly. */
    static BufferedImage zoom(BufferedImage image, double factor) {
        int w = image.getWidth();
        int h = image.getHeight();
        int cw = (int) Math.round(w / factor);
        int ch = (int) Math.round(h / factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, (w - cw) / 2, (h - ch) / 2, (w - cw) / 2 + cw, (h - ch) / 2 + ch, null);
        g.dispose();
        return out;
    }

    /** Mirrors left to right. */
    static BufferedImage flip(BufferedImage image) {
        int w = image.getWidth();
        BufferedImage out = new BufferedImage(w, image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, image.getRGB(w - 1 - x, y));
            }
        }
        return out;
    }

    /** Contrast about 128, then brightness added, then the hue rotated by some degrees, per pixel. */
    static BufferedImage colour(BufferedImage image, double contrast, int brightness, int hueDegrees) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        float[] hsb = new float[3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int r = channel((p >> 16) & 0xFF, contrast, brightness);
                int g = channel((p >> 8) & 0xFF, contrast, brightness);
                int b = channel(p & 0xFF, contrast, brightness);
                if (hueDegrees != 0) {
                    Color.RGBtoHSB(r, g, b, hsb);
                    out.setRGB(x, y, Color.HSBtoRGB(hsb[0] + hueDegrees / 360f, hsb[1], hsb[2]));
                } else {
                    out.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return out;
    }

    private static int channel(int v, double contrast, int brightness) {
        return (int) Math.max(0, Math.min(255, Math.round((v - 128) * contrast + 128 + brightness)));
    }

    /** Shifts by (dx, dy) pixels, edges repeated. */
    static BufferedImage shift(BufferedImage image, int dx, int dy) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, image.getRGB(Math.max(0, Math.min(w - 1, x - dx)),
                        Math.max(0, Math.min(h - 1, y - dy))));
            }
        }
        return out;
    }
}
