package io.github.erroranalysis.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The set-up the report's hand-drawn figures share: measuring text before drawing, a fresh white image, and the colour
 * arithmetic of their ramps.
 */
final class Canvas {

    private Canvas() {
    }

    /**
     * Gives a font's metrics in the default rendering context of a 1 × 1 RGB image, as the figures measure their
     * layout before the image exists.
     *
     * @param font the font
     * @return its metrics
     */
    static FontMetrics metrics(Font font) {
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return probe.getFontMetrics(font);
        } finally {
            probe.dispose();
        }
    }

    /**
     * Gives the width of the widest of the texts.
     *
     * @param metrics the font's metrics
     * @param texts the texts
     * @return the largest width, 0 for none
     */
    static int widest(FontMetrics metrics, Iterable<String> texts) {
        int widest = 0;
        for (String t : texts) {
            widest = Math.max(widest, metrics.stringWidth(t));
        }
        return widest;
    }

    /**
     * Fills an image white and gives its graphics, text antialiasing on, the colour still white.
     *
     * @param image the image to draw on
     * @return its graphics, for the caller to dispose
     */
    static Graphics2D white(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /**
     * Mixes one colour channel from {@code from} towards {@code to}, rounded.
     *
     * @param from the channel at {@code s = 0}
     * @param to the channel at {@code s = 1}
     * @param s how far towards {@code to}, in [0, 1]
     * @return the mixed channel
     */
    static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s);
    }

    /**
     * Gives a colour's luminance (Rec. 601 weights), in [0, 1], to choose black or white ink on it.
     *
     * @param c the colour
     * @return its luminance
     */
    static double luminance(Color c) {
        return luminance(c.getRed(), c.getGreen(), c.getBlue()) / 255;
    }

    /**
     * Gives the luminance of RGB channels with Rec. 601 weights, {@code 0.299 R + 0.587 G + 0.114 B}.
     *
     * @param r the red channel, 0 to 255
     * @param g the green channel, 0 to 255
     * @param b the blue channel, 0 to 255
     * @return the luminance, in [0, 255]
     */
    static double luminance(int r, int g, int b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }
}
