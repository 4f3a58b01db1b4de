package io.github.erroranalysis.report;

import io.github.erroranalysis.stats.Interval;
import java.util.Objects;

/**
 * A metric given to the report ({@link ErrorReport.Builder#metric}), computed once when the report is built: it
 * appears in the Markdown, the HTML and {@code report.json} under {@code metrics.<name>}.
 *
 * @param name     the metric's name, {@code [a-z][a-zA-Z0-9]*}
 * @param value    its value over the analysis, NaN where undefined
 * @param interval its percentile bootstrap interval ({@link io.github.erroranalysis.ErrorAnalysis#interval})
 */
public record ReportMetric(String name, double value, Interval interval) {

    /**
     * Checks that the name and interval are given.
     *
     * @param name     the metric's name
     * @param value    its value
     * @param interval its interval
     */
    public ReportMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
    }
}
