package io.github.erroranalysis.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A {@code cifar-errors} command: it runs on a {@link Console} and has the common options, so the error handler can
 * tell whether to show a stack trace.
 */
public abstract class ConsoleCommand implements Callable<Integer> {

    /** Where the command runs: its working folder and output streams. */
    final Console console;

    /** {@code --quiet} and {@code --verbose}. */
    @Mixin
    CommonOptions common = new CommonOptions();

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    ConsoleCommand(Console console) {
        this.console = console;
    }

    /**
     * Gives the command's common options.
     *
     * @return {@code --quiet} and {@code --verbose}
     */
    public CommonOptions common() {
        return common;
    }
}
