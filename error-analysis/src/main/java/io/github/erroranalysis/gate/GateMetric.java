package io.github.erroranalysis.gate;

import io.github.erroranalysis.Metric;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.io.Formats;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a quality gate measures: one of the three gates of the command line, read from the analysis's statistics
 * ({@link #ACCURACY} and {@link #CLASS_ACCURACY} with their Wilson intervals, {@link #EXPECTED_CALIBRATION_ERROR}
 * with its bootstrap interval), selective prediction's {@link #AURC} or {@link #coverageAtRisk(double) coverage at a
 * risk} (with their bootstrap intervals, {@code ErrorAnalysis.selectivePrediction}), or any number-valued
 * {@link Metric} ({@link #of(Metric)}: a built-in one of {@code Metrics} or one's own), with its generic bootstrap
 * interval ({@code ErrorAnalysis.interval}). Equal when of the same kind and, for a metric, of equal metrics, for
 * coverage, at equal risks.
 */
public final class GateMetric {

    /** Overall accuracy, with its Wilson interval. */
    public static final GateMetric ACCURACY = new GateMetric("accuracy", "accuracy", null, Double.NaN, null);
    /** One class's accuracy (its recall), with its Wilson interval. */
    public static final GateMetric CLASS_ACCURACY = new GateMetric("classAccuracy", "accuracy of class ", null,
            Double.NaN, null);
    /** The expected calibration error (15 equal-width confidence bins), with its bootstrap interval. */
    public static final GateMetric EXPECTED_CALIBRATION_ERROR = new GateMetric("ece", "expected calibration error",
            null, Double.NaN, null);
    /**
     * The area under the risk–coverage curve (the mean error rate over every share of the most confident examples
     * answered), with its bootstrap interval ({@code SelectivePrediction.aurcInterval()}).
     */
    public static final GateMetric AURC = new GateMetric("aurc", "AURC", null, Double.NaN, null);
    /**
     * A robustness study's mean corruption accuracy: the mean over the standard corruptions of each one's accuracy
     * averaged over severities, as RobustBench reports it, with its bootstrap interval
     * ({@code Robustness.meanCorruptionAccuracy}); judged by {@link RobustnessGates}.
     */
    public static final GateMetric MEAN_CORRUPTION_ACCURACY = new GateMetric("meanCorruptionAccuracy",
            "mean corruption accuracy (standard corruptions)", null, Double.NaN, null);

    /** The JSON name of every gate on one corruption's accuracy. */
    static final String CORRUPTION_ACCURACY = "corruptionAccuracy";

    /** The JSON name of every gate on the coverage at a risk. */
    static final String COVERAGE_AT_RISK = "coverageAtRisk";

    private final String key;
    private final String words;
    private final Metric<? extends Number> metric;
    private final double risk;
    private final String corruption;

    private GateMetric(String key, String words, Metric<? extends Number> metric, double risk, String corruption) {
        this.key = key;
        this.words = words;
        this.metric = metric;
        this.risk = risk;
        this.corruption = corruption;
    }

    /**
     * Makes the gated metric "accuracy under one corruption, averaged over its severities" of a robustness study
     * ({@code Robustness.corruptionAccuracy}), judged on its bootstrap interval by {@link RobustnessGates}.
     *
     * @param corruption the corruption's name, such as {@code fog}
     * @return the gated metric, whose {@link #key()} is {@code corruptionAccuracy} and whose words name the
     *         corruption ({@code "accuracy under fog (mean over severities)"})
     * @throws IllegalArgumentException if the name is blank
     */
    public static GateMetric corruptionAccuracy(String corruption) {
        Objects.requireNonNull(corruption, "corruption");
        if (corruption.isBlank()) {
            throw new IllegalArgumentException("a corruption accuracy gate names its corruption, but the name is blank");
        }
        return new GateMetric(CORRUPTION_ACCURACY, "accuracy under " + corruption + " (mean over severities)", null,
                Double.NaN, corruption);
    }

    /**
     * Makes the gated metric "coverage at a risk": the largest share of the most confident examples that can be
     * answered with an error rate of at most {@code risk} ({@code CoverageAtRisk}), judged on its bootstrap
     * interval.
     *
     * @param risk the target error rate, in [0, 1]
     * @return the gated metric, whose {@link #key()} is {@code coverageAtRisk} and whose words name the risk
     *         ({@code "coverage at risk 1.0 %"})
     * @throws IllegalArgumentException {@code "the risk must be in [0, 1], but is 1.5"}
     */
    public static GateMetric coverageAtRisk(double risk) {
        QualityGate.checkFraction("risk", risk);
        return new GateMetric(COVERAGE_AT_RISK, "coverage at risk " + Formats.risk(risk), null, risk, null);
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
        return new GateMetric(name, name, metric, Double.NaN, null);
    }

    /**
     * Gives the metric's name in JSON: {@code accuracy}, {@code classAccuracy}, {@code ece}, {@code aurc},
     * {@code coverageAtRisk} (with its {@link #risk()} beside), or a metric's own name ({@code macroF1}).
     *
     * @return the JSON name
     */
    public String key() {
        return key;
    }

    /**
     * Gives the metric a gate of {@link #of(Metric)} judges.
     *
     * @return the metric, empty for the gates read from the statistics and from selective prediction
     */
    public Optional<Metric<? extends Number>> metric() {
        return Optional.ofNullable(metric);
    }

    /**
     * Gives the target risk of a gate on the coverage at a risk.
     *
     * @return the risk, in [0, 1]; empty for every other metric
     */
    public OptionalDouble risk() {
        return Double.isNaN(risk) ? OptionalDouble.empty() : OptionalDouble.of(risk);
    }

    /**
     * Gives the corruption of a gate on one corruption's accuracy.
     *
     * @return the corruption's name; empty for every other metric
     */
    public Optional<String> corruption() {
        return Optional.ofNullable(corruption);
    }

    /**
     * Tells whether the metric is of a robustness study (judged by {@link RobustnessGates}), not of one analysis.
     *
     * @return whether it is the mean corruption accuracy or one corruption's accuracy
     */
    public boolean robustness() {
        return corruption != null || this.equals(MEAN_CORRUPTION_ACCURACY);
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
     * calibration error"}, {@code "AURC"}, {@code "coverage at risk 1.0 %"} or a metric's name ({@code "macroF1"}).
     *
     * @param className the class of a per-class metric, ignored otherwise
     * @return the words
     */
    public String describe(String className) {
        return perClass() ? words + className : words;
    }

    /**
     * Compares by kind and, for a metric, by the metric, for the coverage at a risk, by the risk.
     *
     * @param o the other object
     * @return whether both measure the same
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof GateMetric other && key.equals(other.key) && Objects.equals(metric, other.metric)
                && Double.compare(risk, other.risk) == 0 && Objects.equals(corruption, other.corruption);
    }

    /**
     * Hashes as {@link #equals(Object)} compares.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(key, metric, risk, corruption);
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
