package io.github.erroranalysis.examples.cli;

/** A command with the common options, so the error handler can tell whether to show a stack trace. */
public interface HasCommonOptions {

    /**
     * Gives the command's common options.
     *
     * @return {@code --quiet} and {@code --verbose}
     */
    CommonOptions common();
}
