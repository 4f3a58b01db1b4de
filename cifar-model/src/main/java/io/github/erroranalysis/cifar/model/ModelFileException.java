package io.github.erroranalysis.cifar.model;

import java.io.IOException;

/** Thrown when a file is not a saved model of this library, or a model does not fit the data it is used on. */
public class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message naming the file and what is wrong.
     *
     * @param message what is wrong and where
     */
    public ModelFileException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the low-level cause.
     *
     * @param message what is wrong and where
     * @param cause   the underlying error
     */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
