package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.Fingerprints;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.RobustnessComparison;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.corruption.CorruptedData;
import io.github.erroranalysis.corruption.Corruption;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.QualityGate;
import io.github.erroranalysis.gate.RobustnessGates;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.report.CorruptedImages;
import io.github.erroranalysis.report.RobustnessReport;
import io.github.erroranalysis.robustness.RobustnessSuite;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cifar-errors robustness}: a model (and a second one to compare) under the CIFAR-10-C corruptions
 * ({@link RobustnessSuite}, cifar-robustness): the accuracy of every corruption × severity with intervals, the mean
 * corruption accuracy over the 15 standard corruptions (the extras apart), the relative drop, the worst corruption,
 * and with {@code --model-b} the difference B − A per corruption with McNemar per cell; written by the report
 * module's {@link RobustnessReport} as {@code robustness.json}, {@code robustness.md}, {@code robustness.html} and
 * figures; the gates judge {@code --model}.
 */
@Command(name = "robustness", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a model (--model A, and --model-b B to compare) under the CIFAR-10-C corruptions: "
                + "accuracy per corruption and severity with intervals, the mean over the 15 standard corruptions "
                + "(the 4 extras apart), the relative drop, the worst corruption, and B - A with McNemar per cell.",
            "Writes robustness.json, robustness.md, robustness.html and figures to --out and prints a summary.",
            "Exit code 0 when every gate passes, 1 when a gate fails, 2 for bad input or usage."})
public final class RobustnessCommand extends ConsoleCommand {

    /** The output folder when {@code --out} is not given. */
    public static final String DEFAULT_OUT = "robustness";
    /** The gate on one corruption's accuracy (mean over severities). */
    public static final String MIN_CORRUPTION_ACCURACY = "--min-corruption-accuracy";
    /** The gate on the mean over the 15 standard corruptions. */
    public static final String MIN_MEAN_CORRUPTION_ACCURACY = "--min-mean-corruption-accuracy";

    @Option(names = "--model", paramLabel = "baseline|augmented|FILE", defaultValue = BundledModels.BASELINE,
            description = "The model the gates judge (default: ${DEFAULT-VALUE}): a bundled model, a saved model "
                    + "file, or a Keras or ONNX model (imported with the import options and its sidecar FILE.json).")
    String model;

    @Option(names = "--model-b", paramLabel = "baseline|augmented|FILE", description = "A second model to compare "
            + "(B - A per corruption, McNemar per cell); an imported one takes its sidecar FILE.json or the defaults.")
    String modelB;

    /** The options of an imported {@code --model}. */
    @Mixin
    ImportOptionsMixin imports = new ImportOptionsMixin();

    /** This run's model sidecars, each read once. */
    private ModelLoader.Sidecars sidecars = new ModelLoader.Sidecars();

    @Option(names = "--data", paramLabel = "PATH", description = "The clean test images (default: the bundled "
            + "sample of 1,000 validation images); as for analyze.")
    String data;

    @Option(names = "--split", paramLabel = "test|train|validation|all", converter = SplitConverter.class,
            description = "Which part of a CIFAR-10 release --data names (default: test; all: every record of "
                    + "every batch, such as a folder corrupt wrote).")
    Split split;

    @Option(names = "--corruptions", paramLabel = "all|standard|extra|NAME,...", defaultValue = "all",
            description = "The corruptions (default: ${DEFAULT-VALUE}, the 15 standard and 4 extra of CIFAR-10-C).")
    String corruptions;

    @Option(names = "--severities", paramLabel = "1-5|3|1,3,5", defaultValue = "1-5", description = "The "
            + "severities (default: ${DEFAULT-VALUE}).")
    String severities;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "The seed of every random "
            + "corruption (default: ${DEFAULT-VALUE}); recorded in the provenance.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DEFAULT_OUT, description = "The output folder "
            + "(default: ./${DEFAULT-VALUE}): absent, empty or a robustness folder this tool wrote (it holds the "
            + "marker file " + OutputFolders.MARKER + "); any other folder is refused. Replaced only when complete.")
    String out;

    @Option(names = MIN_CORRUPTION_ACCURACY, paramLabel = "NAME=X", description = "Gate: the accuracy under "
            + "corruption NAME, the mean over its severities, at least X; repeatable.")
    List<String> minCorruptionAccuracy = new ArrayList<>();

    @Option(names = MIN_MEAN_CORRUPTION_ACCURACY, paramLabel = "X", description = "Gate: the mean corruption "
            + "accuracy over the standard corruptions (as RobustBench reports it) at least X.")
    Double minMeanCorruptionAccuracy;

    @Option(names = "--gate-on-lower-bound", description = "Gates compare the 95 %% interval's lower bound instead "
            + "of the estimate.")
    boolean gateOnLowerBound;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public RobustnessCommand(Console console) {
        super(console);
    }

    /**
     * Runs the suite, writes the report, prints the summary and checks the gates.
     *
     * @return {@value ExitCodes#PASSED} or {@value ExitCodes#GATE_FAILED}
     * @throws Exception bad input (exit {@value ExitCodes#BAD_INPUT}, through the error handler)
     */
    @Override
    public Integer call() throws Exception {
        sidecars = new ModelLoader.Sidecars();
        List<Corruption> chosen = CorruptionOptions.corruptions(corruptions);
        List<Integer> levels = CorruptionOptions.severities(severities);
        List<QualityGate> gates = gates(chosen);
        Path outFolder = Outputs.folder(console, "--out", out, RobustnessReport::checkFolder);
        Inputs.checkData(console, data, split);
        ModelLoader.Loaded loadedA = ModelLoader.load(console, "--model", model, imports, null, null, false,
                sidecars);
        ModelLoader.Loaded loadedB = modelB == null ? null : ModelLoader.load(console, "--model-b", modelB, null,
                null, null, false, sidecars);
        CifarModel a = loadedA.model();
        if (loadedB != null && sameModel(loadedA, loadedB)) {
            console.err().println(CifarErrors.NAME + " robustness: warning: --model-b " + modelB + " is the same "
                    + "model as --model " + model + " (same file, name or fingerprint); B - A will be 0");
        }
        if (loadedB != null && !loadedB.model().classNames().equals(a.classNames())) {
            throw new BadInputException("--model-b " + modelB + " has the classes " + loadedB.model().classNames()
                    + " but --model " + model + " has " + a.classNames());
        }
        TestData testData = Inputs.data(console, data, split, a.classNames());
        CifarDataset images = testData.images();
        RobustnessSuite.Settings settings = new RobustnessSuite.Settings(chosen, levels, seed);
        List<CifarModel> models = loadedB == null ? List.of(a) : List.of(a, loadedB.model());
        Progress progress = ConsoleProgress.corrupting(console, common.quiet(console), settings.cells());
        AtomicLong done = new AtomicLong();
        List<Robustness> studies;
        try {
            studies = RobustnessSuite.run(models, images, settings,
                    cell -> progress.examplesDone(done.incrementAndGet(), settings.cells()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--data " + testData.source() + ": " + Messages.oneLine(e), e);
        } finally {
            progress.finished();
        }
        String dataFingerprint = Fingerprints.PREFIX + images.fingerprint();
        Robustness studyA = studies.get(0).withProvenance(provenance(studies.get(0), loadedA, model, testData,
                dataFingerprint));
        RobustnessComparison comparison = null;
        if (loadedB != null) {
            Robustness studyB = studies.get(1).withProvenance(provenance(studies.get(1), loadedB, modelB, testData,
                    dataFingerprint));
            comparison = studyA.compareWith(studyB);
        }
        List<GateResult> results;
        try {
            results = RobustnessGates.evaluate(studyA, gates);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(Messages.oneLine(e), e);
        }
        RobustnessReport.Builder builder = RobustnessReport.builder(studyA).name(model)
                .images(images(images, seed));
        if (comparison != null) {
            builder.comparison(comparison, modelB);
        }
        if (!gates.isEmpty()) {
            builder.gates(results);
        }
        RobustnessReport report = builder.build();
        Path written;
        try {
            written = report.writeTo(outFolder);
        } catch (ForeignFolderException e) {
            throw Outputs.refused("--out", out, e);
        }
        var o = console.out();
        o.println(RobustnessReport.summary(studyA, model, 0.95));
        if (comparison != null) {
            o.println(RobustnessReport.summary(comparison.b(), modelB, 0.95));
            o.println(RobustnessReport.verdict(comparison, model, modelB, comparison.level()));
        }
        o.println("robustness report written to " + written.resolve(RobustnessReport.HTML_FILE) + " (with "
                + RobustnessReport.MARKDOWN_FILE + ", " + RobustnessReport.JSON_FILE + " and "
                + report.figureNames().size() + " figures; " + settings.cells() + (settings.cells() == 1 ? " cell"
                : " cells") + " of " + images.size()
                + " images, corruption seed " + seed + ")");
        results.forEach(r -> o.println("gate " + r));
        long failed = results.stream().filter(r -> !r.passed()).count();
        if (failed > 0) {
            console.err().println(CifarErrors.NAME + " robustness: " + failed + " of " + results.size()
                    + " quality gates failed");
            return ExitCodes.GATE_FAILED;
        }
        return ExitCodes.PASSED;
    }

    /** The gates as typed, each named by its option and value; a corruption not studied is refused. */
    private List<QualityGate> gates(List<Corruption> chosen) {
        List<QualityGate> out = new ArrayList<>();
        for (String typed : minCorruptionAccuracy) {
            int eq = typed.indexOf('=');
            if (eq <= 0 || eq == typed.length() - 1 || typed.indexOf('=', eq + 1) >= 0) {
                throw new BadInputException(MIN_CORRUPTION_ACCURACY + " " + typed + ": expected NAME=X (one "
                        + "corruption, one '=' and one accuracy), such as fog=0.5");
            }
            Corruption c = CorruptionOptions.corruption(MIN_CORRUPTION_ACCURACY, typed.substring(0, eq));
            if (!chosen.contains(c)) {
                throw new BadInputException(MIN_CORRUPTION_ACCURACY + " " + typed + ": " + c.id() + " is not among "
                        + "--corruptions " + corruptions);
            }
            double x = fraction(MIN_CORRUPTION_ACCURACY + " " + typed, typed.substring(eq + 1));
            out.add(judged(QualityGate.corruptionAccuracyAtLeast(c.id(), x).named(MIN_CORRUPTION_ACCURACY + " "
                    + c.id() + "=" + typed.substring(eq + 1).strip())));
        }
        if (minMeanCorruptionAccuracy != null) {
            if (chosen.stream().noneMatch(Corruption::standard)) {
                throw new BadInputException(MIN_MEAN_CORRUPTION_ACCURACY + " judges the mean over the standard "
                        + "corruptions, but --corruptions " + corruptions + " has none");
            }
            double x = fraction(MIN_MEAN_CORRUPTION_ACCURACY + " " + minMeanCorruptionAccuracy,
                    Double.toString(minMeanCorruptionAccuracy));
            out.add(judged(QualityGate.meanCorruptionAccuracyAtLeast(x).named(MIN_MEAN_CORRUPTION_ACCURACY + " "
                    + Inputs.format(x))));
        }
        return out;
    }

    /** Whether the two options name one model: the same bundled name or file, or files of the same SHA-256. */
    private boolean sameModel(ModelLoader.Loaded a, ModelLoader.Loaded b) throws java.io.IOException {
        if (a.file() == null || b.file() == null) {
            return a.file() == null && b.file() == null && model.equals(modelB);
        }
        return a.file().toRealPath().equals(b.file().toRealPath())
                || Fingerprints.ofFile(a.file()).equals(Fingerprints.ofFile(b.file()));
    }

    private QualityGate judged(QualityGate gate) {
        return gateOnLowerBound ? gate.onPessimisticBound() : gate;
    }

    /** A threshold as typed: a number from 0 to 1. */
    private static double fraction(String what, String number) {
        double x;
        try {
            x = Double.parseDouble(number.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(what + ": '" + number.strip() + "' is not a number");
        }
        if (!(x >= 0 && x <= 1)) {
            throw new BadInputException(what + ": an accuracy is a fraction from 0 to 1, but is " + number.strip());
        }
        return x;
    }

    /** The provenance analyze writes: the model as typed with its file's SHA-256, the data and its fingerprint. */
    private Provenance provenance(Robustness study, ModelLoader.Loaded loaded, String given, TestData testData,
            String dataFingerprint) throws java.io.IOException {
        Path file = BundledModels.names().contains(given) ? null : console.resolve(given);
        return Reports.provenance(study.clean(), loaded.provenanceName(given), file, testData.source())
                .withData(testData.source(), dataFingerprint);
    }

    /** The grid's images: the clean one at severity 0, else corrupted exactly as the suite corrupted it. */
    static CorruptedImages images(CifarDataset data, long seed) {
        return (corruption, severity, example) -> {
            if (example < 0 || example >= data.size()) {
                return Optional.empty();
            }
            if (severity == 0) {
                return Optional.of(data.image(example));
            }
            byte[] pixels = CorruptedData.corruptOne(data, example, Corruption.byName(corruption), severity, seed);
            return Optional.of(image(data, example, pixels));
        };
    }

    /** Planar RGB bytes as an image, through the data set's own conversion. */
    private static BufferedImage image(CifarDataset data, int example, byte[] pixels) {
        return CifarDataset.of(List.of(pixels), new int[] {data.label(example)}, List.of(data.origin(example)),
                data.classNames()).image(0);
    }
}
