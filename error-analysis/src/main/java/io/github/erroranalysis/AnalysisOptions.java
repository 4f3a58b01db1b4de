package io.github.erroranalysis;

import java.util.List;

/**
 * Settings for running a model over a test set: class names, batch size and whether to show progress.
 *
 * @param classNames the class names; empty to take them from the iterator's labels or use "class 0", ...
 * @param batchSize the batch size for test sets held in memory as one {@code DataSet}
 * @param quiet true to never report progress
 * @param progress what hears the progress of long runs ({@link Progress#NONE} by default; the CLI draws a bar)
 */
public record AnalysisOptions(List<String> classNames, int batchSize, boolean quiet, Progress progress) {

    /** The default batch size for test sets held in memory. */
    public static final int DEFAULT_BATCH_SIZE = 128;

    /**
     * Checks and copies the settings.
     *
     * @param classNames the class names, possibly empty; none null or blank, no two equal
     * @param batchSize the batch size, at least 1
     * @param quiet whether to report no progress
     * @param progress what hears the progress, not null
     */
    public AnalysisOptions {
        classNames = ClassNames.check(classNames);
        java.util.Objects.requireNonNull(progress, "progress");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, but is " + batchSize);
        }
    }

    /**
     * Gives the defaults: class names from the test set, batches of {@value #DEFAULT_BATCH_SIZE}, and progress
     * heard by nobody.
     *
     * @return the default options
     */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(List.of(), DEFAULT_BATCH_SIZE, false, Progress.NONE);
    }

    /**
     * Sets the class names.
     *
     * @param names the class names, in class-index order
     * @return options with those names
     */
    public AnalysisOptions withClassNames(List<String> names) {
        return new AnalysisOptions(names, batchSize, quiet, progress);
    }

    /**
     * Sets the batch size for test sets held in memory.
     *
     * @param size the batch size, at least 1
     * @return options with that batch size
     */
    public AnalysisOptions withBatchSize(int size) {
        return new AnalysisOptions(classNames, size, quiet, progress);
    }

    /**
     * Reports no progress.
     *
     * @return options that never report progress
     */
    public AnalysisOptions quietly() {
        return new AnalysisOptions(classNames, batchSize, true, progress);
    }

    /**
     * Sets what hears the progress of long runs (from the fourth batch on, so short runs stay silent).
     *
     * @param listener the listener, for example a console progress bar
     * @return options that report progress to it
     */
    public AnalysisOptions withProgress(Progress listener) {
        return new AnalysisOptions(classNames, batchSize, quiet, listener);
    }
}
