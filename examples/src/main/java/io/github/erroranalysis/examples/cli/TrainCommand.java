package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.TrainBundledModels;
import io.github.erroranalysis.cifar.model.TrainingSettings;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cifar-errors train}: trains the baseline or augmented model the way the bundled ones were made (by
 * {@link TrainBundledModels}: the 45,000-image training pile, the 5,000 validation images held out, cifar-data's
 * {@code Piles.standardSplit}), saving the
 * model and its history ({@code FILE.history.csv}) next to it.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the baseline CNN (or the augmented one with --augment) on the CIFAR-10 training "
                + "archive, as the bundled models were trained.",
            "The best epoch is saved to --out after every improvement; the history goes to FILE.history.csv."})
public final class TrainCommand extends ConsoleCommand {

    /** The training archive when {@code --data} is not given, relative to the working directory. */
    public static final String DEFAULT_DATA = "../shared/cifar10/cifar-10-binary-train.tar.gz";

    @Option(names = "--augment", description = "Train with augmentation (random flips and crops).")
    boolean augment;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs to train (default: 10).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "N", description = "The seed of weights, shuffling and augmentation "
            + "(default: 42).")
    Long seed;

    @Option(names = "--data", paramLabel = "PATH", defaultValue = DEFAULT_DATA, description = "The CIFAR-10 "
            + "training archive, .tar.gz or folder (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--out", paramLabel = "FILE", description = "The model file (default: baseline.cifarmodel, or "
            + "augmented.cifarmodel with --augment): absent or a model this tool saved; any other file is refused, "
            + "and so is a FILE.history.csv beside it that is not a training history.")
    String out;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public TrainCommand(Console console) {
        super(console);
    }

    /**
     * Checks the options, then trains with {@link TrainBundledModels}.
     *
     * @return {@value ExitCodes#PASSED}
     * @throws Exception bad input (exit {@value ExitCodes#BAD_INPUT}, through the error handler)
     */
    @Override
    public Integer call() throws Exception {
        TrainingSettings defaults = TrainingSettings.baseline();
        int epochCount = epochs == null ? defaults.epochs() : epochs;
        if (epochCount < 1) {
            throw new BadInputException("--epochs " + epochCount + ": must be at least 1");
        }
        GivenPaths.checkTyped("--data", data, "the CIFAR-10 training archive (.tar.gz or folder)");
        if (out != null) {
            GivenPaths.checkTyped("--out", out, "a model file name, for example baseline.cifarmodel");
        }
        Path archive = console.resolve(data);
        if (!Files.exists(archive)) {
            throw new BadInputException("--data " + data + ": no CIFAR-10 training archive at " + archive
                    + " (give the official cifar-10-binary.tar.gz or its cifar-10-batches-bin folder)");
        }
        Path model = console.resolve(out != null ? out
                : (augment ? BundledModels.AUGMENTED : BundledModels.BASELINE) + ".cifarmodel");
        Path history = model.resolveSibling(model.getFileName() + ".history.csv");
        String given = out == null ? model.getFileName().toString() : out;
        Outputs.modelFiles("--out", given, model, history);
        Outputs.checkWritable("--out", given, model);
        List<String> args = new ArrayList<>(List.of(archive.toString(), model.toString(),
                Integer.toString(epochCount), "--seed", Long.toString(seed == null ? defaults.seed() : seed)));
        if (augment) {
            args.add("--augment");
        }
        if (common.quiet(console)) {
            args.add("--quiet");
        }
        console.out().println("training " + (augment ? "with" : "without") + " augmentation for " + epochCount
                + " epochs on " + archive + " into " + model);
        try {
            TrainBundledModels.main(args.toArray(String[]::new));
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw failed(e, archive, model, history, given);
        }
        console.out().println("history saved to " + history);
        return ExitCodes.PASSED;
    }

    /**
     * A failure of training as bad input, prefixed by the option at fault: {@code --out} when the message names the
     * model or its history, otherwise {@code --data}; the message and its causes on one line, no class names.
     */
    private BadInputException failed(Exception e, Path archive, Path model, Path history, String given) {
        Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String message = Messages.causes(cause);
        boolean output = message.contains(model.toString()) || message.contains(history.toString());
        return new BadInputException(output ? "--out " + given + ": " + message
                : "--data " + data + ": " + message, cause);
    }
}
