package io.github.erroranalysis;

import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.IMetric;

/**
 * The metrics an {@link ErrorAnalysisAccumulator} can give through ND4J's {@code IEvaluation.getValue},
 * for example for early stopping or hyper-parameter search.
 */
public enum AnalysisMetric implements IMetric {
    /** Overall accuracy. */
    ACCURACY(false),
    /** Top-3 accuracy. */
    TOP3_ACCURACY(false),
    /** Macro-averaged F1 over classes where it is defined. */
    MACRO_F1(false),
    /** Expected calibration error with 15 equal-width bins. */
    ECE(true),
    /** Multi-class Brier score. */
    BRIER_SCORE(true),
    /** Log loss (cross-entropy). */
    LOG_LOSS(true);

    private final boolean minimize;

    AnalysisMetric(boolean minimize) {
        this.minimize = minimize;
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
        return switch (this) {
            case ACCURACY -> a.accuracy();
            case TOP3_ACCURACY -> a.topKAccuracy(3);
            case MACRO_F1 -> a.precisionRecallF1().macro().f1();
            case ECE -> a.calibration().ece();
            case BRIER_SCORE -> a.calibration().brierScore();
            case LOG_LOSS -> a.calibration().logLoss();
        };
    }
}
