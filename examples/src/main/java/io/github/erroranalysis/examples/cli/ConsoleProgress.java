package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.Progress;
import java.io.PrintStream;
import java.util.Objects;
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
    private ProgressBar bar;

    private ConsoleProgress(String task, String unit, PrintStream err) {
        this.task = task;
        this.unit = unit;
        this.err = err;
    }

    /**
     * Gives the progress bar of a model's run over test images, or nothing with {@code --quiet} (or when output is
     * not a terminal).
     *
     * @param console where the bar is drawn (its standard error)
     * @param quiet whether progress bars stay off
     * @return the listener, {@link Progress#NONE} when quiet
     */
    static Progress analysing(Console console, boolean quiet) {
        return quiet ? Progress.NONE : new ConsoleProgress("Analysing", " images", console.err());
    }

    /**
     * Gives the progress bar of {@code predict} over image files, or nothing when quiet.
     *
     * @param console where the bar is drawn (its standard error)
     * @param quiet whether progress bars stay off
     * @return the listener, {@link Progress#NONE} when quiet
     */
    static Progress predicting(Console console, boolean quiet) {
        return quiet ? Progress.NONE : new ConsoleProgress("Predicting", " files", console.err());
    }

    /**
     * Gives a bar drawn on any stream (tests draw on a buffer).
     *
     * @param task the task's name at the bar's left
     * @param err the stream
     * @return the listener
     */
    static ConsoleProgress on(String task, PrintStream err) {
        return new ConsoleProgress(task, " images", Objects.requireNonNull(err, "err"));
    }

    @Override
    public void examplesDone(long done, long total) {
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
