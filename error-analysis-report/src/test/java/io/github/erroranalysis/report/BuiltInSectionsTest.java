package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The built-in sections as {@link ReportSection}s: their ids, order, headings and HTML anchors. */
class BuiltInSectionsTest {

    @Test
    void should_show_every_built_in_section_in_order_with_its_id_as_the_html_anchor() {
        ErrorAnalysis analysis = ReportFixtures.analysis(300, ReportFixtures.CIFAR, 11);
        ErrorReport report = ErrorReport.builder(analysis).title("T").images(ReportFixtures.images(7))
                .provenance(ReportFixtures.provenance()).trainingHistory(ReportFixtures.history())
                .comparison("a", ReportFixtures.analysis(300, ReportFixtures.CIFAR, 12), "b").build();
        assertThat(report.sectionIds()).containsExactly("summary", "explorer", "wrong-predictions", "hardest-class", "confidence",
                "label-issues", "calibration", "selective-prediction", "confusion", "training-history", "comparison", "missing-images",
                "provenance");
        assertThat(ErrorReport.BUILT_IN_SECTION_IDS).containsAll(report.sectionIds()).contains("occlusion", "metrics");
        assertThat(report.sectionValues()).isEmpty();
        assertThat(report.metrics()).isEmpty();
        Matcher h = Pattern.compile("<h([12]) id=\"([^\"]+)\">([^<]*)</h[12]>").matcher(report.toHtml());
        StringBuilder headings = new StringBuilder();
        while (h.find()) {
            headings.append(h.group(1)).append(' ').append(h.group(2)).append(' ').append(h.group(3)).append('\n');
        }
        assertThat(headings.toString()).isEqualTo("""
                1 summary T
                2 explorer Every mistake
                2 wrong-predictions Wrong predictions inspected
                2 hardest-class Hardest class
                2 confidence Confident wrong against low-confidence wrong
                2 label-issues Suspected label issues
                2 calibration Calibration
                2 selective-prediction Selective prediction
                2 confusion Confusion matrix
                2 training-history Training history
                2 comparison Model comparison
                2 missing-images Missing images
                2 provenance Provenance
                """);
        assertThat(report.toHtml()).contains("<h3>One reason this class may be hard</h3>");
        assertThat(report.toMarkdown()).startsWith("# T\n\n").contains("\n## Provenance\n")
                .contains("\n### One reason this class may be hard\n");
    }

    @Test
    void should_leave_out_the_optional_sections_when_they_do_not_apply() {
        ErrorReport report = ErrorReport.builder(ReportFixtures.analysis(100, List.of("a", "b"), 3))
                .images(ReportFixtures.images(0)).build();
        assertThat(report.sectionIds()).containsExactly("summary", "explorer", "wrong-predictions", "hardest-class", "confidence",
                "label-issues", "calibration", "selective-prediction", "confusion", "provenance");
    }
}
