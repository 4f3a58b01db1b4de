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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                    + "with the McNemar p-value.",
            "The import options (--weights to --reference-tolerance) apply to model A (--model) only; an imported "
                    + "model B (--model-b) takes its sidecar FILE.json or the defaults."})
public final class CompareCommand extends ConsoleCommand {

    /** The output folder when {@code --out} is not given. */
    public static final String DEFAULT_OUT = "comparison";
    /** The option that writes model B's probabilities. */
    public static final String SAVE_PREDICTIONS_B = "--save-predictions-b";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "baseline|augmented|FILE", defaultValue = BundledModels.BASELINE,
            description = "Model A (default: ${DEFAULT-VALUE}): a bundled model, a saved model file, or a Keras or "
                    + "ONNX model (imported with the options below and its sidecar FILE.json).")
    String model;

    @Option(names = "--model-b", paramLabel = "baseline|augmented|FILE", description = "Model B; a Keras or ONNX "
            + "model is imported with its sidecar FILE.json or the defaults (no import options: those below are "
            + "model A's).")
    String modelB;

    /** The options of an imported {@code --model} (model A only; model B takes its sidecar or the defaults). */
    @Mixin
    ImportOptionsMixin imports = new ImportOptionsMixin();

    /** This run's model sidecars, each read once (made anew at the start of each run). */
    private ModelLoader.Sidecars sidecars = new ModelLoader.Sidecars();

    @Option(names = AnalyzeCommand.SAVE_PREDICTIONS, paramLabel = "FILE.npy", description = "Also write A's N x C "
            + "probabilities (float32) to FILE.npy, with FILE.labels.npy, FILE.origins.txt and FILE.classes.txt "
            + "beside it, as analyze does.")
    String savePredictions;

    @Option(names = SAVE_PREDICTIONS_B, paramLabel = "FILE.npy", description = "The same for B.")
    String savePredictionsB;

    @Option(names = "--data", paramLabel = "PATH", description = "The common test images (default: the bundled "
            + "sample); as for analyze.")
    String data;

    @Option(names = "--split", paramLabel = "test|train|validation|all", converter = SplitConverter.class,
            description = "Which part of a CIFAR-10 release --data names (default: test; all: every record of "
                    + "every batch file, such as a folder corrupt wrote).")
    Split split;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Predictions of A, .npy or .csv.")
    String predictions;

    @Option(names = "--predictions-b", paramLabel = "FILE", description = "Predictions of B, .npy or .csv.")
    String predictionsB;

    @Option(names = "--labels", paramLabel = "FILE", description = "The common true class indexes.")
    String labels;

    @Option(names = "--classes", paramLabel = "FILE", description = "The class names, one per line (as for "
            + "analyze: every non-blank line is a name, one starting with # too); with models, those of an imported "
            + "model in its output order.")
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
        sidecars = new ModelLoader.Sidecars();
        Path outFolder = Outputs.folder(console, "--out", out, ComparisonFiles::checkFolder);
        String[] inputs = inputs();
        SavedPredictions savedA = SavedPredictions.check(console, AnalyzeCommand.SAVE_PREDICTIONS, savePredictions,
                outFolder, inputs);
        List<String> both = new ArrayList<>(Arrays.asList(inputs));
        if (savedA != null) {
            for (java.nio.file.Path f : savedA.files()) {
                both.add(GivenPaths.ALSO_WRITTEN + AnalyzeCommand.SAVE_PREDICTIONS);
                both.add(f.toString());
            }
        }
        SavedPredictions savedB = SavedPredictions.check(console, SAVE_PREDICTIONS_B, savePredictionsB, outFolder,
                both.toArray(String[]::new));
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
            imports.refuse("--predictions " + predictions + " are precomputed predictions, not a model");
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
            if (labels != null || logits) {
                throw new BadInputException((labels != null ? "--labels" : "--logits") + " applies only with "
                        + "--predictions A --predictions-b B");
            }
            if (classes != null && BundledModels.names().contains(model) && BundledModels.names().contains(modelB)) {
                throw new BadInputException("--classes applies only with --predictions A --predictions-b B");
            }
            Inputs.checkData(console, data, split);
            // an import option typed for an imported B while A is not imported: say whose options they are
            imports.refusalNote = BundledModels.names().contains(modelB) ? null : "in compare the import options "
                    + "apply to --model (A) only; --model-b " + modelB + " takes its sidecar " + modelB + ".json or "
                    + "the defaults";
            ModelLoader.Loaded loadedA = ModelLoader.load(console, "--model", model, imports, "--classes", classes,
                    false, sidecars);
            ModelLoader.Loaded loadedB = ModelLoader.load(console, "--model-b", modelB, null, "--classes", classes,
                    false, sidecars);
            CifarModel cifarA = loadedA.model();
            CifarModel cifarB = loadedB.model();
            TestData testData = Inputs.data(console, data, split, cifarA.classNames());
            boolean quiet = common.quiet(console);
            a = Inputs.analyse(cifarA, testData, quiet, console);
            b = Inputs.analyse(cifarB, testData, quiet, console);
            nameA = model;
            nameB = modelB;
            // the provenance analyze writes: the model as typed with the SHA-256 of its file (or bundled resource)
            a = a.withProvenance(Reports.provenance(a, loadedA.provenanceName(nameA), modelFile(nameA),
                    testData.source()));
            b = b.withProvenance(Reports.provenance(b, loadedB.provenanceName(nameB), modelFile(nameB),
                    testData.source()));
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
        if (savedA != null) {
            savedA.write(a);
            console.out().println(savedA.line(a));
        }
        if (savedB != null) {
            savedB.write(b);
            console.out().println(savedB.line(b));
        }
        console.out().println("comparison written to " + written.resolve(ComparisonFiles.HTML_FILE) + " (with "
                + ComparisonFiles.MARKDOWN_FILE + ", " + ComparisonFiles.JSON_FILE + " and "
                + report.figureNames().size() + " figures)");
        return ExitCodes.PASSED;
    }

    /** The command's input files as pairs of option and value as typed (a value may be null), never overwritten. */
    private String[] inputs() {
        List<String> pairs = new ArrayList<>(Arrays.asList("--predictions", predictions, "--predictions-b",
                predictionsB, "--labels", labels, "--classes", classes, "--data", data, "--model",
                BundledModels.names().contains(model) ? null : model, "--model-b",
                modelB == null || BundledModels.names().contains(modelB) ? null : modelB));
        pairs.addAll(Arrays.asList(imports.inputs()));
        pairs.addAll(ModelLoader.sidecarInputs(console, model, sidecars));
        pairs.addAll(ModelLoader.sidecarInputs(console, modelB, sidecars));
        return pairs.toArray(String[]::new);
    }

    /** The model file to fingerprint: null for a bundled model (its resource bytes are fingerprinted instead). */
    private Path modelFile(String given) {
        return BundledModels.names().contains(given) ? null : console.resolve(given);
    }
}
