package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.report.ComparisonReport;
import io.github.erroranalysis.report.ImageSource;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cifar-errors compare}: two models, or two prediction files, on the same test examples (the course's
 * Stage 8): both accuracies with intervals, the change, the exact McNemar test, per-class changes with intervals,
 * the flip matrix and the flipped examples, written by {@link ComparisonReport} as {@code comparison.json},
 * {@code comparison.md} and {@code comparison.html} (with the error report's look) and their figures.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two models (--model A --model-b B, on --data) or two prediction files "
                + "(--predictions A --predictions-b B --labels L --classes C) on the same examples.",
            "Writes comparison.json, comparison.md and comparison.html to --out and prints a one-line summary "
                    + "with the McNemar p-value."})
public final class CompareCommand extends ConsoleCommand {

    /** The output folder when {@code --out} is not given. */
    public static final String DEFAULT_OUT = "comparison";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "baseline|augmented|FILE", defaultValue = BundledModels.BASELINE,
            description = "Model A (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--model-b", paramLabel = "baseline|augmented|FILE", description = "Model B.")
    String modelB;

    @Option(names = "--data", paramLabel = "PATH", description = "The common test images (default: the bundled "
            + "sample); as for analyze.")
    String data;

    @Option(names = "--split", paramLabel = "test|train|validation", converter = SplitConverter.class,
            description = "Which part of a CIFAR-10 release --data names (default: test).")
    Split split;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Predictions of A, .npy or .csv.")
    String predictions;

    @Option(names = "--predictions-b", paramLabel = "FILE", description = "Predictions of B, .npy or .csv.")
    String predictionsB;

    @Option(names = "--labels", paramLabel = "FILE", description = "The common true class indexes.")
    String labels;

    @Option(names = "--classes", paramLabel = "FILE", description = "The class names, one per line (as for "
            + "analyze: every non-blank line is a name, one starting with # too).")
    String classes;

    @Option(names = "--logits", description = "Both prediction files hold logits.")
    boolean logits;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT, description = "The output folder "
            + "(default: ./${DEFAULT-VALUE}): absent, empty or a comparison this tool wrote (it holds the marker "
            + "file " + OutputFolders.MARKER + " and nothing added since); any other folder is refused. Replaced only when complete.")
    String out;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public CompareCommand(Console console) {
        super(console);
    }

    /**
     * Runs both analyses, compares them, writes the files and prints the summary.
     *
     * @return {@value ExitCodes#PASSED}
     * @throws Exception bad input (exit {@value ExitCodes#BAD_INPUT}, through the error handler)
     */
    @Override
    public Integer call() throws Exception {
        Path outFolder = Outputs.folder(console, "--out", out, ComparisonFiles::checkFolder);
        ErrorAnalysis a;
        ErrorAnalysis b;
        ImageSource images = ImageSource.none();
        String nameA;
        String nameB;
        if (predictions != null || predictionsB != null) {
            if (predictions == null || predictionsB == null) {
                throw new BadInputException("compare needs both --predictions A and --predictions-b B");
            }
            if (modelB != null || data != null || split != null
                    || spec.commandLine().getParseResult().hasMatchedOption("--model")) {
                throw new BadInputException("--predictions replaces --model, --model-b, --data and --split; give "
                        + "one or the other");
            }
            a = Inputs.predictions(console, "--predictions", predictions, labels, classes, logits);
            b = Inputs.predictions(console, "--predictions-b", predictionsB, labels, classes, logits);
            nameA = predictions;
            nameB = predictionsB;
            // no model was loaded: the model is the predictions file, the data its files' bytes
            a = a.withProvenance(Reports.provenance(a, nameA, null, a.provenance().dataSource()));
            b = b.withProvenance(Reports.provenance(b, nameB, null, b.provenance().dataSource()));
        } else {
            if (modelB == null) {
                throw new BadInputException("compare needs --model-b B (or --predictions A --predictions-b B)");
            }
            if (labels != null || classes != null || logits) {
                throw new BadInputException((labels != null ? "--labels" : classes != null ? "--classes"
                        : "--logits") + " applies only with --predictions A --predictions-b B");
            }
            Inputs.checkData(console, data, split);
            CifarModel cifarA = Inputs.model(console, "--model", model);
            CifarModel cifarB = Inputs.model(console, "--model-b", modelB);
            TestData testData = Inputs.data(console, data, split, cifarA.classNames());
            boolean quiet = common.quiet(console);
            a = Inputs.analyse(cifarA, testData, quiet, console);
            b = Inputs.analyse(cifarB, testData, quiet, console);
            nameA = model;
            nameB = modelB;
            // the provenance analyze writes: the model as typed with the SHA-256 of its file (or bundled resource)
            a = a.withProvenance(Reports.provenance(a, nameA, modelFile(nameA), testData.source()));
            b = b.withProvenance(Reports.provenance(b, nameB, modelFile(nameB), testData.source()));
            images = Reports.images(testData);
        }
        ModelComparison comparison;
        try {
            comparison = ModelComparison.of(a, b);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(nameA + " and " + nameB + " cannot be compared: " + Messages.oneLine(e), e);
        }
        ComparisonReport report = ComparisonReport.builder(a, b).names(nameA, nameB).comparison(comparison)
                .images(images).build();
        Path written;
        try {
            written = ComparisonFiles.write(report, outFolder);
        } catch (ForeignFolderException e) {
            throw Outputs.refused("--out", out, e);
        }
        console.out().println(ComparisonFiles.summary(comparison, nameA, nameB));
        console.out().println("comparison written to " + written.resolve(ComparisonFiles.HTML_FILE) + " (with "
                + ComparisonFiles.MARKDOWN_FILE + ", " + ComparisonFiles.JSON_FILE + " and "
                + report.figureNames().size() + " figures)");
        return ExitCodes.PASSED;
    }

    /** The model file to fingerprint: null for a bundled model (its resource bytes are fingerprinted instead). */
    private Path modelFile(String given) {
        return BundledModels.names().contains(given) ? null : console.resolve(given);
    }
}
