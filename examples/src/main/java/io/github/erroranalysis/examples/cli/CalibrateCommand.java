package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.NumberArray;
import io.github.erroranalysis.TemperatureFit;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cifar-errors calibrate}: fits a temperature (Guo et al. 2017) on held-out predictions or on a model's
 * validation pile, prints T and the ECE, log loss and Brier score before and after with their intervals, and writes
 * the temperature file that {@code analyze --temperature-file} applies.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a temperature T on held-out data (the mean negative log-likelihood of "
                + "softmax(ln(max(p, 1e-12)) / T), with --logits of softmax(logits / T), minimised over [0.01, 100]; "
                + "the predicted classes, so the accuracy, "
                + "stay the same) and write it as JSON for analyze --temperature-file.",
            "Fit on data the report will not score: by default the validation split of --data; with the validation "
                    + "split the 1,000 images of the bundled sample are left out (the main job's report scores them).",
            "Exit code 0 when written, 2 for bad input or usage."})
public final class CalibrateCommand extends ConsoleCommand {

    /** The warning of a fit on {@code --split train}, printed on standard error (the fit still runs). */
    static final String TRAIN_WARNING = "warning: fitting on the training pile, which the model may have trained on: "
            + "a temperature is fitted on held-out data (the default --split validation)";

    @Option(names = "--model", paramLabel = "baseline|augmented|FILE", description = "A bundled model by name, a "
            + "saved model file, or a Keras or ONNX model (imported with its sidecar FILE.json), run on --data "
            + "(default: baseline when --data is given).")
    String model;

    /** The options of an imported {@code --model}: weights, preprocessing, reference files. */
    @Mixin
    ImportOptionsMixin imports = new ImportOptionsMixin();

    /** This run's model sidecars, each read once (made anew at the start of each run). */
    private ModelLoader.Sidecars sidecars = new ModelLoader.Sidecars();

    @Option(names = "--data", paramLabel = "PATH", description = "A CIFAR-10 binary folder or .tar.gz (its --split), "
            + "or an image folder with one subfolder per class.")
    String data;

    @Option(names = "--split", paramLabel = "validation|test|train|all", converter = SplitConverter.class,
            description = "Which part of the CIFAR-10 release --data names (default: validation, the 5,000 images the "
                    + "bundled models never trained on, less the 1,000 of the bundled sample; all: every record of "
                    + "every batch file, such as a folder corrupt wrote).")
    Split split;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Held-out predictions instead of a model: "
            + "an N x C matrix of probabilities (or logits with --logits), .npy or .csv, as for analyze.")
    String predictions;

    @Option(names = "--labels", paramLabel = "FILE", description = "The true class indexes of --predictions.")
    String labels;

    @Option(names = "--classes", paramLabel = "FILE", description = "The class names of --predictions (or of an "
            + "imported --model, in its output order), one per line.")
    String classes;

    @Option(names = "--logits", description = "--predictions holds logits (softmax is applied); T is then fitted on "
            + "the logits themselves, softmax(logits / T), not on the logarithms of their probabilities.")
    boolean logits;

    @Option(names = "--out", paramLabel = "FILE.json", required = true, description = "The temperature file to "
            + "write (replaced atomically; a folder is refused).")
    String out;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public CalibrateCommand(Console console) {
        super(console);
    }

    /**
     * Fits, prints and writes the temperature.
     *
     * @return {@value ExitCodes#PASSED}
     * @throws Exception bad input (exit {@value ExitCodes#BAD_INPUT}, through the error handler)
     */
    @Override
    public Integer call() throws Exception {
        sidecars = new ModelLoader.Sidecars();
        Path file = outFile();
        ErrorAnalysis heldOut;
        String fitOption;
        String described;
        NumberArray logitsRead = null;
        PrintStream o = console.out();
        if (predictions != null) {
            if (model != null || data != null || split != null) {
                throw new BadInputException("--predictions " + predictions + " replaces --model and --data; give "
                        + "held-out predictions or a model with its data, not both");
            }
            imports.refuse("--predictions " + predictions + " are precomputed predictions, not a model");
            Inputs.Predictions read = Inputs.predictionsRead(console, "--predictions", predictions, labels, classes,
                    logits);
            heldOut = read.analysis();
            logitsRead = read.logits(); // T is fitted on the logits themselves
            fitOption = "--predictions " + predictions;
            described = heldOut.provenance().dataSource();
        } else {
            if (labels != null || logits || (classes != null && (model == null
                    || BundledModels.names().contains(model)))) {
                throw new BadInputException((labels != null ? "--labels" : logits ? "--logits" : "--classes")
                        + " applies only with --predictions FILE");
            }
            if (data == null) {
                throw new BadInputException("calibrate needs --data PATH (a CIFAR-10 release, whose validation split "
                        + "it fits on) with --model, or --predictions FILE --labels FILE --classes FILE; the bundled "
                        + "sample is not for fitting: the main job's report scores it");
            }
            String modelName = model == null ? BundledModels.BASELINE : model;
            Inputs.checkData(console, data, split);
            ModelLoader.Loaded loaded = ModelLoader.load(console, "--model", modelName, imports, "--classes",
                    classes, true, sidecars);
            CifarModel cifarModel = loaded.model(); // (the temperature file names the model as typed)
            Split used = split == null ? Split.VALIDATION : split;
            TestData testData;
            try {
                testData = Inputs.data(console, data, used, cifarModel.classNames());
            } catch (BadInputException e) {
                // an image folder has no splits: the default split applies only to a release
                if (split != null || !Messages.oneLine(e).contains("is an image folder")) {
                    throw e;
                }
                testData = Inputs.data(console, data, null, cifarModel.classNames());
                used = null;
            }
            if (used == Split.TRAIN) {
                console.err().println(TRAIN_WARNING);
            }
            boolean validation = used == Split.VALIDATION;
            if (validation) {
                CifarDataset rest = Temperatures.withoutBundledSample(testData.images());
                int left = testData.images().size() - rest.size();
                o.println(left == 0 ? "none of the 1,000 images of the bundled sample are in " + testData.source()
                        : Formats.format("left out the %,d images of the bundled sample (the main job's report "
                        + "scores them): fitting on the other %,d of %,d", left, rest.size(),
                        testData.images().size()));
                if (left > 0) {
                    testData = new TestData(rest, testData.source() + " without the " + Formats.format("%,d", left)
                            + " images of the bundled sample");
                }
            }
            heldOut = Inputs.analyse(cifarModel, testData, common.quiet(console), console);
            heldOut = heldOut.withProvenance(Reports.provenance(heldOut, modelName,
                    BundledModels.names().contains(modelName) ? null : console.resolve(modelName),
                    fileNameOnly(testData.source(), console.resolve(data))));
            fitOption = "--data " + data;
            described = testData.source() + " with model " + modelName;
        }
        TemperatureFit fit = Temperatures.fit(fitOption, heldOut, logitsRead);
        TemperatureScaling s = fit.scaling();
        CalibrationChange c = fit.change();
        o.println(Formats.format("Fitted on %,d examples of %s", s.examples(), described));
        o.println("temperature T = " + Temperatures.t(s.temperature()) + " (mean NLL "
                + Formats.ratio(s.negativeLogLikelihoodBefore()) + " -> "
                + Formats.ratio(s.negativeLogLikelihoodAfter())
                + "; accuracy unchanged, " + Formats.percentOneDecimal(heldOut.accuracy()) + ")");
        String warning = Temperatures.boundWarning(s);
        if (warning != null) {
            o.println(warning);
        }
        o.println("  ECE          " + CalibrationChange.ece(c.eceBefore()) + " -> "
                + CalibrationChange.ece(c.eceAfter()));
        o.println("  log loss     " + Temperatures.ratio(c.logLossBefore()) + " -> "
                + Temperatures.ratio(c.logLossAfter()));
        o.println("  Brier score  " + Temperatures.ratio(c.brierScoreBefore()) + " -> "
                + Temperatures.ratio(c.brierScoreAfter()));
        o.println("  (on the fit data itself, intervals " + Formats.level(c.eceBefore().level()) + " "
                + c.eceBefore().method() + "; score T on other data with analyze --temperature-file)");
        c.eceIntervalNote().ifPresent(o::println);
        try {
            fit.write(file);
        } catch (IOException e) {
            throw new BadInputException("--out " + out + ": " + Messages.oneLine(e), e);
        }
        o.println("temperature written to " + file + "; apply it with cifar-errors analyze --temperature-file "
                + out);
        return ExitCodes.PASSED;
    }

    /**
     * The data source as the temperature file records it: {@code --data}'s file name, not this machine's absolute
     * path (a file shipped elsewhere, such as the bundled temperatures, would carry it).
     */
    static String fileNameOnly(String source, Path data) {
        String path = data.toString();
        return data.getFileName() != null && source.startsWith(path)
                ? data.getFileName() + source.substring(path.length()) : source;
    }

    /** Checks {@code --out} before anything runs: a file name, not a folder, in a writable folder. */
    private Path outFile() {
        GivenPaths.checkTyped("--out", out, "a file name, for example temperature.json");
        Path file = console.resolve(out);
        if (Files.isDirectory(file)) {
            throw new BadInputException("--out " + out + ": " + file + " is a folder; give a file name, for example "
                    + "--out " + file.resolve("temperature.json"));
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new BadInputException("--out " + out + ": " + file + " is not a regular file (a device, FIFO or "
                    + "socket); give a file");
        }
        java.util.List<String> inputs = new java.util.ArrayList<>(java.util.Arrays.asList("--predictions",
                predictions, "--labels", labels, "--classes", classes, "--data", data, "--model",
                model == null || BundledModels.names().contains(model) ? null : model));
        inputs.addAll(java.util.Arrays.asList(imports.inputs()));
        inputs.addAll(ModelLoader.sidecarInputs(console, model, sidecars));
        GivenPaths.refuseAnInput(console, "--out", out, file, inputs.toArray(String[]::new));
        Outputs.checkWritable("--out", out, file);
        return file;
    }
}
