package io.github.erroranalysis.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one strict JSON reader: its tree, its numbers by dialect, and its refusals in the document's words. */
class StrictJsonTest {

    private static final StrictJson.Dialect LONGS = new StrictJson.Dialect("a test file", 3, true,
            key -> "the key \"" + key + "\" appears twice");
    private static final StrictJson.Dialect DOUBLES = new StrictJson.Dialect("a test file", 3, false,
            key -> "the key \"" + key + "\" appears twice");

    private static Object read(String json, StrictJson.Dialect dialect) {
        return StrictJson.read(json, dialect, (problem, cause) -> new IllegalArgumentException(problem, cause));
    }

    @Test
    void a_document_becomes_a_tree_with_integers_as_the_dialect_says() {
        String json = "\uFEFF{\"a\": [1, 2.5, \"x\", true, null], \"b\": 12345678901234567890}";
        assertThat(read(json, LONGS)).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 2.5, "x", true, null), "b",
                1.2345678901234567e19));
        assertThat(((Map<?, ?>) read(json, DOUBLES)).get("a")).isEqualTo(java.util.Arrays.asList(1.0, 2.5, "x", true,
                null));
        assertThat(read("[]", LONGS)).isEqualTo(List.of());
    }

    @Test
    void each_refusal_is_one_line_in_the_documents_words() {
        assertThatThrownBy(() -> read("{\"a\": 1, \"a\": 2}", LONGS)).hasMessage("the key \"a\" appears twice");
        assertThatThrownBy(() -> read("[[[[[1]]]]]", LONGS))
                .hasMessage("not a test file: the JSON is nested more than 3 levels deep");
        assertThatThrownBy(() -> read("  ", LONGS)).hasMessage("the file is empty; a test file is a JSON object");
        assertThatThrownBy(() -> read("{} {}", LONGS))
                .hasMessage("there is more after the JSON object; a test file is one JSON object");
        assertThatThrownBy(() -> read("{\"a\": ", LONGS))
                .hasMessage("not valid JSON: the file ends before its JSON is complete (cut short?)");
        assertThatThrownBy(() -> read("{\"a\" 1}", LONGS)).hasMessageStartingWith("not valid JSON at line 1, column ")
                .hasMessageNotContaining("\n");
    }
}
