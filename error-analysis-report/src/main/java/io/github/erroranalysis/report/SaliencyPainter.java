package io.github.erroranalysis.report;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Paints saliency maps over their images, for the evidence figures and the gallery's detail view. */
final class SaliencyPainter {

    /** The most a fully salient pixel's heat colour covers the image (0 keeps the image, 1 hides it). */
    static final double OPACITY = 0.65;

    private SaliencyPainter() {
    }

    /**
     * Paints a map over its image: each pixel blended with the confusion matrix's heat colour ({@link HeatMap#heat})
     * of its saliency scaled to the map's largest value (negative values count as 0), more opaque where more
     * salient; same size as the image (a map of another size is stretched over it, nearest pixel).
     *
     * @param image the example's image
     * @param map its saliency map
     * @return a new image
     */
    static BufferedImage overlay(BufferedImage image, SaliencyMap map) {
        int width = image.getWidth();
        int height = image.getHeight();
        double max = 0;
        for (double v : map.values()) {
            max = Math.max(max, v);
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            int my = Math.min(map.height() - 1, y * map.height() / height);
            for (int x = 0; x < width; x++) {
                int mx = Math.min(map.width() - 1, x * map.width() / width);
                double s = max > 0 ? Math.max(0, map.value(my, mx)) / max : 0;
                Color heat = HeatMap.heat(s);
                double a = OPACITY * Math.sqrt(s);
                int rgb = image.getRGB(x, y);
                int r = blend((rgb >> 16) & 0xFF, heat.getRed(), a);
                int g = blend((rgb >> 8) & 0xFF, heat.getGreen(), a);
                int b = blend(rgb & 0xFF, heat.getBlue(), a);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    private static int blend(int under, int over, double a) {
        return (int) Math.round(under * (1 - a) + over * a);
    }
}
