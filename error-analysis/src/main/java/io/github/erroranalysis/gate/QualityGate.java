package io.github.erroranalysis.gate;

import io.github.erroranalysis.Metric;
import java.util.Objects;

/**
 * One quality gate: a metric of the analysis, a threshold it must be at least or at most, and which value of the
 * metric's interval is compared (the estimate, or an end of the interval so that the gate is not flaky). Made by
 * {@link #accuracyAtLeast(double)}, {@link #classAccuracyAtLeast(String, double)} or
 * {@link #eceAtMost(double)} (judged on the analysis's statistics), {@link #aurcAtMost(double)} or
 * {@link #coverageAtRiskAtLeast(double, double)} (judged on selective prediction's bootstrap intervals), or for any
 * number-valued metric by
 * {@link #atLeast(Metric, double)} or {@link #atMost(Metric, double)} (judged on its bootstrap interval), then
 * {@link #named(String)} and {@link #onPessimisticBound()} as needed.
 *
 * @param name what the gate is called in messages, the report and JUnit XML, for example {@code --min-accuracy 0.7}
 * @param metric what is measured
 * @param className the class of a per-class metric, else null
 * @param direction whether the value must be at least or at most the threshold
 * @param threshold the threshold: in [0, 1] for the gates of the statistics and of selective prediction, any finite
 *                  number for a metric's
 * @param judged which value of the interval is compared with the threshold
 */
public record QualityGate(String name, GateMetric metric, String className, Direction direction, double threshold,
        Judged judged) {

    /**
     * Checks the components.
     *
     * @param name the gate's name, not blank
     * @param metric what is measured
     * @param className the class of a per-class metric, else null
     * @param direction at least or at most
     * @param threshold the threshold, in [0, 1] (any finite number for a gate of {@link GateMetric#of(Metric)})
     * @param judged the compared value
     * @throws IllegalArgumentException if the threshold is outside [0, 1] (not finite for a metric's gate), the name
     *                                  is blank, or a class name is missing for a per-class metric or given for
     *                                  another
     */
    public QualityGate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(judged, "judged");
        checkThreshold(metric, threshold);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a quality gate's name must not be blank, but is '" + name + "'");
        }
        if (metric.perClass() && className == null) {
            throw new IllegalArgumentException("a gate on " + metric.key() + " names its class, but none is given");
        }
        if (!metric.perClass() && className != null) {
            throw new IllegalArgumentException("a gate on " + metric.key() + " is of no class, but class '"
                    + className + "' is given");
        }
    }

    /**
     * Makes the gate "overall accuracy at least {@code threshold}", judged on the estimate.
     *
     * @param threshold the least accuracy, in [0, 1]
     * @return the gate, named {@code "accuracy at least 0.7000"}
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public static QualityGate accuracyAtLeast(double threshold) {
        return of(GateMetric.ACCURACY, null, Direction.AT_LEAST, threshold);
    }

    /**
     * Makes the gate "accuracy of one class at least {@code threshold}", judged on the estimate.
     *
     * @param className the class, by name
     * @param threshold the least accuracy, in [0, 1]
     * @return the gate, named {@code "accuracy of class cat at least 0.5000"}
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public static QualityGate classAccuracyAtLeast(String className, double threshold) {
        return of(GateMetric.CLASS_ACCURACY, Objects.requireNonNull(className, "className"), Direction.AT_LEAST,
                threshold);
    }

    /**
     * Makes the gate "expected calibration error at most {@code threshold}", judged on the estimate.
     *
     * @param threshold the largest ECE, in [0, 1]
     * @return the gate, named {@code "expected calibration error at most 0.0500"}
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public static QualityGate eceAtMost(double threshold) {
        return of(GateMetric.EXPECTED_CALIBRATION_ERROR, null, Direction.AT_MOST, threshold);
    }

    /**
     * Makes the gate "AURC at most {@code threshold}": the area under the risk–coverage curve (the mean error rate
     * over every share of the most confident examples answered; 0 when no answer is wrong), judged on the estimate of
     * its bootstrap interval ({@code ErrorAnalysis.selectivePrediction(level).aurcInterval()}).
     *
     * @param threshold the largest AURC, in [0, 1]
     * @return the gate, named {@code "AURC at most 0.1000"}
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public static QualityGate aurcAtMost(double threshold) {
        return of(GateMetric.AURC, null, Direction.AT_MOST, threshold);
    }

    /**
     * Makes the gate "coverage at risk {@code risk} at least {@code coverage}": with an error rate of at most
     * {@code risk}, the model must still answer at least the share {@code coverage} of the examples (its most
     * confident ones), judged on the estimate of the coverage's bootstrap interval
     * ({@code ErrorAnalysis.coverageAtRisk(risk, level).coverageInterval()}); the CLI's
     * {@code --min-coverage-at-risk 0.01=0.75}.
     *
     * @param risk the target error rate, in [0, 1]
     * @param coverage the least share answered, in [0, 1]
     * @return the gate, named {@code "coverage at risk 1.0 % at least 0.7500"}
     * @throws IllegalArgumentException {@code "the risk must be in [0, 1], but is 5.0"}, or the same of the coverage
     */
    public static QualityGate coverageAtRiskAtLeast(double risk, double coverage) {
        GateMetric metric = GateMetric.coverageAtRisk(risk);
        checkFraction("coverage", coverage);
        return of(metric, null, Direction.AT_LEAST, coverage);
    }

    /**
     * Makes the gate "{@code metric} at least {@code threshold}" for any number-valued metric (a built-in one such as
     * {@code Metrics.macroF1()}, or one's own), judged on the estimate of its bootstrap interval
     * ({@code ErrorAnalysis.interval}); a metric that is NaN (undefined) fails it.
     *
     * @param metric the metric
     * @param threshold the least value, finite
     * @return the gate, named {@code "macroF1 at least 0.7000"}
     * @throws IllegalArgumentException if the threshold is not finite or the metric's name is refused
     *                                  ({@code Metrics.checkName})
     */
    public static QualityGate atLeast(Metric<? extends Number> metric, double threshold) {
        return of(GateMetric.of(metric), null, Direction.AT_LEAST, threshold);
    }

    /**
     * Makes the gate "{@code metric} at most {@code threshold}" for any number-valued metric (a loss such as
     * {@code Metrics.brierScore()}, or one's own), judged on the estimate of its bootstrap interval; a metric that is
     * NaN (undefined) fails it.
     *
     * @param metric the metric
     * @param threshold the largest value, finite
     * @return the gate, named {@code "brierScore at most 0.2000"}
     * @throws IllegalArgumentException if the threshold is not finite or the metric's name is refused
     *                                  ({@code Metrics.checkName})
     */
    public static QualityGate atMost(Metric<? extends Number> metric, double threshold) {
        return of(GateMetric.of(metric), null, Direction.AT_MOST, threshold);
    }

    /**
     * Makes the gate "accuracy under one corruption, averaged over its severities, at least {@code threshold}" of a
     * robustness study ({@code --min-corruption-accuracy fog=0.5}), judged on the estimate of its bootstrap interval
     * by {@link RobustnessGates}.
     *
     * @param corruption the corruption's name, such as {@code fog}
     * @param threshold the least accuracy, in [0, 1]
     * @return the gate, named {@code "accuracy under fog (mean over severities) at least 0.5000"}
     * @throws IllegalArgumentException if the threshold is outside [0, 1] or the name is blank
     */
    public static QualityGate corruptionAccuracyAtLeast(String corruption, double threshold) {
        return of(GateMetric.corruptionAccuracy(corruption), null, Direction.AT_LEAST, threshold);
    }

    /**
     * Makes the gate "mean corruption accuracy over the standard corruptions at least {@code threshold}" of a
     * robustness study ({@code --min-mean-corruption-accuracy 0.7}, RobustBench's figure), judged on the estimate of
     * its bootstrap interval by {@link RobustnessGates}.
     *
     * @param threshold the least mean accuracy, in [0, 1]
     * @return the gate, named {@code "mean corruption accuracy (standard corruptions) at least 0.7000"}
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public static QualityGate meanCorruptionAccuracyAtLeast(double threshold) {
        return of(GateMetric.MEAN_CORRUPTION_ACCURACY, null, Direction.AT_LEAST, threshold);
    }

    private static QualityGate of(GateMetric metric, String className, Direction direction, double threshold) {
        checkThreshold(metric, threshold);
        return new QualityGate(metric.describe(className) + " " + direction.words() + " "
                + GateResult.threshold(threshold), metric, className, direction, threshold, Judged.ESTIMATE);
    }

    /**
     * Gives this gate under another name.
     *
     * @param newName the name, for example the CLI option as typed ({@code --min-accuracy 0.7})
     * @return the renamed gate
     */
    public QualityGate named(String newName) {
        return new QualityGate(newName, metric, className, direction, threshold, judged);
    }

    /**
     * Gives this gate judged on another value of the interval.
     *
     * @param value the estimate, the lower or the upper bound
     * @return the gate judged on that value
     */
    public QualityGate judging(Judged value) {
        return new QualityGate(name, metric, className, direction, threshold, value);
    }

    /**
     * Gives this gate judged on the interval's pessimistic end: the lower bound for "at least", the upper bound
     * for "at most" (the CLI's {@code --gate-on-lower-bound}, AssertJ's {@code hasAccuracyLowerBoundAtLeast},
     * {@code hasAurcUpperBoundAtMost}).
     *
     * @return the gate judged on the pessimistic bound
     */
    public QualityGate onPessimisticBound() {
        return judging(direction.pessimisticBound());
    }

    /**
     * Names what is measured for people: {@code "accuracy of class cat"}.
     *
     * @return the metric's words
     */
    public String measure() {
        return metric.describe(className);
    }

    private static void checkThreshold(GateMetric metric, double threshold) {
        if (metric.metric().isEmpty()) {
            checkFraction("threshold", threshold);
        } else if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("the threshold of a gate on " + metric.key() + " must be a finite "
                    + "number, but is " + threshold);
        }
    }

    /**
     * Checks that a value of a gate is a fraction, as the statistics' gated metrics are.
     *
     * @param what the value's name in the message ({@code threshold})
     * @param value the value
     * @throws IllegalArgumentException {@code "the threshold must be in [0, 1], but is 1.5"}
     */
    static void checkFraction(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("the " + what + " must be in [0, 1], but is " + value);
        }
    }
}
