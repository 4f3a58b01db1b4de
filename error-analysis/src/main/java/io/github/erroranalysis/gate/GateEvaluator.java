package io.github.erroranalysis.gate;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.CoverageAtRisk;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Intervals;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Judges quality gates on one analysis, with the intervals of its {@link AnalysisStatistics}: Wilson intervals for
 * accuracies, the bootstrap interval for the ECE; the AURC and the coverage at a risk on the bootstrap intervals of
 * the analysis's selective prediction ({@link ErrorAnalysis#selectivePrediction(double)},
 * {@link ErrorAnalysis#coverageAtRisk(double, double)}, at the statistics' level); a gate on any other metric
 * ({@link QualityGate#atLeast}) on the metric's generic bootstrap interval ({@link ErrorAnalysis#interval(io.github.erroranalysis.Metric, double)}, at
 * the statistics' level). Given the statistics a caller already computed (the CLI, which also puts them in the
 * report), every gate is judged on exactly those intervals; without them, on the analysis's own
 * {@link ErrorAnalysis#statistics()} (computed once per analysis, so the report and the assertions see the same
 * intervals), taken only when a gate needs them. Not thread-safe; make one per analysis.
 */
public final class GateEvaluator {

    private final ErrorAnalysis analysis;
    private AnalysisStatistics statistics;

    private GateEvaluator(ErrorAnalysis analysis, AnalysisStatistics statistics) {
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        this.statistics = statistics;
    }

    /**
     * Makes an evaluator that judges on statistics already computed.
     *
     * @param analysis the analysis
     * @param statistics its statistics, whose intervals are judged
     * @return the evaluator
     * @throws IllegalArgumentException if the statistics are of another number of examples
     */
    public static GateEvaluator of(ErrorAnalysis analysis, AnalysisStatistics statistics) {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(statistics, "statistics");
        if (statistics.examples() != analysis.examples()) {
            throw new IllegalArgumentException("the statistics are of " + statistics.examples() + " examples, but "
                    + "the analysis has " + analysis.examples());
        }
        return new GateEvaluator(analysis, statistics);
    }

    /**
     * Makes an evaluator that judges on the analysis's own statistics ({@link ErrorAnalysis#statistics()}: 95 %,
     * 1,000 bootstrap resamples, seed 42, computed once per analysis), taken when a gate first needs them.
     *
     * @param analysis the analysis
     * @return the evaluator
     */
    public static GateEvaluator of(ErrorAnalysis analysis) {
        return new GateEvaluator(analysis, null);
    }

    /**
     * Judges one gate.
     *
     * @param gate the gate
     * @return its result
     * @throws IllegalArgumentException if the gate names a class the analysis does not have
     */
    public GateResult evaluate(QualityGate gate) {
        Objects.requireNonNull(gate, "gate");
        return new GateResult(gate, measure(gate.metric(), gate.className()));
    }

    /**
     * Judges gates in order.
     *
     * @param gates the gates
     * @return one result per gate, in the same order
     * @throws IllegalArgumentException if a gate names a class the analysis does not have
     */
    public List<GateResult> evaluate(List<QualityGate> gates) {
        return gates.stream().map(this::evaluate).toList();
    }

    /**
     * Measures a gated metric: its interval and the counts behind it.
     *
     * @param metric the metric
     * @param className the class of a per-class metric, else ignored (may be null)
     * @return the measurement, for example {@code 0.7500 [0.5313, 0.8881] (95% Wilson), 15 of 20 right}, or for the
     *         coverage at a risk {@code 0.7500 [0.7100, 0.7900] (95% percentile bootstrap, ...), 750 of 1,000
     *         answered, those with confidence at least 0.9412}
     * @throws IllegalArgumentException if the metric is per class and the analysis has no class of that name
     */
    public Measurement measure(GateMetric metric, String className) {
        Objects.requireNonNull(metric, "metric");
        if (metric.robustness()) {
            throw new IllegalArgumentException("a gate on " + metric.key() + " is judged on a robustness study "
                    + "(RobustnessGates.evaluate), not on one analysis");
        }
        double level = statistics != null ? statistics.level() : Intervals.DEFAULT_LEVEL;
        if (metric.metric().isPresent()) {
            return new Measurement(analysis.interval(metric.metric().get(), level), "");
        }
        if (metric.equals(GateMetric.AURC)) {
            SelectivePrediction s = analysis.selectivePrediction(level);
            return new Measurement(s.aurcInterval(), Formats.format("optimal %.4f", s.optimalAurc()));
        }
        if (metric.risk().isPresent()) {
            return coverageAtRisk(metric.risk().getAsDouble(), level);
        }
        if (metric.equals(GateMetric.ACCURACY)) {
            return new Measurement(statistics().accuracy(), counts(analysis.correct(), analysis.examples()));
        }
        if (metric.equals(GateMetric.CLASS_ACCURACY)) {
            return classAccuracy(className);
        }
        return new Measurement(statistics().ece(), "");
    }

    private Measurement classAccuracy(String className) {
        Objects.requireNonNull(className, "className");
        if (!analysis.classNames().contains(className)) {
            throw new IllegalArgumentException("no class is named '" + className + "'; the classes are "
                    + String.join(", ", analysis.classNames()));
        }
        ClassAccuracy c = analysis.perClassAccuracy().get(className);
        return new Measurement(statistics().get(className).accuracy(), counts(c.correct(), c.support()));
    }

    private Measurement coverageAtRisk(double risk, double level) {
        CoverageAtRisk c = analysis.coverageAtRisk(risk, level);
        String answered = Formats.format("%,d of %,d answered", c.answered(), analysis.examples());
        return new Measurement(c.coverageInterval(), answered + (c.achievable()
                ? ", " + c.whichInWords()
                : ": no share of the most confident answers keeps the error rate at most "
                        + Formats.risk(risk)));
    }

    private AnalysisStatistics statistics() {
        if (statistics == null) {
            statistics = analysis.statistics();
        }
        return statistics;
    }

    private static String counts(long correct, long of) {
        return String.format(Locale.ROOT, "%,d of %,d right", correct, of);
    }
}
