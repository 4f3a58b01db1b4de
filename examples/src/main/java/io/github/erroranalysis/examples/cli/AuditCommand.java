package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.Audit;
import io.github.erroranalysis.DuplicateAudit;
import io.github.erroranalysis.DuplicatePair;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.Slice;
import io.github.erroranalysis.SliceFinder;
import io.github.erroranalysis.SliceSearch;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.examples.CifarEvidence;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.report.AuditReport;
import io.github.erroranalysis.report.DataAudit;
import io.github.erroranalysis.report.ImageSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cifar-errors audit}: a data audit of test images ({@link DataAudit}): with {@code --train-data}, every test
 * image's nearest training image, the suspected near-duplicates and how much they inflate the score, and the
 * near-duplicates within the test images; always, the slices where the model fails, found by Fisher's exact test
 * under a false discovery rate; written by {@link AuditReport} as {@code audit.json} and a report, with a short
 * summary on the console.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Audit test data: with --train-data, its near-duplicates in the training data (each test "
                + "image's nearest training image, the suspected ones at --threshold, accuracy on them vs on the "
                + "rest with Fisher's exact test: how much the score is inflated) and within itself; and the slices "
                + "where the model fails (image attributes and embedding clusters, Fisher's exact test, "
                + "Benjamini-Hochberg at --fdr over every slice tried).",
            "Writes audit.json and a report to --out and prints a summary.",
            "Exit code 0 when the audit ran, 2 for bad input or usage."})
public final class AuditCommand extends ConsoleCommand {

    /** The output folder when {@code --out} is not given. */
    public static final String DEFAULT_OUT = "audit";
    /** How many pairs and slices the summary shows. */
    public static final int SHOWN = 5;
    /** The option that gives the training data searched for near-duplicates. */
    public static final String TRAIN_DATA = AnalyzeCommand.TRAIN_DATA;
    /** The option that says which training records of a release are searched. */
    public static final String TRAIN_SPLIT = AnalyzeCommand.TRAIN_SPLIT;
    /** The option of the near-duplicate threshold. */
    public static final String THRESHOLD = "--threshold";
    /** The option of the slices' false discovery rate. */
    public static final String FDR = "--fdr";
    /** The option of the slices' fewest examples. */
    public static final String MIN_SUPPORT = "--min-support";
    /** The option of the number of embedding clusters. */
    public static final String CLUSTERS = "--clusters";

    /** The options as typed. */
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "baseline|augmented|FILE", defaultValue = BundledModels.BASELINE,
            description = "The model whose mistakes and penultimate-layer embedding the audit uses: a bundled model "
                    + "by name, a saved model file, or a Keras or ONNX model imported with the import options and "
                    + "its sidecar FILE.json (as for analyze; default: ${DEFAULT-VALUE}).")
    String model;

    /** The options of an imported {@code --model}. */
    @Mixin
    ImportOptionsMixin imports = new ImportOptionsMixin();

    /** This run's model sidecars, each read once. */
    private ModelLoader.Sidecars sidecars = new ModelLoader.Sidecars();

    @Option(names = "--data", paramLabel = "PATH", description = "The test images: a CIFAR-10 binary folder or "
            + ".tar.gz, or an image folder with one subfolder per class (default: the bundled sample of 1,000 "
            + "validation images); as for analyze.")
    String data;

    @Option(names = "--split", paramLabel = "test|train|validation|all", converter = SplitConverter.class,
            description = "Which part of a CIFAR-10 release --data names (default: test); as for analyze.")
    Split split;

    @Option(names = TRAIN_DATA, paramLabel = "PATH", description = "The training data searched for near-duplicates "
            + "of the test images: a CIFAR-10 binary folder or .tar.gz (all its training batches, data_batch_1..5; "
            + "trainIndex is a record's position among them) or an image folder with one subfolder per class. "
            + "Records that are also test images (the same origin, such as the validation pile of the same archive) "
            + "are left out. Without it only the slices are searched.")
    String trainData;

    @Option(names = TRAIN_SPLIT, paramLabel = "all|train", description = "Which records of the release "
            + "--train-data names are searched: all (every training record, the default) or train (the 45,000 of "
            + "the standard split's training pile); only with --train-data a release.")
    String trainSplit;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DataAudit.DEFAULT_SEED, description = "The seed "
            + "of the random choices (the embedding clusters; default: ${DEFAULT-VALUE}); recorded in audit.json.")
    long seed;

    @Option(names = THRESHOLD, paramLabel = "D", description = "The largest distance at which a test image counts "
            + "as a suspected near-duplicate of a training image (or of another test image); default: the audit's "
            + "documented threshold, printed in the summary and recorded in audit.json.")
    Double threshold;

    @Option(names = FDR, paramLabel = "Q", defaultValue = "" + SliceFinder.DEFAULT_FDR, description = "The false "
            + "discovery rate at which slices are reported (Benjamini-Hochberg over every slice tried), above 0 and "
            + "below 1 (default: ${DEFAULT-VALUE}).")
    double fdr;

    @Option(names = MIN_SUPPORT, paramLabel = "N", defaultValue = "" + SliceFinder.DEFAULT_MIN_SUPPORT,
            description = "The fewest test images a slice tried holds, at least 1 (default: ${DEFAULT-VALUE}).")
    int minSupport;

    @Option(names = CLUSTERS, paramLabel = "K", defaultValue = "" + DataAudit.DEFAULT_CLUSTERS, description = "How "
            + "many clusters of the model's embedding the slices are searched over, at least 2 (default: "
            + "${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT, description = "The output folder "
            + "(default: ./${DEFAULT-VALUE}): absent, empty or an audit folder this tool wrote (it holds the marker "
            + "file " + OutputFolders.MARKER + "); any other folder is refused. Replaced only when complete.")
    String out;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public AuditCommand(Console console) {
        super(console);
    }

    /**
     * Runs the audit, writes its folder and prints the summary.
     *
     * @return {@value ExitCodes#PASSED}
     * @throws Exception bad input (exit {@value ExitCodes#BAD_INPUT}, through the error handler)
     */
    @Override
    public Integer call() throws Exception {
        sidecars = new ModelLoader.Sidecars();
        DataAudit.Settings settings = settings();
        boolean trainPile = trainPile();
        Path outFolder = Outputs.folder(console, "--out", out, AuditReport::checkFolder);
        Inputs.checkData(console, data, split);
        if (trainData != null) {
            Inputs.checkTrainingData(console, trainData, trainPile);
        }
        ModelLoader.Loaded loaded = ModelLoader.load(console, "--model", model, imports, null, null, false,
                sidecars);
        CifarModel cifarModel = loaded.model();
        TestData testData = Inputs.data(console, data, split, cifarModel.classNames());
        TestData training = trainData == null ? null
                : Inputs.trainingData(console, trainData, cifarModel.classNames(), trainPile);
        boolean quiet = common.quiet(console);
        ErrorAnalysis analysis = Inputs.analyse(cifarModel, testData, quiet, console);
        Path modelFile = BundledModels.names().contains(model) ? null : console.resolve(model);
        analysis = analysis.withProvenance(Reports.provenance(analysis, loaded.provenanceName(model), modelFile,
                testData.source()));
        Optional<DataAudit.Data> trainingData = Optional.ofNullable(training).map(t -> data(cifarModel, t));
        Progress progress = training == null ? Progress.NONE : ConsoleProgress.auditing(console, quiet,
                (long) testData.images().size() + training.images().size());
        Audit audit;
        try {
            audit = DataAudit.run(analysis, cifarModel.model(), data(cifarModel, testData), trainingData, settings,
                    progress);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--data " + testData.source() + (training == null ? ""
                    : " and " + TRAIN_DATA + " " + training.source()) + ": " + Messages.oneLine(e), e);
        } finally {
            progress.finished();
        }
        Path written;
        try {
            written = training == null
                    ? AuditReport.write(outFolder, analysis, audit, CifarEvidence.images(testData.images()),
                            ImageSource.none())
                    : AuditReport.write(outFolder, analysis, audit, CifarEvidence.images(testData.images()),
                            CifarEvidence.images(training.images()), training.images()::label);
        } catch (ForeignFolderException e) {
            throw Outputs.refused("--out", out, e);
        } catch (IOException e) {
            throw new BadInputException("--out " + out + ": " + Messages.oneLine(e), e);
        }
        PrintStream o = console.out();
        o.println(Formats.format("Audited %,d images of %s with model %s", analysis.examples(), testData.source(),
                model));
        summary(audit).forEach(o::println);
        o.println("audit written to " + written.resolve(AuditReport.JSON_FILE) + " (with " + String.join(", ",
                others(written)) + "; seed " + audit.seed() + ")");
        return ExitCodes.PASSED;
    }

    /**
     * Says the audit in a few lines: the near-duplicate half (or that it needs {@value #TRAIN_DATA}) and the slices.
     *
     * @param audit the audit
     * @return the lines
     */
    static List<String> summary(Audit audit) {
        List<String> lines = new java.util.ArrayList<>();
        if (audit.duplicates().isPresent()) {
            lines.addAll(duplicates(audit.duplicates().get()));
        } else {
            lines.add("near-duplicates: not searched; the near-duplicate half of the audit needs " + TRAIN_DATA
                    + " PATH (the training data)");
        }
        audit.slices().ifPresent(s -> lines.addAll(slices(s)));
        return lines;
    }

    /**
     * Says the near-duplicate half: the suspected count at the threshold, the records left out, the score effect,
     * the top pairs and the pairs within the test images.
     *
     * @param d the near-duplicate audit
     * @return the lines
     */
    static List<String> duplicates(DuplicateAudit d) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(Formats.format("near-duplicates: %,d of %,d test images within distance %s of a training image "
                + "(%,d training images searched; %,d left out: the same records as test images, same origin)",
                d.duplicates().size(), d.effect().examples(), distance(d.threshold()), d.trainingExamples(),
                d.trainingExcluded()));
        lines.add(d.effect().inWords());
        List<DuplicatePair> top = d.duplicates().subList(0, Math.min(SHOWN, d.duplicates().size()));
        if (!top.isEmpty()) {
            lines.add("the " + (top.size() == 1 ? "most suspect pair:" : top.size() + " most suspect pairs:"));
        }
        for (DuplicatePair p : top) {
            lines.add("  " + pair(p, "training"));
        }
        lines.add(Formats.format("within the test images: %,d near-duplicate %s at distance at most %s",
                d.withinTestDuplicates().size(), d.withinTestDuplicates().size() == 1 ? "pair" : "pairs",
                distance(d.threshold())));
        return lines;
    }

    /**
     * Says the slice half: how many slices were tried and found at the false discovery rate, and the top ones.
     *
     * @param s the slice search
     * @return the lines
     */
    static List<String> slices(SliceSearch s) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(Formats.format("slices: %,d tried, %,d found at FDR %s (at least %,d images each)", s.tried(),
                s.slices().size(), Formats.format("%s", s.fdr()), s.minSupport()));
        List<Slice> top = s.slices().subList(0, Math.min(SHOWN, s.slices().size()));
        for (int i = 0; i < top.size(); i++) {
            lines.add("  " + (i + 1) + ". " + top.get(i).inWords());
        }
        return lines;
    }

    /** A pair as {@code test #12 (data_batch_1.bin#5) ~ training #40 (data_batch_2.bin#7), distance 0.012}. */
    private static String pair(DuplicatePair p, String other) {
        return "test #" + p.index() + p.origin().map(s -> " (" + s + ")").orElse("") + " ~ " + other + " #"
                + p.otherIndex() + p.otherOrigin().map(s -> " (" + s + ")").orElse("") + ", distance "
                + distance(p.distance());
    }

    /** A distance, to four significant digits without trailing zeros ({@code 0.08}, {@code 0.003281}). */
    static String distance(double d) {
        if (d == 0 || !Double.isFinite(d)) {
            return Formats.format("%s", d == 0 ? 0 : d);
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The other files and folders written beside {@code audit.json}, sorted, folders with a slash. */
    private static List<String> others(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.getFileName().toString().equals(AuditReport.JSON_FILE))
                    .map(f -> f.getFileName() + (Files.isDirectory(f) ? "/" : "")).sorted().toList();
        }
    }

    /** One side of the audit: the pile as the model takes it, its images and its source. */
    static DataAudit.Data data(CifarModel model, TestData pile) {
        return new DataAudit.Data(CifarEvidence.inputs(pile.images(), model.normalization()),
                CifarEvidence.images(pile.images()), pile.source());
    }

    /** The audit's settings from the options; a value out of range is refused in one line naming it. */
    private DataAudit.Settings settings() {
        if (threshold != null && (!(threshold >= 0) || threshold.isInfinite())) {
            throw new BadInputException(typed(THRESHOLD, spec) + ": give a distance, a finite "
                    + "number of at least 0");
        }
        if (!(fdr > 0 && fdr < 1)) {
            throw new BadInputException(typed(FDR, spec) + ": give a false discovery rate above 0 and "
                    + "below 1, such as 0.05");
        }
        if (minSupport < 1) {
            throw new BadInputException(MIN_SUPPORT + " " + minSupport + ": give the fewest images of a slice, at "
                    + "least 1");
        }
        if (clusters < 2) {
            throw new BadInputException(CLUSTERS + " " + clusters + ": give a number of embedding clusters of at "
                    + "least 2");
        }
        if (threshold != null && trainData == null) {
            throw new BadInputException(typed(THRESHOLD, spec) + " applies only with "
                    + TRAIN_DATA + " PATH (the training data searched for near-duplicates)");
        }
        return new DataAudit.Settings(seed, threshold == null ? Double.NaN : threshold, clusters,
                new SliceFinder.Settings(fdr, minSupport, SliceFinder.Settings.DEFAULTS.level()));
    }

    /**
     * Gives an option with its value as typed, for messages.
     *
     * @param option the option
     * @param spec the command's spec, with its parse result
     * @return for example {@code "--fdr 0"}
     */
    static String typed(String option, CommandSpec spec) {
        var parsed = spec.commandLine().getParseResult();
        return option + " " + (parsed.hasMatchedOption(option) ? parsed.matchedOption(option).stringValues().get(0)
                : String.valueOf(spec.findOption(option).getValue()));
    }

    /** Whether {@value #TRAIN_SPLIT} asks for the standard split's training pile; refused without training data. */
    private boolean trainPile() {
        if (trainSplit == null) {
            return false;
        }
        if (trainData == null) {
            throw new BadInputException(TRAIN_SPLIT + " " + trainSplit + " applies only with " + TRAIN_DATA
                    + " PATH (a CIFAR-10 release whose training records are searched)");
        }
        if (!trainSplit.equals("all") && !trainSplit.equals("train")) {
            throw new BadInputException(TRAIN_SPLIT + " " + trainSplit + ": give all (every training record of the "
                    + "release, the default) or train (the 45,000 of the standard split's training pile)");
        }
        return trainSplit.equals("train");
    }
}
