package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The one class-list rule, for batches.meta.txt and the command line's --classes alike. */
class ClassListsTest {

    private static final List<String> NAMES = List.of("airplane", "automobile", "#1", "caf\u00e9", "deer", "dog",
            "frog", "horse", "ship", "truck \u2014 big");

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_read_one_stripped_name_a_line_with_a_bom_any_line_end_and_hash_lines_as_names() throws IOException {
        assertThat(ClassLists.parse("m.txt", utf8("\uFEFF cat \r\n\r\n\t# dog\rfrog\n\n"))).containsExactly("cat",
                "# dog", "frog");
        assertThat(ClassLists.parseLinesOrList("c.txt", utf8("\uFEFF cat \r\n\r\n\t# dog\rfrog\n\n")))
                .containsExactly("cat", "# dog", "frog");
    }

    @Test
    void should_read_one_comma_separated_line_only_where_the_list_form_is_allowed() throws IOException {
        assertThat(ClassLists.parseLinesOrList("c.txt", utf8("\n cat, dog,frog \n"))).containsExactly("cat", "dog",
                "frog");
        assertThat(ClassLists.parse("m.txt", utf8("cat, dog,frog\n"))).containsExactly("cat, dog,frog");
        assertThat(ClassLists.parseLinesOrList("c.txt", utf8("a,b\nc\n"))).containsExactly("a,b", "c");
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", utf8("\ncat,,dog\n")))
                .hasMessage("c.txt, line 2: class name 2 of the comma-separated list 'cat,,dog' is empty");
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", utf8("cat,dog,cat")))
                .hasMessage("c.txt, line 1, name 3: class name 'cat' repeats line 1, name 1; class names must be "
                        + "distinct");
    }

    @Test
    void should_refuse_repeated_unprintable_missing_or_non_utf_8_names_naming_file_and_line() {
        assertThatThrownBy(() -> ClassLists.parse("m.txt", utf8("cat\ndog\n\ncat\n")))
                .hasMessage("m.txt, line 4: class name 'cat' repeats line 1; class names must be distinct");
        assertThatThrownBy(() -> ClassLists.parse("m.txt", utf8("cat\nd\u0000g\n")))
                .hasMessage("m.txt, line 2: class name has the control character U+0000; expected one printable "
                        + "class name a line");
        assertThatThrownBy(() -> ClassLists.parse("m.txt", utf8("cat\nhot\tdog\n")))
                .hasMessage("m.txt, line 2: class name has the control character U+0009; expected one printable "
                        + "class name a line");
        assertThatThrownBy(() -> ClassLists.parse("m.txt", utf8("cat\u2028dog\n")))
                .hasMessage("m.txt, line 1: class name has the line separator U+2028; expected one printable class "
                        + "name a line");
        assertThatThrownBy(() -> ClassLists.parse("m.txt", utf8(" \n\uFEFF\n")))
                .hasMessage("m.txt, line 2: class name has the byte-order mark U+FEFF; expected one printable "
                        + "class name a line");
        assertThatThrownBy(() -> ClassLists.parse("m.txt", utf8("\uFEFF \r\n")))
                .hasMessage("m.txt: no class names (6 bytes, all blank); expected one class name a line");
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", new byte[0]))
                .hasMessage("c.txt: no class names (0 bytes); expected one class name a line");
        assertThatThrownBy(() -> ClassLists.parse("m.txt", "cat\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(NotUtf8Exception.class)
                .hasMessage("m.txt, line 2: not UTF-8 text (byte 0xE9 at offset 7 does not decode); save it as UTF-8");
    }

    @Property(tries = 200)
    void a_list_written_any_way_the_rule_allows_reads_identically(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
        String newline = List.of("\n", "\r\n", "\r").get(random.nextInt(3));
        for (String name : NAMES) {
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? " \t" : "").append(newline);
            }
            text.append(random.nextBoolean() ? "  " : "").append(name).append(random.nextBoolean() ? " " : "")
                    .append(newline);
        }
        byte[] bytes = utf8(random.nextBoolean() ? text.toString().stripTrailing() : text.toString());
        assertThat(ClassLists.parse("names.txt", bytes)).isEqualTo(NAMES);
        assertThat(ClassLists.parseLinesOrList("names.txt", bytes)).isEqualTo(NAMES);
    }

    @Property(tries = 300)
    void random_bytes_give_names_by_the_rule_or_a_one_line_error_naming_the_file(
            @ForAll @Size(max = 120) byte[] bytes) {
        checkAgainstRule(bytes);
    }

    @Property(tries = 300)
    void a_mutated_list_reads_by_the_rule_or_fails_naming_the_file(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] bytes = utf8(String.join("\n", NAMES));
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            bytes[random.nextInt(bytes.length)] = (byte) (random.nextBoolean() ? random.nextInt() : ",\n\r#\t "
                    .charAt(random.nextInt(6)));
        }
        checkAgainstRule(bytes);
    }

    /** Names by the rule (non-empty, stripped, printable, distinct) or an IOException naming the file, one line. */
    private static void checkAgainstRule(byte[] bytes) {
        for (boolean list : new boolean[] {false, true}) {
            try {
                List<String> names = list ? ClassLists.parseLinesOrList("random.txt", bytes)
                        : ClassLists.parse("random.txt", bytes);
                assertThat(names).isNotEmpty().doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).isNotBlank()
                        .isEqualTo(n.strip()).doesNotContain("\n", "\r", "\u0000", "\t"));
                assertThat(new HashSet<>(names)).hasSameSizeAs(names);
                if (!list) {
                    assertThat(names).isEqualTo(Utf8Text.decode("random.txt", bytes).lines().map(String::strip)
                            .filter(l -> !l.isEmpty()).toList());
                }
            } catch (IOException e) {
                assertThat(e.getMessage()).startsWith("random.txt").doesNotContain("\n", "\r");
            }
        }
    }
    @Test
    void should_refuse_a_json_array_with_the_hint_of_one_name_a_line() {
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", utf8("[\"airplane\", \"automobile\"]\n")))
                .isInstanceOf(IOException.class)
                .hasMessage("c.txt, line 1: '[\"airplane\", \"automobile\"]' looks like a JSON array; write one "
                        + "class name a line, without brackets or quotes");
        assertThatThrownBy(() -> ClassLists.parse("m.txt", utf8("[\n  \"cat\",\n  \"dog\"\n]\n")))
                .isInstanceOf(IOException.class).hasMessageStartingWith("m.txt, line 1: '[' looks like a JSON array");
    }

    @Test
    void should_refuse_format_characters_such_as_a_zero_width_space_and_nul() {
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", utf8("cat\ndo\u200Bg\n")))
                .isInstanceOf(IOException.class)
                .hasMessage("c.txt, line 2: class name has the format character U+200B; expected one printable class "
                        + "name a line");
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", utf8("cat\nd\u200Dog\n")))
                .hasMessageContaining("format character U+200D");
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", utf8("cat\nd\u0000og\n")))
                .hasMessageContaining("control character U+0000");
    }

    @Test
    void should_refuse_names_equal_after_nfc_normalization() {
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", utf8("caf\u00e9\ndog\ncafe\u0301\n")))
                .isInstanceOf(IOException.class)
                .hasMessage("c.txt, line 3: class name 'cafe\u0301' repeats line 1 (the same name in Unicode NFC "
                        + "normalization, written with other code points); class names must be distinct");
        assertThatThrownBy(() -> ClassLists.parseLinesOrList("c.txt", utf8("dog\ncat\ndog\n")))
                .hasMessage("c.txt, line 3: class name 'dog' repeats line 1; class names must be distinct");
    }
}
