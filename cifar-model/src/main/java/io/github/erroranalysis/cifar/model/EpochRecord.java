package io.github.erroranalysis.cifar.model;

/**
 * What one training epoch achieved.
 *
 * @param epoch              the epoch number, from 1
 * @param trainLoss          the mean cross-entropy of the training mini-batches during the epoch (as Keras reports)
 * @param trainAccuracy      the accuracy on a fixed sample of the training pile after the epoch, without augmentation
 * @param validationLoss     the mean cross-entropy on the validation pile after the epoch
 * @param validationAccuracy the accuracy on the validation pile after the epoch
 * @param seconds            the wall-clock seconds the epoch took, evaluation included
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double seconds) {
}
