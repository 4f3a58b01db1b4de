package io.github.erroranalysis.gate;

import io.github.erroranalysis.Metric;
import io.github.erroranalysis.Metrics;
import java.util.Objects;
import java.util.Optional;

/**
 * What a quality gate measures: one of the three gates of the command line, read from the analysis's statistics
 * ({@link #ACCURACY} and {@link #CLASS_ACCURACY} with their Wilson intervals, {@link #EXPECTED_CALIBRATION_ERROR}
 * with its bootstrap interval), or any number-valued {@link Metric} ({@link #of(Metric)}: a built-in one of
 * {@code Metrics} or one's own), with its generic bootstrap interval ({@code ErrorAnalysis.interval}). Equal when
 * of the same kind and, for a metric, of equal metrics.
 */
public final class GateMetric {

    /** Overall accuracy, with its Wilson interval. */
    public static final GateMetric ACCURACY = new GateMetric("accuracy", "accuracy", null);
    /** One class's accuracy (its recall), with its Wilson interval. */
    public static final GateMetric CLASS_ACCURACY = new GateMetric("classAccuracy", "accuracy of class ", null);
    /** The expected calibration error (15 equal-width confidence bins), with its bootstrap interval. */
    public static final GateMetric EXPECTED_CALIBRATION_ERROR = new GateMetric("ece", "expected calibration error",
            null);

    private final String key;
    private final String words;
    private final Metric<? extends Number> metric;

    private GateMetric(String key, String words, Metric<? extends Number> metric) {
        this.key = key;
        this.words = words;
        this.metric = metric;
    }

    /**
     * Makes the gated metric of any number-valued metric, judged on its bootstrap interval.
     *
     * @param metric the metric, for example {@code Metrics.macroF1()} or one's own
     * @return the gated metric, whose {@link #key()} is the metric's name
     * @throws IllegalArgumentException if the metric's name is refused ({@link Metrics#checkName})
     */
    public static GateMetric of(Metric<? extends Number> metric) {
        String name = Metrics.checkName(metric);
        return new GateMetric(name, name, metric);
    }

    /**
     * Gives the metric's name in JSON: {@code accuracy}, {@code classAccuracy}, {@code ece}, or a metric's own name
     * ({@code macroF1}).
     *
     * @return the JSON name
     */
    public String key() {
        return key;
    }

    /**
     * Gives the metric a gate of {@link #of(Metric)} judges.
     *
     * @return the metric, empty for the three gates read from the statistics
     */
    public Optional<Metric<? extends Number>> metric() {
        return Optional.ofNullable(metric);
    }

    /**
     * Tells whether the metric is of one class, so that a gate on it names the class.
     *
     * @return whether a class name is needed
     */
    public boolean perClass() {
        return this == CLASS_ACCURACY;
    }

    /**
     * Names the metric for people: {@code "accuracy"}, {@code "accuracy of class cat"}, {@code "expected
     * calibration error"} or a metric's name ({@code "macroF1"}).
     *
     * @param className the class of a per-class metric, ignored otherwise
     * @return the words
     */
    public String describe(String className) {
        return perClass() ? words + className : words;
    }

    /**
     * Compares by kind and, for a metric, by the metric.
     *
     * @param o the other object
     * @return whether both measure the same
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof GateMetric other && key.equals(other.key) && Objects.equals(metric, other.metric);
    }

    /**
     * Hashes as {@link #equals(Object)} compares.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(key, metric);
    }

    /**
     * Reads as the JSON name.
     *
     * @return {@link #key()}
     */
    @Override
    public String toString() {
        return key;
    }
}
