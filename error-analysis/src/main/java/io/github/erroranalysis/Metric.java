package io.github.erroranalysis;

/**
 * A metric over one analysis, built in or a user's own: {@link ErrorAnalysis#metric(Metric)} computes it once per
 * analysis, and a report given it shows it (with a bootstrap interval when it is a number).
 *
 * @param <R> the type of the metric's value
 */
public interface Metric<R> {

    /**
     * Names the metric: {@code [a-z][a-zA-Z0-9]*}, its JSON key under {@code metrics}.
     *
     * @return the name
     */
    String name();

    /**
     * Computes the metric over one analysis.
     *
     * @param context the read-only view of the analysis
     * @return the value
     */
    R compute(MetricContext context);
}
