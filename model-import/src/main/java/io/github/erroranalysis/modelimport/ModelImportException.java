package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.cifar.model.ModelFileException;

/**
 * A model file that cannot be imported, or an import that its reference outputs refute; the one-line message names
 * the file, the layer or node, and the offending value.
 */
public class ModelImportException extends ModelFileException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message naming the file and what is wrong.
     *
     * @param message what is wrong and where, on one line
     */
    public ModelImportException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message naming the file and what is wrong, and the failure underneath.
     *
     * @param message what is wrong and where, on one line
     * @param cause the failure underneath
     */
    public ModelImportException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
