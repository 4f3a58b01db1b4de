package io.github.erroranalysis.report;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.Calibration;
import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ConfusionMatrix;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.ClassChange;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.CoverageAtRisk;
import io.github.erroranalysis.RiskAtCoverage;
import io.github.erroranalysis.RiskCoverageCurve;
import io.github.erroranalysis.SelectivePrediction;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * The report's figures as images, each readable on its own: example grids, per-class accuracy, the confusion
 * heat map, calibration, training history, model comparison and occlusion maps. Charts are drawn with JFreeChart,
 * images and heat maps with Java2D; write them with {@link #writePng(BufferedImage, Path)}.
 */
public final class Figures {

    /** The number of bins of {@link #confidenceHistogram(ErrorAnalysis)}. */
    public static final int HISTOGRAM_BINS = 20;

    /** The largest width of any figure, in pixels: a figure that would be wider is drawn smaller or with less. */
    public static final int MAX_WIDTH = 2400;

    /** The largest height of any figure, in pixels: a figure that would be taller is drawn smaller or with less. */
    public static final int MAX_HEIGHT = 2400;

    /**
     * The most classes a class-by-class figure draws (per-class accuracy, the confusion heat map, the comparison of
     * two models): with more classes it draws this many that matter most, sorted, and says which in its title.
     */
    public static final int MAX_CLASSES_DRAWN = 30;

    /** The most examples one example grid draws. */
    public static final int MAX_GRID_EXAMPLES = 40;

    private Figures() {
    }

    /**
     * Draws examples side by side, each upscaled crisply and titled "Pred: cat / True: dog / 87 %" (red when wrong,
     * green when right); an example without an image is drawn as a placeholder.
     *
     * @param analysis the analysis the examples belong to
     * @param examples example indexes, for example from {@link ExamplePicks}
     * @param images where the images come from
     * @return the figure
     * @throws IllegalArgumentException if there are more than {@value #MAX_GRID_EXAMPLES} examples
     */
    public static BufferedImage exampleGrid(ErrorAnalysis analysis, List<Integer> examples, ImageSource images) {
        Objects.requireNonNull(images, "images");
        if (examples.size() > MAX_GRID_EXAMPLES) {
            throw new IllegalArgumentException("an example grid shows at most " + MAX_GRID_EXAMPLES
                    + " examples, but " + examples.size() + " were given");
        }
        return ExampleGridPainter.paint(tiles(analysis, examples, i -> images.image(i, analysis.origin(i))));
    }

    static List<ExampleGridPainter.Tile> tiles(ErrorAnalysis analysis, List<Integer> examples,
            java.util.function.IntFunction<Optional<BufferedImage>> images) {
        List<ExampleGridPainter.Tile> tiles = new ArrayList<>(examples.size());
        for (int i : examples) {
            Objects.checkIndex(i, analysis.examples());
            String predicted = analysis.classNames().get(analysis.predictedClass(i));
            String truth = analysis.classNames().get(analysis.trueClass(i));
            tiles.add(new ExampleGridPainter.Tile(i, predicted, truth, analysis.confidence(i), images.apply(i)));
        }
        return tiles;
    }

    /**
     * Draws the accuracy of each class as bars, the hardest class highlighted, without intervals; with more than
     * {@value #MAX_CLASSES_DRAWN} classes, only the {@value #MAX_CLASSES_DRAWN} with the lowest accuracy, sorted
     * (see {@link #perClassAccuracy(ErrorAnalysis, double[], double[], String)}).
     *
     * @param analysis the analysis
     * @return the figure
     */
    public static BufferedImage perClassAccuracy(ErrorAnalysis analysis) {
        double[] none = new double[analysis.classCount()];
        Arrays.fill(none, Double.NaN);
        return perClassAccuracy(analysis, none, none, "hardest class in red");
    }

    /**
     * Draws the accuracy of each class as bars with interval whiskers, the hardest class highlighted. With more than
     * {@value #MAX_CLASSES_DRAWN} classes it draws the {@value #MAX_CLASSES_DRAWN} with the lowest accuracy, lowest
     * first, and says so in the subtitle ("the 30 classes with the lowest accuracy of 1,000").
     *
     * @param analysis the analysis
     * @param low the lower bound of each class's interval (NaN: no whisker)
     * @param high the upper bound of each class's interval (NaN: no whisker)
     * @param subtitle a line under the title, for example the kind of interval, or null
     * @return the figure
     */
    public static BufferedImage perClassAccuracy(ErrorAnalysis analysis, double[] low, double[] high, String subtitle) {
        int classes = analysis.classCount();
        if (low.length != classes || high.length != classes) {
            throw new IllegalArgumentException("there are " + classes + " classes but " + low.length
                    + " lower and " + high.length + " upper interval bounds");
        }
        double[] accuracy = analysis.perClassAccuracy().classes().stream().mapToDouble(ClassAccuracy::accuracy).toArray();
        if (classes <= MAX_CLASSES_DRAWN) {
            return Charts.perClassAccuracy(analysis.classNames(), accuracy, low, high, analysis.hardest().index(),
                    subtitle);
        }
        int[] shown = lowestAccuracy(analysis);
        List<String> names = new ArrayList<>(shown.length);
        int highlight = -1;
        for (int k = 0; k < shown.length; k++) {
            names.add(analysis.classNames().get(shown[k]));
            highlight = shown[k] == analysis.hardest().index() ? k : highlight;
        }
        String note = lowestAccuracyNote(classes);
        return Charts.perClassAccuracy(names, pick(accuracy, shown), pick(low, shown), pick(high, shown), highlight,
                subtitle == null ? note : subtitle + "; " + note);
    }

    /**
     * The classes the per-class chart draws: every class in index order up to {@value #MAX_CLASSES_DRAWN} classes,
     * otherwise the hardest class and then the lowest accuracies (no examples last, ties by index), lowest first.
     */
    static int[] lowestAccuracy(ErrorAnalysis analysis) {
        int classes = analysis.classCount();
        if (classes <= MAX_CLASSES_DRAWN) {
            return IntStream.range(0, classes).toArray();
        }
        List<ClassAccuracy> all = analysis.perClassAccuracy().classes();
        int hardest = analysis.hardest().index();
        IntStream rest = IntStream.range(0, classes).filter(c -> c != hardest)
                .boxed().sorted(Comparator.<Integer>comparingDouble(c -> sortKey(all.get(c).accuracy()))
                        .thenComparingInt(c -> c)).mapToInt(Integer::intValue);
        return IntStream.concat(IntStream.of(hardest), rest)
                .limit(MAX_CLASSES_DRAWN).toArray();
    }

    /** What the per-class chart shows of many classes, for its subtitle and caption. */
    static String lowestAccuracyNote(int classes) {
        return Formats.format("the %d classes with the lowest accuracy of %,d", MAX_CLASSES_DRAWN, classes);
    }

    /**
     * The classes the confusion heat map draws: every class in index order up to {@value #MAX_CLASSES_DRAWN}
     * classes, otherwise the {@value #MAX_CLASSES_DRAWN} with the most mistakes as true or as predicted class
     * (off-diagonal counts of the row plus the column), most first, ties by index.
     */
    static int[] mostMistakes(ConfusionMatrix confusion) {
        return mostMistakes(confusion, MAX_CLASSES_DRAWN);
    }

    /**
     * The classes a confusion heat map of at most {@code limit} classes draws: every class in index order up to
     * {@code limit} classes, otherwise the {@code limit} with the most mistakes, most first, ties by index (the
     * clickable matrix of report.html draws 20).
     */
    static int[] mostMistakes(ConfusionMatrix confusion, int limit) {
        return mostMistakes(confusion.counts(), limit);
    }

    /** As {@link #mostMistakes(ConfusionMatrix, int)}, of counts (rows true, columns predicted) of any kind. */
    static int[] mostMistakes(long[][] counts, int limit) {
        int classes = counts.length;
        if (classes <= limit) {
            return IntStream.range(0, classes).toArray();
        }
        long[] mistakes = new long[classes];
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                if (t != p) {
                    mistakes[t] += counts[t][p];
                    mistakes[p] += counts[t][p];
                }
            }
        }
        return IntStream.range(0, classes).boxed()
                .sorted(Comparator.<Integer>comparingLong(c -> -mistakes[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).limit(limit).toArray();
    }

    /** What the confusion heat map shows of many classes, for its title and caption. */
    static String mostMistakesNote(int classes) {
        return Formats.format("the %d classes with the most mistakes (as true or predicted class) of %,d",
                MAX_CLASSES_DRAWN, classes);
    }

    /**
     * The classes the comparison chart draws: every class in index order up to {@value #MAX_CLASSES_DRAWN} classes,
     * otherwise the {@value #MAX_CLASSES_DRAWN} whose accuracy changed most (largest absolute change first, no
     * examples last, ties by index).
     */
    static int[] largestChanges(List<ClassChange> changes) {
        int classes = changes.size();
        if (classes <= MAX_CLASSES_DRAWN) {
            return IntStream.range(0, classes).toArray();
        }
        return IntStream.range(0, classes).boxed()
                .sorted(Comparator.<Integer>comparingDouble(c -> sortKey(-Math.abs(
                        changes.get(c).candidateAccuracy() - changes.get(c).baselineAccuracy())))
                        .thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).limit(MAX_CLASSES_DRAWN).toArray();
    }

    /** What the comparison chart shows of many classes, for its subtitle and caption. */
    static String largestChangesNote(int classes) {
        return Formats.format("the %d classes whose accuracy changed most of %,d", MAX_CLASSES_DRAWN, classes);
    }

    /** NaN sorts last. */
    private static double sortKey(double value) {
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }

    private static double[] pick(double[] values, int[] indexes) {
        double[] out = new double[indexes.length];
        for (int k = 0; k < indexes.length; k++) {
            out[k] = values[indexes[k]];
        }
        return out;
    }

    /**
     * Keeps an image within {@value #MAX_WIDTH} × {@value #MAX_HEIGHT} pixels: returned as it is when it fits,
     * otherwise scaled down (bilinear, aspect ratio kept) until it does.
     */
    static BufferedImage fit(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w <= MAX_WIDTH && h <= MAX_HEIGHT) {
            return image;
        }
        double scale = Math.min((double) MAX_WIDTH / w, (double) MAX_HEIGHT / h);
        int sw = Math.max(1, Math.min(MAX_WIDTH, (int) Math.floor(w * scale)));
        int sh = Math.max(1, Math.min(MAX_HEIGHT, (int) Math.floor(h * scale)));
        BufferedImage out = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, sw, sh, null);
        g.dispose();
        return out;
    }

    /**
     * Draws the confusion matrix as a heat map with counts and class names (rows true, columns predicted; colour
     * is the share of the row). With more than {@value #MAX_CLASSES_DRAWN} classes it draws the
     * {@value #MAX_CLASSES_DRAWN} with the most mistakes (as true or as predicted class), most first, still coloured
     * by the share of the whole row, with a last column "the other …" counting each row's predictions of the
     * classes not drawn, and says so in its title; the full matrix is in the report's JSON.
     *
     * @param confusion the confusion matrix
     * @return the figure
     */
    public static BufferedImage confusionMatrix(ConfusionMatrix confusion) {
        HeatMapCells cells = heatMapCells(confusion);
        return HeatMap.confusion(cells.names(), cells.counts(), cells.rowTotals(), cells.title(), cells.otherLabel());
    }

    /**
     * What the confusion heat map draws: class names of the rows and columns, the counts (rows true, columns
     * predicted; with an {@code otherLabel}, one more last column of each row's predictions of the classes not
     * drawn), the whole row's total for the colour, the title, and the label of that last column or null.
     */
    record HeatMapCells(List<String> names, long[][] counts, long[] rowTotals, String title, String otherLabel) {
    }

    /** The cells of the confusion heat map: every class up to {@value #MAX_CLASSES_DRAWN}, else the most mistaken. */
    static HeatMapCells heatMapCells(ConfusionMatrix confusion) {
        long[][] counts = confusion.counts();
        int classes = confusion.classCount();
        long[] rowTotals = new long[classes];
        for (int t = 0; t < classes; t++) {
            for (long c : counts[t]) {
                rowTotals[t] += c;
            }
        }
        if (classes <= MAX_CLASSES_DRAWN) {
            return new HeatMapCells(confusion.classNames(), counts, rowTotals, HeatMap.TITLE_TEXT, null);
        }
        int[] shown = mostMistakes(confusion);
        List<String> names = new ArrayList<>(shown.length);
        long[][] sub = new long[shown.length][shown.length + 1];
        long[] subTotals = new long[shown.length];
        for (int r = 0; r < shown.length; r++) {
            names.add(confusion.classNames().get(shown[r]));
            subTotals[r] = rowTotals[shown[r]];
            long drawn = 0;
            for (int c = 0; c < shown.length; c++) {
                sub[r][c] = counts[shown[r]][shown[c]];
                drawn += sub[r][c];
            }
            sub[r][shown.length] = subTotals[r] - drawn;
        }
        return new HeatMapCells(names, sub, subTotals, Formats.format("Confusion matrix of the %d of %,d classes "
                + "with the most mistakes (rows: true, columns: predicted)", shown.length, classes),
                Formats.format("the other %,d", classes - shown.length));
    }

    /**
     * Draws the reliability diagram: accuracy per confidence bin against the diagonal, with counts.
     *
     * @param calibration the calibration of an analysis
     * @return the figure
     */
    public static BufferedImage reliabilityDiagram(Calibration calibration) {
        return Charts.reliability(calibration.bins(), calibration.ece());
    }

    /**
     * The most points a risk–coverage line draws: a curve of more examples is drawn at this many evenly spaced
     * coverages plus the marked ones, each point exact.
     */
    public static final int MAX_CURVE_POINTS = 1000;

    /**
     * Draws the risk–coverage curve of an analysis with its selective prediction at 95 %
     * ({@link ErrorAnalysis#selectivePrediction()}); see {@link #riskCoverage(ErrorAnalysis, SelectivePrediction)}.
     *
     * @param analysis the analysis
     * @return the figure
     */
    public static BufferedImage riskCoverage(ErrorAnalysis analysis) {
        return riskCoverage(analysis, analysis.selectivePrediction());
    }

    /**
     * Draws the risk–coverage curve (selective prediction): the model's risk(k) against coverage k/n, the optimal
     * curve (the same errors ranked least confident) dashed, the overall error rate as a dotted reference line, and
     * the coverage at each risk of the selective prediction marked; with more than {@value #MAX_CURVE_POINTS}
     * examples each line is drawn at {@value #MAX_CURVE_POINTS} evenly spaced coverages plus the marked ones.
     *
     * @param analysis the analysis
     * @param selective its selective prediction (the marked coverages at risk and the AURC in the subtitle)
     * @return the figure
     * @throws IllegalArgumentException if the selective prediction is of another number of examples
     */
    public static BufferedImage riskCoverage(ErrorAnalysis analysis, SelectivePrediction selective) {
        RiskCoverageCurve curve = analysis.riskCoverage();
        int n = curve.examples();
        if (selective.examples() != n) {
            throw new IllegalArgumentException("the selective prediction is of " + selective.examples()
                    + " examples, but the analysis has " + n);
        }
        if (n == 0) {
            return ExampleGridPainter.message("no examples: no risk-coverage curve");
        }
        List<CoverageAtRisk> marked = selective.coverageAtRisk().stream().filter(CoverageAtRisk::achievable).toList();
        int[] keep = IntStream.concat(marked.stream().mapToInt(CoverageAtRisk::answered),
                selective.riskAtCoverage().stream().mapToInt(RiskAtCoverage::answered)).toArray();
        int[] ks = curvePoints(n, MAX_CURVE_POINTS, keep);
        int correct = n - curve.errors(n);
        int[] optimalKs = curvePoints(n, MAX_CURVE_POINTS, correct, correct + 1);
        List<Charts.Mark> marks = marked.stream().map(m -> new Charts.Mark(m.coverage(), curve.risk(m.answered()),
                "≤ " + Formats.risk(m.risk()) + " errors: " + Formats.percentOneDecimal(m.coverage()) + " answered"))
                .toList();
        double overall = (double) curve.errors(n) / n;
        String subtitle = Formats.format("AURC %s [%s, %s] (%s bootstrap), optimal %s, excess %s; dashed: the same "
                + "errors ranked least confident; dots: the most answered at each risk%s", Formats.ratio(
                selective.aurc()), Formats.ratio(selective.aurcInterval().lower()),
                Formats.ratio(selective.aurcInterval().upper()), Formats.level(selective.level()),
                Formats.ratio(selective.optimalAurc()), Formats.ratio(selective.excessAurc()),
                ks.length < n ? Formats.format("; %,d examples drawn at %,d coverages", n, ks.length) : "");
        return Charts.riskCoverage("Risk–coverage: answering only the most confident", List.of(
                modelLine(curve, ks, "model", Charts.BAR),
                new Charts.Line("optimal (errors ranked last)", coverages(optimalKs, n),
                        Arrays.stream(optimalKs).mapToDouble(k -> (double) Math.max(0, k - correct) / k).toArray(),
                        Charts.RIGHT, true)), marks, overall,
                "overall error rate " + Formats.percentOneDecimal(overall), subtitle);
    }

    /**
     * Draws the risk–coverage curves of two models on the same examples on one figure, each named with its AURC.
     *
     * @param a model A's analysis
     * @param nameA model A's name
     * @param b model B's analysis
     * @param nameB model B's name
     * @param level the confidence level of the AURC intervals in the legend
     * @return the figure
     */
    public static BufferedImage riskCoverage(ErrorAnalysis a, String nameA, ErrorAnalysis b, String nameB,
            double level) {
        List<Charts.Line> lines = new ArrayList<>();
        List<ErrorAnalysis> analyses = List.of(a, b);
        List<String> names = List.of("A: " + nameA, "B: " + nameB);
        List<java.awt.Color> colors = List.of(Charts.BAR, Charts.SECOND);
        for (int m = 0; m < 2; m++) {
            ErrorAnalysis analysis = analyses.get(m);
            RiskCoverageCurve curve = analysis.riskCoverage();
            if (curve.examples() == 0) {
                return ExampleGridPainter.message("no examples: no risk-coverage curves");
            }
            SelectivePrediction s = analysis.selectivePrediction(level);
            int[] keep = s.coverageAtRisk().stream().filter(CoverageAtRisk::achievable)
                    .mapToInt(CoverageAtRisk::answered).toArray();
            lines.add(modelLine(curve, curvePoints(curve.examples(), MAX_CURVE_POINTS, keep), Formats.format(
                    "%s (AURC %s)", names.get(m), Formats.ratio(s.aurc())), colors.get(m)));
        }
        return Charts.riskCoverage("Risk–coverage of two models", lines, List.of(), Double.NaN, null,
                "the error rate among the answered when each model answers only its most confident share; lower is "
                        + "better");
    }

    /** The model's own line: risk(k) at coverage k/n for the chosen k. */
    private static Charts.Line modelLine(RiskCoverageCurve curve, int[] ks, String name, java.awt.Color color) {
        return new Charts.Line(name, coverages(ks, curve.examples()),
                Arrays.stream(ks).mapToDouble(curve::risk).toArray(), color, false);
    }

    private static double[] coverages(int[] ks, int n) {
        return Arrays.stream(ks).mapToDouble(k -> (double) k / n).toArray();
    }

    /**
     * The k (from 1 to n, increasing, no repeats) at which a risk–coverage line is drawn: every k up to {@code max}
     * examples, otherwise {@code max} evenly spaced ones from 1 to n; either way with the kept ones that are in
     * [1, n].
     */
    static int[] curvePoints(int n, int max, int... keep) {
        IntStream spaced = n <= max ? IntStream.rangeClosed(1, n)
                : IntStream.range(0, max).map(j -> 1 + (int) Math.round((double) j * (n - 1) / (max - 1)));
        return IntStream.concat(spaced, Arrays.stream(keep).filter(k -> k >= 1 && k <= n)).sorted().distinct()
                .toArray();
    }

    /**
     * Gives the bin of a value among equal bins from {@code from} to {@code to}, a value beyond an end in that end's
     * bin: the one binning of every histogram.
     *
     * @param value the value
     * @param from  the lower end of the first bin
     * @param to    the upper end of the last bin, above {@code from}
     * @param bins  the number of bins, at least 1
     * @return the bin, from 0 to {@code bins - 1}
     */
    static int bin(double value, double from, double to, int bins) {
        return Math.min(bins - 1, Math.max(0, (int) Math.floor((value - from) / (to - from) * bins)));
    }

    /**
     * Counts values in equal bins from {@code from} to {@code to} ({@link #bin}), leaving out NaN and infinite ones.
     *
     * @param values the values
     * @param from   the lower end of the first bin
     * @param to     the upper end of the last bin, above {@code from}
     * @param bins   the number of bins, at least 1
     * @return the count of each bin
     */
    static long[] histogram(double[] values, double from, double to, int bins) {
        long[] counts = new long[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[bin(v, from, to, bins)]++;
            }
        }
        return counts;
    }

    /**
     * Draws a histogram of confidence split into right and wrong predictions, in {@value #HISTOGRAM_BINS} bins.
     *
     * @param analysis the analysis
     * @return the figure
     */
    public static BufferedImage confidenceHistogram(ErrorAnalysis analysis) {
        long[] right = new long[HISTOGRAM_BINS];
        long[] wrong = new long[HISTOGRAM_BINS];
        for (int i = 0; i < analysis.examples(); i++) {
            int b = bin(analysis.confidence(i), 0, 1, HISTOGRAM_BINS);
            if (analysis.predictedClass(i) == analysis.trueClass(i)) {
                right[b]++;
            } else {
                wrong[b]++;
            }
        }
        return Charts.confidenceHistogram(right, wrong);
    }

    /**
     * Draws loss and accuracy per epoch, train against validation.
     *
     * @param history the epochs of a saved training history
     * @return the figure
     */
    public static BufferedImage trainingHistory(List<TrainingEpoch> history) {
        if (history.isEmpty()) {
            return ExampleGridPainter.message("the training history has no epochs");
        }
        return Charts.trainingHistory(history);
    }

    /**
     * Draws per-class accuracy of two models on the same test set side by side, with the flipped counts; with more
     * than {@value #MAX_CLASSES_DRAWN} classes, the {@value #MAX_CLASSES_DRAWN} whose accuracy changed most, largest
     * change first, as its subtitle says.
     *
     * @param comparison the comparison of a baseline with a candidate (see {@link ModelComparison})
     * @param baselineName the baseline model's name
     * @param candidateName the candidate model's name
     * @return the figure
     */
    public static BufferedImage comparison(ModelComparison comparison, String baselineName, String candidateName) {
        List<ClassChange> classes = comparison.perClass();
        String subtitle = Formats.format("flipped examples: %d right only by %s (right → wrong), %d right only by %s "
                + "(wrong → right); %s", comparison.mcnemar().rightToWrong(), baselineName,
                comparison.mcnemar().wrongToRight(), candidateName, comparison.mcnemar());
        int[] shown = largestChanges(classes);
        List<ClassChange> drawn = Arrays.stream(shown).mapToObj(classes::get).toList();
        if (drawn.size() < classes.size()) {
            subtitle = subtitle + "; " + largestChangesNote(classes.size());
        }
        return Charts.comparison(drawn.stream().map(ClassChange::className).toList(), baselineName,
                drawn.stream().mapToDouble(ClassChange::baselineAccuracy).toArray(), candidateName,
                drawn.stream().mapToDouble(ClassChange::candidateAccuracy).toArray(), subtitle);
    }

    /**
     * Draws each class's accuracy change from model A (the baseline) to model B (the candidate) as a bar from zero
     * with its paired-bootstrap interval as whiskers (green up, red down); with more than
     * {@value #MAX_CLASSES_DRAWN} classes, the {@value #MAX_CLASSES_DRAWN} whose accuracy changed most, as its
     * subtitle says.
     *
     * @param comparison the comparison of A (baseline) with B (candidate)
     * @param nameA model A's name
     * @param nameB model B's name
     * @return the figure
     */
    public static BufferedImage classChange(ModelComparison comparison, String nameA, String nameB) {
        List<ClassChange> classes = comparison.perClass();
        List<ClassChange> drawn = Arrays.stream(largestChanges(classes)).mapToObj(classes::get).toList();
        String method = comparison.accuracyChange().method();
        String subtitle = Formats.format("%s minus %s; whiskers: %.0f %% intervals (%s)", nameB, nameA,
                100 * comparison.level(), method);
        if (drawn.size() < classes.size()) {
            subtitle = subtitle + "; " + largestChangesNote(classes.size());
        }
        double[] change = new double[drawn.size()];
        double[] low = new double[drawn.size()];
        double[] high = new double[drawn.size()];
        for (int k = 0; k < change.length; k++) {
            io.github.erroranalysis.stats.Interval i = drawn.get(k).change();
            change[k] = i.isDefined() ? i.estimate() : Double.NaN;
            low[k] = i.isDefined() ? i.lower() : Double.NaN;
            high[k] = i.isDefined() ? i.upper() : Double.NaN;
        }
        return Charts.classChange(drawn.stream().map(ClassChange::className).toList(), change, low, high,
                "Per-class accuracy change", subtitle);
    }

    /**
     * Draws the flip matrix of two models on the same examples: A right or wrong against B right or wrong, the
     * off-diagonal cells being the flipped examples (right → wrong: A right, B wrong) that McNemar's test weighs.
     *
     * @param comparison the comparison of A (baseline) with B (candidate)
     * @param nameA model A's name
     * @param nameB model B's name
     * @return the figure
     */
    public static BufferedImage flipMatrix(ModelComparison comparison, String nameA, String nameB) {
        long[][] counts = flipCounts(comparison);
        return FlipMatrix.paint(counts, nameA, nameB, comparison.mcnemar().toString());
    }

    /**
     * The flip matrix's counts, {@code [a][b]} with 0 for right and 1 for wrong: A's right answers are its accuracy
     * times the examples (the Wilson interval's estimate is correct / n), less the flips.
     */
    static long[][] flipCounts(ModelComparison comparison) {
        long n = comparison.examples();
        long rightA = Math.round(comparison.baselineAccuracy().estimate() * n);
        long rightToWrong = comparison.mcnemar().rightToWrong();
        long wrongToRight = comparison.mcnemar().wrongToRight();
        return new long[][] {{rightA - rightToWrong, rightToWrong}, {wrongToRight, n - rightA - wrongToRight}};
    }

    /**
     * Draws an occlusion map: the image next to the image overlaid with how much the class's probability drops
     * where the patch covers it, the most important region boxed in yellow and the random region in cyan.
     *
     * @param image the example's image (shown as given), or empty for a placeholder
     * @param map the occlusion map of the example
     * @param className the explained class's name
     * @return the figure
     */
    public static BufferedImage occlusion(Optional<BufferedImage> image, OcclusionMap map, String className) {
        return OcclusionPainter.paint(image, map, className);
    }

    /**
     * Encodes an image as PNG bytes.
     *
     * @param image the image
     * @return the PNG bytes
     */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        // buffered in memory, not in the temporary file ImageIO.write(image, format, OutputStream) makes when
        // ImageIO's disk cache is on (its default)
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (javax.imageio.stream.ImageOutputStream stream = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            // a middle deflate level: the figures come out as small as at the default level, 2.5x faster
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(PNG_COMPRESSION_QUALITY);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** ImageIO's PNG compression quality for the figures (0 the smallest and slowest, 1 no compression). */
    private static final float PNG_COMPRESSION_QUALITY = 0.5f;

    /**
     * Writes an image as a PNG file atomically (a temporary sibling renamed over the target).
     *
     * @param image the image
     * @param file the PNG file to write
     * @throws IOException if the file cannot be written; nothing is left half-written
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, png(image));
    }

    /** Draws an occlusion map beside its image. */
    static final class OcclusionPainter {

        private static final int SIDE = 256;

        private OcclusionPainter() {
        }

        static BufferedImage paint(Optional<BufferedImage> image, OcclusionMap map, String className) {
            int margin = 16;
            int width = 3 * margin + 2 * SIDE;
            OcclusionMap.Faithfulness f = map.faithfulness();
            List<String> lines = List.of(
                    "Occlusion sensitivity of p(" + Shorten.label(className) + ") = " + Formats.ratio(map.baseProbability()),
                    Formats.format("%d×%d patch, stride %d, %d positions", map.patch(), map.patch(), map.stride(), map.positions()),
                    "after occluding the most important region (yellow): " + Formats.ratio(f.probabilityAfterMostImportant()),
                    "after occluding a random region (cyan): " + Formats.ratio(f.probabilityAfterRandom())
                            + (f.passes() ? "  (faithful)" : "  (not faithful)"));
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            FontMetrics m = Canvas.metrics(font);
            int lineHeight = m.getAscent() + m.getDescent() + 2;
            int textHeight = margin + lines.size() * lineHeight;
            int height = textHeight + margin + SIDE + margin;
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = Canvas.white(out);
            g.setColor(Color.BLACK);
            g.setFont(font);
            for (int k = 0; k < lines.size(); k++) {
                g.drawString(Shorten.toWidth(lines.get(k), m, width - 2 * margin), margin, margin + k * lineHeight + m.getAscent());
            }
            int top = textHeight + margin;
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            for (int panel = 0; panel < 2; panel++) {
                int left = margin + panel * (SIDE + margin);
                if (image.isPresent()) {
                    g.drawImage(image.get(), left, top, SIDE, SIDE, null);
                } else {
                    ExampleGridPainter.placeholder(g, left, top, SIDE, SIDE, "no image for the overlay");
                }
            }
            int left = 2 * margin + SIDE;
            double[][] sensitivity = map.pixelSensitivity();
            double max = 1e-9;
            for (double[] row : sensitivity) {
                for (double v : row) {
                    max = Math.max(max, v);
                }
            }
            double sx = (double) SIDE / map.imageWidth();
            double sy = (double) SIDE / map.imageHeight();
            for (int y = 0; y < map.imageHeight(); y++) {
                for (int x = 0; x < map.imageWidth(); x++) {
                    double v = Math.max(0, sensitivity[y][x]) / max;
                    g.setColor(new Color(1f, (float) (1 - v) * 0.8f, 0f, (float) (0.15 + 0.6 * v)));
                    int x0 = left + (int) Math.round(x * sx);
                    int y0 = top + (int) Math.round(y * sy);
                    g.fillRect(x0, y0, left + (int) Math.round((x + 1) * sx) - x0, top + (int) Math.round((y + 1) * sy) - y0);
                }
            }
            g.setStroke(new BasicStroke(2.5f));
            box(g, Color.YELLOW, left, top, sx, sy, map, f.mostImportantRow(), f.mostImportantColumn());
            box(g, Color.CYAN, left, top, sx, sy, map, f.randomRow(), f.randomColumn());
            g.dispose();
            return out;
        }

        private static void box(Graphics2D g, Color color, int left, int top, double sx, double sy, OcclusionMap map,
                int row, int column) {
            g.setColor(color);
            g.drawRect(left + (int) Math.round(column * map.stride() * sx), top + (int) Math.round(row * map.stride() * sy),
                    (int) Math.round(map.patch() * sx), (int) Math.round(map.patch() * sy));
        }
    }
}
