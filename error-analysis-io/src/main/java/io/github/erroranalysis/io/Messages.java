package io.github.erroranalysis.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one way every module turns a failure into a message line: {@link #oneLine(Throwable)} flattens a message,
 * {@link #causes(Throwable)} follows the chain of causes, {@link #reason(IOException)} says why a file operation
 * failed without repeating the file, and {@link #outOfMemory(String)} says that Java ran out of heap, with the
 * heap's limit and how to raise it, always in the same words.
 */
public final class Messages {

    /** A line break and the white space around it. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");
    /** How much of a chain of causes {@link #causes(Throwable)} collects before it stops. */
    private static final int CAUSES_LIMIT = 300;

    private Messages() {
    }

    /**
     * Flattens an exception's message onto one line: stripped, each line break (with the white space around it)
     * replaced by {@code "; "}; the exception's simple class name when it has no message.
     *
     * @param e the exception or error
     * @return its message on one line, never {@code null} or blank
     */
    public static String oneLine(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    /**
     * Flattens a text onto one line as {@link #oneLine(Throwable)} does with a message.
     *
     * @param text the text, possibly {@code null}
     * @return the text on one line, or {@code "no details"} when it is {@code null} or blank
     */
    public static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "no details";
        }
        return LINE_BREAK.matcher(text.strip()).replaceAll("; ");
    }

    /**
     * Describes an exception by its own message and those of its causes, joined by {@code ": "} on one line, leaving
     * out empty messages and wrappers that only announce their cause (such as ImageIO's
     * {@code "Caught exception during read: "} or a message that is the cause's {@code toString()}); where no
     * message is left, the root cause's simple class name ({@code "the file ends early"} for an
     * {@link EOFException}).
     *
     * @param e the exception or error
     * @return the description, never {@code null} or blank
     */
    public static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < CAUSES_LIMIT; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            boolean announcesCause = message != null && t.getCause() != null
                    && (message.strip().endsWith(":") || message.equals(t.getCause().toString()));
            if (message != null && !message.isBlank() && !announcesCause) {
                if (!text.isEmpty()) {
                    text.append(": ");
                }
                text.append(oneLine(message));
            }
        }
        if (text.isEmpty()) {
            Throwable root = e;
            for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 100; depth++) {
                root = root.getCause();
            }
            return root instanceof EOFException ? "the file ends early" : root.getClass().getSimpleName();
        }
        return text.toString();
    }

    /**
     * Says why a file operation failed, for a message that names the file already: a
     * {@link FileSystemException}'s reason alone (such as {@code "No space left on device"}; its message would
     * repeat the file), otherwise the exception's message on one line.
     *
     * @param e the failure
     * @return the reason on one line, never {@code null} or blank
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return oneLine(f.getReason());
        }
        return oneLine(e);
    }

    /**
     * The most heap Java may use, as people read it: {@code "1,024 MB"} ({@code Runtime.maxMemory()}, in MiB, with
     * thousands separators), or {@code "no fixed limit"} where Java has none.
     *
     * @return the heap's limit
     */
    public static String heapLimit() {
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? "no fixed limit" : String.format(Locale.ROOT, "%,d MB", max >> 20);
    }

    /**
     * Says that Java ran out of heap while doing something, in the one wording of this project: {@code "not enough
     * memory to DOING with at most 1,024 MB of Java heap; give Java more with -Xmx, for example java -Xmx8g ..."}.
     *
     * @param doing what did not fit, as a verb phrase (such as {@code "decode the 20000×20000 image"})
     * @return the message
     */
    public static String outOfMemory(String doing) {
        return "not enough memory to " + doing + " with at most " + heapLimit()
                + " of Java heap; give Java more with -Xmx, for example java -Xmx8g ...";
    }

    /**
     * Says that Java ran out of heap while reading a file, naming it and its size where it can be had:
     * {@code "not enough memory to read FILE (12,345 bytes) with at most …"}, as {@link #outOfMemory(String)}.
     *
     * @param file the file or folder being read
     * @return the message
     */
    public static String outOfMemory(Path file) {
        long size;
        try {
            size = Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException | RuntimeException unknown) {
            size = -1;
        }
        return outOfMemory("read " + file + (size < 0 ? "" : String.format(Locale.ROOT, " (%,d bytes)", size)));
    }
}
