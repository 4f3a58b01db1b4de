package io.github.erroranalysis.report;

import io.github.erroranalysis.SliceAttribute;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The interpretable attributes of an image that slices are searched over, computed from its RGB pixels: brightness,
 * contrast, saturation, colourfulness, sharpness, dominant hue, edge density and how centred the object's mass is.
 */
public final class ImageAttributes {

    /** The numeric attributes' names, in the order {@link #measure} gives them. */
    public static final List<String> NUMERIC = List.of("brightness", "contrast", "saturation", "colourfulness",
            "sharpness", "edge density", "off-centre mass");

    /** The name of the categorical attribute of the dominant hue. */
    public static final String DOMINANT_HUE = "dominant hue";

    /** The dominant hue's categories. */
    public static final List<String> HUES = List.of("grey", "red", "yellow", "green", "cyan", "blue", "magenta");

    private ImageAttributes() {
    }

    /**
     * Measures one image's numeric attributes.
     *
     * @param image the image, any size
     * @return the values of {@link #NUMERIC}, in its order
     */
    public static double[] measure(BufferedImage image) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Gives one image's dominant hue.
     *
     * @param image the image
     * @return the index into {@link #HUES}
     */
    public static int dominantHue(BufferedImage image) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Measures the attributes of every example of an analysis, in parallel over examples.
     *
     * @param images the examples' images
     * @param examples how many examples there are (indexes {@code 0 .. examples - 1})
     * @return the numeric attributes, then the dominant hue
     * @throws IllegalArgumentException naming the example whose image is missing
     */
    public static List<SliceAttribute> of(ImageSource images, int examples) {
        throw new UnsupportedOperationException("step 0");
    }
}
