package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/** The text summary of an analysis for people ({@link ErrorAnalysis#summary()}), from its metrics. */
final class AnalysisSummary {

    private AnalysisSummary() {
    }

    /**
     * Summarises an analysis: examples, accuracy, top-3 accuracy, wrong predictions, per-class accuracy, hardest
     * class, macro and weighted scores and calibration.
     *
     * @param analysis the analysis
     * @return a multi-line summary with {@link java.util.Locale#ROOT} numbers
     */
    static String of(ErrorAnalysis analysis) {
        StringBuilder s = new StringBuilder();
        s.append(Formats.format("Error analysis of %d examples, %d classes%n", analysis.examples(),
                analysis.classCount()));
        s.append("accuracy ").append(Formats.ratio(analysis.accuracy())).append(" (").append(analysis.correct())
                .append('/').append(analysis.examples()).append(")\n");
        s.append("top-3 accuracy ").append(Formats.ratio(analysis.topKAccuracy(3))).append('\n');
        s.append("wrong predictions ").append(analysis.context().wrong().length).append('\n');
        s.append("per-class accuracy:\n");
        for (ClassAccuracy a : analysis.perClassAccuracy().classes()) {
            s.append("  ").append(a).append('\n');
        }
        s.append(analysis.hardest()).append('\n');
        PrecisionRecallF1 scores = analysis.precisionRecallF1();
        s.append("macro ").append(scores.macro()).append('\n');
        s.append("weighted ").append(scores.weighted()).append('\n');
        Calibration cal = analysis.calibration();
        s.append("ECE (15 bins) ").append(Formats.ratio(cal.ece())).append(", MCE ")
                .append(Formats.ratio(cal.maxCalibrationError())).append(", Brier ").append(Formats.ratio(cal.brierScore())).append(", log loss ")
                .append(Formats.ratio(cal.logLoss())).append('\n');
        return s.toString();
    }
}
