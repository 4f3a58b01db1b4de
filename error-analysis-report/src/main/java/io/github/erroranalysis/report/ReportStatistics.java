package io.github.erroranalysis.report;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ClassIntervals;
import io.github.erroranalysis.HonestHardest;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.TriagedMistake;
import java.util.List;
import java.util.Optional;

/**
 * What the report takes from the statistics package ({@code io.github.erroranalysis.stats}): each class's accuracy
 * interval, the honest hardest-class verdict, the suspected label issues and, when given, the bootstrap interval of
 * the ECE.
 *
 * @param perClass each class's accuracy interval, in class order
 * @param hardest the hardest class with its test against the runner-up
 * @param labelIssues the suspected label issues, most suspect first
 * @param ece the ECE with its bootstrap interval, when the caller computed the full statistics
 * @param given the full statistics the caller gave, if any
 */
record ReportStatistics(List<Interval> perClass, HonestHardest hardest, List<LabelIssue> labelIssues,
        Optional<Interval> ece, Optional<AnalysisStatistics> given) {

    /**
     * One suspected label issue.
     *
     * @param index the example index
     * @param givenClass the given label's name
     * @param suggestedClass the class the model confidently sees
     * @param score the triage's label quality, from -1 to 0: the lower, the more suspect
     */
    record LabelIssue(int index, String givenClass, String suggestedClass, double score) {
    }

    ReportStatistics {
        perClass = List.copyOf(perClass);
        labelIssues = List.copyOf(labelIssues);
    }

    /** Takes the intervals from the caller's statistics, or computes 95 % Wilson intervals (no bootstrap). */
    static ReportStatistics of(ErrorAnalysis analysis, Optional<AnalysisStatistics> given) {
        List<Interval> intervals;
        HonestHardest hardest;
        if (given.isPresent()) {
            AnalysisStatistics s = given.get();
            if (s.examples() != analysis.examples() || s.perClass().size() != analysis.classCount()) {
                throw new IllegalArgumentException("the statistics are of " + s.examples() + " examples and "
                        + s.perClass().size() + " classes, but the analysis has " + analysis.examples()
                        + " examples and " + analysis.classCount() + " classes");
            }
            intervals = s.perClass().stream().map(ClassIntervals::accuracy).toList();
            hardest = s.hardest();
        } else {
            intervals = analysis.perClassAccuracy().classes().stream()
                    .map((ClassAccuracy a) -> Intervals.wilson(a.correct(), a.support())).toList();
            hardest = HonestHardest.of(analysis);
        }
        List<LabelIssue> issues = analysis.labelIssues().stream().map(ReportStatistics::issue).toList();
        return new ReportStatistics(intervals, hardest, issues, given.map(AnalysisStatistics::ece), given);
    }

    /**
     * The statistics {@code report.json} writes with the metrics: those the caller gave, or the analysis's own (95 %,
     * the default bootstrap), whose Wilson intervals and hardest-class test are the ones computed above.
     */
    AnalysisStatistics full(ErrorAnalysis analysis) {
        return given.orElseGet(analysis::statistics);
    }

    private static LabelIssue issue(TriagedMistake m) {
        return new LabelIssue(m.index(), m.givenClassName(),
                m.suggestedLabel().map(p -> p.className()).orElse(m.predictedClassName()), m.labelQuality());
    }

    /** The interval's name, for example "95 % Wilson". */
    String intervalMethod() {
        Interval first = perClass.get(0);
        return Formats.format("%.0f %% %s", 100 * first.level(), first.method());
    }

    double low(int c) {
        Interval i = perClass.get(c);
        return i.isDefined() ? i.lower() : Double.NaN;
    }

    double high(int c) {
        Interval i = perClass.get(c);
        return i.isDefined() ? i.upper() : Double.NaN;
    }
}
