package io.github.erroranalysis.modelimport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The Keras front-end: Keras 2 and Keras 3 {@code .h5}, Keras 3 {@code .keras}, and a model JSON with its weights
 * {@code .h5}; Sequential and functional models, described to a {@link GraphBuilder} in NCHW (kernels transposed,
 * the dense layer after a flatten permuted from Keras's row, column, channel order).
 */
final class KerasImport {

    private KerasImport() {
    }

    /**
     * Converts a Keras model.
     *
     * @param file the model ({@code .h5}, {@code .keras} or a model JSON)
     * @param weights the weights {@code .h5} of a model JSON, or null
     * @param format the file's format, as {@link ModelFormat#detect} found it
     * @param preprocessing its preprocessing (the layout and the channel order are used here)
     * @return the network
     * @throws ModelImportException if the file is not a model this converter handles (naming the layer and class)
     * @throws IOException if it cannot be read
     */
    static ImportedNetwork read(Path file, Path weights, ModelFormat format, Preprocessing preprocessing)
            throws IOException {
        throw new ModelImportException(file + ": Keras import is being written");
    }
}
