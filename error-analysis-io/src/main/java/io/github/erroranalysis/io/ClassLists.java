package io.github.erroranalysis.io;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one rule for a file of class names, in label order: a CIFAR release's {@code batches.meta.txt} and the
 * command line's {@code --classes} file.
 *
 * <ul>
 *   <li>strict UTF-8 ({@link Utf8Text}), a leading byte-order mark dropped;</li>
 *   <li>one name per line, lines ending at {@code \n}, {@code \r\n} or {@code \r};</li>
 *   <li>white space around a name stripped, blank lines skipped;</li>
 *   <li>{@code #} means nothing: a line starting with {@code #} is a class name like any other, there are no
 *       comment lines (a class may be called {@code #1}; {@code batches.origins.txt}, a different format, does
 *       have {@code #} comment lines);</li>
 *   <li>no control character (Unicode category Cc: U+0000..U+001F, U+007F..U+009F, the tab included), no line or
 *       paragraph separator (U+2028, U+2029) and no format character (Unicode category Cf: the zero-width space
 *       U+200B, joiners, direction marks, the byte-order mark U+FEFF as two files joined leave one) inside a
 *       name;</li>
 *   <li>names distinct after Unicode NFC normalization ({@code café} written precomposed and decomposed is one
 *       name twice); names are returned as written;</li>
 *   <li>not a JSON array: a file whose first name starts with {@code [}, whose last ends with {@code ]} and which
 *       holds a double quote is refused with the hint to write one name a line;</li>
 *   <li>at least one name.</li>
 * </ul>
 *
 * <p>{@link #parseLinesOrList} also takes the form the command line documents: a file whose only non-blank line
 * holds commas is one comma-separated list of names, each stripped, none empty. Every refusal is an
 * {@link IOException} whose one-line message names the file and, where there is one, the line.
 */
public final class ClassLists {

    private ClassLists() {
    }

    /**
     * Reads class names, one a line, by the rule of the class comment.
     *
     * @param file the file as named in messages
     * @param content its bytes
     * @return the names in label order
     * @throws IOException if the bytes break the rule; the message names the file and line
     */
    public static List<String> parse(String file, byte[] content) throws IOException {
        return parse(file, content, false);
    }

    /**
     * Reads class names, one a line or as a single comma-separated line, by the rule of the class comment.
     *
     * @param file the file as named in messages
     * @param content its bytes
     * @return the names in label order
     * @throws IOException if the bytes break the rule; the message names the file and line
     */
    public static List<String> parseLinesOrList(String file, byte[] content) throws IOException {
        return parse(file, content, true);
    }

    private static List<String> parse(String file, byte[] content, boolean commaList) throws IOException {
        String[] lines = Utf8Text.decode(file, content).split("\r\n|\r|\n", -1);
        List<String> names = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String name = lines[n].strip();
            if (!name.isEmpty()) {
                names.add(name);
                places.add("line " + (n + 1));
            }
        }
        if (!names.isEmpty() && names.get(0).startsWith("[") && names.get(names.size() - 1).endsWith("]")
                && names.stream().anyMatch(n -> n.contains("\""))) {
            throw new IOException(file + ", " + places.get(0) + ": '" + shorten(names.get(0)) + "' looks like a "
                    + "JSON array; write one class name a line, without brackets or quotes");
        }
        if (commaList && names.size() == 1 && names.get(0).contains(",")) {
            String list = names.get(0);
            String line = places.get(0);
            names.clear();
            places.clear();
            String[] parts = list.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].isBlank()) {
                    throw new IOException(file + ", " + line + ": class name " + (i + 1) + " of the comma-separated "
                            + "list '" + shorten(list) + "' is empty");
                }
                names.add(parts[i].strip());
                places.add(line + ", name " + (i + 1));
            }
        }
        if (names.isEmpty()) {
            throw new IOException(file + ": no class names (" + content.length + " bytes"
                    + (content.length == 0 ? "" : ", all blank") + "); expected one class name a line");
        }
        Map<String, String> placeOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String unprintable = unprintable(name);
            if (unprintable != null) {
                throw new IOException(file + ", " + places.get(i) + ": class name has the " + unprintable
                        + "; expected one printable class name a line");
            }
            String normal = Normalizer.normalize(name, Normalizer.Form.NFC);
            String first = placeOf.putIfAbsent(normal, places.get(i));
            if (first != null) {
                throw new IOException(file + ", " + places.get(i) + ": class name '" + shorten(name) + "' repeats "
                        + first + (names.stream().filter(name::equals).count() > 1 ? ""
                                : " (the same name in Unicode NFC normalization, written with other code points)")
                        + "; class names must be distinct");
            }
        }
        return List.copyOf(names);
    }

    /** Names the first character of a name that may not be in one, or null if there is none. */
    private static String unprintable(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String kind = Character.isISOControl(c) ? "control character"
                    : c == '\u2028' ? "line separator" : c == '\u2029' ? "paragraph separator"
                    : c == Utf8Text.BOM ? "byte-order mark"
                    : Character.getType(c) == Character.FORMAT ? "format character" : null;
            if (kind != null) {
                return String.format(Locale.ROOT, "%s U+%04X", kind, (int) c);
            }
        }
        return null;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
