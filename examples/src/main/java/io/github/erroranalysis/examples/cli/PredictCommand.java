package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.ClassProbability;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cifar-errors predict IMAGE...}: the top-3 guesses with probabilities for each image file (Stage 9). */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the top-3 guesses with their probabilities for each image file (PNG, JPEG, BMP, GIF, "
                + "TIFF, any size; resized to 32x32).")
public final class PredictCommand extends ConsoleCommand {

    @Option(names = "--model", paramLabel = "baseline|augmented|FILE", defaultValue = BundledModels.BASELINE,
            description = "A bundled model by name, a saved model file, or a Keras or ONNX model, recognised by "
                    + "content, imported with its sidecar FILE.json when present (default: ${DEFAULT-VALUE}).")
    String model;

    /** The options of an imported {@code --model}: weights, preprocessing, reference files. */
    @Mixin
    ImportOptionsMixin imports = new ImportOptionsMixin();

    @Option(names = "--classes", paramLabel = "FILE", description = "The class names of an imported --model, in "
            + "its output order, one per line (default: its sidecar's, or CIFAR-10's for ten outputs).")
    String classes;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files.")
    List<String> images;

    /** The progress bar appears from this many image files on, so a few files stay silent. */
    static final int PROGRESS_FROM_FILES = 16;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public PredictCommand(Console console) {
        super(console);
    }

    /**
     * Checks that every image exists, then predicts each, with a progress bar on standard error over many files
     * (not with {@code --quiet}); the lines are printed when the bar is done, so they never mix with it.
     *
     * @return {@value ExitCodes#PASSED}
     * @throws Exception bad input (exit {@value ExitCodes#BAD_INPUT}, through the error handler)
     */
    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String image : images) {
            files.add(Inputs.existing(console, "IMAGE", image));
        }
        CifarModel cifarModel = ModelLoader.load(console, "--model", model, imports, "--classes", classes, true,
                new ModelLoader.Sidecars()).model();
        List<String> lines = new ArrayList<>();
        boolean quiet = common.quiet(console) || files.size() < PROGRESS_FROM_FILES;
        Progress progress = ConsoleProgress.predicting(console, quiet);
        try {
            for (int i = 0; i < files.size(); i++) {
                List<ClassProbability> top;
                try {
                    top = cifarModel.predict(files.get(i));
                } catch (IOException | RuntimeException e) {
                    progress.finished();
                    lines.forEach(console.out()::println);
                    throw new BadInputException("IMAGE " + images.get(i) + ": not a readable image ("
                            + Messages.oneLine(e) + ")", e);
                }
                lines.add(images.get(i) + ": " + top.stream()
                        .map(g -> String.format(Locale.ROOT, "%s %.1f %%", g.className(), 100 * g.probability()))
                        .collect(Collectors.joining(", ")));
                progress.examplesDone(i + 1, files.size());
            }
        } finally {
            progress.finished();
        }
        lines.forEach(console.out()::println);
        return ExitCodes.PASSED;
    }
}
