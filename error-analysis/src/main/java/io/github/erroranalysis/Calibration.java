package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How well the model's confidence matches its accuracy: a reliability diagram, calibration errors, the
 * Brier score and the log loss.
 *
 * <p>Bins: 15 of equal width; bin {@code i} holds the examples whose confidence (probability of the
 * predicted class) lies in {@code (i/15, (i+1)/15]}, and confidence 0 goes to bin 0, i.e. bin
 * {@code max(ceil(15·confidence) - 1, 0)} computed in double.
 *
 * @param bins the 15 reliability bins, lowest confidence first
 * @param ece the expected calibration error: {@code Σ_bins (count/N)·|accuracy - meanConfidence|}
 * @param maxCalibrationError the largest {@code |accuracy - meanConfidence|} over non-empty bins
 * @param brierScore the multi-class Brier score: the mean over examples of {@code Σ_c (p_c - y_c)²} with
 *                   {@code y} the one-hot true class (between 0 and 2; the binary form is half of it)
 * @param logLoss the mean of {@code -ln p_true} as scikit-learn 1.2's {@code log_loss} computes it on
 *                float64 input: each probability clipped to {@code [ε, 1-ε]} with {@code ε = 2^-52}, then
 *                each row renormalized to sum 1
 */
public record Calibration(List<ReliabilityBin> bins, double ece, double maxCalibrationError, double brierScore,
        double logLoss) {

    /**
     * Copies the list of bins.
     *
     * @param bins the reliability bins
     * @param ece the expected calibration error
     * @param maxCalibrationError the maximum calibration error
     * @param brierScore the multi-class Brier score
     * @param logLoss the log loss
     */
    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * Lists the bins, then the scores.
     *
     * @return a multi-line description for people
     */
    @Override
    public String toString() {
        return bins.stream().map(ReliabilityBin::toString).collect(Collectors.joining("\n", "", "\n"))
                + "ECE " + Formats.ratio(ece) + ", MCE " + Formats.ratio(maxCalibrationError) + ", Brier "
                + Formats.ratio(brierScore) + ", log loss " + Formats.ratio(logLoss);
    }
}
