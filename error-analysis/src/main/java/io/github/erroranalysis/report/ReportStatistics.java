package io.github.erroranalysis.report;

import java.util.List;
import java.util.Optional;

/**
 * What the report takes from the statistics package: per-class accuracy intervals, the honest hardest-class
 * verdict and the suspected label issues. Empty parts are left out of every rendering.
 *
 * @param intervalMethod the name and level of the per-class intervals, for example "95 % Wilson"
 * @param ciLow each class's lower interval bound (NaN when undefined), or empty when not computed
 * @param ciHigh each class's upper interval bound (NaN when undefined), or empty when not computed
 * @param hardestVerdict the verdict on the hardest class, for example "cat (significantly hardest)"
 * @param hardestSignificant whether the hardest class is significantly hardest
 * @param hardestDetail the full sentence behind the verdict (runner-up and p-value)
 * @param labelIssues the suspected label issues, most suspect first, or empty when not computed
 * @param comparisonTest the paired test of a model comparison, as a sentence
 */
record ReportStatistics(String intervalMethod, Optional<List<Double>> ciLow, Optional<List<Double>> ciHigh,
        Optional<String> hardestVerdict, Optional<Boolean> hardestSignificant, Optional<String> hardestDetail,
        Optional<List<LabelIssue>> labelIssues, Optional<String> comparisonTest) {

    /** One suspected label issue. */
    record LabelIssue(int index, String givenClass, String suggestedClass, double score, String kind) {
    }

    static ReportStatistics none() {
        return new ReportStatistics("", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    double low(int c) {
        return ciLow.map(l -> l.get(c)).orElse(Double.NaN);
    }

    double high(int c) {
        return ciHigh.map(l -> l.get(c)).orElse(Double.NaN);
    }
}
