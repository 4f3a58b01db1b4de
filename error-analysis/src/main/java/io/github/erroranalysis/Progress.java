package io.github.erroranalysis;

/**
 * Hears how far a model has got through a test set, for a progress bar of the caller's choosing (the CLI draws
 * one; the library itself draws nothing).
 */
@FunctionalInterface
public interface Progress {

    /** Hears nothing. */
    Progress NONE = (done, total) -> {
    };

    /**
     * Hears that more examples are done.
     *
     * @param done  examples done so far
     * @param total all examples, or -1 when the test set does not say
     */
    void examplesDone(long done, long total);

    /** Hears that the run is over (also after a failure); by default does nothing. */
    default void finished() {
    }
}
