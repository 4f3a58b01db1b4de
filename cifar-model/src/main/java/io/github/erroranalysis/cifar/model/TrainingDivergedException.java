package io.github.erroranalysis.cifar.model;

/** Thrown when the training loss becomes NaN or infinite; the message says at which epoch and iteration. */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message where training diverged and what was kept
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
