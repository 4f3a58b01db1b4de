package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The temperature file's reader on random bytes and on mutated valid files: it gives the valid result or a
 * {@link TemperatureFileException} naming the file in one line, never another exception.
 */
class TemperatureFileFuzzTest {

    private static String valid;

    @BeforeContainer
    static void fit() throws Exception {
        valid = TemperatureFitTest.realFit().toJson();
    }

    @Property(tries = 300)
    void random_bytes_give_a_named_error(@ForAll("bytes") byte[] bytes) {
        readOrNamedError(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void a_mutated_valid_file_is_read_or_refused_with_a_named_error(@ForAll("edits") List<Edit> edits) {
        String text = valid;
        for (Edit e : edits) {
            text = e.apply(text);
        }
        TemperatureFit fit = readOrNamedError(text);
        if (fit != null) {
            // whatever was read writes back to a file the reader reads as the same
            assertThat(TemperatureFit.fromJson(fit.toJson(), "again.json")).isEqualTo(fit);
        }
    }

    private static TemperatureFit readOrNamedError(String text) {
        try {
            return TemperatureFit.fromJson(text, "fuzz.json");
        } catch (TemperatureFileException e) {
            assertThat(e.getMessage()).startsWith("fuzz.json: ").doesNotContain("\n");
            return null;
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 5000);
        Arbitrary<String> piece = Arbitraries.of("", "0", "-1", "1e999", "null", "true", "\"x\"", "{", "}", "[", "]",
                ",", ":", "\"", "\\", "1.5", "0.01", "100", "NaN", "{\"a\":1}", "\u00e9", "\u0000");
        Arbitrary<Edit> edit = net.jqwik.api.Combinators.combine(at, Arbitraries.integers().between(0, 8), piece)
                .as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(3);
    }

    /** Replaces {@code length} characters at {@code at} (taken modulo the text's length) by {@code piece}. */
    record Edit(int at, int length, String piece) {

        String apply(String text) {
            int from = text.isEmpty() ? 0 : at % text.length();
            int to = Math.min(text.length(), from + length);
            return text.substring(0, from) + piece + text.substring(to);
        }
    }
}
