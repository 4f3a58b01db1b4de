package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Hostile class names in both renderings of the report: shown literally, never markup, links or scripts. */
class ReportEscapingTest {

    /** A class name that is an HTML image with a script handler. */
    static final String IMG = "<img src=x onerror=alert(1)>";
    /** A class name that is a Markdown link to a script. */
    static final String LINK = "[x](javascript:alert(1))";
    /** A class name that would end an HTML attribute, open a table cell and start emphasis. */
    static final String QUOTES = "\"'&|*_`~!";

    @Test
    void should_show_hostile_class_names_literally_in_the_html_report() {
        String html = hostileReport().toHtml();
        assertThat(html).doesNotContain(IMG, "<img src=x");
        assertThat(Pattern.compile("<a (?!href=\"#[a-z0-9-]+\">)").matcher(html).find())
                .as("every link is the table of contents' link to a section").isFalse();
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;", "[x](javascript:alert(1))",
                "&quot;&#39;&amp;|*_`~!");
        assertThat(html).contains(Escaping.CONTENT_SECURITY_POLICY_META);
        assertThat(Pattern.compile("<img (?!alt=\")").matcher(html).find()).as("every <img> is a figure").isFalse();
    }

    @Test
    void should_show_hostile_class_names_literally_in_the_markdown_report() {
        String md = hostileReport().toMarkdown();
        assertThat(md).contains("\\<img src=x onerror=alert(1)\\>", "\\[x\\](javascript:alert(1))",
                "\"'\\&\\|\\*\\_\\`\\~\\!");
        assertThat(unescaped(md, "<img")).as("an unescaped <img in the Markdown").isFalse();
        assertThat(unescaped(md, "](javascript")).as("an unescaped link to javascript: in the Markdown").isFalse();
        assertThat(unescaped(md, "[x]")).isFalse();
    }

    @Test
    void should_escape_html_and_markdown_in_one_place() {
        assertThat(Escaping.html("<a href='x'>&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
        assertThat(Escaping.markdown("a|b\n[c](d) <e> `f` *g* _h_ ~i~ &j; !k \\"))
                .isEqualTo("a\\|b \\[c\\](d) \\<e\\> \\`f\\` \\*g\\* \\_h\\_ \\~i\\~ \\&j; \\!k \\\\");
        assertThat(Escaping.markdownParagraph("- not a list")).isEqualTo("\\- not a list");
        assertThat(Escaping.markdownParagraph("# not a heading")).isEqualTo("\\# not a heading");
        assertThat(Escaping.markdownParagraph("1. not a list")).isEqualTo("1\\. not a list");
        assertThat(Escaping.markdownParagraph("12) not a list")).isEqualTo("12\\) not a list");
        assertThat(Escaping.markdownParagraph("0.5 is a number")).isEqualTo("0.5 is a number");
        assertThat(Escaping.markdownParagraph("    not code")).isEqualTo("not code");
        assertThat(Escaping.markdownParagraph("line1\n\n## x\nmore")).isEqualTo("line1\n\n\\## x more");
        assertThat(Escaping.CONTENT_SECURITY_POLICY_META).isEqualTo("<meta http-equiv=\"Content-Security-Policy\" "
                + "content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '"
                + Escaping.sha256(Gallery.SCRIPT) + "'\">");
    }

    private static ErrorReport hostileReport() {
        List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(3, IMG);
        names.set(5, LINK);
        names.set(0, QUOTES);
        return ErrorReport.builder(ReportFixtures.analysis(300, names, 4)).title(IMG).build();
    }

    /** Whether the text holds the fragment without a backslash before its first character. */
    static boolean unescaped(String text, String fragment) {
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
            if (at == 0 || text.charAt(at - 1) != '\\') {
                return true;
            }
        }
        return false;
    }
}
