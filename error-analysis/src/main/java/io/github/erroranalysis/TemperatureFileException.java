package io.github.erroranalysis;

/**
 * A temperature file that cannot be read: not JSON, another schemaVersion or type, or a key missing, unknown or with
 * a value out of range; the one-line message names the file and the offending key and value, for example
 * {@code "t.json: temperature is -1.0: a temperature must be a finite number above 0"}.
 */
public final class TemperatureFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message the one-line message, starting with the file's name
     * @param cause what the JSON parser or a check threw, or null
     */
    public TemperatureFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
