package io.github.erroranalysis;

import java.util.Objects;

/**
 * A metric failed while it was computed ({@link ErrorAnalysis#metric(Metric)}, {@link ErrorAnalysis#interval(Metric)},
 * a bootstrap resample): it names the metric and keeps what the metric threw as its cause. A failure is never cached.
 */
public final class MetricException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The name of the metric that failed. */
    private final String metricName;

    /**
     * Makes the exception of a failed metric.
     *
     * @param metricName the metric's name
     * @param cause      what the metric threw
     */
    public MetricException(String metricName, Throwable cause) {
        super("the metric '" + metricName + "' failed: " + cause, cause);
        this.metricName = Objects.requireNonNull(metricName, "metricName");
    }

    /**
     * Wraps a failure of a metric with its name and where it happened.
     *
     * @param metricName the metric's name
     * @param where where it failed, for example "on a bootstrap resample"
     * @param cause what went wrong
     */
    public MetricException(String metricName, String where, Throwable cause) {
        super("the metric '" + metricName + "' failed " + where + ": " + cause, cause);
        this.metricName = Objects.requireNonNull(metricName, "metricName");
    }

    /**
     * Names the metric that failed.
     *
     * @return its name
     */
    public String metricName() {
        return metricName;
    }
}
