package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The one escaping path, for any text: nothing special survives unescaped, and nothing is lost. */
class EscapingPropertiesTest {

    private static final String MARKDOWN_SPECIAL = "\\`*_[]<>|~&!";

    @Property(tries = 300)
    void html_escaping_leaves_no_markup_and_loses_nothing(@ForAll @StringLength(max = 40) @CharRange(from = 'a',
            to = 'c') @Chars({'<', '>', '&', '"', '\'', '=', ';', '#', ' ', '/'}) String text) {
        String escaped = Escaping.html(text);
        assertThat(escaped).doesNotContain("<", ">", "\"", "'");
        assertThat(escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&")).isEqualTo(text);
    }

    @Property(tries = 300)
    void markdown_escaping_leaves_no_special_character_unescaped_and_loses_nothing(@ForAll @StringLength(max = 40)
            @CharRange(from = 'a', to = 'c') @Chars({'\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!', '(',
                    ')', '\n', '\r', '-', '#', '1', '.', ' '}) String text) {
        String escaped = Escaping.markdown(text);
        assertThat(escaped).doesNotContain("\n", "\r");
        StringBuilder back = new StringBuilder();
        for (int k = 0; k < escaped.length(); k++) {
            char ch = escaped.charAt(k);
            if (ch == '\\') {
                assertThat(k + 1).as("a trailing lone backslash in %s", escaped).isLessThan(escaped.length());
                char next = escaped.charAt(++k);
                assertThat(MARKDOWN_SPECIAL.indexOf(next)).as("a needless escape of %s in %s", next, escaped)
                        .isNotNegative();
                back.append(next);
            } else {
                assertThat(MARKDOWN_SPECIAL.indexOf(ch)).as("an unescaped %s in %s", ch, escaped).isNegative();
                back.append(ch);
            }
        }
        assertThat(back.toString()).isEqualTo(text.replace('\n', ' ').replace('\r', ' '));
    }

    @Property(tries = 300)
    void a_markdown_paragraph_never_starts_a_list_or_heading(@ForAll @StringLength(max = 12) @Chars({'-', '+', '=',
            '#', '1', '2', '.', ')', ' ', 'a'}) String text) {
        String escaped = Escaping.markdownParagraph(text);
        assertThat(escaped).doesNotMatch("(?s)[-+=#].*").doesNotMatch("(?s)\\d{1,10}[.)]( .*)?");
        assertThat(escaped).doesNotStartWith(" "); // leading blanks dropped: four would start a code block
        assertThat(escaped.replace("\\", "")).isEqualTo(text.strip());
    }

    @Property(tries = 300)
    void every_paragraph_of_a_text_with_blank_lines_is_escaped_alike(@ForAll @StringLength(max = 16) @Chars({'-',
            '#', '1', '.', ' ', 'a', '\n'}) String text) {
        for (String paragraph : Escaping.markdownParagraph(text).split("\n\n")) {
            assertThat(paragraph).doesNotContain("\n").doesNotStartWith(" ").doesNotMatch("(?s)[-+=#].*")
                    .doesNotMatch("(?s)\\d{1,10}[.)]( .*)?");
        }
    }
}
