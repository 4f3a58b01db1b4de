package io.github.erroranalysis.report;

import io.github.erroranalysis.Audit;
import io.github.erroranalysis.AuditJson;
import io.github.erroranalysis.DuplicateAudit;
import io.github.erroranalysis.DuplicatePair;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Slice;
import io.github.erroranalysis.SliceSearch;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * The report's data audit section ({@code audit}): the suspected near-duplicates with side-by-side thumbnails and
 * the score effect, and the slices where the model fails with example grids and a figure; its JSON is
 * {@code audit.json}'s values.
 */
public final class AuditSection implements ReportSection {

    /** The section's id. */
    public static final String ID = "audit";

    /** The most suspected pairs the table lists. */
    public static final int TABLE_PAIRS = 50;

    /** The most suspected pairs the thumbnail figure shows. */
    public static final int FIGURE_PAIRS = 24;

    /** The most within-test pairs the table and the figure show. */
    public static final int WITHIN_TEST_PAIRS = 12;

    /** The most slices the table lists. */
    public static final int TABLE_SLICES = 15;

    /** The most slices shown with an example grid. */
    public static final int GRID_SLICES = 5;

    /** The most members of a slice its grid shows. */
    public static final int GRID_MEMBERS = 8;

    /** How many pairs one column of the pair figures holds. */
    private static final int PAIRS_PER_COLUMN = 6;

    /** The bins of the histogram of nearest-training distances. */
    private static final int BINS = 40;

    private final Audit audit;
    private final ImageSource testImages;
    private final ImageSource trainingImages;
    private final IntUnaryOperator trainingLabels;

    /**
     * Makes the section.
     *
     * @param audit the audit
     * @param testImages the test examples' images, by test index
     * @param trainingImages the training records' images, by training index
     */
    public AuditSection(Audit audit, ImageSource testImages, ImageSource trainingImages) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.testImages = Objects.requireNonNull(testImages, "testImages");
        this.trainingImages = Objects.requireNonNull(trainingImages, "trainingImages");
        this.trainingLabels = null;
    }

    private AuditSection(AuditSection s, IntUnaryOperator trainingLabels) {
        this.audit = s.audit;
        this.testImages = s.testImages;
        this.trainingImages = s.trainingImages;
        this.trainingLabels = trainingLabels;
    }

    /**
     * Gives this section with the training records' labels, shown beside each suspected pair (a near-duplicate whose
     * two labels differ is a label issue on one side); without them the pairs show the test example's classes only.
     *
     * @param labels the class index (of the analysis's class names) of a training record, by training index; for
     *               example {@code training.inputs()::label}
     * @return the section with the labels
     */
    public AuditSection withTrainingLabels(IntUnaryOperator labels) {
        return new AuditSection(this, Objects.requireNonNull(labels, "labels"));
    }

    /** A training record's class name, or "" without labels (or with a label the analysis has no name for). */
    private String trainingClass(ErrorAnalysis analysis, int trainIndex) {
        if (trainingLabels == null) {
            return "";
        }
        int c = trainingLabels.applyAsInt(trainIndex);
        return c >= 0 && c < analysis.classNames().size() ? analysis.classNames().get(c) : "";
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Data audit";
    }

    @Override
    public void render(SectionWriter out, ErrorAnalysis analysis) {
        Missing missing = new Missing();
        out.paragraph(Formats.format("Audit of %s (seed %d): %s.", audit.testSource(), audit.seed(),
                audit.trainingSource().map(t -> "near-duplicates searched in " + t)
                        .orElse("no training data was given, so no near-duplicates were searched")));
        audit.duplicates().ifPresent(d -> duplicates(out, analysis, d, missing));
        audit.slices().ifPresentOrElse(s -> slices(out, analysis, s, missing),
                () -> out.paragraph("No slices were searched (the examples' images were not available)."));
        if (missing.count > 0) {
            out.paragraph(Formats.format("%d of the images these figures show could not be found; they are drawn as "
                    + "placeholders.", missing.count));
        }
        for (Map.Entry<String, Object> e : AuditJson.values(audit).entrySet()) {
            out.json(e.getKey(), e.getValue());
        }
    }

    // ---------------------------------------------------------------- near-duplicates

    private void duplicates(SectionWriter out, ErrorAnalysis analysis, DuplicateAudit d, Missing missing) {
        out.subheading("Near-duplicates of training images");
        String threshold = Formats.format("%.4f", d.threshold());
        out.paragraph(Formats.format("Each of the %,d test examples was compared with the %,d training records "
                + "searched%s. Distance: %s A test example at most %s from its nearest training record is a "
                + "suspected near-duplicate: %,d are (%s of the test examples); %,d pairs within the test data are "
                + "that close.", d.effect().examples(), d.trainingExamples(), d.trainingExcluded() == 0 ? ""
                        : Formats.format(" (%,d more left out: a test example has the same origin, so they are the "
                                + "same records)", d.trainingExcluded()), sentence(d.distance()), threshold,
                d.duplicates().size(), Formats.percentOneDecimal(Formats.ratio(d.duplicates().size(),
                        d.effect().examples())), d.withinTestDuplicates().size()));
        out.paragraph(d.effect().inWords());
        if (d.duplicates().isEmpty()) {
            out.paragraph("No test example is within the threshold of a training record.");
        } else {
            List<DuplicatePair> top = d.duplicates().subList(0, Math.min(TABLE_PAIRS, d.duplicates().size()));
            List<List<String>> rows = new ArrayList<>();
            for (int k = 0; k < top.size(); k++) {
                DuplicatePair p = top.get(k);
                rows.add(List.of(Integer.toString(k + 1), Integer.toString(p.index()), p.origin().orElse(""),
                        Integer.toString(p.otherIndex()), p.otherOrigin().orElse(""), classes(analysis, p.index()),
                        trainingClass(analysis, p.otherIndex()), Formats.format("%.4f", p.distance())));
            }
            out.paragraph(Formats.format("The %s most suspect pairs, smallest distance first%s:",
                    top.size() == d.duplicates().size() ? Integer.toString(top.size()) : "first " + top.size(),
                    top.size() == d.duplicates().size() ? "" : " (audit.json lists all " + d.duplicates().size()
                            + ")"));
            out.table(List.of("rank", "test index", "test origin", "train index", "train origin",
                    "test class (true / predicted)", "train class", "distance"), rows);
            List<DuplicatePair> shown = top.subList(0, Math.min(FIGURE_PAIRS, top.size()));
            out.figure("audit-duplicate-pairs", pairs(analysis, shown, trainingImages, "train", missing),
                    Formats.format("The %d most suspect pairs, side by side (each test image left, its nearest "
                            + "training image right, 3× enlarged), with their indexes and distance (threshold %s)",
                            shown.size(), threshold));
        }
        if (!d.nearest().isEmpty()) {
            double[] distances = d.nearest().stream().mapToDouble(DuplicatePair::distance).toArray();
            double median = median(distances);
            out.figure("audit-nearest-distances", Charts.histogram("Distance of each test example to its nearest "
                    + "training record", "distance to the nearest training record", distances, BINS, d.threshold(),
                    "threshold " + threshold, Formats.format("%,d test examples; %,d at most the threshold (left of "
                            + "the dashed line); median %.4f", distances.length, d.duplicates().size(), median)),
                    Formats.format("Histogram of every test example's distance to its nearest training record; the "
                            + "dashed line is the threshold %s", threshold));
        }
        out.subheading("Near-duplicates within the test data");
        if (d.withinTestDuplicates().isEmpty()) {
            out.paragraph("No two test examples are within the threshold of each other.");
            return;
        }
        List<DuplicatePair> within = d.withinTestDuplicates().subList(0, Math.min(WITHIN_TEST_PAIRS,
                d.withinTestDuplicates().size()));
        List<List<String>> rows = new ArrayList<>();
        for (DuplicatePair p : within) {
            rows.add(List.of(Integer.toString(p.index()), p.origin().orElse(""), Integer.toString(p.otherIndex()),
                    p.otherOrigin().orElse(""), classes(analysis, p.index()) + "; " + classes(analysis,
                            p.otherIndex()), Formats.format("%.4f", p.distance())));
        }
        out.paragraph(Formats.format("%,d pairs of test examples are at most %s apart; the %d closest:",
                d.withinTestDuplicates().size(), threshold, within.size()));
        out.table(List.of("test index", "test origin", "other test index", "other test origin",
                "classes (true / predicted)", "distance"), rows);
        out.figure("audit-within-test-pairs", pairs(analysis, within, testImages, "test", missing),
                Formats.format("The %d closest pairs within the test data, side by side (3× enlarged), with their "
                        + "indexes and distance", within.size()));
    }

    private static String sentence(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    private static String classes(ErrorAnalysis analysis, int test) {
        if (test >= analysis.examples()) {
            return "";
        }
        List<String> names = analysis.classNames();
        return names.get(analysis.trueClass(test)) + " / " + names.get(analysis.predictedClass(test));
    }

    /** The pairs as thumbnails side by side, in columns of {@value #PAIRS_PER_COLUMN} pairs. */
    private BufferedImage pairs(ErrorAnalysis analysis, List<DuplicatePair> pairs, ImageSource others,
            String otherSide, Missing missing) {
        List<BufferedImage> columns = new ArrayList<>();
        for (int start = 0; start < pairs.size(); start += PAIRS_PER_COLUMN) {
            List<NeighbourStrips.Row> rows = new ArrayList<>();
            for (DuplicatePair p : pairs.subList(start, Math.min(pairs.size(), start + PAIRS_PER_COLUMN))) {
                String truth = p.index() < analysis.examples()
                        ? analysis.classNames().get(analysis.trueClass(p.index())) : "";
                NeighbourStrips.Tile test = new NeighbourStrips.Tile(List.of("test #" + p.index(), truth,
                        p.origin().orElse("")), missing.of(testImages.image(p.index(), p.origin())),
                        "test #" + p.index());
                String otherTruth = otherSide.equals("test")
                        ? p.otherIndex() < analysis.examples()
                                ? analysis.classNames().get(analysis.trueClass(p.otherIndex())) : ""
                        : trainingLabels != null ? trainingClass(analysis, p.otherIndex()) : p.otherOrigin().orElse("");
                NeighbourStrips.Tile other = new NeighbourStrips.Tile(List.of(otherSide + " #" + p.otherIndex(),
                        otherTruth, Formats.format("distance %.4f", p.distance())),
                        missing.of(others.image(p.otherIndex(), p.otherOrigin())), otherSide + " #" + p.otherIndex());
                rows.add(new NeighbourStrips.Row(test, List.of(other)));
            }
            columns.add(NeighbourStrips.paint(rows));
        }
        int width = columns.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = columns.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        int x = 0;
        for (BufferedImage c : columns) {
            g.drawImage(c, x, 0, null);
            x += c.getWidth();
        }
        g.dispose();
        return image;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    // ---------------------------------------------------------------- slices

    private void slices(SectionWriter out, ErrorAnalysis analysis, SliceSearch s, Missing missing) {
        out.subheading("Slices where the model fails");
        out.paragraph(Formats.format("%,d slices tried, %d found at FDR %s. Each slice (one class or all classes, "
                + "narrowed by one attribute range, two combined, one category or one embedding cluster, with at "
                + "least %d examples) is tested against the rest of its scope by Fisher's exact test (one-sided: "
                + "lower accuracy), and the p-values of all %,d are adjusted by Benjamini–Hochberg (q). Attributes: "
                + "%s.", s.tried(), s.slices().size(), Formats.format("q = %s", trim(s.fdr())), s.minSupport(),
                s.tried(), String.join(", ", s.attributes())));
        if (s.slices().isEmpty()) {
            out.paragraph(Formats.format("No slice has a q-value of at most %s: no group of examples fails "
                    + "significantly more often than the rest.", trim(s.fdr())));
            return;
        }
        List<Slice> top = s.slices().subList(0, Math.min(TABLE_SLICES, s.slices().size()));
        List<List<String>> rows = new ArrayList<>();
        for (Slice x : top) {
            Interval a = x.accuracy();
            rows.add(List.of(x.description(), Integer.toString(x.support()), Formats.ratioInterval(a.estimate(),
                    a.lower(), a.upper()), Formats.ratio(x.restAccuracy()), Formats.pValue(x.pValue()),
                    Formats.pValue(x.qValue())));
        }
        out.table(List.of("slice", "support", "accuracy [interval]", "rest accuracy", "p", "q"), rows);
        out.paragraph("The most significant: " + top.get(0).inWords() + ".");
        int n = top.size();
        double[] estimate = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        double[] rest = new double[n];
        for (int k = 0; k < n; k++) {
            estimate[k] = top.get(k).accuracy().estimate();
            low[k] = top.get(k).accuracy().lower();
            high[k] = top.get(k).accuracy().upper();
            rest[k] = top.get(k).restAccuracy();
        }
        out.figure("audit-slices", Charts.forest("Accuracy of the slices found against the rest of their scope",
                top.stream().map(Slice::description).toList(), estimate, low, high, rest, "slice accuracy ("
                        + Formats.level(top.get(0).accuracy().level()) + " Wilson interval)", "rest of the scope",
                "accuracy", Formats.format("%d slices found of %,d tried (FDR %s); most significant on top", s.slices()
                        .size(), s.tried(), trim(s.fdr()))), "Each slice's accuracy with its interval (blue) against "
                                + "the accuracy on the rest of its scope (orange diamond), most significant on top");
        for (int k = 0; k < Math.min(GRID_SLICES, top.size()); k++) {
            Slice x = top.get(k);
            List<Integer> members = Arrays.stream(x.members()).limit(GRID_MEMBERS).boxed().toList();
            out.figure("audit-slice-" + (k + 1), ExampleGridPainter.paint(Figures.tiles(analysis, members,
                    i -> missing.of(testImages.image(i, analysis.origin(i))))), Formats.format("Slice %d, %s: %d of "
                            + "its %,d examples (predicted and true class; green right, red wrong)", k + 1,
                            x.description(), members.size(), x.support()));
        }
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** Counts the images not found. */
    private static final class Missing {
        private int count;

        Optional<BufferedImage> of(Optional<BufferedImage> image) {
            if (image.isEmpty()) {
                count++;
            }
            return image;
        }
    }
}
