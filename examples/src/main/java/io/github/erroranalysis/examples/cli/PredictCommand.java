package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.cifar.model.Guess;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cifar-errors predict IMAGE...}: the top-3 guesses with probabilities for each image file (Stage 9). */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the top-3 guesses with their probabilities for each image file (PNG, JPEG, BMP, GIF, "
                + "TIFF, any size; resized to 32x32).")
public final class PredictCommand extends ConsoleCommand {

    @Option(names = "--model", paramLabel = "baseline|augmented|FILE", defaultValue = BundledModels.BASELINE,
            description = "A bundled model by name, or a saved model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files.")
    List<String> images;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public PredictCommand(Console console) {
        super(console);
    }

    /**
     * Checks that every image exists, then predicts each.
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
        CifarModel cifarModel = Inputs.model(console, "--model", model);
        for (int i = 0; i < files.size(); i++) {
            List<Guess> guesses;
            try {
                guesses = cifarModel.predict(files.get(i));
            } catch (IOException | RuntimeException e) {
                throw new BadInputException("IMAGE " + images.get(i) + ": not a readable image (" + Messages.oneLine(e)
                        + ")", e);
            }
            console.out().println(images.get(i) + ": " + guesses.stream()
                    .map(g -> String.format(Locale.ROOT, "%s %.1f %%", g.className(), 100 * g.probability()))
                    .collect(Collectors.joining(", ")));
        }
        return ExitCodes.PASSED;
    }
}
