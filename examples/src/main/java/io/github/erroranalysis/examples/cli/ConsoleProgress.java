package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.Progress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The CLI's progress bar, drawn on standard error, as the core's {@link Progress} listener: the core reports how
 * many examples are done and draws nothing itself. Not thread-safe: one run of a model at a time.
 */
final class ConsoleProgress implements Progress {

    private final String task;
    private final String unit;
    private final PrintStream err;
    /** The total to show when the core does not know it (a test-set iterator), or -1. */
    private final long knownTotal;
    private ProgressBar bar;

    private ConsoleProgress(String task, String unit, PrintStream err, long knownTotal) {
        this.task = task;
        this.unit = unit;
        this.err = err;
        this.knownTotal = knownTotal;
    }

    /**
     * Gives the progress bar of a model's run over test images, or nothing with {@code --quiet} (or when output is
     * not a terminal).
     *
     * @param console where the bar is drawn (its standard error)
     * @param quiet whether progress bars stay off
     * @param images how many images the run has (the core's iterator runs do not know it)
     * @return the listener, {@link Progress#NONE} when quiet
     */
    static Progress analysing(Console console, boolean quiet, long images) {
        return quiet ? Progress.NONE : new ConsoleProgress("Analysing", " images", console.err(), images);
    }

    /**
     * Gives the progress bar of the embedding of the training data (for the nearest training examples), or nothing
     * when quiet.
     *
     * @param console where the bar is drawn (its standard error)
     * @param quiet whether progress bars stay off
     * @param images how many training images there are
     * @return the listener, {@link Progress#NONE} when quiet
     */
    static Progress embedding(Console console, boolean quiet, long images) {
        return quiet ? Progress.NONE : new ConsoleProgress("Embedding training images", " images", console.err(),
                images);
    }

    /**
     * Gives the progress bar of the data audit's embedding of the test and training images (for the near-duplicate
     * search), or nothing when quiet.
     *
     * @param console where the bar is drawn (its standard error)
     * @param quiet whether progress bars stay off
     * @param images how many test and training images there are together
     * @return the listener, {@link Progress#NONE} when quiet
     */
    static Progress auditing(Console console, boolean quiet, long images) {
        return quiet ? Progress.NONE : new ConsoleProgress("Embedding for the near-duplicate search", " images",
                console.err(), images);
    }

    /**
     * Gives the progress bar of {@code predict} over image files, or nothing when quiet.
     *
     * @param console where the bar is drawn (its standard error)
     * @param quiet whether progress bars stay off
     * @return the listener, {@link Progress#NONE} when quiet
     */
    static Progress predicting(Console console, boolean quiet) {
        return quiet ? Progress.NONE : new ConsoleProgress("Predicting", " files", console.err(), -1);
    }

    /**
     * Gives the progress bar of a robustness run over its cells (corruption × severity), or nothing when quiet.
     *
     * @param console where the bar is drawn (its standard error)
     * @param quiet whether progress bars stay off
     * @param cells how many cells the run has
     * @return the listener, {@link Progress#NONE} when quiet
     */
    static Progress corrupting(Console console, boolean quiet, long cells) {
        return quiet ? Progress.NONE : new ConsoleProgress("Corrupting and predicting", " cells", console.err(), cells);
    }

    @Override
    public void examplesDone(long done, long reported) {
        long total = reported >= 0 ? reported : knownTotal;
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).setUnit(unit, 1).setUpdateIntervalMillis(250)
                    .build();
        } else if (total >= 0 && bar.getMax() != total) {
            bar.maxHint(total);
        }
        bar.stepTo(done);
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
