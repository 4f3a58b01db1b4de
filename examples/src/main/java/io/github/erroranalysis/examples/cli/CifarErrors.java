package io.github.erroranalysis.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code cifar-errors}, the command line: {@code analyze}, {@code compare}, {@code train} and {@code predict}; with
 * no arguments it runs the main job ({@code analyze} with its defaults: the bundled baseline model on the bundled
 * sample, the report in {@code ./error-report}).
 *
 * <p>{@link #run(Console, String...)} runs it in-process and returns the exit code: {@value ExitCodes#PASSED}
 * when every gate passes, {@value ExitCodes#GATE_FAILED} when one fails, {@value ExitCodes#BAD_INPUT} for bad input
 * or usage (one line naming the option or file; the stack trace only with {@code --verbose}).
 */
@Command(name = "cifar-errors", mixinStandardHelpOptions = true, versionProvider = CifarErrors.Version.class,
        description = {"What does my image classifier get wrong, and why?",
            "With no arguments: the main job (analyze with its defaults: the bundled baseline model on 1,000 "
                    + "bundled CIFAR-10 validation images, report in ./error-report).",
            "Exit codes: 0 every gate passed, 1 a gate failed, 2 bad input or usage."})
public final class CifarErrors implements Callable<Integer> {

    /** The command name, as in messages. */
    public static final String NAME = "cifar-errors";

    private final CommandLine commandLine;

    private CifarErrors(Console console) {
        this.commandLine = new CommandLine(this);
        commandLine.addSubcommand(new AnalyzeCommand(console));
        commandLine.addSubcommand(new CompareCommand(console));
        commandLine.addSubcommand(new TrainCommand(console));
        commandLine.addSubcommand(new PredictCommand(console));
        commandLine.setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(new UsageErrors(console));
        commandLine.setExecutionExceptionHandler(new ExecutionErrors(console));
    }

    /**
     * Runs the command line in this process and exits with its code.
     *
     * @param args the arguments; none runs the main job
     */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        System.exit(run(Console.system(), args));
    }

    /**
     * Runs the command line in-process with the working directory and streams of a console.
     *
     * @param console where it runs and prints
     * @param args the arguments; none runs the main job
     * @return the exit code
     */
    public static int run(Console console, String... args) {
        String[] effective = args.length == 0 ? new String[] {"analyze"} : args;
        return new CifarErrors(console).commandLine.execute(effective);
    }

    /**
     * Runs the command line in-process in the current directory, printing to the given streams.
     *
     * @param out where results go
     * @param err where errors go
     * @param args the arguments; none runs the main job
     * @return the exit code
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Console system = Console.system();
        return run(new Console(system.workingDirectory(), out, err, false), args);
    }

    /**
     * Without a command, shows the usage and refuses (the main job runs only with no arguments at all).
     *
     * @return {@value ExitCodes#BAD_INPUT}
     */
    @Override
    public Integer call() {
        commandLine.getErr().println(NAME + ": give a command (analyze, compare, train, predict) or no arguments "
                + "for the main job; see " + NAME + " --help");
        return ExitCodes.BAD_INPUT;
    }

    /**
     * Gives this program's version, from the jar's manifest.
     *
     * @return the version, or {@code "development"} outside a packaged jar
     */
    public static String version() {
        String v = CifarErrors.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Gives picocli the version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {NAME + " " + version()};
        }
    }

    /** Bad usage: one line naming the option, exit {@value ExitCodes#BAD_INPUT}. */
    private record UsageErrors(Console console) implements IParameterExceptionHandler {

        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            console.err().println(cmd.getCommandSpec().qualifiedName() + ": " + Inputs.oneLine(ex) + " (see "
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            return ExitCodes.BAD_INPUT;
        }
    }

    /** Bad input found while running: one line naming the option or file, exit {@value ExitCodes#BAD_INPUT}. */
    private record ExecutionErrors(Console console) implements IExecutionExceptionHandler {

        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            boolean verbose = cmd.getCommand() instanceof ConsoleCommand c && c.common().verbose();
            String name = cmd.getCommandSpec().qualifiedName();
            console.err().println(name + ": " + describe(ex));
            if (verbose) {
                ex.printStackTrace(console.err());
            }
            return ExitCodes.BAD_INPUT;
        }

        private static String describe(Exception ex) {
            if (ex instanceof BadInputException) {
                return Inputs.oneLine(ex);
            }
            if (ex instanceof java.nio.file.NoSuchFileException e) {
                return "no such file: " + e.getFile() + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
            }
            if (ex instanceof java.nio.file.AccessDeniedException e) {
                return "cannot access " + e.getFile();
            }
            if (ex instanceof java.nio.file.FileAlreadyExistsException e) {
                return e.getFile() + " " + (e.getReason() == null ? "already exists" : e.getReason());
            }
            return Inputs.oneLine(ex) + " (" + ex.getClass().getSimpleName() + "; --verbose shows where)";
        }
    }
}
