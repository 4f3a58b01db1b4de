package io.github.erroranalysis.report;

import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.Calibration;
import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ClassScores;
import io.github.erroranalysis.ConfidenceBand;
import io.github.erroranalysis.ConfidenceBands;
import io.github.erroranalysis.ConfusedPair;
import io.github.erroranalysis.ConfusionMatrix;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.HardestClass;
import io.github.erroranalysis.PrecisionRecallF1;
import io.github.erroranalysis.WrongPrediction;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.Flip;
import io.github.erroranalysis.FlippedExample;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.OutputFolders;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The course's Step 5 error report, filled in from an analysis: the wrong predictions inspected, the hardest class
 * and one reason it may be hard, confident-wrong against low-confidence-wrong, suspected label issues,
 * calibration and provenance, with figures. One immutable model, rendered three ways: Markdown (figures beside
 * it), one self-contained HTML file and versioned JSON; {@link #writeTo(Path)} writes all three atomically.
 *
 * <p>Build one with {@code ErrorReport.builder(analysis).images(source).provenance(p).build()}. Every figure is
 * drawn once, when the report is built, and is at most {@value Figures#MAX_WIDTH} × {@value Figures#MAX_HEIGHT}
 * pixels whatever the number of classes: with more than {@value Figures#MAX_CLASSES_DRAWN} classes the class-by-class
 * figures draw the {@value Figures#MAX_CLASSES_DRAWN} that matter most and their captions say which, while the
 * tables and the JSON keep every class.
 */
public final class ErrorReport {

    /** Version of the report JSON ({@code schemaVersion}); see the module's REPORT.md. */
    public static final int SCHEMA_VERSION = 1;

    /** The folder, inside a written report, that holds the figures as PNG files. */
    public static final String FIGURE_FOLDER = "figures";

    /** The Markdown file of a written report. */
    public static final String MARKDOWN_FILE = "report.md";

    /** The HTML file of a written report. */
    public static final String HTML_FILE = "report.html";

    /** The JSON file of a written report. */
    public static final String JSON_FILE = "report.json";

    /** What a report folder is called in messages. */
    public static final String FOLDER_KIND = "report folder";

    /** The schema version of the reports written before the marker file, which count as reports. */
    static final int UNMARKED_SCHEMA_VERSION = 1;

    /** The largest {@value #JSON_FILE} read to tell a report written before the marker file from other files. */
    static final long EARLIER_JSON_LIMIT = 256L << 20;

    private static final JsonFactory EARLIER_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The default title. */
    public static final String DEFAULT_TITLE = "Error analysis report";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReport.class);

    private final ErrorAnalysis analysis;
    private final String title;
    private final Optional<Provenance> provenance;
    private final List<TrainingEpoch> history;
    private final ReportStatistics statistics;
    private final List<Block> blocks;
    private final Map<String, byte[]> figures;
    private final List<Integer> missingImages;
    private final Optional<Comparison> comparison;
    private final List<Occlusions> occlusions;

    /** A second model compared on the same test set: the reported analysis is the baseline. */
    record Comparison(String baselineName, ErrorAnalysis candidate, String candidateName, ModelComparison result) {
    }

    /** An occlusion map of one example. */
    record Occlusions(int example, OcclusionMap map) {
    }

    private ErrorReport(Builder b) {
        this.analysis = b.analysis;
        this.title = b.title;
        this.provenance = Optional.ofNullable(b.provenance);
        this.history = List.copyOf(b.history);
        this.statistics = ReportStatistics.of(b.analysis, Optional.ofNullable(b.statistics));
        this.comparison = Optional.ofNullable(b.comparison);
        this.occlusions = List.copyOf(b.occlusions);
        Assembly assembly = new Assembly(b.images, b.perGrid);
        this.blocks = List.copyOf(assembly.build());
        this.figures = java.util.Collections.unmodifiableMap(assembly.figures);
        this.missingImages = List.copyOf(assembly.missing);
    }

    /**
     * Starts a report of an analysis.
     *
     * @param analysis the analysis to report
     * @return a builder for the optional parts
     */
    public static Builder builder(ErrorAnalysis analysis) {
        return new Builder(analysis);
    }

    /**
     * Gives the analysis reported.
     *
     * @return the analysis
     */
    public ErrorAnalysis analysis() {
        return analysis;
    }

    /**
     * Gives the report's title.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * Gives the provenance given to the report.
     *
     * @return the provenance, if one was given
     */
    public Optional<Provenance> provenance() {
        return provenance;
    }

    /**
     * Gives the names of the figures, each written as {@code figures/<name>.png}, in the order they appear.
     *
     * @return the figure names
     */
    public List<String> figureNames() {
        return List.copyOf(figures.keySet());
    }

    /**
     * Gives one figure as PNG bytes.
     *
     * @param name a name from {@link #figureNames()}
     * @return a fresh copy of the PNG bytes
     */
    public byte[] figurePng(String name) {
        byte[] png = figures.get(name);
        if (png == null) {
            throw new IllegalArgumentException("the report has no figure named '" + name + "'; it has " + figures.keySet());
        }
        return png.clone();
    }

    /**
     * Gives the examples shown in the report whose image the image source could not give (drawn as placeholders).
     *
     * @return example indexes, increasing
     */
    public List<Integer> missingImages() {
        return missingImages;
    }

    /**
     * Renders the report as Markdown; figures are linked as {@code figures/<name>.png} beside it.
     *
     * @return the Markdown text
     */
    public String toMarkdown() {
        return MarkdownRenderer.render(blocks);
    }

    /**
     * Renders the report as one self-contained HTML file: figures inlined as {@code data:} URIs, no scripts, no
     * network access.
     *
     * @return the HTML text
     */
    public String toHtml() {
        return HtmlRenderer.render(title, blocks, figures);
    }

    /**
     * Renders the report as JSON ({@code schemaVersion} {@value #SCHEMA_VERSION}, camelCase keys, {@code null} for
     * undefined values), as documented in the module's REPORT.md.
     *
     * @return the JSON text
     */
    public String toJson() {
        return ReportJson.write(this);
    }

    /**
     * Writes the report folder: {@value #MARKDOWN_FILE}, {@value #HTML_FILE}, {@value #JSON_FILE}, the figures under
     * {@value #FIGURE_FOLDER} and the marker file {@value OutputFolders#MARKER}, which lists them. An existing folder
     * is replaced only when it is empty or a report: it holds the marker and nothing the marker does not list, or it
     * is a report written before the marker (nothing but {@value #MARKDOWN_FILE}, {@value #HTML_FILE},
     * {@value #JSON_FILE} with {@code "schemaVersion": 1}, and PNG files in {@value #FIGURE_FOLDER}). A folder of
     * other files, or a report to which the user added files, is refused and left untouched. The new
     * report is staged completely in a hidden sibling, forced to disk and renamed in, so that after a crash or
     * {@code kill -9} the folder holds the complete old report or the complete new one (see {@link OutputFolders}
     * for the one instant between two renames and how the next write repairs it).
     *
     * @param folder the report folder to create or replace
     * @return the absolute path of the written folder
     * @throws ForeignFolderException if the folder holds files that are not a report; nothing is written
     * @throws IOException if the folder is a file, the root or the working folder, its parent is not writable, or
     *                     writing fails; then nothing is written and an existing report is kept
     */
    public Path writeTo(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(MARKDOWN_FILE, toMarkdown().getBytes(StandardCharsets.UTF_8));
        files.put(HTML_FILE, toHtml().getBytes(StandardCharsets.UTF_8));
        files.put(JSON_FILE, toJson().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> f : figures.entrySet()) {
            files.put(FIGURE_FOLDER + "/" + f.getKey() + ".png", f.getValue());
        }
        return OutputFolders.replace(folder, FOLDER_KIND, files, ErrorReport::isEarlierReport);
    }

    /**
     * Checks, changing nothing, that {@link #writeTo(Path)} may write a folder: it is absent, empty or a report.
     *
     * @param folder the report folder to be written
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds files that are not a report
     * @throws IOException if the folder is a file, the root or the working folder
     */
    public static Path checkFolder(Path folder) throws IOException {
        return OutputFolders.check(folder, FOLDER_KIND, ErrorReport::isEarlierReport);
    }

    /**
     * Checks, changing nothing, that {@link #writeTo(Path)} may write a folder for a caller whose working folder is
     * not the process's (a command line run in a given folder): it is absent, empty or a report, and it is not that
     * working folder or a folder holding it.
     *
     * @param folder the report folder to be written, resolved against {@code workingFolder} if relative
     * @param workingFolder the caller's working folder
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds files that are not a report
     * @throws IOException if the folder is a file, the root, the working folder or a folder holding it
     */
    public static Path checkFolder(Path folder, Path workingFolder) throws IOException {
        return OutputFolders.check(folder, FOLDER_KIND, ErrorReport::isEarlierReport, workingFolder);
    }

    /**
     * A report written before the marker file: nothing but what such a report held ({@value #MARKDOWN_FILE},
     * {@value #HTML_FILE}, {@value #JSON_FILE}, PNG files in {@value #FIGURE_FOLDER}), its {@value #JSON_FILE} one
     * JSON object declaring {@code "schemaVersion": 1}.
     */
    static boolean isEarlierReport(Path folder) {
        return OutputFolders.holdsOnly(folder, ErrorReport::isEarlierReportFile)
                && declaresUnmarkedVersion(folder.resolve(JSON_FILE));
    }

    /** A file name (relative, folders ending in {@code /}) that a report written before the marker file held. */
    private static boolean isEarlierReportFile(String name) {
        String figures = FIGURE_FOLDER + "/";
        return name.equals(MARKDOWN_FILE) || name.equals(HTML_FILE) || name.equals(JSON_FILE) || name.equals(figures)
                || name.startsWith(figures) && name.endsWith(".png") && name.length() > figures.length() + 4
                        && name.indexOf('/', figures.length()) < 0;
    }

    /**
     * Whether a file is one JSON object (at most {@value #EARLIER_JSON_LIMIT} bytes, no duplicate keys) whose
     * {@code schemaVersion} is the integer {@value #UNMARKED_SCHEMA_VERSION}; false for anything else, never an
     * exception.
     */
    static boolean declaresUnmarkedVersion(Path json) {
        try {
            if (!Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS) || Files.size(json) > EARLIER_JSON_LIMIT) {
                return false;
            }
            try (InputStream in = Files.newInputStream(json); JsonParser p = EARLIER_JSON.createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return false;
                }
                boolean declared = false;
                JsonToken t = p.nextToken();
                for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.getCurrentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("schemaVersion")) {
                        declared = value == JsonToken.VALUE_NUMBER_INT
                                && p.getNumberType() == JsonParser.NumberType.INT
                                && p.getIntValue() == UNMARKED_SCHEMA_VERSION;
                    } else {
                        p.skipChildren();
                    }
                }
                return declared && t == JsonToken.END_OBJECT && p.nextToken() == null;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} is not a report's JSON: {}", json, e.toString());
            return false;
        }
    }

    // ---------------------------------------------------------------- package-private views for the JSON writer

    List<TrainingEpoch> history() {
        return history;
    }

    ReportStatistics statistics() {
        return statistics;
    }

    Optional<Comparison> comparison() {
        return comparison;
    }

    List<Occlusions> occlusions() {
        return occlusions;
    }

    /** The largest off-diagonal cell of the hardest class's row (lowest predicted index on ties), if any. */
    Optional<ConfusedPair> hardestPair() {
        int h = analysis.hardest().index();
        ConfusionMatrix m = analysis.confusion();
        int best = -1;
        for (int p = 0; p < m.classCount(); p++) {
            if (p != h && m.count(h, p) > 0 && (best < 0 || m.count(h, p) > m.count(h, best))) {
                best = p;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        List<String> names = analysis.classNames();
        return Optional.of(new ConfusedPair(h, names.get(h), best, names.get(best), m.count(h, best),
                (double) m.count(h, best) / m.support(h)));
    }

    /**
     * The figure name of an occlusion map: {@code occlusion-<example>-class-<index>[-<name>]}, where the name is
     * the class name in lower case with every run of characters other than {@code a-z 0-9} replaced by one
     * {@code -} and cut to 40 characters (left out when nothing remains); the class index keeps two classes whose
     * names look alike apart, so two maps of one example (say for the predicted and the true class) are two files.
     */
    static String occlusionFigureName(int example, int classIndex, String className) {
        StringBuilder slug = new StringBuilder();
        for (char ch : className.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                slug.append(ch);
            } else if (slug.length() > 0 && slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
        }
        String s = slug.length() > 40 ? slug.substring(0, 40) : slug.toString();
        while (s.endsWith("-")) {
            s = s.substring(0, s.length() - 1);
        }
        return "occlusion-" + example + "-class-" + classIndex + (s.isEmpty() ? "" : "-" + s);
    }

    static List<Integer> topK(int classes) {
        List<Integer> ks = new ArrayList<>();
        for (int k : new int[] {1, 3, 5}) {
            if (k <= classes) {
                ks.add(k);
            }
        }
        return ks;
    }

    // ---------------------------------------------------------------- the document

    /** Draws the figures and lays out the blocks, noting which images were missing. */
    private final class Assembly {

        private final ImageSource images;
        private final int perGrid;
        private final Map<Integer, Optional<BufferedImage>> imageCache = new HashMap<>();
        private final Map<String, byte[]> figures = new LinkedHashMap<>();
        private final TreeSet<Integer> missing = new TreeSet<>();
        private final List<Block> out = new ArrayList<>();
        private final List<String> names = analysis.classNames();

        Assembly(ImageSource images, int perGrid) {
            this.images = images;
            this.perGrid = perGrid;
        }

        private Optional<BufferedImage> image(int example) {
            return imageCache.computeIfAbsent(example, i -> {
                Optional<BufferedImage> image;
                try {
                    image = Objects.requireNonNullElse(images.image(i, analysis.origin(i)), Optional.empty());
                } catch (RuntimeException e) {
                    LOG.warn("the image of example {} could not be read: {}", i, e.toString());
                    image = Optional.empty();
                }
                if (image.isEmpty()) {
                    missing.add(i);
                }
                return image;
            });
        }

        private void figure(String name, BufferedImage image, String caption) {
            figures.put(name, Figures.png(Figures.fit(image)));
            out.add(new Block.Figure(name, caption));
        }

        private void grid(String name, List<Integer> examples, String caption) {
            figure(name, ExampleGridPainter.paint(Figures.tiles(analysis, examples, this::image)), caption);
        }

        private void heading(int level, String text) {
            out.add(new Block.Heading(level, text));
        }

        private void paragraph(String text) {
            out.add(new Block.Paragraph(text));
        }

        private List<String> exampleRow(int i) {
            return List.of(Integer.toString(i), analysis.origin(i).orElse(""), names.get(analysis.predictedClass(i)),
                    names.get(analysis.trueClass(i)), Formats.percentOneDecimal(analysis.confidence(i)));
        }

        private Block.Table exampleTable(List<Integer> examples) {
            return new Block.Table(List.of("example", "origin", "predicted", "true", "confidence"),
                    examples.stream().map(this::exampleRow).toList());
        }

        List<Block> build() {
            heading(1, title);
            summary();
            inspected();
            hardest();
            confidentAgainstUnsure();
            labelIssues();
            calibration();
            confusion();
            if (!history.isEmpty()) {
                heading(2, "Training history");
                figure("training-history", Figures.trainingHistory(history),
                        "Loss and accuracy per epoch, train against validation");
            }
            comparison.ifPresent(this::comparison);
            occlusionMaps();
            missingImages();
            provenance();
            return out;
        }

        private void summary() {
            int n = analysis.examples();
            paragraph(Formats.format("%d examples of %d classes; accuracy %s (%d right, %d wrong).", n,
                    analysis.classCount(), Formats.ratio(analysis.accuracy()), analysis.correct(),
                    n - analysis.correct()));
            List<List<String>> rows = new ArrayList<>();
            for (int k : topK(analysis.classCount())) {
                rows.add(List.of(Integer.toString(k), Formats.ratio(analysis.topKAccuracy(k))));
            }
            out.add(new Block.Table(List.of("k", "top-k accuracy"), rows));
        }

        private void inspected() {
            heading(2, "Wrong predictions inspected");
            List<Integer> first = ExamplePicks.firstWrong(analysis, perGrid);
            if (first.isEmpty()) {
                paragraph("The model made no wrong predictions: there is nothing to inspect.");
                return;
            }
            paragraph(Formats.format("The first %d of %d wrong predictions, by example index.", first.size(),
                    analysis.wrong().size()));
            grid("wrong-first", first, "The first wrong predictions: predicted, true class and confidence");
            out.add(exampleTable(first));
            List<Integer> confident = ExamplePicks.mostConfidentWrong(analysis, perGrid);
            grid("wrong-most-confident", confident, "The most confident wrong predictions");
            List<Integer> unsure = ExamplePicks.leastConfidentWrong(analysis, perGrid);
            grid("wrong-least-confident", unsure, "The least confident wrong predictions");
        }

        private void hardest() {
            heading(2, "Hardest class");
            HardestClass h = analysis.hardest();
            paragraph(Formats.format("%s: accuracy %s (%d of %d right), %s interval [%s, %s].",
                    statistics.hardest().verdict(), Formats.ratio(h.accuracy()), h.correct(), h.support(),
                    statistics.intervalMethod(), Formats.ratio(statistics.low(h.index())),
                    Formats.ratio(statistics.high(h.index()))));
            paragraph(statistics.hardest().toString() + ".");
            perClassTable();
            double[] low = new double[analysis.classCount()];
            double[] high = new double[analysis.classCount()];
            for (int c = 0; c < low.length; c++) {
                low[c] = statistics.low(c);
                high[c] = statistics.high(c);
            }
            String whiskers = "whiskers: " + statistics.intervalMethod() + " intervals; hardest class in red";
            int classes = analysis.classCount();
            figure("per-class-accuracy", Figures.perClassAccuracy(analysis, low, high, whiskers),
                    "Per-class accuracy, " + whiskers + (classes > Figures.MAX_CLASSES_DRAWN
                            ? "; " + Figures.lowestAccuracyNote(classes) + ", lowest first" : ""));
            heading(3, "One reason this class may be hard");
            Optional<ConfusedPair> pair = hardestPair();
            if (pair.isEmpty()) {
                paragraph(h.name() + " is never predicted as another class.");
            } else {
                ConfusedPair p = pair.get();
                paragraph(Formats.format("%s is most often mistaken for %s: %d of its %d examples (%s).",
                        p.trueClassName(), p.predictedClassName(), p.count(), h.support(),
                        Formats.percentOneDecimal(p.shareOfTrueClass())));
                grid("hardest-pair", ExamplePicks.wrongOfPair(analysis, p.trueClass(), p.predictedClass(), perGrid),
                        p.trueClassName() + " predicted as " + p.predictedClassName());
            }
            List<Integer> check = ExamplePicks.correctNextToWrong(analysis, h.index());
            paragraph("The evidence check: the most confident right prediction of " + h.name()
                    + " next to its most confident wrong one.");
            grid("hardest-right-vs-wrong", check, "One right next to one wrong prediction of " + h.name());
        }

        private void perClassTable() {
            PrecisionRecallF1 scores = analysis.precisionRecallF1();
            List<String> header = List.of("class", "support", "accuracy", "ci low", "ci high", "precision", "recall",
                    "f1");
            List<List<String>> rows = new ArrayList<>();
            for (ClassAccuracy a : analysis.perClassAccuracy().classes()) {
                ClassScores s = scores.perClass().get(a.classIndex());
                rows.add(List.of(a.className(), Long.toString(a.support()), Formats.ratio(a.accuracy()),
                        Formats.ratio(statistics.low(a.classIndex())), Formats.ratio(statistics.high(a.classIndex())),
                        Formats.ratio(s.precision()), Formats.ratio(s.recall()), Formats.ratio(s.f1())));
            }
            out.add(new Block.Table(header, rows));
        }

        private void confidentAgainstUnsure() {
            heading(2, "Confident wrong against low-confidence wrong");
            ConfidenceBands bands = analysis.confidenceBands();
            List<List<String>> rows = new ArrayList<>();
            for (ConfidenceBand b : bands.bands()) {
                rows.add(List.of(Formats.format("[%.1f, %.1f%s", b.lower(), b.upper(), b.upper() >= 1 ? "]" : ")"),
                        Long.toString(b.predictions()), Long.toString(b.wrong()), Formats.percentOneDecimal(b.errorRate())));
            }
            out.add(new Block.Table(List.of("confidence", "predictions", "wrong", "error rate"), rows));
            List<Integer> pair = new ArrayList<>();
            bands.mostConfidentWrong().map(WrongPrediction::index).ifPresent(pair::add);
            bands.leastConfidentWrong().map(WrongPrediction::index).ifPresent(pair::add);
            if (pair.isEmpty()) {
                paragraph("There are no wrong predictions to compare.");
                return;
            }
            paragraph("The most confident wrong prediction next to the least confident one: a confident mistake is "
                    + "the more dangerous, because nothing flags it for review.");
            grid("confident-vs-unsure", pair, "Confident wrong (left) against low-confidence wrong (right)");
        }

        private void labelIssues() {
            heading(2, "Suspected label issues");
            List<ReportStatistics.LabelIssue> issues = statistics.labelIssues();
            if (issues.isEmpty()) {
                paragraph("No wrong prediction looks like a label issue.");
                return;
            }
            List<ReportStatistics.LabelIssue> shown = issues.subList(0, Math.min(10, issues.size()));
            paragraph(Formats.format("%d wrong predictions look like label issues; the %d most suspect:", issues.size(),
                    shown.size()));
            out.add(new Block.Table(List.of("example", "given class", "suggested class", "score"), shown.stream()
                    .map(i -> List.of(Integer.toString(i.index()), i.givenClass(), i.suggestedClass(), Formats.ratio(i.score())))
                    .toList()));
            grid("label-issues", shown.stream().limit(perGrid).map(ReportStatistics.LabelIssue::index).toList(),
                    "The most suspect labels (True is the given label)");
        }

        private void calibration() {
            heading(2, "Calibration");
            Calibration c = analysis.calibration();
            statistics.ece().ifPresent(e -> paragraph(Formats.format("ECE %s, %.0f %% %s interval [%s, %s].",
                    Formats.ratio(e.estimate()), 100 * e.level(), e.method(), Formats.ratio(e.lower()),
                    Formats.ratio(e.upper()))));
            paragraph(Formats.format("Expected calibration error (15 bins) %s, maximum calibration error %s, Brier score "
                    + "%s, log loss %s.", Formats.ratio(c.ece()), Formats.ratio(c.maxCalibrationError()),
                    Formats.ratio(c.brierScore()), Formats.ratio(c.logLoss())));
            figure("reliability", Figures.reliabilityDiagram(c), "Reliability diagram with the count of each bin");
            figure("confidence-histogram", Figures.confidenceHistogram(analysis),
                    "Confidence of right and wrong predictions");
        }

        private void confusion() {
            heading(2, "Confusion matrix");
            paragraph("Rows are true classes, columns predicted classes; colour is the share of the row.");
            ConfusionMatrix m = analysis.confusion();
            figure("confusion-matrix", Figures.confusionMatrix(m), m.classCount() > Figures.MAX_CLASSES_DRAWN
                    ? "Confusion matrix of " + Figures.mostMistakesNote(m.classCount())
                            + ", rows true, columns predicted (the whole matrix is in " + JSON_FILE + ")"
                    : "Confusion matrix, rows true, columns predicted");
            List<ConfusedPair> pairs = m.mostConfused(5);
            if (!pairs.isEmpty()) {
                out.add(new Block.Table(List.of("true class", "predicted as", "count", "share of true class"),
                        pairs.stream().map(p -> List.of(p.trueClassName(), p.predictedClassName(),
                                Long.toString(p.count()), Formats.percentOneDecimal(p.shareOfTrueClass()))).toList()));
            }
        }

        private void comparison(Comparison c) {
            heading(2, "Model comparison");
            ModelComparison r = c.result();
            paragraph(Formats.format("%s (baseline): accuracy %s; %s (candidate): accuracy %s on the same %d examples.",
                    c.baselineName(), Formats.ratio(analysis.accuracy()), c.candidateName(),
                    Formats.ratio(c.candidate().accuracy()), analysis.examples()));
            paragraph(Formats.format("Flipped examples: %d right only by %s, %d right only by %s; %s.",
                    r.mcnemar().rightToWrong(), c.baselineName(), r.mcnemar().wrongToRight(), c.candidateName(),
                    r.mcnemar()));
            int classes = analysis.classCount();
            figure("comparison", Figures.comparison(r, c.baselineName(), c.candidateName()),
                    "Per-class accuracy of " + c.baselineName() + " and " + c.candidateName()
                            + (classes > Figures.MAX_CLASSES_DRAWN ? ", " + Figures.largestChangesNote(classes) : ""));
            List<FlippedExample> flipped = new ArrayList<>();
            r.flips(Flip.RIGHT_TO_WRONG).stream().limit(perGrid).forEach(flipped::add);
            r.flips(Flip.WRONG_TO_RIGHT).stream().limit(perGrid).forEach(flipped::add);
            if (!flipped.isEmpty()) {
                out.add(new Block.Table(List.of("example", "true", "flip", c.baselineName(), c.candidateName()),
                        flipped.stream().map(f -> List.of(Integer.toString(f.index()), f.trueClassName(),
                                f.flip().toString(), f.baselinePredictedName(), f.candidatePredictedName())).toList()));
                grid("comparison-flipped", flipped.stream().map(FlippedExample::index).toList(),
                        "Flipped examples as " + c.baselineName() + " predicted them");
            }
        }

        private void occlusionMaps() {
            if (occlusions.isEmpty()) {
                return;
            }
            heading(2, "Occlusion maps");
            paragraph("Where a grey patch covers the image, how much the probability of the class drops; yellow boxes "
                    + "the most important region, cyan a random region of the same size (the faithfulness check).");
            for (Occlusions o : occlusions) {
                OcclusionMap map = o.map();
                String className = names.get(map.classIndex());
                figure(occlusionFigureName(o.example(), map.classIndex(), className),
                        Figures.occlusion(image(o.example()), map, className),
                        Formats.format("Example %d: occlusion sensitivity of %s", o.example(), className));
            }
        }

        private void missingImages() {
            if (missing.isEmpty()) {
                return;
            }
            heading(2, "Missing images");
            List<String> shown = missing.stream().limit(20).map(i -> "#" + i).toList();
            paragraph(Formats.format("%d example image%s could not be found and %s drawn as placeholders: %s%s.",
                    missing.size(), missing.size() == 1 ? "" : "s", missing.size() == 1 ? "is" : "are",
                    String.join(", ", shown), missing.size() > shown.size() ? ", ..." : ""));
        }

        private void provenance() {
            heading(2, "Provenance");
            if (provenance.isEmpty()) {
                paragraph("No provenance was given for this report.");
                return;
            }
            Provenance p = provenance.get();
            out.add(new Block.Table(List.of("what", "value"), List.of(
                    List.of("model", p.model()), List.of("model fingerprint", p.modelFingerprint()),
                    List.of("data source", p.dataSource()), List.of("data fingerprint", p.dataFingerprint()),
                    List.of("library version", p.libraryVersion()), List.of("date", p.date().toString()),
                    List.of("seed", Long.toString(p.seed())))));
        }
    }

    // ---------------------------------------------------------------- builder

    /** Collects the optional parts of a report; not thread-safe, and used once. */
    public static final class Builder {

        private final ErrorAnalysis analysis;
        private String title = DEFAULT_TITLE;
        private ImageSource images = ImageSource.none();
        private Provenance provenance;
        private List<TrainingEpoch> history = List.of();
        private AnalysisStatistics statistics;
        private Comparison comparison;
        private final List<Occlusions> occlusions = new ArrayList<>();
        private int perGrid = ExamplePicks.COURSE_COUNT;

        private Builder(ErrorAnalysis analysis) {
            this.analysis = Objects.requireNonNull(analysis, "analysis");
        }

        /**
         * Sets the title.
         *
         * @param reportTitle the title, not blank
         * @return this builder
         */
        public Builder title(String reportTitle) {
            if (reportTitle == null || reportTitle.isBlank()) {
                throw new IllegalArgumentException("the report title must not be blank, but is '" + reportTitle + "'");
            }
            this.title = reportTitle;
            return this;
        }

        /**
         * Sets where example images come from (by default none: placeholders).
         *
         * @param source the image source
         * @return this builder
         */
        public Builder images(ImageSource source) {
            this.images = Objects.requireNonNull(source, "images");
            return this;
        }

        /**
         * Sets the provenance: model and data with fingerprints, library version, date and seed.
         *
         * @param p the provenance
         * @return this builder
         */
        public Builder provenance(Provenance p) {
            this.provenance = Objects.requireNonNull(p, "provenance");
            return this;
        }

        /**
         * Adds the training history, drawn as loss and accuracy curves.
         *
         * @param epochs the epochs, in order
         * @return this builder
         */
        public Builder trainingHistory(List<TrainingEpoch> epochs) {
            this.history = List.copyOf(epochs);
            return this;
        }

        /**
         * Adds a comparison with a second model on the same test set: the reported analysis is the baseline, and the
         * comparison (McNemar test, flipped examples, per-class changes) is {@link ErrorAnalysis#compareWith}.
         *
         * @param baselineName the name of the reported analysis's model
         * @param candidate the second model's analysis, on the same examples in the same order
         * @param candidateName the second model's name
         * @return this builder
         * @throws IllegalArgumentException saying what differs when the test sets differ
         */
        public Builder comparison(String baselineName, ErrorAnalysis candidate, String candidateName) {
            Objects.requireNonNull(baselineName, "baselineName");
            Objects.requireNonNull(candidateName, "candidateName");
            this.comparison = new Comparison(baselineName, candidate, candidateName, analysis.compareWith(candidate));
            return this;
        }

        /**
         * Uses statistics the caller already computed ({@link ErrorAnalysis#statistics()}): their per-class
         * intervals, hardest-class test and ECE bootstrap interval. Without them the report computes 95 % Wilson
         * intervals and the hardest-class test itself, without a bootstrap.
         *
         * @param s the statistics of the reported analysis
         * @return this builder
         */
        public Builder statistics(AnalysisStatistics s) {
            this.statistics = Objects.requireNonNull(s, "statistics");
            return this;
        }

        /**
         * Adds the occlusion map of one example for one class (see {@link Occlusion}); its image comes from the image
         * source. Maps of one example for several classes (the predicted and the true one) are each their own figure,
         * {@code occlusion-<example>-class-<index>-<name>}.
         *
         * @param exampleIndex the example's index in the analysis
         * @param map its occlusion map
         * @return this builder
         * @throws IllegalArgumentException if the report already has a map of this example for this class
         */
        public Builder occlusion(int exampleIndex, OcclusionMap map) {
            Objects.checkIndex(exampleIndex, analysis.examples());
            Objects.checkIndex(Objects.requireNonNull(map, "map").classIndex(), analysis.classCount());
            for (Occlusions o : occlusions) {
                if (o.example() == exampleIndex && o.map().classIndex() == map.classIndex()) {
                    throw new IllegalArgumentException("the report already has an occlusion map of example "
                            + exampleIndex + " for class " + map.classIndex() + " ('"
                            + analysis.classNames().get(map.classIndex()) + "'); add one map per example and class");
                }
            }
            occlusions.add(new Occlusions(exampleIndex, map));
            return this;
        }

        /**
         * Sets how many examples each example grid shows (3 by default, as in the course).
         *
         * @param n the number of examples, from 1 to 20
         * @return this builder
         */
        public Builder examplesPerGrid(int n) {
            if (n < 1 || n > 20) {
                throw new IllegalArgumentException("examples per grid must be from 1 to 20, but is " + n);
            }
            this.perGrid = n;
            return this;
        }

        /**
         * Builds the report, drawing every figure.
         *
         * @return the report
         */
        public ErrorReport build() {
            long start = System.nanoTime();
            ErrorReport report = new ErrorReport(this);
            LOG.debug("built the error report of {} examples ({} figures) in {} ms", analysis.examples(),
                    report.figures.size(), (System.nanoTime() - start) / 1_000_000);
            return report;
        }
    }
}
