package io.github.erroranalysis.report;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Where the report gets an example's image: supplied by the caller, who knows the data set (the analysis keeps
 * no images). An empty answer draws a placeholder and the report says which images were missing.
 */
@FunctionalInterface
public interface ImageSource {

    /**
     * Gives the image of one example of the analysis.
     *
     * @param exampleIndex the example's index in the analysis, from 0
     * @param origin the example's origin (the test set's metadata as text), if the analysis has one
     * @return the image, or empty when it cannot be found
     */
    Optional<BufferedImage> image(int exampleIndex, Optional<String> origin);

    /**
     * Gives a source that has no images: every example is drawn as a placeholder.
     *
     * @return a source that always answers empty
     */
    static ImageSource none() {
        return (exampleIndex, origin) -> Optional.empty();
    }
}
