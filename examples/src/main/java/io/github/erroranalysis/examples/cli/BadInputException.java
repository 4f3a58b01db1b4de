package io.github.erroranalysis.examples.cli;

/**
 * Bad input to the command line, with a one-line message that names the option or file and the offending value;
 * it ends the command with exit code {@value ExitCodes#BAD_INPUT}.
 */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what is wrong, naming the option or file and the value
     */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * Makes the exception with its cause, shown only with {@code --verbose}.
     *
     * @param message what is wrong, naming the option or file and the value
     * @param cause the underlying error
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
