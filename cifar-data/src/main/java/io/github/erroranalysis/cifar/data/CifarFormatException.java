package io.github.erroranalysis.cifar.data;

import java.io.IOException;

/**
 * Thrown when a CIFAR-10 file, archive or image folder is malformed; the message names the file and the place.
 */
public class CifarFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names the file and the offending value.
     *
     * @param message what is wrong and where
     */
    public CifarFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the low-level cause.
     *
     * @param message what is wrong and where
     * @param cause   the underlying error
     */
    public CifarFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
