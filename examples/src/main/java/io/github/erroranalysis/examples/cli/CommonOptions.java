package io.github.erroranalysis.examples.cli;

import picocli.CommandLine.Option;

/** The options every command has: {@code --quiet} and {@code --verbose}. */
public final class CommonOptions {

    @Option(names = {"-q", "--quiet"}, description = "No progress bars (they are off anyway when output is not a "
            + "terminal).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Show the stack trace of an error.")
    boolean verbose;

    /**
     * Tells whether progress bars stay off: with {@code --quiet}, or when output is not a terminal.
     *
     * @param console where the command runs
     * @return whether to be quiet
     */
    public boolean quiet(Console console) {
        return quiet || !console.terminal();
    }

    /**
     * Tells whether errors show their stack trace.
     *
     * @return whether {@code --verbose} was given
     */
    public boolean verbose() {
        return verbose;
    }
}
