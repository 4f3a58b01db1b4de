package io.github.erroranalysis.report;

import java.awt.image.BufferedImage;

/** Paints saliency maps over their images, for the evidence figures and the gallery's detail view. */
final class SaliencyPainter {

    private SaliencyPainter() {
    }

    /**
     * Paints a map over its image (TODO saliency helper: a heat overlay); same size as the image.
     *
     * @param image the example's image
     * @param map its saliency map
     * @return a new image
     */
    static BufferedImage overlay(BufferedImage image, SaliencyMap map) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(image, 0, 0, null);
        return out;
    }
}
