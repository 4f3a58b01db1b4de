package io.github.erroranalysis;

import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.IMetric;

/**
 * The metrics an {@link ErrorAnalysisAccumulator} can give through ND4J's {@code IEvaluation.getValue},
 * for example for early stopping or hyper-parameter search.
 */
public enum AnalysisMetric implements IMetric {
    /** Overall accuracy. */
    ACCURACY(false, Metrics.accuracy()),
    /** Top-3 accuracy. */
    TOP3_ACCURACY(false, Metrics.topKAccuracy(3)),
    /** Macro-averaged F1 over classes where it is defined. */
    MACRO_F1(false, Metrics.macroF1()),
    /** Expected calibration error with 15 equal-width bins. */
    ECE(true, Metrics.expectedCalibrationError()),
    /** Multi-class Brier score. */
    BRIER_SCORE(true, Metrics.brierScore()),
    /** Log loss (cross-entropy). */
    LOG_LOSS(true, Metrics.logLoss());

    private final boolean minimize;
    private final Metric<Double> metric;

    AnalysisMetric(boolean minimize, Metric<Double> metric) {
        this.minimize = minimize;
        this.metric = metric;
    }

    /**
     * Gives the built-in metric this constant stands for.
     *
     * @return the metric of {@link Metrics}
     */
    public Metric<Double> metric() {
        return metric;
    }

    /**
     * Gives the evaluation class that computes this metric.
     *
     * @return {@link ErrorAnalysisAccumulator}
     */
    @Override
    public Class<? extends IEvaluation> getEvaluationClass() {
        return ErrorAnalysisAccumulator.class;
    }

    /**
     * Tells whether lower is better.
     *
     * @return true for the losses and calibration error, false for accuracies and F1
     */
    @Override
    public boolean minimize() {
        return minimize;
    }

    double of(ErrorAnalysis a) {
        return a.metric(metric);
    }
}
