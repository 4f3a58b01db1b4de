package io.github.erroranalysis.io;

import java.io.IOException;
import java.util.Locale;

/**
 * A text file that is not valid UTF-8: the message names the file, the line and the byte offset of the first byte
 * that does not decode, in the one wording of this project ({@code "FILE, line 2: not UTF-8 text (byte 0xE9 at
 * offset 7 does not decode); save it as UTF-8"}).
 */
public final class NotUtf8Exception extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file as named in the message. */
    private final String file;
    /** The 1-based line of the bad byte. */
    private final long line;
    /** The 0-based offset of the bad byte in the file. */
    private final long offset;
    /** The bad byte, 0..255. */
    private final int value;

    /**
     * Creates the exception for the first byte of a file that does not decode.
     *
     * @param file the file as named in the message (a path, or an archive member such as {@code archive!entry})
     * @param line the 1-based line the byte is on
     * @param offset the byte's 0-based offset in the file
     * @param value the byte, 0..255
     */
    public NotUtf8Exception(String file, long line, long offset, int value) {
        super(String.format(Locale.ROOT, "%s, line %d: not UTF-8 text (byte 0x%02X at offset %d does not decode); "
                + "save it as UTF-8", file, line, value & 0xFF, offset));
        this.file = file;
        this.line = line;
        this.offset = offset;
        this.value = value & 0xFF;
    }

    /**
     * The file as named in the message.
     *
     * @return the file's name or path
     */
    public String file() {
        return file;
    }

    /**
     * The line of the first byte that does not decode.
     *
     * @return the 1-based line number
     */
    public long line() {
        return line;
    }

    /**
     * The offset of the first byte that does not decode.
     *
     * @return the 0-based byte offset in the file
     */
    public long offset() {
        return offset;
    }

    /**
     * The first byte that does not decode.
     *
     * @return its value, 0..255
     */
    public int value() {
        return value;
    }
}
