package io.github.erroranalysis.report;

/**
 * One epoch of a saved training history, for the training-curves figure; a value not recorded is NaN. In
 * {@code report.json} it has the shape of a saved history's epoch (cifar-model's {@code TrainingHistory}), written by
 * the one epoch writer {@code JsonCodec.trainingEpoch}.
 *
 * @param epoch the epoch number, from 1 (or 0)
 * @param trainLoss the mean training loss of the epoch
 * @param trainAccuracy the training accuracy, in [0, 1]
 * @param validationLoss the validation loss after the epoch
 * @param validationAccuracy the validation accuracy after the epoch, in [0, 1]
 * @param seconds the epoch's wall-clock seconds, NaN when not recorded
 */
public record TrainingEpoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy, double seconds) {

    /**
     * Checks the epoch number.
     *
     * @param epoch the epoch number
     * @param trainLoss the training loss
     * @param trainAccuracy the training accuracy
     * @param validationLoss the validation loss
     * @param validationAccuracy the validation accuracy
     * @param seconds the epoch's seconds, NaN when not recorded
     */
    public TrainingEpoch {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, but is " + epoch);
        }
    }

    /**
     * Creates an epoch whose seconds were not recorded (NaN).
     *
     * @param epoch the epoch number
     * @param trainLoss the training loss
     * @param trainAccuracy the training accuracy
     * @param validationLoss the validation loss
     * @param validationAccuracy the validation accuracy
     */
    public TrainingEpoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
            double validationAccuracy) {
        this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, Double.NaN);
    }
}
