package io.github.erroranalysis.report;

import io.github.erroranalysis.AnalysisJson;
import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.ConfusedPair;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricException;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.OutputFolders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
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
 * <p>Build one with {@code ErrorReport.builder(analysis).images(source).provenance(p).build()}; add sections and
 * metrics of your own with {@link Builder#section(ReportSection)} and {@link Builder#metric(Metric)}, which appear in
 * all three renderings like the built-in sections (each itself a {@link ReportSection}). Every figure is
 * drawn once, when the report is built, and is at most {@value Figures#MAX_WIDTH} × {@value Figures#MAX_HEIGHT}
 * pixels whatever the number of classes: with more than {@value Figures#MAX_CLASSES_DRAWN} classes the class-by-class
 * figures draw the {@value Figures#MAX_CLASSES_DRAWN} that matter most and their captions say which, while the
 * tables and the JSON keep every class.
 */
public final class ErrorReport {


    /** The folder, inside a written report, that holds the figures as PNG files. */
    public static final String FIGURE_FOLDER = "figures";

    /** The Markdown file of a written report. */
    public static final String MARKDOWN_FILE = "report.md";

    /** The HTML file of a written report. */
    public static final String HTML_FILE = "report.html";

    /** The JSON file of a written report. */
    public static final String JSON_FILE = "report.json";

    /**
     * The file of a written report beside {@value #JSON_FILE} that holds every wrong prediction, one JSON record a
     * line (JSON Lines), by example index; {@value #JSON_FILE} keeps the records of the examples the report shows.
     */
    public static final String WRONG_FILE = "wrong.jsonl";

    /** What a report folder is called in messages. */
    public static final String FOLDER_KIND = "report folder";

    /** The schema version of the reports written before the marker file, which count as reports. */
    static final int UNMARKED_SCHEMA_VERSION = io.github.erroranalysis.json.JsonCodec.FIRST_SCHEMA_VERSION;

    /** The largest {@value #JSON_FILE} read to tell a report written before the marker file from other files. */
    static final long EARLIER_JSON_LIMIT = 256L << 20;

    private static final JsonFactory EARLIER_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The default title. */
    public static final String DEFAULT_TITLE = "Error analysis report";

    /** The ids of the built-in sections (some shown only when they apply), which a user's section may not take. */
    public static final List<String> BUILT_IN_SECTION_IDS = BuiltInSections.IDS;

    private static final Pattern SECTION_ID = Pattern.compile("[a-z][a-zA-Z0-9-]*");

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReport.class);

    private final ErrorAnalysis analysis;
    private final String title;
    private final Optional<Provenance> provenance;
    private final List<TrainingEpoch> history;
    private final ReportStatistics statistics;
    private final List<Block> blocks;
    private final Map<String, byte[]> figures;
    private final List<Integer> missingImages;
    private final List<Integer> shownExamples;
    private final Optional<Comparison> comparison;
    private final List<Occlusions> occlusions;
    private final List<ReportMetric> metrics;
    private final List<GateResult> gates;
    private final Map<String, Map<String, Object>> sectionValues;
    private final List<String> sectionIds;
    private final Explanations explanations;
    private final Optional<Temperature> temperature;

    /** A second model compared on the same test set: the reported analysis is the baseline. */
    record Comparison(String baselineName, ErrorAnalysis candidate, String candidateName, ModelComparison result) {
    }

    /** An occlusion map of one example. */
    record Occlusions(int example, OcclusionMap map) {
    }

    /**
     * A temperature given to the report ({@link Builder#temperatureScaling(CalibrationChange, boolean, String)}):
     * what it does to the reported analysis's calibration, and whether the report shows the analysis scaled.
     *
     * @param change the ECE, log loss and Brier score of the reported examples before and after scaling, with T
     * @param applied true when the reported analysis is the scaled one, false when the report shows what it would do
     * @param fittedOn what T was fitted on, in words after its count ("validation images": "fitted on 4,000
     *                 validation images")
     * @param inSample how many of the reported examples T was fitted on (0: none, the scores are out of sample)
     */
    public record Temperature(CalibrationChange change, boolean applied, String fittedOn, int inSample) {

        /**
         * Checks the components.
         *
         * @param change the calibration change
         * @param applied whether it was applied
         * @param fittedOn the fit data in words, not blank
         * @param inSample the reported examples T was fitted on, from 0 to the change's examples
         */
        public Temperature {
            Objects.requireNonNull(change, "change");
            if (fittedOn == null || fittedOn.isBlank()) {
                throw new IllegalArgumentException("what a temperature was fitted on must not be blank, but is '"
                        + fittedOn + "'");
            }
            if (inSample < 0 || inSample > change.examples()) {
                throw new IllegalArgumentException("the in-sample examples must be from 0 to the "
                        + change.examples() + " scored, but are " + inSample);
            }
        }

        /**
         * Makes the block of a temperature fitted on none of the reported examples.
         *
         * @param change the calibration change
         * @param applied whether it was applied
         * @param fittedOn the fit data in words, not blank
         */
        public Temperature(CalibrationChange change, boolean applied, String fittedOn) {
            this(change, applied, fittedOn, 0);
        }
    }

    private ErrorReport(Builder b) {
        this.analysis = b.analysis;
        this.title = b.title;
        this.provenance = Optional.ofNullable(b.provenance);
        this.history = List.copyOf(b.history);
        this.statistics = ReportStatistics.of(b.analysis, b.statistics);
        this.comparison = Optional.ofNullable(b.comparison);
        this.occlusions = List.copyOf(b.occlusions);
        this.temperature = Optional.ofNullable(b.temperature);
        this.metrics = computeMetrics(b.analysis, b.metrics);
        ReportContext.Picks picks = ReportContext.Picks.of(analysis, statistics, b.perGrid);
        this.explanations = b.evidence == null ? Explanations.NONE : explain(b.evidence, analysis, picks);
        ReportContext context = new ReportContext(analysis, title, provenance, history, statistics, comparison,
                occlusions, b.images, b.perGrid, picks, explanations,
                b.evidence == null ? null : b.evidence.trainingImages(), temperature);
        try (Document document = new Document()) {
            List<String> ids = new ArrayList<>();
            for (ReportSection section : BuiltInSections.leading(context)) {
                render(document, section, section.id().equals(BuiltInSections.SUMMARY) ? 1 : 2, ids);
            }
            this.gates = List.copyOf(b.gates);
            if (!gates.isEmpty()) {
                render(document, new GatesSection(gates), 2, ids);
            }
            if (!metrics.isEmpty()) {
                render(document, new MetricsSection(metrics), 2, ids);
            }
            Map<String, Map<String, Object>> values = new LinkedHashMap<>();
            for (ReportSection section : b.sections) {
                values.put(section.id(), renderUserSection(document, section, ids));
            }
            for (ReportSection section : BuiltInSections.trailing(context)) {
                render(document, section, 2, ids);
            }
            this.sectionValues = java.util.Collections.unmodifiableMap(values);
            this.sectionIds = List.copyOf(ids);
            this.blocks = List.copyOf(document.blocks());
            this.figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(document.figures()));
        }
        this.missingImages = context.missing();
        this.shownExamples = context.shown();
    }

    /**
     * Computes the evidence of the examples the report explains: saliency maps for the wrong predictions drawn in a
     * grid and the first {@value Evidence#GALLERY_MAPS} of the gallery's default order (every wrong prediction with
     * {@link SaliencyScope#ALL}), nearest training examples for those and the listed label issues.
     */
    private static Explanations explain(Evidence evidence, ErrorAnalysis analysis, ReportContext.Picks picks) {
        java.util.LinkedHashSet<Integer> mapped = new java.util.LinkedHashSet<>();
        for (int i : picks.inGrids()) {
            if (analysis.predictedClass(i) != analysis.trueClass(i)) {
                mapped.add(i);
            }
        }
        int detailed = mapped.size(); // the grid mistakes: default occlusion, more random deletion orders
        if (evidence.scope() == SaliencyScope.ALL) {
            mapped.addAll(ExamplePicks.galleryOrder(analysis));
        } else {
            mapped.addAll(ExamplePicks.galleryOrder(analysis, Evidence.GALLERY_MAPS));
        }
        return evidence.explain(analysis, List.copyOf(mapped), detailed, picks.labelIssues());
    }

    /** Renders a built-in section under its heading. */
    private void render(Document document, ReportSection section, int level, List<String> ids) {
        Document.Writer writer = document.section(section.id(), level, section.title(), true);
        section.render(writer, analysis);
        writer.close();
        ids.add(section.id());
    }

    /** Renders a user's section; a failure inside it is reported with the section's id. */
    private Map<String, Object> renderUserSection(Document document, ReportSection section, List<String> ids) {
        String id = section.id();
        String sectionTitle;
        Document.Writer writer;
        try {
            sectionTitle = section.title();
            if (sectionTitle == null || sectionTitle.isBlank()) {
                throw new IllegalArgumentException("its title is blank: '" + sectionTitle + "'");
            }
            writer = document.section(id, 2, sectionTitle);
            section.render(writer, analysis);
            writer.close();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the report section '" + id + "' failed: " + e, e);
        }
        ids.add(id);
        return writer.values();
    }

    /** Computes each metric given to the report and its bootstrap interval; a failure names the metric. */
    private static List<ReportMetric> computeMetrics(ErrorAnalysis analysis, List<Metric<? extends Number>> given) {
        List<ReportMetric> out = new ArrayList<>();
        for (Metric<? extends Number> m : given) {
            String name = m.name();
            Number value;
            Interval interval;
            try {
                value = analysis.metric(m);
                interval = value == null ? null : analysis.interval(m);
            } catch (MetricException e) {
                if (e.metricName().equals(name)) {
                    throw e; // the core names the metric already
                }
                throw new IllegalStateException("the report metric '" + name + "' failed: " + e, e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the report metric '" + name + "' failed: " + e, e);
            }
            if (value == null) {
                throw new IllegalStateException("the report metric '" + name + "' gave null; a metric gives a number "
                        + "(NaN where undefined)");
            }
            out.add(new ReportMetric(name, value.doubleValue(), interval));
        }
        return List.copyOf(out);
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
     * Gives the selective prediction the report shows (risk–coverage, AURC, risk at coverage, coverage at risk), at
     * the level of the report's statistics; {@code report.json} writes it under {@code selectivePrediction}.
     *
     * @return {@link ErrorAnalysis#selectivePrediction(double)} of the reported analysis at that level
     */
    public SelectivePrediction selectivePrediction() {
        return analysis.selectivePrediction(statistics.statistics().level());
    }

    /**
     * Gives the temperature given to the report, if any ({@link Builder#temperatureScaling}); {@code report.json}
     * writes it under {@code temperatureScaling}.
     *
     * @return the temperature with its calibration change and whether it was applied, or empty
     */
    public Optional<Temperature> temperatureScaling() {
        return temperature;
    }

    /**
     * Gives the quality gates given to the report, judged; {@code report.json} lists them under {@code gates}.
     *
     * @return the gate results, in the order given (empty when none were given)
     */
    public List<GateResult> gates() {
        return gates;
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
     * Gives the metrics given to the report ({@link Builder#metric}) with their values and bootstrap intervals, in
     * the order they were added; {@code report.json} has each under {@code metrics.<name>}.
     *
     * @return the metrics
     */
    public List<ReportMetric> metrics() {
        return metrics;
    }

    /**
     * Gives the JSON values each user's section ({@link Builder#section}) wrote with {@link SectionWriter#json}:
     * section id to key to value, both in the order written (a section that wrote none has an empty map);
     * {@code report.json} has them under {@code sections.<id>}. Values are Numbers, Strings, Booleans, unmodifiable
     * Lists and Maps, or null.
     *
     * @return the values, unmodifiable
     */
    public Map<String, Map<String, Object>> sectionValues() {
        return sectionValues;
    }

    /**
     * Gives the ids of the sections the report shows, built in and the user's, in the order they appear (each is the
     * HTML anchor of its heading).
     *
     * @return the section ids
     */
    public List<String> sectionIds() {
        return sectionIds;
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
     * Gives the examples the report shows or names (in its example grids, example tables, label-issue and flipped
     * tables, occlusion maps), whose full records {@code report.json} keeps under {@code shownExamples}.
     *
     * @return example indexes, increasing
     */
    public List<Integer> shownExamples() {
        return shownExamples;
    }

    /**
     * Gives the evidence the report shows: saliency maps, their faithfulness, nearest training examples.
     *
     * @return the explanations ({@link Explanations#NONE} when the report was built without {@link Evidence})
     */
    public Explanations explanations() {
        return explanations;
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
     * Renders the report as JSON ({@code schemaVersion} {@value io.github.erroranalysis.json.JsonCodec#SCHEMA_VERSION},
     * schema {@code io/github/erroranalysis/report/report.schema.json}, camelCase keys, {@code null} for
     * undefined values), as documented in the module's REPORT.md.
     *
     * @return the JSON text
     */
    public String toJson() {
        return ReportJson.write(this);
    }

    /**
     * Writes the report folder: {@value #MARKDOWN_FILE}, {@value #HTML_FILE}, {@value #JSON_FILE} and
     * {@value #WRONG_FILE} (both streamed to disk as they are written), the figures under
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
        Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put(MARKDOWN_FILE, out -> out.write(toMarkdown().getBytes(StandardCharsets.UTF_8)));
        files.put(HTML_FILE, out -> out.write(toHtml().getBytes(StandardCharsets.UTF_8)));
        files.put(JSON_FILE, out -> ReportJson.write(this, out)); // streamed, never held as text
        files.put(WRONG_FILE, out -> AnalysisJson.writeWrongLines(out, analysis)); // streamed, record by record
        for (Map.Entry<String, byte[]> f : figures.entrySet()) {
            byte[] png = f.getValue();
            files.put(FIGURE_FOLDER + "/" + f.getKey() + ".png", out -> out.write(png));
        }
        return OutputFolders.replaceWith(folder, FOLDER_KIND, files, ErrorReport::isEarlierReport);
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
        return hardestPair(analysis);
    }

    /** The largest off-diagonal cell of the hardest class's row of an analysis (lowest predicted index on ties). */
    static Optional<ConfusedPair> hardestPair(ErrorAnalysis analysis) {
        return analysis.confusion().mostConfusedWith(analysis.hardest().index());
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

    /** The section of the metrics given to the report: value and bootstrap interval of each. */
    private record MetricsSection(List<ReportMetric> metrics) implements ReportSection {
        @Override
        public String id() {
            return BuiltInSections.METRICS;
        }

        @Override
        public String title() {
            return "Metrics";
        }

        @Override
        public void render(SectionWriter out, ErrorAnalysis analysis) {
            List<List<String>> rows = new ArrayList<>();
            for (ReportMetric m : metrics) {
                Interval i = m.interval();
                rows.add(List.of(m.name(), number(m.value()), number(i.lower()), number(i.upper()),
                        Formats.format("%.0f %% %s", 100 * i.level(), i.method())));
            }
            out.table(List.of("metric", "value", "ci low", "ci high", "interval"), rows);
        }

        /**
         * A whole number as such, any other with four decimals, and a value that is not finite as "undefined" (it is
         * null in report.json; a metric's NaN is not a missing class, so never "no examples").
         */
        private static String number(double v) {
            if (!Double.isFinite(v)) {
                return UNDEFINED;
            }
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Formats.ratio(v);
        }

        /** What a metric value or bound that is not finite reads as. */
        private static final String UNDEFINED = "undefined";
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
        private final List<GateResult> gates = new ArrayList<>();
        private Comparison comparison;
        private final List<Occlusions> occlusions = new ArrayList<>();
        private int perGrid = ExamplePicks.COURSE_COUNT;
        private Evidence evidence;
        private Temperature temperature;
        private final List<ReportSection> sections = new ArrayList<>();
        private final List<Metric<? extends Number>> metrics = new ArrayList<>();

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
         * Explains the report's mistakes with visual evidence: saliency maps with their faithfulness, the sanity
         * check, and (with training data) the nearest training examples; by default a report has none.
         *
         * @param e the model, the analysed examples as it takes them, and the settings
         * @return this builder
         */
        public Builder evidence(Evidence e) {
            this.evidence = Objects.requireNonNull(e, "evidence");
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
         * Uses statistics the caller already computed (for example {@link ErrorAnalysis#statistics(double)} at
         * another level): their per-class intervals, hardest-class test and ECE bootstrap interval, in the Markdown,
         * the HTML and {@code report.json} alike. Without them the report shows the analysis's own
         * {@link ErrorAnalysis#statistics()} (computed once per analysis), everywhere alike.
         *
         * @param s the statistics of the reported analysis
         * @return this builder
         */
        public Builder statistics(AnalysisStatistics s) {
            this.statistics = Objects.requireNonNull(s, "statistics");
            return this;
        }

        /**
         * Adds the quality gates judged on the reported analysis (with the statistics given to {@link
         * #statistics(AnalysisStatistics)}, so that the report shows the intervals the gates were judged on): a
         * "Quality gates" section and {@code report.json}'s {@code gates}.
         *
         * @param results the gate results, in order
         * @return this builder
         */
        public Builder gates(List<GateResult> results) {
            Objects.requireNonNull(results, "results").forEach(r -> gates.add(Objects.requireNonNull(r, "gate")));
            return this;
        }

        /**
         * Adds a temperature's effect on the reported analysis's calibration to the "Calibration" section (T, the
         * ECE, log loss and Brier score before and after with their intervals, in a sentence and a table) and
         * {@code report.json}'s {@code temperatureScaling}; T's fit examples are called "examples".
         *
         * @param change the calibration change of the reported examples ({@link CalibrationChange#of})
         * @param applied true when the reported analysis is the scaled one
         * @return this builder
         */
        public Builder temperatureScaling(CalibrationChange change, boolean applied) {
            return temperatureScaling(change, applied, "examples");
        }

        /**
         * Adds a temperature's effect, naming what it was fitted on; see
         * {@link #temperatureScaling(CalibrationChange, boolean)}.
         *
         * @param change the calibration change of the reported examples ({@link CalibrationChange#of})
         * @param applied true when the reported analysis is the scaled one
         * @param fittedOn what T was fitted on, in words after its count, for example "validation images"
         * @return this builder
         * @throws IllegalArgumentException if the change is of another number of examples than the analysis, or
         *                                  fittedOn is blank
         */
        public Builder temperatureScaling(CalibrationChange change, boolean applied, String fittedOn) {
            Objects.requireNonNull(change, "change");
            if (change.examples() != analysis.examples()) {
                throw new IllegalArgumentException("the calibration change is of " + change.examples()
                        + " examples, but the reported analysis has " + analysis.examples());
            }
            return temperatureScaling(change, applied, fittedOn, 0);
        }

        /**
         * Adds a temperature's block, saying how many of the reported examples T was fitted on (its scores are then
         * partly in-sample).
         *
         * @param change the calibration change of the reported examples
         * @param applied true when the reported analysis is the scaled one
         * @param fittedOn what T was fitted on, in words after its count
         * @param inSample how many of the reported examples T was fitted on, 0 for none
         * @return this builder
         * @throws IllegalArgumentException as {@link #temperatureScaling(CalibrationChange, boolean, String)}, or
         *                                  for inSample outside 0 to the examples
         */
        public Builder temperatureScaling(CalibrationChange change, boolean applied, String fittedOn, int inSample) {
            Objects.requireNonNull(change, "change");
            if (change.examples() != analysis.examples()) {
                throw new IllegalArgumentException("the calibration change is of " + change.examples()
                        + " examples, but the reported analysis has " + analysis.examples());
            }
            this.temperature = new Temperature(change, applied, fittedOn, inSample);
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
         * Adds a section of one's own, shown after the built-in sections (before "Missing images" and "Provenance")
         * in the order added: its title, paragraphs, tables and figures in the Markdown and the HTML (its id the
         * heading's anchor), its JSON values in {@code report.json} under {@code sections.<id>}. It is rendered when
         * the report is built; an exception inside it fails {@link #build()} with a message naming the section.
         *
         * @param section the section
         * @return this builder
         * @throws IllegalArgumentException if its id does not match {@code [a-z][a-zA-Z0-9-]*}, is a built-in
         *                                  section's ({@link #BUILT_IN_SECTION_IDS}), {@code audit} for another
         *                                  section than an {@link AuditSection}, or another added section's
         */
        public Builder section(ReportSection section) {
            Objects.requireNonNull(section, "section");
            String id = section.id();
            if (id == null || !SECTION_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a report section id must match [a-z][a-zA-Z0-9-]*, but is '"
                        + id + "'");
            }
            if (BUILT_IN_SECTION_IDS.contains(id)) {
                throw new IllegalArgumentException("the report section id '" + id + "' is a built-in section's; "
                        + "choose another (built in: " + String.join(", ", BUILT_IN_SECTION_IDS) + ")");
            }
            if (id.equals(AuditSection.ID) && !(section instanceof AuditSection)) {
                throw new IllegalArgumentException("the report section id '" + id + "' is reserved for the data "
                        + "audit (AuditSection), whose values report.json's schema checks; choose another");
            }
            for (ReportSection s : sections) {
                if (s.id().equals(id)) {
                    throw new IllegalArgumentException("the report already has a section with id '" + id + "'");
                }
            }
            sections.add(section);
            return this;
        }

        /**
         * Adds a number-valued metric of one's own (or a built-in one): computed once when the report is built, with
         * its bootstrap interval ({@link ErrorAnalysis#interval}), and shown in the "Metrics" section of the Markdown
         * and the HTML and in {@code report.json} under {@code metrics.<name>}. An exception inside it fails
         * {@link #build()} with a message naming the metric.
         *
         * @param metric the metric
         * @return this builder
         * @throws IllegalArgumentException if its name is refused ({@link Metrics#checkName}: not
         *                                  {@code [a-z][a-zA-Z0-9]*}, or ending in {@code Interval}) or another added
         *                                  metric has it
         */
        public Builder metric(Metric<? extends Number> metric) {
            Objects.requireNonNull(metric, "metric");
            String name = Metrics.checkName(metric);
            for (Metric<? extends Number> m : metrics) {
                if (m.name().equals(name)) {
                    throw new IllegalArgumentException("the report already has a metric named '" + name + "'");
                }
            }
            metrics.add(metric);
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
