package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of strict UTF-8 decoding: random bytes give the very text the JDK decodes (a leading byte-order mark
 * dropped) when they are UTF-8, or a {@link NotUtf8Exception} naming the file, the line and the offset of the first
 * byte that does not decode; the streaming lines agree with the whole decode, however the stream is cut.
 */
class Utf8TextPropertiesTest {

    private static final String VALID = "\uFEFFairplane,0.5\r\ncaf\u00e9 \u20ac\n\n\uD83D\uDE00 d\u00f6g\rtruck\n";

    /** Whether bytes are UTF-8: the JDK's lenient decoding gives them back unchanged. */
    private static boolean isUtf8(byte[] bytes) {
        return Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The lines of a text: split at every line end, a last empty piece (after a final line end) left out. */
    private static List<String> linesOf(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n|\r|\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Checks an error against the bytes: the prefix before the offset is UTF-8, no character starts there. */
    private static void checkError(NotUtf8Exception e, byte[] bytes) {
        int at = (int) e.offset();
        assertThat(at).isBetween(0, bytes.length - 1);
        byte[] before = Arrays.copyOf(bytes, at);
        assertThat(isUtf8(before)).as("the bytes before offset %d are UTF-8", at).isTrue();
        for (int n = 1; n <= 4 && at + n <= bytes.length; n++) {
            assertThat(isUtf8(Arrays.copyOfRange(bytes, at, at + n))).as("no character starts at %d", at).isFalse();
        }
        String prefix = new String(before, StandardCharsets.UTF_8);
        assertThat(e.line()).isEqualTo(prefix.split("\r\n|\r|\n", -1).length);
        assertThat(e.value()).isEqualTo(bytes[at] & 0xFF);
        assertThat(e.getMessage()).startsWith("random.txt, line " + e.line() + ": not UTF-8 text (byte 0x")
                .contains(" at offset " + at + " ").doesNotContain("\n");
    }

    /** Decodes whole and streamed, checks both against the JDK and each other; returns the error, or null. */
    private static NotUtf8Exception check(byte[] bytes, int chunk) throws IOException {
        NotUtf8Exception whole = null;
        try {
            String text = Utf8Text.decode("random.txt", bytes);
            assertThat(isUtf8(bytes)).isTrue();
            assertThat(text).isEqualTo(withoutBom(new String(bytes, StandardCharsets.UTF_8)));
        } catch (NotUtf8Exception e) {
            assertThat(isUtf8(bytes)).isFalse();
            checkError(e, bytes);
            whole = e;
        }
        List<String> streamed = new ArrayList<>();
        try (Utf8Text.Lines lines = Utf8Text.lines("random.txt", new Utf8TextTest.Trickle(bytes, chunk))) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                streamed.add(line);
            }
            assertThat(whole).as("the stream decodes what the whole decode refused").isNull();
            assertThat(streamed).isEqualTo(linesOf(withoutBom(new String(bytes, StandardCharsets.UTF_8))));
        } catch (NotUtf8Exception e) {
            assertThat(whole).as("the whole decode refuses what the stream refused").isNotNull();
            assertThat(e.getMessage()).isEqualTo(whole.getMessage());
            assertThat(streamed).isEqualTo(linesOf(new String(bytes, 0, (int) e.offset(), StandardCharsets.UTF_8)
                    .replaceFirst("^\uFEFF", "")).subList(0, (int) e.line() - 1));
        }
        return whole;
    }

    @Property(tries = 500)
    void random_bytes_give_the_jdk_text_or_an_error_naming_file_line_and_offset(
            @ForAll @Size(max = 200) byte[] bytes, @ForAll @IntRange(min = 1, max = 9) int chunk) throws IOException {
        check(bytes, chunk);
    }

    @Property(tries = 500)
    void random_ascii_with_a_few_high_bytes_decodes_or_names_the_first_bad_byte(
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 0xFF) Integer> values,
            @ForAll @IntRange(min = 1, max = 9) int chunk) throws IOException {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            int v = values.get(i);
            // mostly text and line ends, so that lines and multi-byte characters are exercised
            bytes[i] = (byte) (v < 160 ? "ab\n\r,".charAt(v % 5) : v);
        }
        check(bytes, chunk);
    }

    @Property(tries = 500)
    void a_valid_text_with_one_byte_changed_reads_as_the_jdk_reads_it_or_names_a_byte_near_the_change(
            @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll byte value,
            @ForAll @IntRange(min = 1, max = 9) int chunk) throws IOException {
        byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
        int at = where % bytes.length;
        bytes[at] = value;
        NotUtf8Exception e = check(bytes, chunk);
        if (e != null) {
            assertThat(e.offset()).isBetween(Math.max(0L, at - 3L), at + 3L);
        }
    }
}
