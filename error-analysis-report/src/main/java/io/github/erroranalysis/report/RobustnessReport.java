package io.github.erroranalysis.report;

import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.RobustnessCell;
import io.github.erroranalysis.RobustnessComparison;
import io.github.erroranalysis.RobustnessJson;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.RobustnessGates;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.McNemarTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The corruption-robustness report ({@code cifar-errors robustness}), rendered with the error report's document,
 * renderers and look: the clean accuracy, the mean accuracy over the 15 standard corruptions with its interval (the
 * extra corruptions apart), the relative drop and the worst corruption; the accuracy of every corruption × severity
 * with its interval, as a table and a heat map; the per-class accuracy under the worst corruption; example grids of
 * the same images under each corruption with the model's answer; with a second model, the difference B − A per
 * corruption with its paired interval, McNemar's exact test per cell, a difference heat map and the sentence naming
 * the corruptions B fixes and those it does not; the gates and the provenance. One immutable model, written as
 * Markdown (figures beside it), one self-contained HTML file (the report's content security policy, every name
 * escaped) and the core's {@code robustness.json} ({@link RobustnessJson}, the one writer); {@link #writeTo(Path)}
 * writes them atomically.
 */
public final class RobustnessReport {

    /** The JSON file: the core's robustness document, schema {@code robustness.schema.json}. */
    public static final String JSON_FILE = "robustness.json";

    /** The Markdown file. */
    public static final String MARKDOWN_FILE = "robustness.md";

    /** The HTML file. */
    public static final String HTML_FILE = "robustness.html";

    /** The folder that holds the figures as PNG files (as in the error report). */
    public static final String FIGURE_FOLDER = ErrorReport.FIGURE_FOLDER;

    /** What a robustness folder is called in messages. */
    public static final String FOLDER_KIND = "robustness folder";

    /** The ids of the sections that may appear, in order; each is the HTML anchor of its heading. */
    public static final List<String> SECTION_IDS = List.of("summary", "accuracy", "per-class-under-worst",
            "examples", "comparison", "gates", "provenance");

    /** The most examples a grid shows. */
    public static final int MAX_GRID_EXAMPLES = 8;

    private final Robustness study;
    private final RobustnessComparison comparison;
    private final List<GateResult> gates;
    private final String nameA;
    private final String nameB;
    private final double level;
    private final RenderedReport rendered;

    private RobustnessReport(Builder b) {
        this.study = b.study;
        this.comparison = b.comparison;
        this.gates = b.gates;
        this.nameA = b.nameA;
        this.nameB = b.nameB;
        this.level = b.level;
        String title = b.title != null ? b.title : comparison == null ? "Corruption robustness: " + nameA
                : "Corruption robustness: " + nameA + " (A) against " + nameB + " (B)";
        try (Document document = new Document()) {
            section(document, 0, 1, title, this::summary);
            section(document, 1, 2, "Accuracy by corruption and severity", this::accuracy);
            section(document, 2, 2, "Per class under the worst corruption", this::perClass);
            section(document, 3, 2, "Examples under each corruption", w -> examples(w, b));
            if (comparison != null) {
                section(document, 4, 2, "Comparison: " + nameB + " (B) against " + nameA + " (A)", this::compared);
            }
            if (gates != null) {
                section(document, 5, 2, "Quality gates", w -> new GatesSection(gates).render(w, study.clean()));
            }
            section(document, 6, 2, "Provenance", this::provenance);
            this.rendered = RenderedReport.of("the robustness report", title, document);
        }
    }

    private static void section(Document document, int id, int level, String heading, Consumer<SectionWriter> body) {
        Document.Writer w = document.section(SECTION_IDS.get(id), level, heading, true);
        body.accept(w);
        w.close();
    }

    /**
     * Starts a report of one model's study ({@code --model}, the one the gates judge).
     *
     * @param study the study
     * @return a builder
     */
    public static Builder builder(Robustness study) {
        return new Builder(study);
    }

    /**
     * Gives the one-line summary of a study: the clean accuracy, the mean corruption accuracy over the standard
     * corruptions with its interval, the relative drop, the extras' mean apart and the worst corruption.
     *
     * @param study the study
     * @param name the model's name
     * @param level the confidence level
     * @return for example "baseline: clean 0.8120; mean over 15 corruptions 0.6034 [0.5850, 0.6210] (95 %, ...);
     *         relative drop 25.7 %; extras 0.6500 [...]; worst: gaussian_noise 0.3120"
     */
    public static String summary(Robustness study, String name, double level) {
        StringBuilder s = new StringBuilder(Formats.format("%s: clean accuracy %s on %d examples", name,
                Formats.ratio(study.clean().accuracy()), study.examples()));
        if (!study.standardCorruptions().isEmpty()) {
            Interval m = study.meanCorruptionAccuracy(level);
            s.append(Formats.format("; mean corruption accuracy over %d standard %s %s (%s %s); relative drop %s",
                    study.standardCorruptions().size(), study.standardCorruptions().size() == 1 ? "corruption"
                            : "corruptions", bracket(m), Formats.level(level), m.method(),
                    Formats.percentOneDecimal(study.relativeDrop())));
        }
        if (!study.extraCorruptions().isEmpty()) {
            Interval e = study.meanExtraAccuracy(level);
            s.append(Formats.format("; extra %s apart %s", study.extraCorruptions().size() == 1 ? "corruption"
                    : "corruptions", bracket(e)));
        }
        String worst = study.worstCorruption();
        s.append(Formats.format("; worst corruption %s (%s over severities)", worst,
                Formats.ratio(study.corruptionAccuracy(worst))));
        return s.toString();
    }

    /** An interval as "0.6034 [0.5850, 0.6210]", or "no examples" when undefined. */
    private static String bracket(Interval i) {
        return Formats.ratioInterval(i.estimate(), i.lower(), i.upper());
    }

    /**
     * Gives the sentence that answers "which corruptions does B fix, and which not": those whose paired interval of
     * B − A (mean over severities) lies above 0, below 0, and those whose interval includes 0.
     *
     * @param c the comparison, A the baseline
     * @param nameA model A's name
     * @param nameB model B's name
     * @param level the confidence level
     * @return the sentence
     */
    public static String verdict(RobustnessComparison c, String nameA, String nameB, double level) {
        List<String> better = new ArrayList<>();
        List<String> worse = new ArrayList<>();
        List<String> unclear = new ArrayList<>();
        for (String name : c.a().corruptions()) {
            Interval d = c.corruptionDifference(name, level);
            String item = name + " " + Formats.signed(d.estimate());
            (d.isDefined() && d.lower() > 0 ? better : d.isDefined() && d.upper() < 0 ? worse : unclear).add(item);
        }
        return Formats.format("%s (B) against %s (A), accuracy B − A over severities, %s paired intervals: "
                + "B fixes (interval above 0) %s; B makes worse (interval below 0) %s; no clear change (interval "
                + "includes 0) %s.", nameB, nameA, Formats.level(level), list(better), list(worse), list(unclear));
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }

    // ---------------------------------------------------------------- sections

    private void summary(SectionWriter out) {
        out.paragraph(summary(study, nameA, level));
        List<List<String>> rows = new ArrayList<>();
        ErrorAnalysis clean = study.clean();
        rows.add(row("clean accuracy", Intervals.wilson(clean.correct(), clean.examples(), level)));
        if (!study.standardCorruptions().isEmpty()) {
            rows.add(row("mean corruption accuracy (" + study.standardCorruptions().size() + " standard)",
                    study.meanCorruptionAccuracy(level)));
        }
        if (!study.extraCorruptions().isEmpty()) {
            rows.add(row("mean extra accuracy (" + study.extraCorruptions().size() + " extra, apart)",
                    study.meanExtraAccuracy(level)));
        }
        out.table(List.of("what", "estimate", "ci low", "ci high", "interval"), rows);
        out.paragraph(Formats.format("Relative drop (clean − mean corruption accuracy) / clean: %s. Worst corruption "
                + "(lowest accuracy averaged over severities): %s, %s.", Formats.percentOneDecimal(study.relativeDrop()),
                study.worstCorruption(), Formats.ratio(study.corruptionAccuracy(study.worstCorruption()))));
        if (comparison != null) {
            out.paragraph(summary(comparison.b(), nameB, level));
            out.paragraph(verdict(comparison, nameA, nameB, level));
        }
    }

    private static List<String> row(String what, Interval i) {
        if (!i.isDefined()) {
            return List.of(what, Formats.NO_EXAMPLES, "", "", "");
        }
        return List.of(what, Formats.ratio(i.estimate()), Formats.ratio(i.lower()), Formats.ratio(i.upper()),
                Formats.format("%s %s", Formats.level(i.level()), i.method()));
    }

    private List<String> severityLabels() {
        return study.severities().stream().map(s -> "severity " + s).toList();
    }

    /** The corruptions as the heat maps show them: the standard ones first, then the extras below a line. */
    private List<String> heatMapRows() {
        List<String> rows = new ArrayList<>(study.standardCorruptions());
        rows.addAll(study.extraCorruptions());
        return rows;
    }

    private void accuracy(SectionWriter out) {
        List<String> corruptions = study.corruptions();
        List<Integer> severities = study.severities();
        double[][] values = new double[corruptions.size()][severities.size()];
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < corruptions.size(); r++) {
            String c = corruptions.get(r);
            List<String> row = new ArrayList<>(List.of(c, study.standard(c) ? "standard" : "extra",
                    bracket(study.corruptionAccuracy(c, level))));
            for (int s = 0; s < severities.size(); s++) {
                RobustnessCell cell = study.cell(c, severities.get(s));
                values[r][s] = cell.accuracy();
                row.add(bracket(cell.accuracyInterval(level)));
            }
            rows.add(List.copyOf(row));
        }
        List<String> mapRows = heatMapRows();
        double[][] mapValues = new double[mapRows.size()][];
        for (int r = 0; r < mapRows.size(); r++) {
            mapValues[r] = values[corruptions.indexOf(mapRows.get(r))];
        }
        out.figure("heat-map", RobustnessFigures.heatMap("Accuracy of " + nameA + " by corruption and severity",
                mapRows, severities.stream().map(String::valueOf).toList(), mapValues,
                study.standardCorruptions().size(), null, null, false),
                "Accuracy of " + nameA + " under each corruption (rows) and severity (columns), red 0 to blue 1; "
                        + "the standard corruptions above the line, the extras (apart from the mean) below it; "
                        + "clean accuracy " + Formats.ratio(study.clean().accuracy()));
        List<String> header = new ArrayList<>(List.of("corruption", "kind", "mean over severities"));
        header.addAll(severityLabels());
        out.paragraph(Formats.format("Each cell is the accuracy with its %s interval (Wilson per cell; the mean "
                + "over severities with a percentile bootstrap over examples).", Formats.level(level)));
        out.table(header, rows);
    }

    private void perClass(SectionWriter out) {
        String worst = study.worstCorruption();
        double[] under = study.perClassAccuracy(worst);
        List<String> names = study.clean().classNames();
        List<ClassAccuracy> cleanAccuracy = study.clean().perClassAccuracy().classes();
        int lowest = 0;
        for (int k = 1; k < under.length; k++) {
            if (!Double.isNaN(under[k]) && (Double.isNaN(under[lowest]) || under[k] < under[lowest])) {
                lowest = k;
            }
        }
        double[] none = new double[under.length];
        java.util.Arrays.fill(none, Double.NaN);
        if (names.size() <= Figures.MAX_CLASSES_DRAWN) {
            out.figure("per-class-under-worst", Charts.perClassAccuracy(names, under, none, none, lowest,
                    "under " + worst + ", pooled over severities"), "Per-class accuracy of " + nameA + " under the "
                    + "worst corruption, " + worst + ", pooled over its severities (the lowest class highlighted)");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            rows.add(List.of(names.get(k), Formats.ratio(cleanAccuracy.get(k).accuracy()), Formats.ratio(under[k]),
                    Formats.signed(under[k] - cleanAccuracy.get(k).accuracy())));
        }
        out.table(List.of("class", "clean", "under " + worst, "change"), rows);
    }

    private void examples(SectionWriter out, Builder b) {
        int severity = b.gridSeverity != null ? b.gridSeverity : study.severities().contains(3) ? 3
                : study.severities().get(study.severities().size() - 1);
        if (!study.severities().contains(severity)) {
            throw new IllegalArgumentException("the grid's severity " + severity + " is not among the study's "
                    + study.severities());
        }
        List<Integer> shown = b.examples != null ? b.examples : defaultExamples();
        out.paragraph(Formats.format("The same %d %s under each corruption at severity %d, with %s's answer "
                + "(green: right, red: wrong).", shown.size(), shown.size() == 1 ? "image" : "images", severity,
                nameA));
        gridFigure(out, "examples-" + severity, study, nameA, shown, severity, b.images);
        if (comparison != null) {
            gridFigure(out, "examples-b-" + severity, comparison.b(), nameB, shown, severity, b.images);
        }
    }

    /** The first examples, one per class where there are enough, up to four. */
    private List<Integer> defaultExamples() {
        ErrorAnalysis clean = study.clean();
        List<Integer> out = new ArrayList<>();
        boolean[] seen = new boolean[clean.classCount()];
        for (int i = 0; i < clean.examples() && out.size() < 4; i++) {
            if (!seen[clean.trueClass(i)]) {
                seen[clean.trueClass(i)] = true;
                out.add(i);
            }
        }
        return out;
    }

    private static void gridFigure(SectionWriter out, String name, Robustness s, String model, List<Integer> shown,
            int severity, CorruptedImages images) {
        List<String> rows = new ArrayList<>();
        rows.add("clean");
        rows.addAll(s.corruptions());
        RobustnessFigures.Tile[][] tiles = new RobustnessFigures.Tile[rows.size()][shown.size()];
        ErrorAnalysis clean = s.clean();
        List<String> headers = new ArrayList<>();
        for (int c = 0; c < shown.size(); c++) {
            int i = shown.get(c);
            Objects.checkIndex(i, clean.examples());
            headers.add(Formats.format("#%d %s", i, clean.classNames().get(clean.trueClass(i))));
            tiles[0][c] = tile(clean, i, images.image("clean", 0, i));
            for (int r = 1; r < rows.size(); r++) {
                String corruption = rows.get(r);
                tiles[r][c] = tile(s.cell(corruption, severity).analysis(), i, images.image(corruption, severity, i));
            }
        }
        out.figure(name, RobustnessFigures.grid(model + " under each corruption, severity " + severity, rows, headers,
                tiles), "The same images under each corruption at severity " + severity + ", with " + model
                + "'s answer and confidence (green: right, red: wrong); each column is headed by the example's "
                + "number and true class");
    }

    private static RobustnessFigures.Tile tile(ErrorAnalysis a, int i, java.util.Optional<java.awt.image.BufferedImage> image) {
        return new RobustnessFigures.Tile(image, a.classNames().get(a.predictedClass(i)), a.confidence(i),
                a.predictedClass(i) == a.trueClass(i));
    }

    private void compared(SectionWriter out) {
        RobustnessComparison c = comparison;
        out.paragraph(verdict(c, nameA, nameB, level));
        List<List<String>> rows = new ArrayList<>();
        if (!study.standardCorruptions().isEmpty()) {
            rows.add(diffRow("mean over the standard corruptions", study.meanCorruptionAccuracy(level).estimate(),
                    c.b().meanCorruptionAccuracy(level).estimate(), c.meanCorruptionDifference(level)));
        }
        if (!study.extraCorruptions().isEmpty()) {
            rows.add(diffRow("mean over the extra corruptions", study.meanExtraAccuracy(level).estimate(),
                    c.b().meanExtraAccuracy(level).estimate(), c.meanExtraDifference(level)));
        }
        for (String name : study.corruptions()) {
            rows.add(diffRow(name, study.corruptionAccuracy(name), c.b().corruptionAccuracy(name),
                    c.corruptionDifference(name, level)));
        }
        out.table(List.of("corruption", "A: " + nameA, "B: " + nameB, "B − A", "ci low", "ci high", "verdict"), rows);
        List<String> corruptions = study.corruptions();
        List<Integer> severities = study.severities();
        List<String> mapRows = heatMapRows();
        double[][] values = new double[mapRows.size()][severities.size()];
        boolean[][] significant = new boolean[mapRows.size()][severities.size()];
        List<RobustnessComparison.CellDifference> all = new ArrayList<>();
        for (String corruption : corruptions) {
            all.addAll(c.cells(corruption));
        }
        double[] holm = holm(all.stream().mapToDouble(d -> d.test().pValue()).toArray());
        List<List<String>> cells = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            RobustnessComparison.CellDifference d = all.get(k);
            int r = mapRows.indexOf(d.corruption());
            int s = severities.indexOf(d.severity());
            McNemarTest t = d.test();
            values[r][s] = d.difference();
            significant[r][s] = t.significant();
            cells.add(List.of(d.corruption(), Integer.toString(d.severity()), Formats.ratio(d.accuracyA()),
                    Formats.ratio(d.accuracyB()), Formats.signed(d.difference()), Long.toString(t.rightToWrong()),
                    Long.toString(t.wrongToRight()), Formats.pValue(t.pValue()),
                    t.significant() ? "significant" : "not significant", Formats.pValue(holm[k])));
        }
        String alpha = Formats.format("%.2f", 1 - level);
        out.figure("difference-heat-map", RobustnessFigures.heatMap("Accuracy " + nameB + " − " + nameA
                + " by corruption and severity", mapRows, severities.stream().map(String::valueOf).toList(),
                values, study.standardCorruptions().size(), significant, "McNemar p < " + alpha + " per cell, "
                + "not corrected for the " + all.size() + " tests", true), "Accuracy of B (" + nameB + ") minus A ("
                + nameA + ") per corruption and severity: blue where B is better, red where it is worse; a dot marks "
                + "a cell whose McNemar test is significant (p < " + alpha + ", uncorrected); the extras below the "
                + "line");
        out.paragraph(Formats.format("McNemar's exact test per cell at %s: \u201cA right, B wrong\u201d and "
                + "\u201cA wrong, B right\u201d count the examples only one model gets right. The %d per-cell tests "
                + "are not corrected for multiple comparisons (the p-value and McNemar columns); the last column "
                + "gives Holm's adjusted p-value over all %d, to compare with %s.", Formats.level(level), all.size(),
                all.size(), alpha));
        out.table(List.of("corruption", "severity", "A", "B", "B − A", "A right, B wrong", "A wrong, B right",
                "p-value", "McNemar", "Holm p"), cells);
    }

    /**
     * Gives Holm's step-down adjusted p-values, in the order given: the k-th smallest p times (m − k + 1), made
     * non-decreasing and at most 1.
     *
     * @param p the p-values
     * @return the adjusted p-values
     */
    static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] adjusted = new double[p.length];
        double running = 0;
        for (int k = 0; k < p.length; k++) {
            running = Math.max(running, Math.min(1, (p.length - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }

    private static List<String> diffRow(String what, double a, double b, Interval d) {
        String verdict = !d.isDefined() ? "" : d.lower() > 0 ? "B better" : d.upper() < 0 ? "B worse"
                : "no clear change";
        return List.of(what, Double.isNaN(a) ? "" : Formats.ratio(a), Double.isNaN(b) ? "" : Formats.ratio(b),
                Formats.signed(d.estimate()), d.isDefined() ? Formats.signed(d.lower()) : "",
                d.isDefined() ? Formats.signed(d.upper()) : "", verdict);
    }

    private void provenance(SectionWriter out) {
        List<String> header = comparison == null ? List.of("what", nameA) : List.of("what", "A", "B");
        List<Provenance> ps = comparison == null ? List.of(study.provenance())
                : List.of(study.provenance(), comparison.b().provenance());
        List<List<String>> rows = new ArrayList<>();
        rows.add(values("name", ps, p -> p == ps.get(0) ? nameA : nameB));
        rows.add(values("model", ps, Provenance::model));
        rows.add(values("model fingerprint", ps, Provenance::modelFingerprint));
        rows.add(values("data source", ps, Provenance::dataSource));
        rows.add(values("data fingerprint", ps, Provenance::dataFingerprint));
        rows.add(values("library version", ps, Provenance::libraryVersion));
        rows.add(values("date", ps, p -> p.date().toString()));
        out.table(header, rows);
        out.paragraph(Formats.format("Corruption seed %d; corruptions %s; severities %s; %d examples; intervals at "
                + "%s, bootstrap of %d resamples (bootstrap seed %d, not the corruption seed).", study.seed(),
                String.join(", ", study.corruptions()),
                study.severities(), study.examples(), Formats.level(level), study.bootstrap().resamples(),
                study.bootstrap().seed()));
    }

    private static List<String> values(String what, List<Provenance> ps,
            java.util.function.Function<Provenance, String> f) {
        List<String> row = new ArrayList<>();
        row.add(what);
        for (Provenance p : ps) {
            String v = f.apply(p);
            row.add(v == null ? "" : v);
        }
        return row;
    }

    // ---------------------------------------------------------------- views

    /**
     * Gives the study shown (of {@code --model}).
     *
     * @return the study
     */
    public Robustness study() {
        return study;
    }

    /**
     * Gives the comparison with the second model, if any.
     *
     * @return the comparison, or empty with one model
     */
    public java.util.Optional<RobustnessComparison> comparison() {
        return java.util.Optional.ofNullable(comparison);
    }

    /**
     * Gives the names of the figures, each written as {@code figures/<name>.png}, in the order they appear.
     *
     * @return the figure names
     */
    public List<String> figureNames() {
        return rendered.figureNames();
    }

    /**
     * Gives one figure as PNG bytes.
     *
     * @param name a name from {@link #figureNames()}
     * @return a fresh copy of the PNG bytes
     */
    public byte[] figurePng(String name) {
        return rendered.figurePng(name);
    }

    /**
     * Renders the report as Markdown; figures are linked as {@code figures/<name>.png} beside it.
     *
     * @return the Markdown text
     */
    public String toMarkdown() {
        return rendered.markdown();
    }

    /**
     * Renders the report as one self-contained HTML file: figures inlined as {@code data:} URIs, the report's
     * content security policy, no network access.
     *
     * @return the HTML text
     */
    public String toHtml() {
        return rendered.html();
    }

    /**
     * Renders the report's {@value #JSON_FILE} with the core's one writer ({@link RobustnessJson}), indented.
     *
     * @return the JSON text
     */
    public String toJson() {
        return RobustnessJson.write(study, comparison, gates == null ? null : RobustnessGates.json(gates), level, true);
    }

    /**
     * Writes the robustness folder: {@value #JSON_FILE}, {@value #MARKDOWN_FILE}, {@value #HTML_FILE}, the figures
     * under {@value #FIGURE_FOLDER} and the marker file {@value OutputFolders#MARKER}, staged in a hidden sibling
     * and renamed in (see {@link OutputFolders}). An existing folder is replaced only when {@link #checkFolder}
     * allows it.
     *
     * @param folder the folder to create or replace
     * @return the folder, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds other files; nothing is written
     * @throws IOException if the folder cannot be written; an existing one is then kept
     */
    public Path writeTo(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        return OutputFolders.replaceWith(folder, FOLDER_KIND,
                rendered.files(JSON_FILE, this::toJson, MARKDOWN_FILE, HTML_FILE, FIGURE_FOLDER),
                RobustnessReport::isEarlierVersion);
    }

    /**
     * Checks, changing nothing, that {@link #writeTo} may write a folder: it is absent, empty or holds the marker
     * file {@value OutputFolders#MARKER} listing everything in it; the caller's working folder and any folder
     * holding it are refused.
     *
     * @param folder the folder to be written, resolved against {@code workingFolder} if relative
     * @param workingFolder the caller's working folder
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds other files
     * @throws IOException if the folder is a file, the root, the working folder or a folder holding it
     */
    public static Path checkFolder(Path folder, Path workingFolder) throws IOException {
        return OutputFolders.check(folder, FOLDER_KIND, RobustnessReport::isEarlierVersion, workingFolder);
    }

    /** No robustness folder was ever written without the marker, so none is an earlier version. */
    static boolean isEarlierVersion(Path folder) {
        return false;
    }

    // ---------------------------------------------------------------- builder

    /** Collects the optional parts of a robustness report; not thread-safe, and used once. */
    public static final class Builder {

        private final Robustness study;
        private RobustnessComparison comparison;
        private List<GateResult> gates;
        private String nameA = "A";
        private String nameB = "B";
        private String title;
        private double level = 0.95;
        private CorruptedImages images = CorruptedImages.none();
        private List<Integer> examples;
        private Integer gridSeverity;

        private Builder(Robustness study) {
            this.study = Objects.requireNonNull(study, "study");
        }

        /**
         * Names the model (by default "A").
         *
         * @param name the name, not blank
         * @return this builder
         */
        public Builder name(String name) {
            this.nameA = RenderedReport.notBlank(name, "the model's name");
            return this;
        }

        /**
         * Adds the comparison with a second model ({@code --model-b}), made by {@code study.compareWith(b)}.
         *
         * @param c the comparison, whose baseline is this report's study
         * @param name model B's name, not blank
         * @return this builder
         * @throws IllegalArgumentException if the comparison's baseline is another study
         */
        public Builder comparison(RobustnessComparison c, String name) {
            Objects.requireNonNull(c, "comparison");
            if (c.a() != study) {
                throw new IllegalArgumentException("the robustness comparison given is not of this report's study "
                        + "(its baseline is another study)");
            }
            this.comparison = c;
            this.nameB = RenderedReport.notBlank(name, "model B's name");
            this.level = c.level();
            return this;
        }

        /**
         * Adds the judged gates ({@code RobustnessGates.evaluate}), shown in a section and in the JSON.
         *
         * @param results the results, in the order the gates were given
         * @return this builder
         */
        public Builder gates(List<GateResult> results) {
            this.gates = List.copyOf(Objects.requireNonNull(results, "gates"));
            return this;
        }

        /**
         * Sets the confidence level of every interval (0.95 by default; a comparison sets its own).
         *
         * @param confidence in (0, 1)
         * @return this builder
         */
        public Builder level(double confidence) {
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("the confidence level must be in (0, 1), but is " + confidence);
            }
            this.level = confidence;
            return this;
        }

        /**
         * Sets the title (by default "Corruption robustness: NAME").
         *
         * @param reportTitle the title, not blank
         * @return this builder
         */
        public Builder title(String reportTitle) {
            this.title = RenderedReport.notBlank(reportTitle, "the robustness report's title");
            return this;
        }

        /**
         * Sets where the grids' images come from (by default none: placeholders).
         *
         * @param source the images
         * @return this builder
         */
        public Builder images(CorruptedImages source) {
            this.images = Objects.requireNonNull(source, "images");
            return this;
        }

        /**
         * Chooses the examples the grids show (by default the first example of each of the first four classes met).
         *
         * @param indexes from 1 to {@value RobustnessReport#MAX_GRID_EXAMPLES} example indexes
         * @return this builder
         */
        public Builder examples(List<Integer> indexes) {
            List<Integer> copy = List.copyOf(indexes);
            if (copy.isEmpty() || copy.size() > MAX_GRID_EXAMPLES) {
                throw new IllegalArgumentException("a robustness grid shows 1 to " + MAX_GRID_EXAMPLES
                        + " examples, but " + copy.size() + " were given");
            }
            for (int i : copy) {
                Objects.checkIndex(i, study.examples());
            }
            this.examples = copy;
            return this;
        }

        /**
         * Chooses the severity the grids show (by default 3 when studied, else the highest studied).
         *
         * @param severity one of the study's severities
         * @return this builder
         * @throws IllegalArgumentException if the study has no such severity
         */
        public Builder gridSeverity(int severity) {
            if (!study.severities().contains(severity)) {
                throw new IllegalArgumentException("the grid's severity " + severity + " is not among the study's "
                        + study.severities());
            }
            this.gridSeverity = severity;
            return this;
        }

        /**
         * Builds the report, drawing every figure.
         *
         * @return the report
         */
        public RobustnessReport build() {
            return new RobustnessReport(this);
        }
    }
}
