package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.cifar.data.CifarDataset;
import java.util.Objects;

/**
 * Labelled images chosen on the command line, with a description of where they came from for reports and
 * messages.
 *
 * @param images the images, labels and origins
 * @param source where they came from, for example {@code "/data/cifar-10-binary.tar.gz, split validation"}
 */
public record TestData(CifarDataset images, String source) {

    /**
     * Checks the components.
     *
     * @param images the images
     * @param source where they came from
     */
    public TestData {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(source, "source");
    }
}
