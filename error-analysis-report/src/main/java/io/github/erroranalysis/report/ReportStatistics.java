package io.github.erroranalysis.report;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.HonestHardest;
import io.github.erroranalysis.TriagedMistake;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.util.List;
import java.util.Objects;

/**
 * What the report takes from the core's statistics ({@link AnalysisStatistics}, the root package's assembler of
 * intervals): those the caller gave, or else the analysis's own ({@link ErrorAnalysis#statistics()}, computed once
 * per analysis), so that the Markdown, the HTML and {@code report.json} show the same intervals; and the suspected
 * label issues of the triage.
 *
 * @param statistics the statistics every rendering shows: each class's accuracy interval, the honest hardest-class
 *                   verdict, the ECE's bootstrap interval
 * @param labelIssues the suspected label issues, most suspect first
 * @param labelIssuesExpectedByChance how many would be flagged if every label were right and the probabilities
 *                                    honest ({@link io.github.erroranalysis.Triage#expectedLabelIssuesByChance})
 */
record ReportStatistics(AnalysisStatistics statistics, List<LabelIssue> labelIssues,
        double labelIssuesExpectedByChance) {

    /**
     * One suspected label issue.
     *
     * @param index the example index
     * @param givenClass the given label's name
     * @param suggestedClass the class the model confidently sees
     * @param score the triage's label quality, from -1 to 0: the lower, the more suspect
     * @param mistake the triaged mistake itself, which report.json writes in the triage's one shape
     */
    record LabelIssue(int index, String givenClass, String suggestedClass, double score, TriagedMistake mistake) {
    }

    ReportStatistics {
        Objects.requireNonNull(statistics, "statistics");
        labelIssues = List.copyOf(labelIssues);
    }

    /** Takes the caller's statistics, or else the analysis's own (95 %, the default bootstrap, computed once). */
    static ReportStatistics of(ErrorAnalysis analysis, AnalysisStatistics given) {
        AnalysisStatistics s = given != null ? given : analysis.statistics();
        if (s.examples() != analysis.examples() || s.perClass().size() != analysis.classCount()) {
            throw new IllegalArgumentException("the statistics are of " + s.examples() + " examples and "
                    + s.perClass().size() + " classes, but the analysis has " + analysis.examples()
                    + " examples and " + analysis.classCount() + " classes");
        }
        List<LabelIssue> issues = analysis.labelIssues().stream().map(ReportStatistics::issue).toList();
        return new ReportStatistics(s, issues, analysis.triage().expectedLabelIssuesByChance(analysis));
    }

    private static LabelIssue issue(TriagedMistake m) {
        return new LabelIssue(m.index(), m.givenClassName(),
                m.suggestedLabel().map(p -> p.className()).orElse(m.predictedClassName()), m.labelQuality(), m);
    }

    /** The hardest class with its test against the runner-up. */
    HonestHardest hardest() {
        return statistics.hardest();
    }

    /** Weighted F1 with its bootstrap interval (the statistics' own), for the report's headline. */
    Interval weightedF1(ErrorAnalysis analysis) {
        return statistics.weightedF1();
    }

    /** The ECE with its bootstrap interval. */
    Interval ece() {
        return statistics.ece();
    }

    /** The interval's name, for example "95 % Wilson". */
    String intervalMethod() {
        Interval first = accuracy(0);
        return Formats.format("%.0f %% %s", 100 * first.level(), first.method());
    }

    double low(int c) {
        Interval i = accuracy(c);
        return i.isDefined() ? i.lower() : Double.NaN;
    }

    double high(int c) {
        Interval i = accuracy(c);
        return i.isDefined() ? i.upper() : Double.NaN;
    }

    private Interval accuracy(int c) {
        return statistics.perClass().get(c).accuracy();
    }
}
