package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Flip;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.testing.Schemas;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison report: the error report's look and renderer, its sections and figures, the flip counts, escaping
 * of hostile names in both renderings, the unchanged comparison JSON and the folder it writes.
 */
class ComparisonReportTest {

    private static ErrorAnalysis a;
    private static ErrorAnalysis b;
    private static ComparisonReport report;

    @BeforeAll
    static void build() {
        a = ReportFixtures.analysis(400, ReportFixtures.CIFAR, 11);
        b = ReportFixtures.analysis(400, ReportFixtures.CIFAR, 12);
        report = ComparisonReport.builder(a, b).names("baseline", "augmented").images(ReportFixtures.images(0))
                .build();
    }

    @Test
    void should_render_every_section_with_the_error_reports_renderer_and_look() {
        String html = report.toHtml();
        String reportHtml = ErrorReport.builder(a).build().toHtml();
        // the same head: policy, viewport and the report's style sheet
        assertThat(head(html).replaceAll("<title>.*</title>", ""))
                .isEqualTo(head(reportHtml).replaceAll("<title>.*</title>", ""));
        assertThat(html).contains(Escaping.CONTENT_SECURITY_POLICY_META.substring(0, 40));
        for (String id : ComparisonReport.SECTION_IDS) {
            assertThat(html).contains(" id=\"" + id + "\"");
        }
        assertThat(html).contains("<h1 id=\"summary\">Comparison: baseline (A) against augmented (B)</h1>");
        ModelComparison c = report.comparison();
        assertThat(html).contains(Escaping.html(ComparisonReport.summary(c, "baseline", "augmented")));
        // both accuracies and the change with their intervals
        assertThat(html).contains("<td>A: baseline</td><td class=\"n\">" + io.github.erroranalysis.io.Formats.ratio(
                c.baselineAccuracy().estimate()) + "</td><td class=\"n\">" + io.github.erroranalysis.io.Formats.ratio(
                c.baselineAccuracy().lower()) + "</td>");
        assertThat(html).contains("<td>change B − A</td><td class=\"n\">" + io.github.erroranalysis.io.Formats.signed(
                c.accuracyChange().estimate()) + "</td>");
        assertThat(html).contains(Escaping.html(c.mcnemar().toString()));
    }

    @Test
    void should_credit_the_aurc_with_safety_and_only_the_excess_aurc_with_ranking_and_sum_up_the_aurc_change() {
        // AURC mixes accuracy and ranking: a more accurate model has a lower AURC however well it ranks
        String markdown = report.toMarkdown();
        assertThat(markdown).contains("the lower the AURC, the fewer errors among the answers it keeps; the excess "
                + "AURC").contains("says how well its confidence ranks its right answers above its wrong ones.");
        assertThat(report.toHtml()).contains(Escaping.html(ComparisonReport.SELECTIVE_INTRO));
        assertThat(markdown).doesNotContain("the better its confidence tells its right answers from its wrong ones");
        // the one-line summary (compare's console line) has the AURC change with its interval
        ModelComparison c = report.comparison();
        io.github.erroranalysis.stats.Interval d = c.selectivePrediction().aurcDifference();
        assertThat(ComparisonReport.summary(c, "baseline", "augmented")).endsWith("; AURC change augmented − "
                + "baseline " + io.github.erroranalysis.io.Formats.signed(d.estimate()) + " ["
                + io.github.erroranalysis.io.Formats.signed(d.lower()) + ", "
                + io.github.erroranalysis.io.Formats.signed(d.upper()) + "] (95%, lower is better)");
    }

    @Test
    void should_draw_the_flip_matrix_the_class_change_and_the_flipped_grids_as_readable_pngs() throws IOException {
        assertThat(report.figureNames()).containsExactly("flip-matrix", "class-change", "class-accuracy",
                "risk-coverage", "flipped-right-to-wrong", "flipped-wrong-to-right");
        for (String name : report.figureNames()) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(report.figurePng(name)));
            assertThat(png.getWidth()).as(name).isGreaterThan(300);
            assertThat(png.getHeight()).as(name).isGreaterThan(100);
            assertThat(report.toHtml()).contains("src=\"data:image/png;base64,");
            assertThat(report.toMarkdown()).contains("](figures/" + name + ".png)");
        }
        assertThatThrownBy(() -> report.figurePng("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flip-matrix");
    }

    @Test
    void should_count_the_flip_matrix_from_both_models() {
        long[][] counts = Figures.flipCounts(report.comparison());
        long bothRight = 0;
        long bothWrong = 0;
        for (int i = 0; i < a.examples(); i++) {
            boolean rightA = a.predictedClass(i) == a.trueClass(i);
            boolean rightB = b.predictedClass(i) == b.trueClass(i);
            bothRight += rightA && rightB ? 1 : 0;
            bothWrong += !rightA && !rightB ? 1 : 0;
        }
        assertThat(counts[0][0]).isEqualTo(bothRight);
        assertThat(counts[1][1]).isEqualTo(bothWrong);
        assertThat(counts[0][1]).isEqualTo(report.comparison().flips(Flip.RIGHT_TO_WRONG).size());
        assertThat(counts[1][0]).isEqualTo(report.comparison().flips(Flip.WRONG_TO_RIGHT).size());
        assertThat(report.toMarkdown()).contains("| A right | " + bothRight + " | " + counts[0][1]
                + " (right → wrong) |");
    }

    @Test
    void should_list_each_class_with_its_change_interval_in_the_markdown() {
        String md = report.toMarkdown();
        assertThat(md).startsWith("# Comparison: baseline (A) against augmented (B)\n\n");
        assertThat(md).contains("## Flip matrix", "## Per class", "## Flipped examples", "## Largest confusion changes",
                "## Provenance");
        assertThat(md).contains("| class | support | A | B | change | A right, B wrong | A wrong, B right | change ci "
                + "low | change ci high |");
        for (var k : report.comparison().perClass()) {
            assertThat(md).contains("| " + k.className() + " | " + k.support() + " | "
                    + io.github.erroranalysis.io.Formats.ratio(k.baselineAccuracy()) + " | "
                    + io.github.erroranalysis.io.Formats.ratio(k.candidateAccuracy()) + " | "
                    + io.github.erroranalysis.io.Formats.signed(k.change().estimate()) + " | " + k.rightToWrong()
                    + " | " + k.wrongToRight() + " | " + io.github.erroranalysis.io.Formats.signed(k.change().lower())
                    + " | " + io.github.erroranalysis.io.Formats.signed(k.change().upper()) + " |");
        }
        // Markdown's stand-in for the clickable matrix of flipped examples, and the gallery only in the HTML
        assertThat(md).contains("| true class | wrong answer | flipped examples |");
        assertThat(md).doesNotContain("data-example");
        assertThat(report.toHtml()).contains("id=\"flips\"").doesNotContain("| wrong answer |");
        // the flipped examples' table names both models' answers
        var first = report.comparison().flips(Flip.RIGHT_TO_WRONG).get(0);
        assertThat(md).contains("| " + first.index() + " |  | " + first.trueClassName() + " | right → wrong | ");
    }

    @Test
    void should_show_hostile_class_and_model_names_literally_in_both_renderings() {
        List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(3, ReportEscapingTest.IMG);
        names.set(5, ReportEscapingTest.LINK);
        names.set(0, ReportEscapingTest.QUOTES);
        ComparisonReport hostile = ComparisonReport.builder(ReportFixtures.analysis(200, names, 3),
                ReportFixtures.analysis(200, names, 4)).names("*a*", "<b>x</b>").build();
        String html = hostile.toHtml();
        assertThat(html).doesNotContain(ReportEscapingTest.IMG, "<b>x</b>");
        assertThat(Pattern.compile("<a (?!href=\"#[a-z0-9-]+\">)").matcher(html).find())
                .as("every link is an in-page link to a section").isFalse();
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;", "[x](javascript:alert(1))",
                "&quot;&#39;&amp;|*_`~!", "&lt;b&gt;x&lt;/b&gt;");
        assertThat(Pattern.compile("<img (?!alt=\")").matcher(html).find()).as("every <img> is a figure").isFalse();
        String md = hostile.toMarkdown();
        assertThat(md).contains("\\<img src=x onerror=alert(1)\\>", "\\[x\\](javascript:alert(1))", "\\*a\\*",
                "\\<b\\>x\\</b\\>");
        assertThat(unescaped(md, "<img")).isFalse();
        assertThat(unescaped(md, "[x]")).isFalse();
        assertThat(unescaped(md, "<b>")).isFalse();
        // every per-class row keeps its 9 cells
        md.lines().filter(l -> l.startsWith("| \\<img") || l.startsWith("| \\[x")).filter(l -> l.contains(" | 20 | "))
                .forEach(row -> assertThat(row.replace("\\|", "").chars().filter(ch -> ch == '|').count()).as(row)
                        .isEqualTo(10));
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\"[^>]*>").matcher(html);
        assertThat(csp.find()).isTrue();
        assertThat(html.indexOf(csp.group())).isLessThan(html.indexOf("<title>"));
    }

    @Test
    void should_write_the_comparison_json_unchanged_and_valid_against_its_schema() {
        String json = report.toJson();
        assertThat(json).isEqualTo(io.github.erroranalysis.StatsJson.comparison(report.comparison(), "baseline",
                "augmented", true));
        JsonNode tree = Schemas.tree(json);
        assertThat(Schemas.problems(JsonCodec.COMPARISON_SCHEMA, tree)).isEmpty();
        ObjectNode added = tree.deepCopy();
        added.put("unexpected", 1);
        assertThat(Schemas.problems(JsonCodec.COMPARISON_SCHEMA, added)).isNotEmpty();
    }

    @Test
    void should_write_the_folder_with_its_figures_and_replace_only_a_comparison(@TempDir Path dir) throws IOException {
        Path folder = report.writeTo(dir.resolve("cmp"));
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted())
                    .containsExactly(OutputFolders.MARKER, "comparison.html", "comparison.json", "comparison.md",
                            "figures/class-accuracy.png", "figures/class-change.png", "figures/flip-matrix.png",
                            "figures/flipped-right-to-wrong.png", "figures/flipped-wrong-to-right.png",
                            "figures/risk-coverage.png");
        }
        assertThat(folder.resolve("comparison.html")).content().isEqualTo(report.toHtml());
        // written again over itself, and refused over a folder of other files
        assertThat(report.writeTo(folder)).isEqualTo(folder);
        Path foreign = Files.createDirectories(dir.resolve("thesis"));
        Files.writeString(foreign.resolve("chapter1.tex"), "work");
        assertThatThrownBy(() -> report.writeTo(foreign))
                .isInstanceOf(io.github.erroranalysis.io.ForeignFolderException.class);
        assertThat(foreign.resolve("chapter1.tex")).hasContent("work");
        // a comparison written before the marker (just the three files, its JSON holding the McNemar test)
        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("comparison.json"), "{\"modelA\": \"old\", \"mcnemar\": {}}");
        Files.writeString(earlier.resolve("comparison.md"), "old");
        assertThat(ComparisonReport.isEarlierComparison(earlier)).isTrue();
        Files.writeString(earlier.resolve("comparison.json"), "{\"mcnemar\": 1}");
        assertThat(ComparisonReport.isEarlierComparison(earlier)).isFalse();
    }

    @Test
    void should_refuse_a_comparison_of_other_examples_and_blank_names() {
        ModelComparison other = ReportFixtures.analysis(100, ReportFixtures.CIFAR, 1)
                .compareWith(ReportFixtures.analysis(100, ReportFixtures.CIFAR, 2));
        assertThatThrownBy(() -> ComparisonReport.builder(a, b).comparison(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 examples");
        assertThatThrownBy(() -> ComparisonReport.builder(a, b).names(" ", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model A's name");
    }

    /** The page's head: everything before the body. */
    private static String head(String html) {
        return html.substring(0, html.indexOf("<body>"));
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
