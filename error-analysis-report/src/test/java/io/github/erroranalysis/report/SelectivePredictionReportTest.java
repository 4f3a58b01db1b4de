package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.CoverageAtRisk;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.RiskAtCoverage;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.io.Formats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The report's "Selective prediction" section (risk–coverage figure, the tables "risk at coverage" and "coverage at
 * risk", AURC, the words), its temperature-scaling block in the calibration section, and the comparison report's two
 * risk–coverage curves.
 */
class SelectivePredictionReportTest {

    private static ErrorAnalysis analysis;
    private static ErrorReport report;

    @BeforeAll
    static void build() {
        analysis = ReportFixtures.analysis(600, ReportFixtures.CIFAR, 21);
        report = ErrorReport.builder(analysis).images(ReportFixtures.images(0)).build();
    }

    @Test
    void every_report_has_the_section_after_the_calibration_with_its_figure_tables_and_words() throws IOException {
        SelectivePrediction s = report.selectivePrediction();
        assertThat(s).isSameAs(analysis.selectivePrediction());
        List<String> ids = report.sectionIds();
        assertThat(ids.indexOf(SelectiveSection.ID)).isEqualTo(ids.indexOf("calibration") + 1);
        String html = report.toHtml();
        String markdown = report.toMarkdown();
        // the table of contents links it, the heading is its anchor
        assertThat(html).contains("href=\"#selective-prediction\"", "<h2 id=\"selective-prediction\">Selective "
                + "prediction</h2>");
        assertThat(markdown).contains("\n## Selective prediction\n", "\n### Risk at coverage\n",
                "\n### Coverage at risk\n", "](figures/risk-coverage.png)");
        // the words: the course's question, inWords() and the confident-wrong share of the top band
        String words = s.inWords() + " " + SelectiveSection.confidentWrong(analysis.confidenceBands(), s.errors())
                .orElseThrow();
        assertThat(words).contains("Refusing the 20 % least confident answers", "wrong predictions");
        assertThat(markdown).contains("which is more dangerous in a real product?", Escaping.markdown(words));
        assertThat(html).contains(Escaping.html(words));
        // AURC with its interval, optimal and excess
        assertThat(markdown).contains(Escaping.markdown("AURC (the mean risk over every coverage k/n) "
                + Formats.ratio(s.aurc()) + " [" + Formats.ratio(s.aurcInterval().lower()) + ", "
                + Formats.ratio(s.aurcInterval().upper()) + "] (95% " + s.aurcInterval().method() + ")"), "optimal AURC (the same errors ranked least "
                + "confident) " + Formats.ratio(s.optimalAurc()), "excess AURC " + Formats.ratio(s.excessAurc()));
        // risk at 50/80/90/95/100 % coverage: coverage, answered, risk, threshold
        assertThat(s.riskAtCoverage()).hasSize(5);
        for (RiskAtCoverage r : s.riskAtCoverage()) {
            assertThat(markdown).contains(row(Formats.percentOneDecimal(r.coverage()), Formats.format("%,d of %,d",
                    r.answered(), 600), Formats.percentOneDecimal(r.risk()), Formats.threshold(r.threshold())));
        }
        // coverage at risk 1/2/5 %: coverage with its interval, threshold or none
        assertThat(s.coverageAtRisk()).hasSize(3);
        for (CoverageAtRisk r : s.coverageAtRisk()) {
            assertThat(markdown).contains(row(Formats.risk(r.risk()), Formats.percentOneDecimal(r.coverage()),
                    "[" + Formats.percentOneDecimal(r.coverageInterval().lower()) + ", " + Formats.percentOneDecimal(
                            r.coverageInterval().upper()) + "]", Integer.toString(r.answered()),
                    Formats.threshold(r.threshold())));
        }
        // the figure: a valid PNG, its caption (the alt text) with the numbers
        assertThat(report.figureNames()).contains(SelectiveSection.FIGURE);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(report.figurePng(SelectiveSection.FIGURE)));
        assertThat(png.getWidth()).isEqualTo(760);
        assertThat(png.getHeight()).isEqualTo(520);
        String caption = SelectiveSection.caption(s);
        assertThat(caption).contains("AURC " + Formats.ratio(s.aurc()), "optimal " + Formats.ratio(s.optimalAurc()),
                Formats.percentOneDecimal((double) s.errors() / 600));
        assertThat(html).contains("<img alt=\"" + Escaping.html(caption) + "\"");
    }

    @Test
    void a_risk_no_coverage_meets_has_threshold_none_and_is_not_marked() {
        // GIVEN 50 examples whose most confident prediction is wrong: risk(k) >= 1/50 > 1 % for every k
        int n = 50;
        float[] probs = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float top = 0.99f - i * 0.009f;
            probs[2 * i] = top;
            probs[2 * i + 1] = 1 - top;
            labels[i] = i == 0 || i % 3 == 1 ? 1 : 0;
        }
        ErrorAnalysis a = ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {n, 2}, 'c'), labels,
                List.of("cat", "dog"));
        // WHEN
        ErrorReport r = ErrorReport.builder(a).build();
        // THEN
        CoverageAtRisk one = r.selectivePrediction().coverageAt(0.01);
        assertThat(one.achievable()).isFalse();
        assertThat(r.toMarkdown()).contains("| 1.0 % | 0.0 % | \\[0.0 %, ", "| 0 | none |");
        assertThat(SelectiveSection.caption(r.selectivePrediction())).contains("1.0 %: none");
    }

    @Test
    void thresholds_shared_beyond_the_answered_are_told_under_the_tables_and_printed_apart() {
        // GIVEN 40 examples: 20 at exactly 1.0f (the last two by index wrong), 10 at 0.99999994f, 10 lower, right
        int n = 40;
        float[] probs = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float top = i < 20 ? 1f : i < 30 ? Math.nextDown(1f) : 0.9f - 0.01f * i;
            probs[2 * i] = top;
            probs[2 * i + 1] = 1 - top;
            labels[i] = i == 18 || i == 19 ? 1 : 0;
        }
        ErrorAnalysis a = ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {n, 2}, 'c'), labels,
                List.of("cat", "dog"));
        // WHEN
        ErrorReport r = ErrorReport.builder(a).build();
        String markdown = r.toMarkdown();
        // THEN at risk 1 % the first 18 of the 20 saturated ones are answered, but ">= 1.0" answers all 20 (10 %)
        CoverageAtRisk one = r.selectivePrediction().coverageAt(0.01);
        assertThat(one.answered()).isEqualTo(18);
        assertThat(one.answeredAtThreshold()).isEqualTo(20);
        assertThat(markdown).contains("Ties at the threshold: at risk 1.0 %, the most confident down to confidence "
                + "1.0000, ties by example index; 2 more examples share this confidence: answering every input at or "
                + "above it answers 20 at 10.0 % risk");
        // 50 % coverage (20) ends the 1.0f tie exactly; 80 % (32) lies below the 0.99999994f ones: apart in print
        assertThat(markdown).contains("| 50.0 % | 20 of 40 | 10.0 % | 1.0000 |")
                .doesNotContain("at coverage 50.0 %,");
        assertThat(r.toHtml()).contains("Ties at the threshold");
    }

    @Test
    void a_model_always_right_or_always_wrong_still_gets_its_section_and_figure() throws IOException {
        for (boolean right : new boolean[] {true, false}) {
            int n = 40;
            float[] probs = new float[n * 2];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                float top = 0.95f - i * 0.01f;
                probs[2 * i] = top;
                probs[2 * i + 1] = 1 - top;
                labels[i] = right ? 0 : 1;
            }
            ErrorAnalysis a = ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {n, 2}, 'c'), labels,
                    List.of("cat", "dog"));
            ErrorReport r = ErrorReport.builder(a).build();
            String markdown = r.toMarkdown();
            SelectivePrediction s = r.selectivePrediction();
            assertThat(markdown).as("right %s", right).contains("\n## Selective prediction\n",
                    Escaping.markdown(s.inWords()));
            assertThat(ImageIO.read(new ByteArrayInputStream(r.figurePng(SelectiveSection.FIGURE)))).isNotNull();
            if (right) {
                assertThat(s.coverageAtRisk()).allMatch(c -> c.coverage() == 1.0);
                assertThat(SelectiveSection.confidentWrong(a.confidenceBands(), s.errors())).isEmpty();
            } else {
                assertThat(s.coverageAtRisk()).noneMatch(CoverageAtRisk::achievable);
                assertThat(markdown).contains("| 5.0 % | 0.0 % | ", "| 0 | none |", Escaping.markdown(
                        "6 of the 40 wrong predictions (15.0 %) have a confidence of at least 0.9, and no answer that "
                        + "confident is right: those are the dangerous ones"));
            }
        }
    }

    @Test
    void a_large_curve_is_drawn_at_at_most_a_thousand_coverages_plus_the_marked_ones_exactly() throws IOException {
        // every k up to the limit
        assertThat(Figures.curvePoints(7, 1000, 3, 9)).containsExactly(1, 2, 3, 4, 5, 6, 7);
        // evenly spaced beyond it, from 1 to n, with the kept ones (outside [1, n] ignored)
        int n = 1_000_000;
        int[] ks = Figures.curvePoints(n, Figures.MAX_CURVE_POINTS, 123_457, 999_999, 0, n + 1);
        assertThat(ks.length).isBetween(Figures.MAX_CURVE_POINTS, Figures.MAX_CURVE_POINTS + 2);
        assertThat(ks[0]).isEqualTo(1);
        assertThat(ks[ks.length - 1]).isEqualTo(n);
        assertThat(ks).contains(123_457, 999_999);
        for (int j = 1; j < ks.length; j++) {
            assertThat(ks[j]).isGreaterThan(ks[j - 1]);
            assertThat(ks[j] - ks[j - 1]).isLessThanOrEqualTo(n / (Figures.MAX_CURVE_POINTS - 1) + 1);
        }
        // a report of 20,000 examples draws its curve at those coverages, a valid PNG
        ErrorAnalysis big = ReportFixtures.analysis(20_000, ReportFixtures.CIFAR, 5);
        SelectivePrediction s = big.selectivePrediction();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Figures.png(Figures.riskCoverage(big, s))));
        assertThat(png.getWidth()).isEqualTo(760);
        int[] drawn = Figures.curvePoints(20_000, Figures.MAX_CURVE_POINTS, s.coverageAtRisk().stream()
                .filter(CoverageAtRisk::achievable).mapToInt(CoverageAtRisk::answered).toArray());
        assertThat(drawn.length).isLessThanOrEqualTo(Figures.MAX_CURVE_POINTS + 3);
        assertThat(Arrays.stream(drawn).boxed().toList()).containsAll(s.coverageAtRisk().stream()
                .filter(CoverageAtRisk::achievable).map(CoverageAtRisk::answered).toList());
    }

    @Test
    void the_figure_refuses_a_selective_prediction_of_other_examples() {
        assertThatIllegalArgumentException().isThrownBy(() -> Figures.riskCoverage(analysis,
                ReportFixtures.analysis(100, ReportFixtures.CIFAR, 3).selectivePrediction()))
                .withMessage("the selective prediction is of 100 examples, but the analysis has 600");
    }

    @Test
    void an_applied_temperature_is_shown_in_the_calibration_section_before_and_after_with_intervals() {
        // GIVEN T fitted on other examples and applied to the reported ones
        TemperatureScaling t = TemperatureScaling.fit(ReportFixtures.analysis(400, ReportFixtures.CIFAR, 22));
        ErrorAnalysis scaled = t.apply(analysis);
        CalibrationChange change = CalibrationChange.of(analysis, scaled, t);
        // WHEN
        ErrorReport r = ErrorReport.builder(scaled).temperatureScaling(change, true, "validation images").build();
        // THEN
        assertThat(r.temperatureScaling()).contains(new ErrorReport.Temperature(change, true, "validation images"));
        String sentence = Formats.format("T = %s, fitted on 400 validation images, took the ECE from %s to "
                + "%s and the log loss from %s to %s; accuracy is unchanged.", TemperatureScaling.format(
                        t.temperature()), CalibrationChange.ece(change.eceBefore()),
                CalibrationChange.ece(change.eceAfter()), Formats.ratio(change.logLossBefore().estimate()), Formats.ratio(change.logLossAfter().estimate()));
        String markdown = r.toMarkdown();
        int calibration = markdown.indexOf("\n## Calibration\n");
        int block = markdown.indexOf("\n### Temperature scaling\n");
        assertThat(block).isGreaterThan(calibration).isLessThan(markdown.indexOf("\n## Selective prediction\n"));
        assertThat(markdown).contains(Escaping.markdown(sentence), "|  | before | interval | after | interval |",
                row("ECE", Formats.ratio(change.eceBefore().estimate()), "[" + Formats.ratio(change.eceBefore()
                        .lower()) + ", " + Formats.ratio(change.eceBefore().upper()) + "]", Formats.ratio(
                                change.eceAfter().estimate()), "[" + Formats.ratio(change.eceAfter().lower()) + ", "
                                        + Formats.ratio(change.eceAfter().upper()) + "]"),
                "| log loss | " + Formats.ratio(change.logLossBefore().estimate()) + " | ",
                "| Brier score | " + Formats.ratio(change.brierScoreBefore().estimate()) + " | ");
        assertThat(r.toHtml()).contains("<h3>Temperature scaling</h3>", Escaping.html(sentence));
        assertThat(r.sectionIds()).isEqualTo(ErrorReport.builder(scaled).build().sectionIds());
    }

    @Test
    void a_temperature_not_applied_says_what_it_would_do_and_how_to_apply_it() {
        TemperatureScaling t = TemperatureScaling.of(1.5);
        CalibrationChange change = CalibrationChange.of(analysis, t.apply(analysis), t);
        ErrorReport r = ErrorReport.builder(analysis).temperatureScaling(change, false).build();
        assertThat(r.toMarkdown()).contains("T = 1.500, given, would take the ECE from "
                + Formats.percentOneDecimal(change.eceBefore().estimate()), "(accuracy unchanged); apply it with "
                + "--temperature bundled.", "which it did not scale");
        assertThat(r.temperatureScaling().orElseThrow().applied()).isFalse();
        // without one, no block
        assertThat(report.toMarkdown()).doesNotContain("Temperature scaling");
    }

    @Test
    void a_temperature_of_other_examples_or_a_blank_fit_description_is_refused() {
        TemperatureScaling t = TemperatureScaling.of(2);
        ErrorAnalysis other = ReportFixtures.analysis(100, ReportFixtures.CIFAR, 3);
        CalibrationChange change = CalibrationChange.of(other, t.apply(other), t);
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorReport.builder(analysis)
                .temperatureScaling(change, true)).withMessage("the calibration change is of 100 examples, but the "
                        + "reported analysis has 600");
        CalibrationChange mine = CalibrationChange.of(analysis, t.apply(analysis), t);
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorReport.builder(analysis)
                .temperatureScaling(mine, true, " ")).withMessageContaining("must not be blank");
    }

    @Test
    void the_comparison_draws_both_curves_on_one_figure_with_each_aurc_and_the_paired_change() throws IOException {
        ErrorAnalysis b = ReportFixtures.analysis(600, ReportFixtures.CIFAR, 23);
        ComparisonReport c = ComparisonReport.builder(analysis, b).names("baseline", "augmented").build();
        assertThat(c.figureNames()).contains("risk-coverage");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(c.figurePng("risk-coverage")));
        assertThat(png.getWidth()).isEqualTo(760);
        SelectivePrediction sa = analysis.selectivePrediction(c.comparison().level());
        SelectivePrediction sb = b.selectivePrediction(c.comparison().level());
        String markdown = c.toMarkdown();
        assertThat(markdown).contains("\n## Selective prediction\n", "](figures/risk-coverage.png)",
                "| A: baseline | " + Formats.ratio(sa.aurc()) + " | \\[" + Formats.ratio(sa.aurcInterval().lower()),
                "| B: augmented | " + Formats.ratio(sb.aurc()) + " | ",
                Escaping.markdown(ComparisonReport.aurcChange(c.comparison().selectivePrediction().aurcDifference(),
                        "baseline", "augmented")));
        // the change is the paired-bootstrap difference of the two AURCs, with its interval in the table
        io.github.erroranalysis.stats.Interval d = c.comparison().selectivePrediction().aurcDifference();
        assertThat(d.estimate()).isCloseTo(sb.aurc() - sa.aurc(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(markdown).contains("| change B − A | " + Formats.signed(d.estimate()) + " | \\[" + Formats.signed(
                d.lower()) + ", " + Formats.signed(d.upper()) + "\\] |");
        assertThat(c.toHtml()).contains("id=\"selective-prediction\"");
    }

    @Test
    void the_error_reports_model_comparison_gives_both_aurcs_and_the_paired_change() {
        ErrorAnalysis b = ReportFixtures.analysis(600, ReportFixtures.CIFAR, 23);
        ErrorReport r = ErrorReport.builder(analysis).comparison("baseline", b, "augmented").build();
        io.github.erroranalysis.SelectiveComparison sc = analysis.compareWith(b).selectivePrediction();
        assertThat(r.toMarkdown()).contains(Escaping.markdown("Selective prediction: AURC " + Formats.ratio(
                sc.baselineAurc()) + " (baseline) and " + Formats.ratio(sc.candidateAurc()) + " (candidate). "
                + ComparisonReport.aurcChange(sc.aurcDifference(), "baseline", "augmented")));
    }

    @Test
    void the_aurc_change_names_the_safer_model_only_when_its_interval_excludes_zero() {
        String method = "paired percentile bootstrap";
        assertThat(ComparisonReport.aurcChange(new io.github.erroranalysis.stats.Interval(-0.05, -0.07, -0.03, 0.95,
                method), "old", "new")).isEqualTo("AURC change B − A: -0.0500 [-0.0700, -0.0300] (95% paired "
                        + "percentile bootstrap); lower is better: B (new) answers more safely than A (old), with "
                        + "fewer mistakes among its most confident answers averaged over every coverage, and the "
                        + "interval excludes 0.");
        assertThat(ComparisonReport.aurcChange(new io.github.erroranalysis.stats.Interval(0.05, 0.03, 0.07, 0.95,
                method), "old", "new")).contains("A (old) answers more safely than B (new)");
        assertThat(ComparisonReport.aurcChange(new io.github.erroranalysis.stats.Interval(0.01, -0.01, 0.03, 0.95,
                method), "old", "new")).endsWith("the interval includes 0: no clear difference in how safely the "
                        + "two models answer.");
    }

    /** A Markdown table row of plain cells, each escaped as the renderer escapes it. */
    private static String row(String... cells) {
        StringBuilder s = new StringBuilder("|");
        for (String c : cells) {
            s.append(' ').append(Escaping.markdown(c)).append(" |");
        }
        return s.toString();
    }
}
