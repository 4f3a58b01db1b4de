package io.github.erroranalysis.cifar.model;

import java.util.Locale;

/**
 * Thrown when the training loss becomes NaN or infinite; the message says at which epoch and iteration, and which
 * weights the network was given back (the last good checkpoint).
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int iteration;
    private final int keptEpoch;

    /**
     * Creates the exception with a message built from where training diverged.
     *
     * @param loss      the loss that was not finite
     * @param epoch     the epoch in which it happened, from 1
     * @param iteration the iteration (mini-batch) counted over all epochs, from 1
     * @param keptEpoch the epoch whose weights the network now holds, 0 for the initial weights
     */
    public TrainingDivergedException(double loss, int epoch, int iteration, int keptEpoch) {
        super(String.format(Locale.ROOT, "training loss became %s at epoch %d, iteration %d; the network keeps %s "
                        + "(the last good checkpoint); try a smaller learning rate", loss, epoch, iteration,
                keptEpoch == 0 ? "its initial weights" : "the weights of epoch " + keptEpoch));
        this.epoch = epoch;
        this.iteration = iteration;
        this.keptEpoch = keptEpoch;
    }

    /**
     * Returns the epoch in which the loss stopped being finite.
     *
     * @return the epoch, from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Returns the iteration at which the loss stopped being finite, counted over all epochs.
     *
     * @return the iteration, from 1
     */
    public int iteration() {
        return iteration;
    }

    /**
     * Returns the epoch whose weights the network holds after the divergence.
     *
     * @return the epoch, 0 for the initial weights
     */
    public int keptEpoch() {
        return keptEpoch;
    }
}
