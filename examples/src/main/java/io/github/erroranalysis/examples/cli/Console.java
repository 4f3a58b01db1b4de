package io.github.erroranalysis.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a command runs: its working directory (relative paths resolve against it), where it prints, and whether a
 * person is watching (progress bars only then).
 *
 * @param workingDirectory the folder relative paths resolve against
 * @param out where results go
 * @param err where errors go
 * @param terminal whether output goes to a terminal; when false, progress bars stay off
 */
public record Console(Path workingDirectory, PrintStream out, PrintStream err, boolean terminal) {

    /**
     * Checks the components.
     *
     * @param workingDirectory the working directory
     * @param out the output stream
     * @param err the error stream
     * @param terminal whether output goes to a terminal
     */
    public Console {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /**
     * Gives the console of this process: the current directory, standard output and error, and a terminal when
     * {@link System#console()} is there.
     *
     * @return the process's console
     */
    public static Console system() {
        return new Console(Path.of("").toAbsolutePath(), System.out, System.err, System.console() != null);
    }

    /**
     * Resolves a path given on the command line.
     *
     * @param given the path as typed
     * @return the path against the working directory, normalized
     */
    public Path resolve(String given) {
        return workingDirectory.resolve(given).normalize();
    }
}
