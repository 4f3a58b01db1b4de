package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.Bootstrap;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.HonestHardest;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The headline of report.html and report.md: accuracy with its interval, macro and weighted F1 with their bootstrap
 * intervals (the statistics' own, with their level and bootstrap), the top-k table; and the honest-hardest verdict
 * stated once.
 */
class ReportHeadlineTest {

    private static ErrorAnalysis analysis;

    @BeforeAll
    static void analyse() {
        analysis = ReportFixtures.analysis(500, ReportFixtures.CIFAR, 7);
    }

    private static String bounds(Interval i) {
        return Formats.ratio(i.estimate()) + " [" + Formats.ratio(i.lower()) + ", " + Formats.ratio(i.upper()) + "]";
    }

    @Test
    void should_state_accuracy_macro_and_weighted_f1_with_their_intervals_in_html_and_markdown() {
        ErrorReport report = ErrorReport.builder(analysis).build();
        AnalysisStatistics s = analysis.statistics();
        Interval weighted = analysis.interval(Metrics.weightedF1());
        String headline = Formats.format("500 examples of 10 classes, %d right and %d wrong: accuracy %s; macro F1 %s, "
                + "weighted F1 %s (%s %s).", analysis.correct(), 500 - analysis.correct(), s.accuracy(),
                bounds(s.macroF1()), bounds(weighted), Formats.level(weighted.level()), weighted.method());
        assertThat(s.accuracy().toString()).contains("Wilson");
        assertThat(weighted.estimate()).isEqualTo(analysis.precisionRecallF1().weighted().f1());
        assertThat(weighted.lower()).isLessThan(weighted.estimate());
        assertThat(report.toHtml()).contains("<p>" + Escaping.html(headline) + "</p>");
        assertThat(report.toMarkdown()).contains(Escaping.markdownParagraph(headline) + "\n\n| k | top-k accuracy |");
    }

    @Test
    void should_take_the_f1_intervals_at_the_statistics_level_and_bootstrap() {
        AnalysisStatistics s = AnalysisStatistics.of(analysis, 0.9, Bootstrap.of(200, 7));
        String md = ErrorReport.builder(analysis).statistics(s).build().toMarkdown();
        Interval weighted = Bootstrap.of(200, 7).intervals(analysis, java.util.List.of(Metrics.weightedF1()), 0.9)
                .get(0);
        assertThat(weighted.method()).contains("200 resamples");
        assertThat(md).contains(Escaping.markdown("macro F1 " + bounds(s.macroF1()) + ", weighted F1 "
                + bounds(weighted) + " (" + Formats.level(0.9) + " " + weighted.method() + ")"));
    }

    @Test
    void should_state_the_honest_hardest_verdict_once_in_one_sentence() {
        ErrorReport report = ErrorReport.builder(analysis).build();
        HonestHardest h = analysis.statistics().hardest();
        for (String text : new String[] {report.toMarkdown(), report.toHtml()}) {
            assertThat(occurrences(text, h.verdict())).as("the verdict '%s'", h.verdict()).isEqualTo(1);
        }
        String md = report.toMarkdown();
        String sentence = md.lines().filter(l -> l.startsWith("Hardest class: ")).findFirst().orElseThrow();
        assertThat(sentence).contains(Escaping.markdown(h.verdict()), "interval",
                "runner-up " + h.runnerUp().orElseThrow().className(), "Fisher's exact p = "
                        + Formats.pValue(h.pValue())).endsWith(".");
        assertThat(sentence.replaceAll("\\d\\.\\d", "").indexOf('.')).as("one sentence: one full stop, at the end")
                .isEqualTo(sentence.replaceAll("\\d\\.\\d", "").length() - 1);
    }

    private static int occurrences(String text, String fragment) {
        int n = 0;
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
            n++;
        }
        return n;
    }
}
