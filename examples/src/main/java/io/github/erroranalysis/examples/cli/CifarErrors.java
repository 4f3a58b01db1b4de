package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.io.Messages;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code cifar-errors}, the command line: {@code analyze}, {@code calibrate}, {@code compare}, {@code train},
 * {@code predict}, {@code robustness}, {@code corrupt} and {@code audit}; with
 * no arguments it runs the main job ({@code analyze} with its defaults: the bundled baseline model on the bundled
 * sample, the report in {@code ./error-report}).
 *
 * <p>{@link #run(Console, String...)} runs it in-process and returns the exit code: {@value ExitCodes#PASSED}
 * when every gate passes, {@value ExitCodes#GATE_FAILED} when one fails, {@value ExitCodes#BAD_INPUT} for bad input
 * or usage and for every other failure, an {@link Error} such as {@link OutOfMemoryError} included (one line naming
 * the option or file; the stack trace only with {@code --verbose}).
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

    /** The subcommands' names, in the order the usage lists them. */
    private static final List<String> COMMANDS = List.of("analyze", "calibrate", "compare", "train", "predict",
            "robustness", "corrupt", "audit");

    /**
     * Makes the command line; when the first argument names a subcommand, only that one is built (picocli reads
     * each subcommand's options by reflection, a good part of the start-up), otherwise all of them, for the usage
     * and picocli's suggestions.
     */
    private CifarErrors(Console console, String first) {
        this.commandLine = new CommandLine(this);
        boolean one = COMMANDS.contains(first);
        if (!one || first.equals("analyze")) {
            commandLine.addSubcommand(new AnalyzeCommand(console));
        }
        if (!one || first.equals("calibrate")) {
            commandLine.addSubcommand(new CalibrateCommand(console));
        }
        if (!one || first.equals("compare")) {
            commandLine.addSubcommand(new CompareCommand(console));
        }
        if (!one || first.equals("train")) {
            commandLine.addSubcommand(new TrainCommand(console));
        }
        if (!one || first.equals("predict")) {
            commandLine.addSubcommand(new PredictCommand(console));
        }
        if (!one || first.equals("robustness")) {
            commandLine.addSubcommand(new RobustnessCommand(console));
        }
        if (!one || first.equals("corrupt")) {
            commandLine.addSubcommand(new CorruptCommand(console));
        }
        if (!one || first.equals("audit")) {
            commandLine.addSubcommand(new AuditCommand(console));
        }
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
        // figures are drawn off-screen: never look for a display (nor load its libraries), even where one is set
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
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
        try {
            return new CifarErrors(console, effective[0]).commandLine.execute(effective);
        } catch (Throwable e) {
            // an Error (OutOfMemoryError, StackOverflowError, ...) escapes picocli, which catches only exceptions:
            // exit 1 is a failed gate, so anything else that goes wrong is bad input, in one line
            String command = effective[0].startsWith("-") ? NAME : NAME + " " + effective[0];
            return failure(console, command, e, Arrays.asList(effective).contains("--verbose")
                    || Arrays.asList(effective).contains("-v"));
        }
    }

    /**
     * Reports a failure that is not a gate in one line and gives {@value ExitCodes#BAD_INPUT}.
     *
     * @param console where to print
     * @param command the command's qualified name, for the message
     * @param e what went wrong
     * @param verbose whether to print the stack trace as well
     * @return {@value ExitCodes#BAD_INPUT}
     */
    static int failure(Console console, String command, Throwable e, boolean verbose) {
        try {
            console.err().println(command + ": " + describe(e));
            if (verbose) {
                e.printStackTrace(console.err());
            }
        } catch (Throwable again) {
            // nothing more can be said (for example, still out of memory); the exit code still says bad input
        }
        return ExitCodes.BAD_INPUT;
    }

    /**
     * Describes a failure that is not a gate in one line, naming the file or option where the error says it.
     *
     * @param e what went wrong
     * @return the description
     */
    static String describe(Throwable e) {
        if (e instanceof BadInputException) {
            return Messages.oneLine(e);
        }
        if (e instanceof OutOfMemoryError) {
            return Messages.outOfMemory("finish (" + Messages.oneLine(e) + ")");
        }
        if (e instanceof StackOverflowError) {
            return "the input is nested too deeply to process (StackOverflowError; --verbose shows where)";
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file: " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason() + ")");
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "cannot access " + f.getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " " + (f.getReason() == null ? "already exists" : f.getReason());
        }
        if (e instanceof CommandLine.ExecutionException && e.getCause() != null) {
            return describe(e.getCause());
        }
        return Messages.oneLine(e) + " (" + e.getClass().getSimpleName() + "; --verbose shows where)";
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
        commandLine.getErr().println(NAME + ": give a command (" + String.join(", ", COMMANDS) + ") or no arguments "
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
            console.err().println(cmd.getCommandSpec().qualifiedName() + ": " + Messages.oneLine(ex) + " (see "
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            return ExitCodes.BAD_INPUT;
        }
    }

    /** Bad input found while running: one line naming the option or file, exit {@value ExitCodes#BAD_INPUT}. */
    private record ExecutionErrors(Console console) implements IExecutionExceptionHandler {

        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            boolean verbose = cmd.getCommand() instanceof ConsoleCommand c && c.common().verbose();
            return failure(console, cmd.getCommandSpec().qualifiedName(), ex, verbose);
        }
    }
}
