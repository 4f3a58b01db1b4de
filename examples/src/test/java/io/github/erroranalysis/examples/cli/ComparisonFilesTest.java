package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.report.ComparisonReport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The comparison's Markdown and HTML ({@link io.github.erroranalysis.report.ComparisonReport}, the one writer
 * {@link ComparisonFiles#write} uses) escape hostile class and model names exactly as the error report does.
 */
class ComparisonFilesTest {

    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final String LINK = "[x](javascript:alert(1))";
    private static final List<String> NAMES = List.of(IMG, LINK, "cat");

    /** Six examples, two per class: A gets classes 0 and 1 wrong once each, B gets class 2 wrong once. */
    private static ErrorAnalysis analysis(int[] predicted) {
        int[] labels = {0, 0, 1, 1, 2, 2};
        float[] probs = new float[labels.length * 3];
        for (int i = 0; i < labels.length; i++) {
            for (int k = 0; k < 3; k++) {
                probs[i * 3 + k] = k == predicted[i] ? 0.8f : 0.1f;
            }
        }
        return ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {labels.length, 3}, 'c'), labels, NAMES);
    }

    private static ModelComparison comparison() {
        return analysis(new int[] {1, 0, 0, 1, 2, 2}).compareWith(analysis(new int[] {0, 0, 1, 1, 2, 1}));
    }

    private static ComparisonReport report(String nameA, String nameB) {
        return ComparisonReport.builder(analysis(new int[] {1, 0, 0, 1, 2, 2}), analysis(new int[] {0, 0, 1, 1, 2, 1}))
                .names(nameA, nameB).comparison(comparison()).build();
    }

    @Test
    void should_escape_hostile_names_in_the_markdown_as_the_report_does() {
        String md = report("*a*", "<b>").toMarkdown();
        assertThat(md).contains("\\<img src=x onerror=alert(1)\\>", "\\[x\\](javascript:alert(1))", "\\*a\\*",
                "\\<b\\>");
        assertThat(unescaped(md, "<img")).as("an unescaped <img in:%n%s", md).isFalse();
        assertThat(unescaped(md, "[x]")).as("an unescaped link in:%n%s", md).isFalse();
        assertThat(unescaped(md, "<b>")).as("an unescaped <b> in:%n%s", md).isFalse();
        // every per-class row keeps its 9 cells
        md.lines().filter(l -> (l.startsWith("| \\<img") || l.startsWith("| \\[x")) && l.contains(" | 2 | "))
                .forEach(row -> assertThat(row.replace("\\|", "").chars().filter(ch -> ch == '|').count()).as(row)
                        .isEqualTo(10));
    }

    @Test
    void should_escape_hostile_names_in_the_html_and_carry_the_reports_content_security_policy() {
        String html = report("a'\"", "<b>").toHtml();
        assertThat(html).doesNotContain(IMG, "<b>", "a'\"").contains("&lt;img src=x onerror=alert(1)&gt;",
                "[x](javascript:alert(1))", "a&#39;&quot;", "&lt;b&gt;");
        String reportHtml = ErrorReport.builder(analysis(new int[] {0, 0, 1, 1, 2, 2})).build().toHtml();
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\"[^>]*>").matcher(reportHtml);
        assertThat(csp.find()).as("report.html has a content security policy").isTrue();
        assertThat(html).contains(csp.group());
        assertThat(html.indexOf(csp.group())).as("the policy comes before anything it governs")
                .isLessThan(html.indexOf("<title>"));
    }

    /** Whether the text holds the fragment without a backslash before it. */
    private static boolean unescaped(String text, String fragment) {
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
            if (at == 0 || text.charAt(at - 1) != '\\') {
                return true;
            }
        }
        return false;
    }
}
