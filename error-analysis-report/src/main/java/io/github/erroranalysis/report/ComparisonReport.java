package io.github.erroranalysis.report;

import io.github.erroranalysis.ClassChange;
import io.github.erroranalysis.ConfusionChange;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Flip;
import io.github.erroranalysis.FlippedExample;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.StatsJson;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.McNemarTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The comparison of two models on the same examples (the course's Stage 8, {@code cifar-errors compare}), rendered
 * like the error report, with its renderer and its look: both accuracies with their intervals, the paired change
 * with its interval and McNemar's exact test; the flip matrix and each class's change with its interval as figures;
 * the flipped examples (right → wrong, wrong → right) as grids and as a gallery one can filter; the largest
 * confusion changes; and the provenance of both. Model A is the baseline and B the candidate of the core's
 * {@link ModelComparison}, so right → wrong counts the examples A got right and B wrong. One immutable model,
 * rendered as Markdown (figures beside it), one self-contained HTML file (the report's content security policy,
 * every name escaped with {@link Escaping}) and the core's comparison JSON ({@link StatsJson#comparison});
 * {@link #writeTo(Path)} writes all three atomically.
 */
public final class ComparisonReport {

    /** The JSON file of a written comparison: the core's comparison document, schema {@code comparison.schema.json}. */
    public static final String JSON_FILE = "comparison.json";

    /** The Markdown file of a written comparison. */
    public static final String MARKDOWN_FILE = "comparison.md";

    /** The HTML file of a written comparison. */
    public static final String HTML_FILE = "comparison.html";

    /** The folder, inside a written comparison, that holds the figures as PNG files (as in the error report). */
    public static final String FIGURE_FOLDER = ErrorReport.FIGURE_FOLDER;

    /** What a comparison folder is called in messages. */
    public static final String FOLDER_KIND = "comparison folder";

    /** How many confusion-pair changes the Markdown and HTML list. */
    public static final int CONFUSION_CHANGES_SHOWN = 10;

    /** How many flipped examples of each direction the tables list (the gallery holds every one). */
    public static final int FLIPS_LISTED = 20;

    /** The ids of the sections, in order; each is the HTML anchor of its heading. */
    public static final List<String> SECTION_IDS = List.of("summary", "flips", "per-class", "selective-prediction",
            "flipped-examples", "confusion-changes", "provenance");

    private static final JsonFactory JSON = new JsonFactory();

    private final ModelComparison comparison;
    private final String nameA;
    private final String nameB;
    private final RenderedReport rendered;

    private ComparisonReport(Builder b) {
        this.comparison = b.comparison != null ? b.comparison : ModelComparison.of(b.a, b.b);
        this.nameA = b.nameA;
        this.nameB = b.nameB;
        String title = b.title != null ? b.title : "Comparison: " + nameA + " (A) against " + nameB + " (B)";
        try (Document document = new Document()) {
            section(document, 0, 1, title, w -> summary(w));
            section(document, 1, 2, "Flip matrix", w -> flips(w));
            section(document, 2, 2, "Per class", w -> perClass(w));
            section(document, 3, 2, "Selective prediction", w -> selective(w, b));
            section(document, 4, 2, "Flipped examples", w -> flipped(w, b));
            section(document, 5, 2, "Largest confusion changes", w -> confusionChanges(w));
            section(document, 6, 2, "Provenance", w -> provenance(w));
            this.rendered = RenderedReport.of("the comparison", title, document);
        }
    }

    private static void section(Document document, int id, int level, String heading,
            java.util.function.Consumer<SectionWriter> body) {
        Document.Writer w = document.section(SECTION_IDS.get(id), level, heading, true);
        body.accept(w);
        w.close();
    }

    /**
     * Starts a comparison of two analyses of the same examples: A the baseline, B the candidate.
     *
     * @param a model A's analysis
     * @param b model B's analysis, of the same examples in the same order
     * @return a builder
     */
    public static Builder builder(ErrorAnalysis a, ErrorAnalysis b) {
        return new Builder(a, b);
    }

    /**
     * Gives the one-line summary: both accuracies, the change and the McNemar p-value, in words how many examples
     * A got right and B wrong, and the other way round, and the AURC change B − A with its paired interval.
     *
     * @param c the comparison, A the baseline
     * @param nameA model A's name
     * @param nameB model B's name
     * @return the summary
     */
    public static String summary(ModelComparison c, String nameA, String nameB) {
        McNemarTest m = c.mcnemar();
        String accuracy = Formats.format("%s %.4f vs %s %.4f on %d examples: change %+.4f; McNemar p = %.4g "
                + "(%d %s right with %s and wrong with %s, %d the other way round; %s at %.0f %%)", nameA,
                c.baselineAccuracy().estimate(), nameB, c.candidateAccuracy().estimate(), c.examples(),
                c.accuracyChange().estimate(), m.pValue(), m.rightToWrong(),
                m.rightToWrong() == 1 ? "example" : "examples", nameA, nameB, m.wrongToRight(),
                m.significant() ? "significant" : "not significant", 100 * c.level());
        Interval d = c.selectivePrediction() == null ? null : c.selectivePrediction().aurcDifference();
        return d == null || !d.isDefined() ? accuracy : accuracy + Formats.format("; AURC change %s − %s %s [%s, %s] "
                + "(%s, lower is better)", nameB, nameA, Formats.signed(d.estimate()), Formats.signed(d.lower()),
                Formats.signed(d.upper()), Formats.level(d.level()));
    }

    // ---------------------------------------------------------------- sections

    private void summary(SectionWriter out) {
        ModelComparison c = comparison;
        out.paragraph(summary(c, nameA, nameB));
        out.table(List.of("model", "accuracy", "ci low", "ci high", "interval"), List.of(
                intervalRow("A: " + nameA, c.baselineAccuracy(), false),
                intervalRow("B: " + nameB, c.candidateAccuracy(), false),
                intervalRow("change B − A", c.accuracyChange(), true)));
        out.paragraph(c.mcnemar() + "; right → wrong means A right and B wrong.");
    }

    private static List<String> intervalRow(String what, Interval i, boolean signed) {
        if (!i.isDefined()) {
            return List.of(what, Formats.NO_EXAMPLES, "", "", "");
        }
        java.util.function.DoubleFunction<String> f = signed ? Formats::signed : Formats::ratio;
        return List.of(what, f.apply(i.estimate()), f.apply(i.lower()), f.apply(i.upper()),
                Formats.format("%.0f %% %s", 100 * i.level(), i.method()));
    }

    private void flips(SectionWriter out) {
        long[][] counts = Figures.flipCounts(comparison);
        out.paragraph(Formats.format("Rows are model A (%s) right or wrong, columns model B (%s); the two flips are "
                + "what McNemar's test weighs.", nameA, nameB));
        out.figure("flip-matrix", Figures.flipMatrix(comparison, nameA, nameB),
                "Flip matrix: A right or wrong against B right or wrong");
        boolean any = counts[0][1] + counts[1][0] > 0;
        String html = (any ? "<p>Click a flip to see its examples in the gallery of flipped examples.</p>\n" : "")
                + "<table class=\"g-matrix g-flips\">\n<thead><tr><th></th><th>B right</th><th>B wrong</th></tr>"
                + "</thead>\n<tbody>\n<tr><th>A right</th><td>" + counts[0][0] + "</td>"
                + flipCell(any, Flip.RIGHT_TO_WRONG, counts[0][1]) + "</tr>\n<tr><th>A wrong</th>"
                + flipCell(any, Flip.WRONG_TO_RIGHT, counts[1][0]) + "<td>" + counts[1][1] + "</td></tr>\n"
                + "</tbody>\n</table>";
        ((Document.Writer) out).html(html, md -> md.table(List.of("", "B right", "B wrong"), List.of(
                List.of("A right", Long.toString(counts[0][0]), Long.toString(counts[0][1]) + " (right → wrong)"),
                List.of("A wrong", Long.toString(counts[1][0]) + " (wrong → right)", Long.toString(counts[1][1])))));
    }

    /** A flip's cell of the HTML flip matrix: a click filters the flipped examples' gallery to that direction. */
    private static String flipCell(boolean clickable, Flip flip, long count) {
        String text = count + " (" + flip + ")";
        return clickable ? "<td data-gallery=\"" + GALLERY_ID + "\" data-kind=\"" + flip.ordinal() + "\" title=\"show "
                + "the " + flip + " examples in the gallery\">" + Escaping.html(text) + "</td>" : "<td>"
                + Escaping.html(text) + "</td>";
    }

    private void perClass(SectionWriter out) {
        int classes = comparison.perClass().size();
        String many = classes > Figures.MAX_CLASSES_DRAWN ? ", " + Figures.largestChangesNote(classes) : "";
        out.figure("class-change", Figures.classChange(comparison, nameA, nameB),
                "Per-class accuracy change, B minus A, with its paired-bootstrap interval" + many);
        out.figure("class-accuracy", Figures.comparison(comparison, nameA, nameB),
                "Per-class accuracy of A (" + nameA + ") and B (" + nameB + ")" + many);
        List<List<String>> rows = new ArrayList<>();
        for (ClassChange k : comparison.perClass()) {
            Interval i = k.change();
            rows.add(List.of(k.className(), Long.toString(k.support()), Formats.ratio(k.baselineAccuracy()),
                    Formats.ratio(k.candidateAccuracy()), i.isDefined() ? Formats.signed(i.estimate()) : Formats.NO_EXAMPLES,
                    Long.toString(k.rightToWrong()), Long.toString(k.wrongToRight()),
                    i.isDefined() ? Formats.signed(i.lower()) : "", i.isDefined() ? Formats.signed(i.upper()) : ""));
        }
        out.table(List.of("class", "support", "A", "B", "change", "A right, B wrong", "A wrong, B right",
                "change ci low", "change ci high"), rows);
    }

    /** The selective-prediction section's first sentence: what AURC says, and what only the excess AURC says. */
    static final String SELECTIVE_INTRO = "Each model answering only its most confident share of the examples (AURC: "
            + "the mean error rate over every coverage): the lower the AURC, the fewer errors among the answers it "
            + "keeps; the excess AURC (over the optimal for its own accuracy) says how well its confidence ranks its "
            + "right answers above its wrong ones.";

    /**
     * Both models' risk–coverage curves on one figure, each model's AURC with its interval, the optimal and excess
     * AURC and its coverage at each risk, and the change in AURC, B − A.
     */
    private void selective(SectionWriter out, Builder b) {
        // AURC mixes the error rate and the ranking (a more accurate model has a lower AURC however it ranks); only
        // the excess AURC measures the ranking
        double level = comparison.level();
        SelectivePrediction sa = b.a.selectivePrediction(level);
        SelectivePrediction sb = b.b.selectivePrediction(level);
        out.paragraph(SELECTIVE_INTRO);
        out.figure("risk-coverage", Figures.riskCoverage(b.a, nameA, b.b, nameB, level), Formats.format(
                "Risk–coverage curves of A (%s, AURC %s) and B (%s, AURC %s): the error rate among the answered "
                        + "against the share answered, most confident first", nameA, Formats.ratio(sa.aurc()), nameB,
                Formats.ratio(sb.aurc())));
        List<String> header = new ArrayList<>(List.of("model", "AURC", Formats.level(level) + " interval",
                "optimal AURC", "excess AURC"));
        for (io.github.erroranalysis.CoverageAtRisk r : sa.coverageAtRisk()) {
            header.add("coverage at risk " + Formats.risk(r.risk()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            SelectivePrediction s = m == 0 ? sa : sb;
            List<String> row = new ArrayList<>(List.of(m == 0 ? "A: " + nameA : "B: " + nameB,
                    Formats.ratio(s.aurc()), Formats.format("[%s, %s]", Formats.ratio(s.aurcInterval().lower()),
                            Formats.ratio(s.aurcInterval().upper())), Formats.ratio(s.optimalAurc()),
                    Formats.ratio(s.excessAurc())));
            for (io.github.erroranalysis.CoverageAtRisk r : s.coverageAtRisk()) {
                row.add(Formats.percentOneDecimal(r.coverage()));
            }
            rows.add(List.copyOf(row));
        }
        Interval d = comparison.selectivePrediction().aurcDifference();
        List<String> change = new ArrayList<>(List.of("change B − A", Formats.signed(d.estimate()),
                Formats.format("[%s, %s]", Formats.signed(d.lower()), Formats.signed(d.upper())), "", ""));
        while (change.size() < header.size()) {
            change.add("");
        }
        rows.add(List.copyOf(change));
        out.table(header, rows);
        out.paragraph(aurcChange(comparison.selectivePrediction().aurcDifference(), nameA, nameB));
    }

    /**
     * The change in AURC, B − A, with its paired-bootstrap interval, in words: lower is better, and the interval
     * says whether the difference is clear.
     *
     * @param d the candidate's AURC minus the baseline's, with its interval
     * @param nameA model A's name
     * @param nameB model B's name
     * @return for example "AURC change B − A: -0.0513 [-0.0690, -0.0342] (95% paired percentile bootstrap, …); lower
     *         is better: B (augmented) answers more safely than A (baseline), …, and the interval excludes 0."
     */
    static String aurcChange(Interval d, String nameA, String nameB) {
        String safer = "%s (%s) answers more safely than %s (%s), with fewer mistakes among its most confident "
                + "answers averaged over every coverage, and the interval excludes 0";
        String verdict = d.upper() < 0 ? Formats.format(safer, "B", nameB, "A", nameA)
                : d.lower() > 0 ? Formats.format(safer, "A", nameA, "B", nameB)
                : "the interval includes 0: no clear difference in how safely the two models answer";
        return Formats.format("AURC change B − A: %s [%s, %s] (%s %s); lower is better: %s.",
                Formats.signed(d.estimate()), Formats.signed(d.lower()), Formats.signed(d.upper()),
                Formats.level(d.level()), d.method(), verdict);
    }

    private void flipped(SectionWriter out, Builder b) {
        List<FlippedExample> rightToWrong = comparison.flips(Flip.RIGHT_TO_WRONG);
        List<FlippedExample> wrongToRight = comparison.flips(Flip.WRONG_TO_RIGHT);
        if (rightToWrong.isEmpty() && wrongToRight.isEmpty()) {
            out.paragraph("No example flipped: both models are right and wrong on the same examples.");
            return;
        }
        out.paragraph(Formats.format("%d examples flipped: %d right → wrong (A right, B wrong), %d wrong → right "
                + "(A wrong, B right).", rightToWrong.size() + wrongToRight.size(), rightToWrong.size(),
                wrongToRight.size()));
        List<FlippedExample> all = new ArrayList<>(rightToWrong);
        all.addAll(wrongToRight);
        String gallery = gallery(all, b);
        long[][] flipped = flippedConfusion(all, b.a.classCount());
        String matrix = Gallery.matrix(GALLERY_ID, b.a.classNames(), flipped,
                Figures.mostMistakes(flipped, Explorer.MATRIX_CLASSES));
        ((Document.Writer) out).html("<p>The flipped examples by true class (rows) and the wrong model's answer "
                + "(columns: B's for right → wrong, A's for wrong → right); click a cell or a row to filter the "
                + "gallery below, whose \u201cpredicted class\u201d is that wrong answer and whose \u201cflip\u201d "
                + "filter picks a direction.</p>\n" + matrix + "\n" + gallery, md -> flippedPairs(md, flipped,
                        b.a.classNames()));
        grid(out, "flipped-right-to-wrong", rightToWrong, b.b, b,
                "Right → wrong: as B (" + nameB + ") predicted them");
        grid(out, "flipped-wrong-to-right", wrongToRight, b.a, b,
                "Wrong → right: as A (" + nameA + ") predicted them");
        List<List<String>> rows = new ArrayList<>();
        for (List<FlippedExample> side : List.of(rightToWrong, wrongToRight)) {
            side.stream().limit(FLIPS_LISTED).forEach(f -> rows.add(List.of(Integer.toString(f.index()),
                    f.origin().orElse(""), f.trueClassName(), f.flip().toString(),
                    f.baselinePredictedName() + " " + Formats.wholePercent(f.baselineConfidence()),
                    f.candidatePredictedName() + " " + Formats.wholePercent(f.candidateConfidence()))));
        }
        out.table(List.of("example", "origin", "true class", "flip", "A predicted", "B predicted"), rows);
    }

    /** Markdown's stand-in for the clickable matrix: the pairs with the most flipped examples, most first. */
    private static void flippedPairs(SectionWriter md, long[][] flipped, List<String> names) {
        List<int[]> pairs = new ArrayList<>();
        for (int t = 0; t < flipped.length; t++) {
            for (int p = 0; p < flipped.length; p++) {
                if (flipped[t][p] > 0) {
                    pairs.add(new int[] {t, p});
                }
            }
        }
        pairs.sort(java.util.Comparator.<int[]>comparingLong(x -> -flipped[x[0]][x[1]])
                .thenComparingInt(x -> x[0]).thenComparingInt(x -> x[1]));
        md.paragraph("The flipped examples by true class and the wrong model's answer (B's for right → wrong, A's for "
                + "wrong → right), the most frequent pairs first.");
        md.table(List.of("true class", "wrong answer", "flipped examples"), pairs.stream()
                .limit(CONFUSION_CHANGES_SHOWN).map(x -> List.of(names.get(x[0]), names.get(x[1]),
                        Long.toString(flipped[x[0]][x[1]]))).toList());
    }

    /** The id of the flipped examples' gallery, which the flipped confusion cells filter. */
    static final String GALLERY_ID = "flips";

    /** The gallery's flip facet: its values by {@link Flip} ordinal. */
    static final Gallery.Facet FLIP_FACET = new Gallery.Facet("flip", List.of(Flip.RIGHT_TO_WRONG.toString(),
            Flip.WRONG_TO_RIGHT.toString()));

    /**
     * The gallery of every flipped example (most confident first, the gallery's default order): each
     * tile is the wrong model's answer (B's for right → wrong, A's for wrong → right) with its confidence and top-3,
     * its detail naming the other model's right answer.
     */
    private String gallery(List<FlippedExample> flips, Builder b) {
        List<Gallery.Item> items = new ArrayList<>(flips.size());
        for (FlippedExample f : flips) {
            boolean regression = f.flip() == Flip.RIGHT_TO_WRONG;
            String extra = regression
                    ? Formats.format("A (%s) was right: %s, %s; B (%s) is wrong", nameA, f.baselinePredictedName(),
                            Formats.wholePercent(f.baselineConfidence()), nameB)
                    : Formats.format("B (%s) is right: %s, %s; A (%s) was wrong", nameB, f.candidatePredictedName(),
                            Formats.wholePercent(f.candidateConfidence()), nameA);
            items.add(Gallery.Item.of(regression ? b.b : b.a, f.index(), f.flip().ordinal(), extra,
                    regression ? "B" : "A"));
        }
        // the gallery's default order, as its sort names it: most confident first (as the page compares), ties by index
        items.sort(java.util.Comparator.<Gallery.Item>comparingDouble(i -> -(float) i.confidence())
                .thenComparingInt(Gallery.Item::example));
        String note = flips.size() > Gallery.CAP ? Formats.format("The first %,d of %,d flipped examples.",
                Gallery.CAP, flips.size()) : "";
        Gallery.Details details = new Gallery.Details() {
            @Override
            public Optional<java.awt.image.BufferedImage> image(int example) {
                return b.images.image(example, b.a.origin(example));
            }

            @Override
            public String noEvidence() {
                return NO_EVIDENCE;
            }
        };
        return Gallery.html(GALLERY_ID, b.a.classNames(), items, FLIP_FACET, details, note);
    }

    /** The detail panel's line on the evidence, which a comparison does not compute. */
    static final String NO_EVIDENCE = "saliency maps and nearest training examples are in each model's own report "
            + "(analyze), not in the comparison";

    /** The flipped examples counted by true class and the wrong model's answer (rows true, columns predicted). */
    private static long[][] flippedConfusion(List<FlippedExample> flips, int classes) {
        long[][] counts = new long[classes][classes];
        for (FlippedExample f : flips) {
            int wrong = f.flip() == Flip.RIGHT_TO_WRONG ? f.candidatePredicted() : f.baselinePredicted();
            counts[f.trueClass()][wrong]++;
        }
        return counts;
    }

    private void grid(SectionWriter out, String name, List<FlippedExample> flips, ErrorAnalysis shownAs, Builder b,
            String caption) {
        if (flips.isEmpty()) {
            return;
        }
        List<Integer> shown = flips.stream().limit(b.perGrid).map(FlippedExample::index).toList();
        out.figure(name, Figures.exampleGrid(shownAs, shown, b.images), caption);
    }

    private void confusionChanges(SectionWriter out) {
        List<ConfusionChange> changes = comparison.confusionChanges().stream().limit(CONFUSION_CHANGES_SHOWN).toList();
        if (changes.isEmpty()) {
            out.paragraph("Neither model confuses any pair of classes.");
            return;
        }
        out.paragraph("The confusion cells (rows true class, columns predicted) whose count changed most.");
        out.table(List.of("true class", "predicted as", "A", "B", "change"), changes.stream()
                .map(p -> List.of(p.trueClassName(), p.predictedClassName(), Long.toString(p.baselineCount()),
                        Long.toString(p.candidateCount()), Formats.format("%+d", p.change())))
                .toList());
    }

    private void provenance(SectionWriter out) {
        Provenance a = comparison.baselineProvenance();
        Provenance b = comparison.candidateProvenance();
        out.table(List.of("what", "A", "B"), List.of(
                List.of("name", nameA, nameB),
                List.of("model", a.model(), b.model()),
                List.of("model fingerprint", a.modelFingerprint(), b.modelFingerprint()),
                List.of("data source", a.dataSource(), b.dataSource()),
                List.of("data fingerprint", a.dataFingerprint(), b.dataFingerprint()),
                List.of("library version", a.libraryVersion(), b.libraryVersion()),
                List.of("date", a.date().toString(), b.date().toString()),
                List.of("seed", Long.toString(a.seed()), Long.toString(b.seed()))));
        out.paragraph(Formats.format("Common test set %s; intervals at %.0f %%, paired bootstrap %s.",
                comparison.testSet(), 100 * comparison.level(), comparison.bootstrap()));
    }

    // ---------------------------------------------------------------- views

    /**
     * Gives the comparison shown.
     *
     * @return the core's comparison, A the baseline
     */
    public ModelComparison comparison() {
        return comparison;
    }

    /**
     * Gives model A's name.
     *
     * @return the name
     */
    public String nameA() {
        return nameA;
    }

    /**
     * Gives model B's name.
     *
     * @return the name
     */
    public String nameB() {
        return nameB;
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
     * Renders the comparison as Markdown; figures are linked as {@code figures/<name>.png} beside it.
     *
     * @return the Markdown text
     */
    public String toMarkdown() {
        return rendered.markdown();
    }

    /**
     * Renders the comparison as one self-contained HTML file, as the error report is: figures inlined as
     * {@code data:} URIs, the report's content security policy, no network access.
     *
     * @return the HTML text
     */
    public String toHtml() {
        return rendered.html();
    }

    /**
     * Renders the comparison as the core's comparison JSON ({@code schemaVersion} 2, schema
     * {@code comparison.schema.json}): A as {@code baselineModel}, B as {@code candidateModel}, indented.
     *
     * @return the JSON text
     */
    public String toJson() {
        return StatsJson.comparison(comparison, nameA, nameB, true);
    }

    /**
     * Writes the comparison folder: {@value #JSON_FILE}, {@value #MARKDOWN_FILE}, {@value #HTML_FILE}, the figures
     * under {@value #FIGURE_FOLDER} and the marker file {@value OutputFolders#MARKER} listing them, staged in a
     * hidden sibling and renamed in (see {@link OutputFolders}), so that the folder holds the complete old
     * comparison or the complete new one. An existing folder is replaced only when {@link #checkFolder} allows it.
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
                ComparisonReport::isEarlierComparison);
    }

    /**
     * Checks, changing nothing, that {@link #writeTo} may write a folder: it is absent, empty, holds the marker file
     * {@value OutputFolders#MARKER} listing everything in it, or is a comparison folder written before the marker
     * (only the three files, with a {@value #JSON_FILE} holding its McNemar test); the caller's working folder and
     * any folder holding it are refused.
     *
     * @param folder the folder to be written, resolved against {@code workingFolder} if relative
     * @param workingFolder the caller's working folder
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds other files
     * @throws IOException if the folder is a file, the root, the working folder or a folder holding it
     */
    public static Path checkFolder(Path folder, Path workingFolder) throws IOException {
        return OutputFolders.check(folder, FOLDER_KIND, ComparisonReport::isEarlierComparison, workingFolder);
    }

    /**
     * A comparison folder written before the marker: nothing but the three files, the JSON one object (at most
     * 64 MiB) with its McNemar test object.
     */
    static boolean isEarlierComparison(Path folder) {
        Set<String> ours = Set.of(JSON_FILE, MARKDOWN_FILE, HTML_FILE);
        if (!OutputFolders.holdsOnly(folder, ours::contains)) {
            return false;
        }
        Path json = folder.resolve(JSON_FILE);
        try {
            if (!Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS) || Files.size(json) > (64L << 20)) {
                return false;
            }
            try (java.io.InputStream in = Files.newInputStream(json); JsonParser p = JSON.createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return false;
                }
                boolean mcnemar = false;
                JsonToken t = p.nextToken();
                for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.getCurrentName();
                    JsonToken value = p.nextToken();
                    mcnemar |= name.equals("mcnemar") && value == JsonToken.START_OBJECT;
                    p.skipChildren();
                }
                return mcnemar && t == JsonToken.END_OBJECT && p.nextToken() == null;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- builder

    /** Collects the optional parts of a comparison report; not thread-safe, and used once. */
    public static final class Builder {

        private final ErrorAnalysis a;
        private final ErrorAnalysis b;
        private String nameA = "A";
        private String nameB = "B";
        private String title;
        private ModelComparison comparison;
        private ImageSource images = ImageSource.none();
        private int perGrid = 10;

        private Builder(ErrorAnalysis a, ErrorAnalysis b) {
            this.a = Objects.requireNonNull(a, "a");
            this.b = Objects.requireNonNull(b, "b");
        }

        /**
         * Names the two models (by default "A" and "B").
         *
         * @param a model A's name, not blank
         * @param b model B's name, not blank
         * @return this builder
         */
        public Builder names(String a, String b) {
            this.nameA = RenderedReport.notBlank(a, "model A's name");
            this.nameB = RenderedReport.notBlank(b, "model B's name");
            return this;
        }

        /**
         * Sets the title (by default "Comparison: A (A) against B (B)" with the models' names).
         *
         * @param reportTitle the title, not blank
         * @return this builder
         */
        public Builder title(String reportTitle) {
            this.title = RenderedReport.notBlank(reportTitle, "the comparison title");
            return this;
        }

        /**
         * Uses a comparison the caller already computed (another level or bootstrap) instead of
         * {@link ModelComparison#of(ErrorAnalysis, ErrorAnalysis)}.
         *
         * @param c the comparison of A (baseline) with B (candidate), of as many examples as both analyses
         * @return this builder
         * @throws IllegalArgumentException if it is of another number of examples
         */
        public Builder comparison(ModelComparison c) {
            Objects.requireNonNull(c, "comparison");
            if (c.examples() != a.examples() || c.examples() != b.examples()) {
                throw new IllegalArgumentException("the comparison is of " + c.examples() + " examples, but the "
                        + "analyses have " + a.examples() + " and " + b.examples());
            }
            this.comparison = c;
            return this;
        }

        /**
         * Sets where the examples' images come from (by default none: placeholders); both models saw the same ones.
         *
         * @param source the image source
         * @return this builder
         */
        public Builder images(ImageSource source) {
            this.images = Objects.requireNonNull(source, "images");
            return this;
        }

        /**
         * Sets how many flipped examples of each direction the grids draw (10 by default).
         *
         * @param n from 1 to {@value Figures#MAX_GRID_EXAMPLES}
         * @return this builder
         */
        public Builder examplesPerGrid(int n) {
            if (n < 1 || n > Figures.MAX_GRID_EXAMPLES) {
                throw new IllegalArgumentException("examples per grid must be from 1 to " + Figures.MAX_GRID_EXAMPLES
                        + ", but is " + n);
            }
            this.perGrid = n;
            return this;
        }

        /**
         * Builds the comparison report, drawing every figure.
         *
         * @return the report
         * @throws IllegalArgumentException saying what differs when the two analyses are of different examples
         */
        public ComparisonReport build() {
            return new ComparisonReport(this);
        }
    }
}
