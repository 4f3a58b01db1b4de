package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTML tables keep a number, a percentage or an interval on one line (the compare table split "-0.0513" into
 * "-0.051" and "3" under {@code overflow-wrap:anywhere}), while words still wrap.
 */
class HtmlNumericCellsTest {

    @Test
    void numeric_cells_do_not_wrap_and_word_cells_do() {
        // GIVEN
        Block.Table table = new Block.Table(List.of("what", "AURC", "interval", "share", "answered"), List.of(
                List.of("change (B - A)", "-0.0513", "[-0.0685, -0.0351]", "40.1 %", "15 of 20"),
                List.of("baseline", "1,000", "[33.3 %, 47.0 %]", "1.2e-5", "none")));
        // WHEN
        String html = HtmlRenderer.render("t", List.of(table), Map.of());
        // THEN
        assertThat(html).contains("td.n{white-space:nowrap;overflow-wrap:normal}");
        for (String number : List.of("-0.0513", "[-0.0685, -0.0351]", "40.1 %", "1,000", "[33.3 %, 47.0 %]",
                "1.2e-5")) {
            assertThat(html).contains("<td class=\"n\">" + number + "</td>");
        }
        for (String words : List.of("change (B - A)", "15 of 20", "baseline", "none")) {
            assertThat(html).contains("<td>" + words + "</td>");
        }
    }

    @Test
    void the_comparison_report_keeps_its_aurc_difference_on_one_line() {
        // GIVEN a comparison report's HTML
        String html = ComparisonReport.builder(ReportFixtures.analysis(400, ReportFixtures.CIFAR, 11),
                ReportFixtures.analysis(400, ReportFixtures.CIFAR, 12)).names("baseline", "augmented")
                .images(ReportFixtures.images(0)).build().toHtml();
        // THEN every table cell of a decimal number or interval (the AURC change and its interval) stays on one line
        assertThat(html).doesNotContainPattern("<td>[-\\[]?[0-9]+\\.[0-9][0-9.,% -]*\\]?</td>");
        assertThat(html).contains("<td class=\"n\">");
    }
}
