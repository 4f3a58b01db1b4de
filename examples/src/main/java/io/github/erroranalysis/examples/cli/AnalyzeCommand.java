package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.report.Explanations;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.NumberArray;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.WrongPrediction;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.gate.GateJUnitXml;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.examples.CifarEvidence;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.Evidence;
import io.github.erroranalysis.report.SaliencyScope;
import io.github.erroranalysis.report.SanityCheck;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.Audit;
import io.github.erroranalysis.SliceFinder;
import io.github.erroranalysis.report.AuditSection;
import io.github.erroranalysis.report.DataAudit;
import io.github.erroranalysis.report.ImageSource;
import io.github.erroranalysis.report.ReportSection;
import java.util.Optional;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cifar-errors analyze}: analyses a model on test images (or precomputed predictions), writes the error
 * report, prints a short summary and checks the quality gates. With no options it is the main job: the bundled
 * baseline on the bundled sample, report in {@code ./error-report}.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse what a model gets wrong: accuracy with its interval, the hardest class, wrong "
                + "predictions, and the full error report (HTML, Markdown, JSON, figures); on images (not "
                + "--predictions) the report's Data audit section has the slices where the model fails, and with "
                + "--train-data the near-duplicates of the test images in the training data (as audit does).",
            "Exit code 0 when every gate passes, 1 when a gate fails, 2 for bad input or usage."})
public final class AnalyzeCommand extends ConsoleCommand {

    /** The report folder when {@code --out} is not given. */
    public static final String DEFAULT_OUT = "error-report";
    /** How many wrong predictions the summary shows, as in the course. */
    public static final int WRONG_SHOWN = 3;
    /** The option that writes the gates as JUnit XML. */
    public static final String JUNIT_XML = "--junit-xml";
    /** The test suite's name in the JUnit XML, also each test case's class name. */
    public static final String JUNIT_SUITE = "cifar-errors analyze";
    /** The option that gives the training data for the nearest training examples. */
    public static final String TRAIN_DATA = "--train-data";
    /** The option that says which training records of a CIFAR-10 release {@value #TRAIN_DATA} searches. */
    public static final String TRAIN_SPLIT = "--train-split";
    /** The option that says which mistakes get saliency maps. */
    public static final String SALIENCY = "--saliency";
    /** The option that says how many nearest training examples each explained mistake lists. */
    public static final String NEIGHBOURS = "--neighbours";
    /** The option that writes the probabilities as {@code .npy}, with the labels, origins and classes beside. */
    public static final String SAVE_PREDICTIONS = "--save-predictions";
    /** The most nearest training examples {@value #NEIGHBOURS} may ask for. */
    public static final int MAX_NEIGHBOURS = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "baseline|augmented|FILE", defaultValue = BundledModels.BASELINE,
            description = "A bundled model by name, a saved model file, or a Keras (.h5, .keras, model JSON with "
                    + "--weights) or ONNX model, recognised by content, imported with its sidecar FILE.json when "
                    + "present (default: ${DEFAULT-VALUE}).")
    String model;

    /** The options of an imported {@code --model}: weights, preprocessing, reference files. */
    @Mixin
    ImportOptionsMixin imports = new ImportOptionsMixin();

    /** This run's model sidecars, each read once (made anew at the start of each run). */
    private ModelLoader.Sidecars sidecars = new ModelLoader.Sidecars();

    @Option(names = SAVE_PREDICTIONS, paramLabel = "FILE.npy", description = "Also write the N x C probabilities "
            + "(float32, C order, in example order; after a temperature, the scaled ones) to FILE.npy, with "
            + "FILE.labels.npy (the true class indexes), FILE.origins.txt and FILE.classes.txt beside it, so that "
            + "analyze --predictions FILE.npy --labels FILE.labels.npy --classes FILE.classes.txt reproduces the "
            + "analysis. Existing files are replaced atomically; one of the command's inputs is refused.")
    String savePredictions;

    @Option(names = "--data", paramLabel = "PATH", description = "A CIFAR-10 binary folder or .tar.gz, or an image "
            + "folder with one subfolder per class (default: the bundled sample of 1,000 validation images).")
    String data;

    @Option(names = "--split", paramLabel = "test|train|validation|all", converter = SplitConverter.class,
            description = "Which part of a CIFAR-10 release --data names: test (test_batch.bin, the default), "
                    + "train (the 45,000 training images) or validation (the 5,000 held-out images) of the official "
                    + "50,000 training records, or all (every record of every batch file, in order: what corrupt "
                    + "wrote, say).")
    Split split;

    @Option(names = TRAIN_DATA, paramLabel = "PATH", description = "The training data, for each explained "
            + "mistake's nearest training examples in the model's own embedding (its penultimate layer): a CIFAR-10 "
            + "binary folder or .tar.gz (all its training batches, data_batch_1..5) or an image folder with one "
            + "subfolder per class. Records that are also in --data (the same origin and exactly the same image, such "
            + "as the validation pile read from the same archive) are left out; a neighbour that is the same image "
            + "as the mistake (a test set copied into the training data) is marked identical. The same training data, "
            + "read once, is searched for the data audit's near-duplicates of the test images (the report's Data audit "
            + "section).")
    String trainData;

    @Option(names = TRAIN_SPLIT, paramLabel = "all|train", defaultValue = "all", description = "Which records of "
            + "the CIFAR-10 release --train-data names are searched: all (every training record, data_batch_1..5, "
            + "the default) or train (the 45,000 of the standard split's training pile, the images the bundled "
            + "models trained on, the same as --split train; the other 5,000 are the held-out validation pile). "
            + "Only with --train-data a release.")
    String trainSplit;

    @Option(names = SALIENCY, paramLabel = "shown|all|none", defaultValue = "shown", description = "Which "
            + "mistakes get saliency maps, each with its faithfulness: shown (the default): Grad-CAM for the "
            + "mistakes the report draws in a grid and the first " + Evidence.GALLERY_MAPS + " of the gallery, "
            + "occlusion too for the grid ones; all: Grad-CAM for every mistake, occlusion for the grid ones; "
            + "none: no maps.")
    String saliency;

    @Option(names = NEIGHBOURS, paramLabel = "K", defaultValue = "" + Evidence.DEFAULT_NEIGHBOURS, description = "How "
            + "many nearest training examples each explained mistake lists with --train-data (default: "
            + "${DEFAULT-VALUE}; 0 for none; at most " + MAX_NEIGHBOURS + ").")
    int neighbours;

    @Option(names = AuditCommand.FDR, paramLabel = "Q", defaultValue = "" + SliceFinder.DEFAULT_FDR, description =
            "The false discovery rate of the data audit's slices (the report's Data audit section; Benjamini-"
            + "Hochberg over every slice tried), above 0 and below 1 (default: ${DEFAULT-VALUE}); as for audit.")
    double fdr;

    @Option(names = AuditCommand.MIN_SUPPORT, paramLabel = "N", defaultValue = "" + SliceFinder.DEFAULT_MIN_SUPPORT,
            description = "The fewest images of a slice the data audit tries, at least 1 (default: "
                    + "${DEFAULT-VALUE}); as for audit.")
    int minSupport;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Precomputed predictions instead of a "
            + "model: an N x C matrix of probabilities (or logits with --logits), .npy or .csv (UTF-8, a BOM "
            + "allowed; a first line that is not all numbers is a header; pandas' header 0,1,...,C-1 and its index "
            + "column are recognised; see the error-analysis README for the exact rule).")
    String predictions;

    @Option(names = "--labels", paramLabel = "FILE", description = "The true class indexes of --predictions, "
            + ".npy or .csv.")
    String labels;

    @Option(names = "--origins", paramLabel = "FILE", description = "With --predictions: each example's origin "
            + "(such as data_batch_1.bin#165), one a line, UTF-8, an empty line where none is known, as many lines as "
            + "--predictions has rows; the FILE.origins.txt that --save-predictions writes beside FILE.npy, so that "
            + "the round trip keeps the origins.")
    String origins;

    @Option(names = "--classes", paramLabel = "FILE", description = "The class names of --predictions (or of an "
            + "imported --model, in its output order), one per line, UTF-8 (every non-blank line is a name, one starting with # too; a single line may list the "
            + "names separated by commas); as many as --predictions has columns.")
    String classes;

    @Option(names = "--logits", description = "--predictions holds logits (softmax is applied); refused when "
            + "every row already lies in [0, 1] and sums to 1 (those are probabilities).")
    boolean logits;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT, description = "The report folder "
            + "(default: ./${DEFAULT-VALUE}): absent, empty or a report this tool wrote (it holds the marker file "
            + OutputFolders.MARKER + " and nothing added since); any other folder is refused. Replaced only when the new report is complete.")
    String out;

    @Option(names = Gates.MIN_ACCURACY, paramLabel = "X", description = "Gate: accuracy at least X (a fraction).")
    Double minAccuracy;

    @Option(names = Gates.MIN_CLASS_ACCURACY, paramLabel = "NAME=X", description = "Gate: accuracy of class NAME "
            + "at least X; repeatable.")
    List<String> minClassAccuracy;

    @Option(names = Gates.MAX_ECE, paramLabel = "X", description = "Gate: expected calibration error at most X.")
    Double maxEce;

    @Option(names = Gates.MIN_METRIC, paramLabel = "NAME=X", description = "Gate: the built-in metric NAME at "
            + "least X, judged on the estimate (with --gate-on-lower-bound on its interval's lower bound); NAME is "
            + "its report.json name: accuracy, macroPrecision, "
            + "macroRecall, macroF1, weightedF1, ece, maxCalibrationError, brierScore, logLoss or top<k>Accuracy "
            + "(such as top3Accuracy); repeatable.")
    List<String> minMetric;

    @Option(names = Gates.MAX_METRIC, paramLabel = "NAME=X", description = "Gate: the built-in metric NAME at most "
            + "X (such as brierScore=0.3 or logLoss=1.2), judged on the estimate (with --gate-on-lower-bound on its "
            + "interval's upper bound); repeatable.")
    List<String> maxMetric;

    @Option(names = Gates.MAX_AURC, paramLabel = "X", description = "Gate: AURC (the area under the risk-coverage "
            + "curve: the mean error rate over every share of the most confident answers) at most X, a fraction, "
            + "judged on the estimate (with --gate-on-lower-bound on its bootstrap interval's upper bound); after a "
            + "temperature, of the scaled confidences.")
    Double maxAurc;

    @Option(names = Gates.MIN_COVERAGE_AT_RISK, paramLabel = "RISK=COVERAGE", description = "Gate: with an error "
            + "rate of at most RISK the model still answers at least the share COVERAGE of the inputs (its most "
            + "confident ones), both fractions: 0.01=0.75 asks for 75 %% answered at 1 %% errors; judged on the "
            + "estimated coverage (with --gate-on-lower-bound on its bootstrap interval's lower bound); after a "
            + "temperature, its confidence threshold is of the scaled confidences; repeatable.")
    List<String> minCoverageAtRisk;

    @Option(names = "--gate-on-lower-bound", description = "Gates compare the 95 %% interval's pessimistic end "
            + "(lower bound of an accuracy or a coverage, upper bound of the ECE or the AURC), not the estimate, so a "
            + "gate is not flaky.")
    boolean gateOnLowerBound;

    @Option(names = JUNIT_XML, paramLabel = "FILE", description = "Also write the gates as a JUnit XML report, one "
            + "test case per gate (a failed gate is a failure with its message), so CI servers show each gate; "
            + "written even when a gate fails. An existing file there is replaced atomically; a folder, a path "
            + "inside --out, or one of the command's input files is refused.")
    String junitXml;

    @Option(names = Temperatures.TEMPERATURE, paramLabel = "T|bundled", description = "Apply temperature scaling "
            + "before everything (report, gates, JSON): every probability becomes softmax(ln(max(p, 1e-12)) / T) "
            + "(with --logits softmax(logits / T), of the logits themselves); "
            + "the predicted classes stay the same. A number above 0, or bundled: a bundled model's own temperature, "
            + "fitted on the 4,000 validation images outside the bundled sample (scored on them, as with --split "
            + "validation, analyze warns that its effect is partly in-sample). The report shows the ECE, log loss "
            + "and Brier score before and after.")
    String temperature;

    @Option(names = Temperatures.TEMPERATURE_FILE, paramLabel = "FILE.json", description = "Apply the temperature "
            + "of a file written by cifar-errors calibrate, as " + Temperatures.TEMPERATURE + " does; refused when "
            + "it was fitted on other classes than the analysis has.")
    String temperatureFile;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public AnalyzeCommand(Console console) {
        super(console);
    }

    /**
     * Runs the analysis, writes the report, prints the summary and checks the gates.
     *
     * @return {@value ExitCodes#PASSED} or {@value ExitCodes#GATE_FAILED}
     * @throws Exception bad input (exit {@value ExitCodes#BAD_INPUT}, through the error handler)
     */
    @Override
    public Integer call() throws Exception {
        sidecars = new ModelLoader.Sidecars();
        refuseIgnoredOptions();
        SaliencyScope scope = saliencyScope();
        Gates gates = Gates.parse(minAccuracy, minClassAccuracy, maxEce, minMetric, maxMetric, maxAurc,
                minCoverageAtRisk, gateOnLowerBound);
        Path outFolder = Outputs.folder(console, "--out", out, ErrorReport::checkFolder);
        Path junitFile = junitXml == null ? null : junitFile(outFolder);
        if (predictions != null) {
            imports.refuse("--predictions " + predictions + " are precomputed predictions, not a model");
        }
        SavedPredictions saved = SavedPredictions.check(console, SAVE_PREDICTIONS, savePredictions, outFolder,
                inputs(true));
        boolean quiet = common.quiet(console);
        Temperatures.Given given = Temperatures.given(console, temperature, temperatureFile,
                predictions == null && BundledModels.names().contains(model) ? model : null);
        ErrorAnalysis analysis;
        String modelName;
        String provenanceName = null;
        Path modelFile = null;
        TestData testData = null;
        String dataSource;
        Evidence evidence = null;
        NumberArray logitsRead = null;
        Progress embedding = Progress.NONE;
        CifarModel audited = null; // the model whose data is audited, when images are available
        TestData training = null;
        if (predictions != null) {
            if (data != null || split != null) {
                throw new BadInputException("--predictions replaces --model and --data; give one or the other");
            }
            Inputs.Predictions read = Inputs.predictionsRead(console, "--predictions", predictions, labels, classes,
                    logits);
            analysis = origins == null ? read.analysis() : Inputs.withOrigins(console, origins, read.analysis());
            logitsRead = read.logits(); // a temperature applies to the logits themselves
            gates.checkClassNames(analysis.classNames());
            modelName = predictions;
            dataSource = labels;
        } else {
            if (labels != null || logits || origins != null) {
                throw new BadInputException((labels != null ? "--labels" : logits ? "--logits" : "--origins")
                        + " applies only with --predictions FILE");
            }
            if (classes != null && BundledModels.names().contains(model)) {
                throw new BadInputException("--classes applies only with --predictions FILE");
            }
            Inputs.checkData(console, data, split);
            if (trainData != null) {
                Inputs.checkTrainingData(console, trainData, trainPile());
            }
            ModelLoader.Loaded loaded = ModelLoader.load(console, "--model", model, imports, "--classes", classes,
                    true, sidecars);
            CifarModel cifarModel = loaded.model();
            gates.checkClassNames(cifarModel.classNames());
            testData = Inputs.data(console, data, split, cifarModel.classNames());
            training = trainData == null ? null
                    : Inputs.trainingData(console, trainData, cifarModel.classNames(), trainPile());
            audited = cifarModel;
            analysis = Inputs.analyse(cifarModel, testData, quiet, console);
            evidence = CifarEvidence.of(cifarModel, testData.images()).withScope(scope).withNeighbours(neighbours);
            if (training != null) {
                embedding = ConsoleProgress.embedding(console, quiet, training.images().size());
                evidence = evidence.withTraining(CifarEvidence.inputs(training.images(), cifarModel.normalization(),
                        embedding), CifarEvidence.images(training.images()), training.source());
            }
            modelName = model;
            provenanceName = loaded.provenanceName(model);
            modelFile = BundledModels.names().contains(model) ? null : console.resolve(model);
            dataSource = testData.source();
        }
        int inSample = Temperatures.inSample(given, analysis, testData); // T scored on its own fit data?
        Temperatures.Scaled scaled = Temperatures.scale(given, analysis, predictions == null && data == null
                && BundledModels.names().contains(model) ? model : null, inSample, logitsRead);
        String inSampleWarning = Temperatures.inSampleWarning(given, inSample, analysis.examples());
        if (inSampleWarning != null) {
            console.err().println(inSampleWarning);
        }
        analysis = scaled.analysis(); // a temperature applies before everything: report, gates, JSON
        AnalysisStatistics statistics = analysis.statistics();
        List<GateResult> results = gates.check(analysis, statistics);
        Audit audit = audited == null ? null : audit(audited, analysis, testData, training, quiet);
        List<ReportSection> sections = audit == null ? List.of() : List.of(auditSection(audit, testData, training));
        ErrorReport report;
        try {
            report = Reports.build(analysis, modelName, modelFile, testData, dataSource, statistics, results,
                    evidence, scaled.temperature(), provenanceName, sections);
        } finally {
            embedding.finished();
        }
        String otherModel = Temperatures.modelWarning(given, report.analysis().provenance());
        if (otherModel != null) {
            console.err().println(otherModel);
        }
        Path written;
        try {
            written = report.writeTo(outFolder);
        } catch (ForeignFolderException e) {
            throw Outputs.refused("--out", out, e);
        }
        PrintStream o = console.out();
        o.println("Analysed " + String.format(Locale.ROOT, "%,d", analysis.examples()) + " images of " + dataSource
                + " with model " + modelName);
        o.println("accuracy " + statistics.accuracy());
        o.println(statistics.hardest());
        o.println(selectivePrediction(analysis.selectivePrediction(statistics.level())));
        if (scaled.temperature() != null) {
            o.println(Temperatures.line(scaled.temperature()));
        }
        printWrong(o, analysis);
        printEvidence(o, report.explanations());
        if (audit != null) {
            printAudit(o, audit);
        }
        if (saved != null) {
            saved.write(analysis);
            o.println(saved.line(analysis));
        }
        o.println("report written to " + written.resolve(ErrorReport.HTML_FILE) + " (with "
                + ErrorReport.MARKDOWN_FILE + ", " + ErrorReport.JSON_FILE + ", " + ErrorReport.WRONG_FILE + " and "
                + report.figureNames().size() + " figures)");
        results.forEach(r -> o.println("gate " + r));
        if (!results.isEmpty() && scaled.temperature() != null && scaled.temperature().applied()) {
            o.println("(the gates judged the analysis after temperature scaling, T = " + Temperatures.t(
                    scaled.temperature().change().scaling().temperature()) + ": a coverage-at-risk threshold is a "
                    + "scaled confidence, not one of the model's own)");
        }
        if (junitFile != null) {
            writeJUnit(junitFile, results);
            o.println("JUnit XML of " + results.size() + (results.size() == 1 ? " gate" : " gates") + " written to " + junitFile);
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        if (failed > 0) {
            console.err().println("cifar-errors analyze: " + failed + " of " + results.size() + " quality gates "
                    + "failed");
            return ExitCodes.GATE_FAILED;
        }
        return ExitCodes.PASSED;
    }

    /**
     * Prints the evidence in a line or two: each saliency method's mean faithfulness with its interval and verdict,
     * the sanity check, and the training data searched for nearest examples; nothing without evidence.
     */
    static void printEvidence(PrintStream o, Explanations e) {
        if (e.faithfulness().isEmpty() && e.training().isEmpty()) {
            return;
        }
        List<String> parts = new java.util.ArrayList<>();
        for (var m : new java.util.TreeMap<>(e.faithfulness()).entrySet()) {
            long maps = e.examples().values().stream()
                    .filter(x -> x.saliency().stream().anyMatch(s -> s.method().equals(m.getKey()))).count();
            Interval f = m.getValue();
            parts.add(m.getKey() + " " + Formats.format("%.3f [%.3f, %.3f]", f.estimate(), f.lower(), f.upper())
                    + " over " + maps + (maps == 1 ? " map" : " maps")
                    + (f.lower() > 0 ? " (better than random)" : " (not better than random)"));
        }
        String sanity = e.sanityCheck().map(AnalyzeCommand::sanity).orElse("");
        if (!parts.isEmpty()) {
            o.println("saliency faithfulness (deletion area minus random order's): " + String.join(", ", parts)
                    + sanity);
        }
        e.training().ifPresent(t -> o.println(Formats.format("nearest training examples: %d for each explained "
                + "mistake among %,d training images (%,d left out: the analysed images themselves)%s", t.neighbours(),
                t.examples() - t.excluded(), t.excluded(), t.identicalImages() == 0 ? "" : Formats.format("; %d "
                        + "explained mistakes have an identical image in the training data: the test set leaks",
                        t.identicalImages()))));
    }

    /**
     * Runs the data audit of the analysed images for the report: the slices where the model fails, and with
     * {@value #TRAIN_DATA} the near-duplicates in the same training data the nearest training examples search.
     */
    private Audit audit(CifarModel cifarModel, ErrorAnalysis analysis, TestData testData, TestData training,
            boolean quiet) {
        DataAudit.Settings settings = new DataAudit.Settings(DataAudit.DEFAULT_SEED, Double.NaN,
                DataAudit.DEFAULT_CLUSTERS, new SliceFinder.Settings(fdr, minSupport,
                        SliceFinder.Settings.DEFAULTS.level()));
        DataAudit.Data test = AuditCommand.data(cifarModel, testData);
        Progress progress = training == null ? Progress.NONE : ConsoleProgress.auditing(console, quiet,
                (long) testData.images().size() + training.images().size());
        try {
            return DataAudit.run(analysis, cifarModel.model(), test, Optional.ofNullable(training)
                    .map(t -> AuditCommand.data(cifarModel, t)), settings, progress);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--data " + testData.source() + ": " + Messages.oneLine(e), e);
        } finally {
            progress.finished();
        }
    }

    /** The report's Data audit section: the test images, and the training images with their labels when given. */
    private static AuditSection auditSection(Audit audit, TestData testData, TestData training) {
        AuditSection section = new AuditSection(audit, CifarEvidence.images(testData.images()), training == null
                ? ImageSource.none() : CifarEvidence.images(training.images()));
        return training == null ? section : section.withTrainingLabels(training.images()::label);
    }

    /**
     * Prints the data audit in a line or two: the near-duplicates' count and score effect (with
     * {@value #TRAIN_DATA}) and the slices tried and found, with the first one.
     */
    static void printAudit(PrintStream o, Audit audit) {
        audit.duplicates().ifPresent(d -> {
            List<String> lines = AuditCommand.duplicates(d);
            o.println(lines.get(0));
            o.println(lines.get(1));
        });
        audit.slices().ifPresent(s -> {
            List<String> lines = AuditCommand.slices(s);
            o.println(lines.get(0) + (lines.size() > 1 ? "; the first: " + s.slices().get(0).inWords() : ""));
        });
    }

    /**
     * The sanity check's clause of the faithfulness line: passed or not with the mean rank correlation, or
     * inconclusive with the report's reason (every compared map, the model's or the randomised copy's, constant).
     */
    static String sanity(SanityCheck c) {
        if (c.inconclusive()) {
            return Formats.format("; sanity check inconclusive (the pre-ReLU maps of all %d examples compared, or of "
                    + "the copy of the model with randomised weights, are constant)", c.constantMaps());
        }
        return "; sanity check " + (c.passes() ? "passed" : "not passed")
                + Formats.format(" (mean rank correlation with a randomised model %.2f)", c.meanRankCorrelation());
    }

    /**
     * Says in one line what answering only the most confident examples buys: the AURC with its interval and the
     * optimal AURC, then the selective prediction's own words ({@link SelectivePrediction#inWords()}).
     *
     * @param s the analysis's selective prediction
     * @return for example {@code "selective prediction: AURC 0.0812 [0.0731, 0.0905] (optimal 0.0412). Refusing the
     *         20 % least confident answers cuts the error rate from 30.1 % to 14.2 %. With at most 5 % errors the
     *         model can answer 41.3 % [38.0 %, 44.9 %] of inputs (those with confidence at least 0.9412)."}
     */
    static String selectivePrediction(SelectivePrediction s) {
        String words = s.inWords();
        return Formats.format("selective prediction: AURC %.4f [%.4f, %.4f] (optimal %.4f)%s", s.aurc(),
                s.aurcInterval().lower(), s.aurcInterval().upper(), s.optimalAurc(), words.isEmpty() ? ""
                        : ". " + words);
    }

    /** Refuses options that the others would make this command ignore, before anything is read. */
    private void refuseIgnoredOptions() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (predictions != null) {
            for (String option : List.of(AuditCommand.FDR, AuditCommand.MIN_SUPPORT)) {
                if (parsed.hasMatchedOption(option)) {
                    throw new BadInputException(option + " " + parsed.matchedOption(option).stringValues().get(0)
                            + " and --predictions " + predictions + ": the data audit's slices need a model to run "
                            + "(--model) on images, not precomputed predictions");
                }
            }
            for (String option : List.of(TRAIN_DATA, TRAIN_SPLIT, SALIENCY, NEIGHBOURS)) {
                if (parsed.hasMatchedOption(option)) {
                    throw new BadInputException(option + " " + parsed.matchedOption(option).stringValues().get(0)
                            + " and --predictions " + predictions + ": saliency maps and nearest training examples "
                            + "need a model to run (--model), not precomputed predictions");
                }
            }
        }
        if (!(fdr > 0 && fdr < 1)) {
            throw new BadInputException(AuditCommand.typed(AuditCommand.FDR, spec) + ": give a false discovery rate "
                    + "above 0 and below 1, such as 0.05");
        }
        if (minSupport < 1) {
            throw new BadInputException(AuditCommand.MIN_SUPPORT + " " + minSupport + ": give the fewest images of a "
                    + "slice, at least 1");
        }
        if (neighbours < 0 || neighbours > MAX_NEIGHBOURS) {
            throw new BadInputException(NEIGHBOURS + " " + neighbours + ": give a number of nearest training "
                    + "examples from 0 (none) to " + MAX_NEIGHBOURS);
        }
        if (!trainSplit.equals("all") && !trainSplit.equals("train")) {
            throw new BadInputException(TRAIN_SPLIT + " " + trainSplit + ": give all (every training record of the "
                    + "release, the default) or train (the 45,000 of the standard split's training pile)");
        }
        if (trainData == null && parsed.hasMatchedOption(TRAIN_SPLIT)) {
            throw new BadInputException(TRAIN_SPLIT + " " + trainSplit + " applies only with " + TRAIN_DATA
                    + " PATH (a CIFAR-10 release whose training records are searched)");
        }
        if (trainData == null && parsed.hasMatchedOption(NEIGHBOURS)) {
            throw new BadInputException(NEIGHBOURS + " " + neighbours + " applies only with " + TRAIN_DATA
                    + " PATH (the training data whose nearest examples are listed)");
        }
        if (predictions != null && spec.commandLine().getParseResult().hasMatchedOption("--model")) {
            throw new BadInputException("--model " + model + " and --predictions " + predictions + ": give a model "
                    + "to run or precomputed predictions, not both (--predictions replaces --model)");
        }
        if (gateOnLowerBound && minAccuracy == null && (minClassAccuracy == null || minClassAccuracy.isEmpty())
                && maxEce == null && (minMetric == null || minMetric.isEmpty())
                && (maxMetric == null || maxMetric.isEmpty()) && maxAurc == null
                && (minCoverageAtRisk == null || minCoverageAtRisk.isEmpty())) {
            throw new BadInputException("--gate-on-lower-bound applies only with a gate (" + String.join(", ",
                    Gates.OPTIONS.subList(0, Gates.OPTIONS.size() - 1)) + " or "
                    + Gates.OPTIONS.get(Gates.OPTIONS.size() - 1) + ")");
        }
    }

    /** Whether {@value #TRAIN_SPLIT} asks for only the standard split's training pile. */
    private boolean trainPile() {
        return trainSplit.equals("train");
    }

    /** The saliency scope of {@value #SALIENCY}, as typed in lower case; anything else is refused in one line. */
    private SaliencyScope saliencyScope() {
        return switch (saliency) {
            case "shown" -> SaliencyScope.SHOWN;
            case "all" -> SaliencyScope.ALL;
            case "none" -> SaliencyScope.NONE;
            default -> throw new BadInputException(SALIENCY + " " + saliency + ": give shown (the mistakes the "
                    + "report shows, the default), all or none");
        };
    }

    /**
     * Checks {@code --junit-xml} before anything runs: not empty, not a folder or a device, not inside the report
     * folder (which the report replaces), and its folder writable.
     */
    private Path junitFile(Path outFolder) {
        GivenPaths.checkTyped(JUNIT_XML, junitXml, "a file name, for example gates.xml");
        Path file = console.resolve(junitXml);
        if (Files.isDirectory(file)) {
            throw new BadInputException(JUNIT_XML + " " + junitXml + ": " + file + " is a folder; give a file name, "
                    + "for example " + JUNIT_XML + " gates.xml");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new BadInputException(JUNIT_XML + " " + junitXml + ": " + file + " is not a regular file (a "
                    + "device, FIFO or socket); give a file");
        }
        Path folder = outFolder.toAbsolutePath().normalize();
        if (file.toAbsolutePath().normalize().startsWith(folder)) {
            throw new BadInputException(JUNIT_XML + " " + junitXml + ": " + file + " is inside the --out folder "
                    + folder + ", which each report replaces; write it outside, for example beside it");
        }
        GivenPaths.refuseAnInput(console, JUNIT_XML, junitXml, file, inputs(false));
        Outputs.checkWritable(JUNIT_XML, junitXml, file);
        return file;
    }

    /**
     * The command's input files as pairs of option and value as typed (a value may be null), never overwritten; with
     * the JUnit XML file too when {@code withJUnit} (another output).
     */
    private String[] inputs(boolean withJUnit) {
        List<String> pairs = new java.util.ArrayList<>(java.util.Arrays.asList("--predictions", predictions,
                "--labels", labels, "--classes", classes, "--origins", origins, "--data", data, TRAIN_DATA, trainData,
                Temperatures.TEMPERATURE_FILE, temperatureFile, "--model",
                BundledModels.names().contains(model) ? null : model));
        pairs.addAll(java.util.Arrays.asList(imports.inputs()));
        pairs.addAll(ModelLoader.sidecarInputs(console, model, sidecars));
        if (withJUnit) {
            pairs.add(JUNIT_XML);
            pairs.add(junitXml);
        }
        return pairs.toArray(String[]::new);
    }

    /** Writes the gates as JUnit XML atomically; a failure is bad input naming the option (exit 2). */
    private void writeJUnit(Path file, List<GateResult> results) {
        try {
            AtomicFiles.write(file, stream -> GateJUnitXml.write(JUNIT_SUITE, results, stream));
        } catch (IOException e) {
            throw new BadInputException(JUNIT_XML + " " + junitXml + ": " + Messages.oneLine(e), e);
        }
    }

    private static void printWrong(PrintStream o, ErrorAnalysis analysis) {
        List<WrongPrediction> wrong = analysis.wrong().first(WRONG_SHOWN);
        o.println(wrong.isEmpty() ? "no wrong predictions" : "the first " + wrong.size() + " wrong predictions:");
        for (WrongPrediction w : wrong) {
            o.println("  " + describe(w));
        }
    }

    /**
     * Describes a wrong prediction as in the course: {@code "Pred: cat / True: dog / 87 %"}, with its example
     * index and origin.
     *
     * @param w the wrong prediction
     * @return the description
     */
    public static String describe(WrongPrediction w) {
        return String.format(Locale.ROOT, "Pred: %s / True: %s / %.0f %%  (example #%d%s)", w.predictedClassName(),
                w.trueClassName(), 100 * w.confidence(), w.index(), w.origin().map(s -> ", " + s).orElse(""));
    }
}
