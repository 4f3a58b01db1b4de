package io.github.erroranalysis.report;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Where the robustness report gets an example's image under a corruption: supplied by the caller, who can corrupt
 * the images (the report module knows no corruption), so that {@link RobustnessReport}'s example grids show the same
 * image under each corruption. An empty answer draws a placeholder.
 */
@FunctionalInterface
public interface CorruptedImages {

    /**
     * Gives one example's image under a corruption.
     *
     * @param corruption the corruption's name, for example {@code fog}
     * @param severity 1 to 5, or 0 for the clean image
     * @param example the example's index, from 0
     * @return the image, or empty when it cannot be made
     */
    Optional<BufferedImage> image(String corruption, int severity, int example);

    /**
     * Gives a source without images: every tile is a placeholder.
     *
     * @return a source that always answers empty
     */
    static CorruptedImages none() {
        return (corruption, severity, example) -> Optional.empty();
    }
}
