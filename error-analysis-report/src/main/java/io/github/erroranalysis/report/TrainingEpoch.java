package io.github.erroranalysis.report;

/**
 * One epoch of a saved training history, for the training-curves figure; a value not recorded is NaN.
 *
 * @param epoch the epoch number, from 1 (or 0)
 * @param trainLoss the mean training loss of the epoch
 * @param trainAccuracy the training accuracy, in [0, 1]
 * @param validationLoss the validation loss after the epoch
 * @param validationAccuracy the validation accuracy after the epoch, in [0, 1]
 */
public record TrainingEpoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy) {

    /**
     * Checks the epoch number.
     *
     * @param epoch the epoch number
     * @param trainLoss the training loss
     * @param trainAccuracy the training accuracy
     * @param validationLoss the validation loss
     * @param validationAccuracy the validation accuracy
     */
    public TrainingEpoch {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, but is " + epoch);
        }
    }
}
