package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.gate.GateEvaluator;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.QualityGate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in "Quality gates" section: shown only when gates are given, in Markdown and HTML, escaped. */
class GatesSectionTest {

    private static final ErrorAnalysis ANALYSIS = ReportFixtures.analysis(200, List.of("cat", "dog", "frog"), 7);

    @Test
    void the_gates_given_are_a_section_with_a_table_and_the_messages_of_the_failed_ones() {
        // GIVEN one passing gate and one failing gate on a class whose name needs escaping in both renderings
        AnalysisStatistics statistics = ANALYSIS.statistics();
        List<GateResult> gates = GateEvaluator.of(ANALYSIS, statistics).evaluate(List.of(
                QualityGate.accuracyAtLeast(0).named("--min-accuracy 0"),
                QualityGate.classAccuracyAtLeast("cat", 1).named("<b>cat</b> & co").onPessimisticBound()));
        // WHEN
        ErrorReport report = ErrorReport.builder(ANALYSIS).statistics(statistics).gates(gates).build();
        // THEN
        assertThat(report.gates()).isEqualTo(gates);
        String markdown = report.toMarkdown();
        assertThat(markdown).contains("## Quality gates", "1 of 2 quality gates failed.",
                "| gate | judged | actual | interval | threshold | verdict |",
                "| --min-accuracy 0 | accuracy | ", "| at least 0.0000 | passed |",
                "lower bound of accuracy of class cat", "| at least 1.0000 | FAILED |");
        String html = report.toHtml();
        assertThat(html).contains("id=\"gates\"", "Quality gates", "&lt;b&gt;cat&lt;/b&gt; &amp; co")
                .doesNotContain("<b>cat</b>");
    }

    @Test
    void without_gates_there_is_no_section_and_the_id_is_reserved() {
        ErrorReport report = ErrorReport.builder(ANALYSIS).build();
        assertThat(report.gates()).isEmpty();
        assertThat(report.toMarkdown()).doesNotContain("Quality gates");
        assertThat(ErrorReport.BUILT_IN_SECTION_IDS).contains(GatesSection.ID);
        ReportSection mine = new ReportSection() {
            @Override
            public String id() {
                return "gates";
            }

            @Override
            public String title() {
                return "My gates";
            }

            @Override
            public void render(SectionWriter out, ErrorAnalysis analysis) {
                out.paragraph("mine");
            }
        };
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorReport.builder(ANALYSIS).section(mine))
                .withMessageContaining("gates");
    }
}
