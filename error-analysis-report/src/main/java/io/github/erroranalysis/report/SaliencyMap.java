package io.github.erroranalysis.report;

import java.util.List;
import java.util.Objects;

/**
 * A saliency map of one prediction: for each pixel, how much it matters to the explained class by one method, with
 * the map's faithfulness.
 *
 * @param method the method, for example {@value #OCCLUSION} or {@value #GRAD_CAM}
 * @param settings how the map was made, for example {@code "4×4 patch, stride 2"} for occlusion
 * @param classIndex the explained class (the predicted class of a wrong prediction)
 * @param height the map's height in pixels (the image's)
 * @param width the map's width in pixels
 * @param values the saliency of each pixel, row-major ({@code height × width} values), larger is more salient
 * @param faithfulness the deletion-curve faithfulness of the map
 */
public record SaliencyMap(String method, String settings, int classIndex, int height, int width, List<Double> values,
        Faithfulness faithfulness) {

    /** The occlusion method's name. */
    public static final String OCCLUSION = "occlusion";

    /** The Grad-CAM method's name (gradients of the class score at the last convolution layer). */
    public static final String GRAD_CAM = "grad-cam";

    /**
     * Checks the shape and copies the values.
     *
     * @param method the method
     * @param settings how it was made
     * @param classIndex the explained class
     * @param height the height
     * @param width the width
     * @param values the values, row-major
     * @param faithfulness the faithfulness
     */
    public SaliencyMap {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(faithfulness, "faithfulness");
        values = List.copyOf(values);
        if (height < 1 || width < 1 || values.size() != height * width) {
            throw new IllegalArgumentException("a " + height + "×" + width + " saliency map needs " + height * width
                    + " values, but has " + values.size());
        }
    }

    /**
     * Makes a map without a description of its settings.
     *
     * @param method the method
     * @param classIndex the explained class
     * @param height the height
     * @param width the width
     * @param values the values, row-major
     * @param faithfulness the faithfulness
     */
    public SaliencyMap(String method, int classIndex, int height, int width, List<Double> values,
            Faithfulness faithfulness) {
        this(method, "", classIndex, height, width, values, faithfulness);
    }

    /**
     * Gives the saliency of one pixel.
     *
     * @param y the row
     * @param x the column
     * @return its saliency
     */
    public double value(int y, int x) {
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return values.get(y * width + x);
    }
}
