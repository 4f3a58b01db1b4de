package io.github.erroranalysis.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Strict UTF-8 text, the one decoding of every text file this project reads (class lists, CSV files, headers):
 * a byte sequence that is not UTF-8 (Latin-1 bytes, a cut multi-byte character, an encoded surrogate, an overlong
 * form) is a {@link NotUtf8Exception} naming the file, the line and the byte offset of the first bad byte, never a
 * replacement character; a leading byte-order mark (U+FEFF, as Windows editors and pandas' {@code utf-8-sig} write
 * it) is dropped. Lines end at {@code \n}, {@code \r\n} or {@code \r}.
 */
public final class Utf8Text {

    /** The byte-order mark, as a character. */
    public static final char BOM = '\uFEFF';
    /** Bytes read from a stream at a time. */
    private static final int BUFFER = 1 << 16;

    private Utf8Text() {
    }

    /**
     * Decodes a whole text file's bytes, dropping a leading byte-order mark.
     *
     * @param file the file as named in messages
     * @param bytes the file's bytes
     * @return the text, without the byte-order mark
     * @throws NotUtf8Exception if a byte does not decode; it names the file, line and offset
     */
    public static String decode(String file, byte[] bytes) throws NotUtf8Exception {
        String text = decodeAt(file, bytes, 0);
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /**
     * Decodes bytes that lie at {@code offset} in a file (a part of it, such as a header), keeping a leading U+FEFF
     * as the character it is there.
     *
     * @param file the file as named in messages
     * @param bytes the bytes
     * @param offset where the bytes start in the file, for the offset in messages
     * @return the text
     * @throws NotUtf8Exception if a byte does not decode; it names the file, the line within these bytes and the
     *         offset in the file
     */
    public static String decodeAt(String file, byte[] bytes, long offset) throws NotUtf8Exception {
        Objects.requireNonNull(file, "file");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // one UTF-8 byte never makes more than one char (four bytes make two)
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = strict();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new NotUtf8Exception(file, lineOf(bytes, at), offset + at, bytes[at]);
        }
        return out.flip().toString();
    }

    /**
     * Opens a text file for reading line by line.
     *
     * @param file the file
     * @return its lines; close them
     * @throws IOException if the file cannot be opened
     */
    public static Lines lines(Path file) throws IOException {
        return new Lines(file.toString(), Files.newInputStream(file));
    }

    /**
     * Reads a stream of text line by line.
     *
     * @param file the file as named in messages
     * @param in the stream, closed with the lines
     * @return its lines; close them
     */
    public static Lines lines(String file, InputStream in) {
        return new Lines(Objects.requireNonNull(file, "file"), Objects.requireNonNull(in, "in"));
    }

    /** The 1-based line of byte {@code at}: one more than the line ends before it ({@code \r\n} counts once). */
    private static long lineOf(byte[] bytes, int at) {
        long line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= at || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }

    private static CharsetDecoder strict() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The lines of a UTF-8 text, read as they are needed (a file of any size in constant memory beside the longest
     * line): a leading byte-order mark dropped, lines ending at {@code \n}, {@code \r\n} or {@code \r}, without
     * their line ends, a last line without one included. The lines before a bad byte are returned; the line holding
     * it throws a {@link NotUtf8Exception}.
     */
    public static final class Lines implements Closeable {

        private final String file;
        private final InputStream in;
        private final CharsetDecoder decoder = strict();
        private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
        private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
        private final StringBuilder current = new StringBuilder();
        /** The file offset of {@code bytes}' index 0. */
        private long bytesBefore;
        private boolean endOfStream;
        private boolean done;
        private boolean bomChecked;
        private boolean skipLineFeed;
        private long line;
        /** Where the first bad byte is, or -1. */
        private long badOffset = -1;
        private int badValue;

        private Lines(String file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        /**
         * Reads the next line.
         *
         * @return the line without its line end, or {@code null} at the end of the text
         * @throws NotUtf8Exception if the line holds a byte that is not UTF-8; it names the file, line and offset
         * @throws IOException if the stream cannot be read
         */
        public String next() throws IOException {
            current.setLength(0);
            while (true) {
                if (!chars.hasRemaining()) {
                    if (badOffset >= 0) {
                        throw new NotUtf8Exception(file, line + 1, badOffset, badValue);
                    }
                    if (done) {
                        if (current.isEmpty()) {
                            return null;
                        }
                        line++;
                        return current.toString();
                    }
                    fill();
                    continue;
                }
                char[] a = chars.array();
                int at = chars.position();
                int limit = chars.limit();
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (a[at] == '\n') {
                        at++;
                    }
                }
                int start = at;
                while (at < limit && a[at] != '\n' && a[at] != '\r') {
                    at++;
                }
                current.append(a, start, at - start);
                if (at < limit) {
                    skipLineFeed = a[at] == '\r';
                    chars.position(at + 1);
                    line++;
                    return current.toString();
                }
                chars.position(at);
            }
        }

        /**
         * The number of the line {@link #next()} returned last.
         *
         * @return the 1-based line number, 0 before the first line
         */
        public long lineNumber() {
            return line;
        }

        /** Decodes more characters: stops at a bad byte, when the characters fill up or some are there. */
        private void fill() throws IOException {
            chars.clear();
            while (true) {
                CoderResult result = decoder.decode(bytes, chars, endOfStream);
                if (result.isError()) {
                    badOffset = bytesBefore + bytes.position();
                    badValue = bytes.get(bytes.position()) & 0xFF;
                    break;
                }
                if (result.isOverflow()) {
                    break;
                }
                if (endOfStream) {
                    if (decoder.flush(chars).isUnderflow()) {
                        done = true;
                    }
                    break;
                }
                if (chars.position() > 0) {
                    break;
                }
                bytesBefore += bytes.position();
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfStream = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            chars.flip();
            if (!bomChecked && chars.hasRemaining()) {
                bomChecked = true;
                if (chars.get(chars.position()) == BOM) {
                    chars.get();
                }
            }
        }

        /**
         * Closes the stream.
         *
         * @throws IOException if closing fails
         */
        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
