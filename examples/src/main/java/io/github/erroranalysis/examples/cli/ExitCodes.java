package io.github.erroranalysis.examples.cli;

/** The exit codes of {@code cifar-errors}, which a CI pipeline reads. */
public final class ExitCodes {

    /** Everything ran and every quality gate passed. */
    public static final int PASSED = 0;
    /** Everything ran but at least one quality gate failed. */
    public static final int GATE_FAILED = 1;
    /** Bad input or usage: a missing file, a wrong format, an unknown option or a bad value. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
