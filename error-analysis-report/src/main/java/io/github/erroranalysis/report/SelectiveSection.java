package io.github.erroranalysis.report;

import io.github.erroranalysis.ConfidenceBand;
import io.github.erroranalysis.ConfidenceBands;
import io.github.erroranalysis.CoverageAtRisk;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.RiskAtCoverage;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in "Selective prediction" section (Geifman and El-Yaniv 2017), shown in every report after the
 * calibration: the answer to the course's question in words ({@link SelectivePrediction#inWords()} and the share of
 * the wrong predictions that are confident), the risk–coverage figure, the AURC with its interval beside the optimal
 * and excess AURC, and the tables "risk at coverage" and "coverage at risk". Its numbers are those of
 * {@link ErrorReport#selectivePrediction()}, which {@code report.json} writes under {@code selectivePrediction}.
 */
final class SelectiveSection {

    /** The section's id, the HTML anchor. */
    static final String ID = "selective-prediction";

    /** The section's title. */
    static final String TITLE = "Selective prediction";

    /** The figure's name. */
    static final String FIGURE = "risk-coverage";

    private SelectiveSection() {
    }

    /** Writes the section. */
    static void render(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        SelectivePrediction s = c.selectivePrediction();
        out.paragraph("Compare a confident wrong prediction with a low-confidence one: which is more dangerous in a "
                + "real product? A product can refuse (or send to a person) the answers it is least sure of; the "
                + "risk–coverage curve says what that buys, and a mistake made with high confidence is the one no "
                + "such threshold catches.");
        StringBuilder words = new StringBuilder(s.inWords());
        confidentWrong(analysis.confidenceBands(), s.errors()).ifPresent(w -> words.append(words.length() > 0 ? " "
                : "").append(w));
        if (words.length() > 0) {
            out.paragraph(words.toString());
        }
        out.figure(FIGURE, c.riskCoverage(), caption(s));
        Interval a = s.aurcInterval();
        out.paragraph(Formats.format("AURC (the mean risk over every coverage k/n) %s [%s, %s] (%s %s); optimal "
                + "AURC (the same errors ranked least confident) %s; excess AURC %s, what a better confidence "
                + "ranking of the same predictions could still gain.", Formats.ratio(s.aurc()),
                Formats.ratio(a.lower()), Formats.ratio(a.upper()), Formats.level(a.level()), a.method(),
                Formats.ratio(s.optimalAurc()), Formats.ratio(s.excessAurc())));
        c.temperature.filter(ErrorReport.Temperature::applied).ifPresent(t -> out.paragraph(scaledNote(t)));
        out.subheading("Risk at coverage");
        List<List<String>> rows = new ArrayList<>();
        List<String> thresholds = Formats.thresholds(s.riskAtCoverage().stream().map(RiskAtCoverage::threshold)
                .toList());
        List<String> ties = new ArrayList<>();
        for (int k = 0; k < s.riskAtCoverage().size(); k++) {
            RiskAtCoverage r = s.riskAtCoverage().get(k);
            rows.add(List.of(Formats.percentOneDecimal(r.coverage()), Formats.format("%,d of %,d", r.answered(),
                    s.examples()), Formats.percentOneDecimal(r.risk()), thresholds.get(k)));
            if (r.answeredAtThreshold() > r.answered()) {
                ties.add("at coverage " + Formats.percentOneDecimal(r.coverage()) + ", " + r.whichInWords());
            }
        }
        out.table(List.of("coverage", "answered", "risk (error rate among the answered)",
                "confidence threshold (answer at or above)"), rows);
        tiesParagraph(out, ties);
        out.subheading("Coverage at risk");
        rows = new ArrayList<>();
        thresholds = Formats.thresholds(s.coverageAtRisk().stream().map(CoverageAtRisk::threshold).toList());
        ties = new ArrayList<>();
        for (int k = 0; k < s.coverageAtRisk().size(); k++) {
            CoverageAtRisk r = s.coverageAtRisk().get(k);
            Interval i = r.coverageInterval();
            rows.add(List.of(Formats.risk(r.risk()), Formats.percentOneDecimal(r.coverage()),
                    Formats.format("[%s, %s]", Formats.percentOneDecimal(i.lower()),
                            Formats.percentOneDecimal(i.upper())), Formats.format("%,d", r.answered()),
                    thresholds.get(k)));
            if (r.achievable() && r.tiedBeyond() > 0) {
                ties.add("at risk " + Formats.risk(r.risk()) + ", " + r.whichInWords());
            }
        }
        out.table(List.of("risk at most", "coverage (the most answered)", Formats.level(s.level()) + " bootstrap "
                + "interval", "answered", "confidence threshold"), rows);
        tiesParagraph(out, ties);
    }

    /**
     * Says that the confidences are scaled ones, for a report whose analysis a temperature was applied to: a
     * threshold read here holds for the scaled probabilities, not for the model's own.
     */
    static String scaledNote(ErrorReport.Temperature t) {
        return "The confidences, and so every threshold below, are after temperature scaling (T = "
                + TemperatureScaling.format(t.change().scaling().temperature()) + "): a threshold applies to the "
                + "scaled probabilities, not to the model's own (the same threshold answers another share of those).";
    }

    /**
     * Says, under a table, where its threshold is no rule that answers exactly its rows' examples: later examples
     * share the threshold's confidence (ties by example index decide the count), and what "at or above" answers.
     */
    private static void tiesParagraph(SectionWriter out, List<String> ties) {
        if (!ties.isEmpty()) {
            out.paragraph("Ties at the threshold: " + String.join("; ", ties) + ". A rule \"answer when the "
                    + "confidence is at least the threshold\" answers those, not the count in the table.");
        }
    }

    /** The figure's caption (and alt text): what it draws, with the numbers. */
    static String caption(SelectivePrediction s) {
        StringBuilder marked = new StringBuilder();
        for (CoverageAtRisk r : s.coverageAtRisk()) {
            marked.append(marked.length() > 0 ? ", " : "").append(Formats.risk(r.risk())).append(": ")
                    .append(r.achievable() ? Formats.percentOneDecimal(r.coverage()) : "none");
        }
        double overall = s.examples() == 0 ? Double.NaN : (double) s.errors() / s.examples();
        return Formats.format("Risk–coverage curve: the error rate among the answered against the share answered, "
                + "most confident first (AURC %s, optimal %s dashed); the dotted line is the overall error rate %s"
                + "%s", Formats.ratio(s.aurc()), Formats.ratio(s.optimalAurc()), Formats.percentOneDecimal(overall),
                marked.length() > 0 ? "; the dots mark the most it can answer at each risk (" + marked + ")" : "");
    }

    /**
     * The confident mistakes in words, from the top confidence band: how many of the wrong predictions it holds and
     * how many right answers a threshold would refuse with them; empty without wrong predictions.
     */
    static Optional<String> confidentWrong(ConfidenceBands bands, long errors) {
        if (bands.bands().isEmpty() || errors == 0) {
            return Optional.empty();
        }
        ConfidenceBand top = bands.bands().get(bands.bands().size() - 1);
        if (top.wrong() == 0) {
            return Optional.of(Formats.format("None of the %,d wrong predictions has a confidence of at least %.1f, "
                    + "so every mistake is among the answers a threshold refuses first.", errors, top.lower()));
        }
        long right = top.predictions() - top.wrong();
        String beside = right == 0 ? "and no answer that confident is right"
                : Formats.format("beside %,d right answers as confident (an error rate of %s in that band)", right,
                        Formats.percentOneDecimal(top.errorRate()));
        return Optional.of(Formats.format("%,d of the %,d wrong predictions (%s) have a confidence of at least %.1f, "
                + "%s: those are the dangerous ones, which no threshold that keeps the confident answers refuses.",
                top.wrong(), errors, Formats.percentOneDecimal((double) top.wrong() / errors), top.lower(), beside));
    }
}
