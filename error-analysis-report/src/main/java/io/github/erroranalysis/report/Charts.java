package io.github.erroranalysis.report;

import io.github.erroranalysis.io.Formats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYBarDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The report's charts, drawn with JFreeChart: per-class accuracy, calibration, training history, comparison. */
final class Charts {

    static final Color BAR = new Color(0x4C78A8);
    static final Color HIGHLIGHT = new Color(0xE45756);
    static final Color RIGHT = new Color(0x54A24B);
    static final Color WRONG = new Color(0xE45756);
    static final Color SECOND = new Color(0xF58518);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int HEIGHT = 520;

    private Charts() {
    }

    /** Accuracy of each class as bars, with interval whiskers where known (NaN bounds: no whisker); one class highlighted. */
    static BufferedImage perClassAccuracy(List<String> names, double[] accuracy, double[] low, double[] high,
            int highlight, String subtitle) {
        XYSeries bars = new XYSeries("accuracy");
        YIntervalSeries whiskers = new YIntervalSeries("interval");
        for (int c = 0; c < names.size(); c++) {
            double a = Double.isNaN(accuracy[c]) ? 0 : accuracy[c];
            bars.add(c, a);
            if (!Double.isNaN(low[c]) && !Double.isNaN(high[c])) {
                whiskers.add(c, a, low[c], high[c]);
            }
        }
        XYBarRenderer barRenderer = new XYBarRenderer() {
            @Override
            public Paint getItemPaint(int series, int item) {
                return item == highlight ? HIGHLIGHT : BAR;
            }
        };
        plainBars(barRenderer);
        XYPlot plot = new XYPlot(new XYBarDataset(new XYSeriesCollection(bars), 0.7), classAxis(names),
                ratioAxis("accuracy"), barRenderer);
        addWhiskers(plot, whiskers);
        for (int c = 0; c < names.size(); c++) {
            if (Double.isNaN(accuracy[c])) {
                XYTextAnnotation note = new XYTextAnnotation(Formats.NO_EXAMPLES, c, 0.02);
                note.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                plot.addAnnotation(note);
            }
        }
        return render(new JFreeChart("Per-class accuracy", TITLE, plot, false), subtitle, widthFor(names.size()));
    }

    /** The reliability diagram: accuracy per confidence bin against the diagonal, with each bin's count above it. */
    static BufferedImage reliability(List<io.github.erroranalysis.ReliabilityBin> bins, double ece) {
        XYIntervalSeries accuracy = new XYIntervalSeries("accuracy");
        XYSeries confidence = new XYSeries("mean confidence");
        for (io.github.erroranalysis.ReliabilityBin b : bins) {
            double mid = (b.lower() + b.upper()) / 2;
            if (b.count() > 0) {
                accuracy.add(mid, b.lower(), b.upper(), b.accuracy(), 0, b.accuracy());
                confidence.add(b.meanConfidence(), b.meanConfidence());
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(accuracy);
        XYBarRenderer renderer = new XYBarRenderer();
        plainBars(renderer);
        renderer.setSeriesPaint(0, BAR);
        renderer.setDrawBarOutline(true);
        renderer.setSeriesOutlinePaint(0, Color.WHITE);
        XYPlot plot = new XYPlot(data, ratioAxis("confidence (15 equal bins)"), ratioAxis("accuracy"), renderer);
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        points.setSeriesPaint(0, Color.BLACK);
        plot.setDataset(1, new XYSeriesCollection(confidence));
        plot.setRenderer(1, points);
        plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0), Color.GRAY));
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        for (io.github.erroranalysis.ReliabilityBin b : bins) {
            if (b.count() > 0) {
                XYTextAnnotation count = new XYTextAnnotation(Long.toString(b.count()), (b.lower() + b.upper()) / 2,
                        Math.min(b.accuracy(), 0.93) + 0.01);
                count.setFont(small);
                count.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                plot.addAnnotation(count);
            }
        }
        return render(new JFreeChart("Reliability diagram", TITLE, plot, true),
                "bars: accuracy per bin (count above), dots: mean confidence, dashed: perfect calibration; ECE "
                        + Formats.ratio(ece), 760);
    }

    /** A histogram of confidence, right predictions against wrong ones, in 20 equal bins. */
    static BufferedImage confidenceHistogram(long[] right, long[] wrong) {
        int bins = right.length;
        XYIntervalSeries r = new XYIntervalSeries("right");
        XYIntervalSeries w = new XYIntervalSeries("wrong");
        for (int b = 0; b < bins; b++) {
            double lo = (double) b / bins;
            double hi = (double) (b + 1) / bins;
            double gap = (hi - lo) * 0.08;
            r.add(lo + gap, lo + gap, (lo + hi) / 2, right[b], 0, right[b]);
            w.add((lo + hi) / 2, (lo + hi) / 2, hi - gap, wrong[b], 0, wrong[b]);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(r);
        data.addSeries(w);
        XYBarRenderer renderer = new XYBarRenderer();
        plainBars(renderer);
        renderer.setSeriesPaint(0, RIGHT);
        renderer.setSeriesPaint(1, WRONG);
        NumberAxis counts = new NumberAxis("predictions");
        counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        XYPlot plot = new XYPlot(data, ratioAxis("confidence (probability of the predicted class)"), counts, renderer);
        return render(new JFreeChart("Confidence of right and wrong predictions", TITLE, plot, true), null, 760);
    }

    /** Loss and accuracy per epoch, train against validation, sharing the epoch axis. */
    static BufferedImage trainingHistory(List<TrainingEpoch> history) {
        XYSeries trainLoss = new XYSeries("train loss");
        XYSeries validationLoss = new XYSeries("validation loss");
        XYSeries trainAccuracy = new XYSeries("train accuracy");
        XYSeries validationAccuracy = new XYSeries("validation accuracy");
        for (TrainingEpoch e : history) {
            addDefined(trainLoss, e.epoch(), e.trainLoss());
            addDefined(validationLoss, e.epoch(), e.validationLoss());
            addDefined(trainAccuracy, e.epoch(), e.trainAccuracy());
            addDefined(validationAccuracy, e.epoch(), e.validationAccuracy());
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setNumberFormatOverride(decimals("0.00"));
        lossAxis.setAutoRangeIncludesZero(false);
        plot.add(new XYPlot(collection(trainLoss, validationLoss), null, lossAxis, lines()), 1);
        NumberAxis accuracyAxis = new NumberAxis("accuracy");
        accuracyAxis.setNumberFormatOverride(decimals("0.00"));
        accuracyAxis.setAutoRangeIncludesZero(false);
        plot.add(new XYPlot(collection(trainAccuracy, validationAccuracy), null, accuracyAxis, lines()), 1);
        plot.setGap(12);
        return render(new JFreeChart("Training history: train against validation", TITLE, plot, true), null, 760);
    }

    /** Per-class accuracy of two models side by side, with the flipped counts in the subtitle. */
    static BufferedImage comparison(List<String> names, String firstName, double[] first, String secondName,
            double[] second, String subtitle) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int c = 0; c < names.size(); c++) {
            data.addValue(Double.isNaN(first[c]) ? null : first[c], firstName, Shorten.label(names.get(c)));
            data.addValue(Double.isNaN(second[c]) ? null : second[c], secondName, Shorten.label(names.get(c)));
        }
        CategoryAxis classes = new CategoryAxis("true class");
        if (names.size() > 8) {
            classes.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        classes.setMaximumCategoryLabelLines(2);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setSeriesPaint(0, BAR);
        renderer.setSeriesPaint(1, SECOND);
        CategoryPlot plot = new CategoryPlot(data, classes, ratioAxis("accuracy"), renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        return render(new JFreeChart("Per-class accuracy of two models", TITLE, plot, true), subtitle,
                widthFor(names.size()));
    }

    /**
     * Each class's accuracy change (second minus first model) as bars from zero, green up and red down, with its
     * interval as whiskers (NaN bounds: no whisker; a NaN change: "no examples"), on an axis symmetric about zero.
     */
    static BufferedImage classChange(List<String> names, double[] change, double[] low, double[] high,
            String title, String subtitle) {
        XYSeries bars = new XYSeries("change");
        YIntervalSeries whiskers = new YIntervalSeries("interval");
        double extent = 0.1;
        for (int c = 0; c < names.size(); c++) {
            double d = Double.isNaN(change[c]) ? 0 : change[c];
            bars.add(c, d);
            extent = Math.max(extent, Math.abs(d));
            if (!Double.isNaN(low[c]) && !Double.isNaN(high[c])) {
                whiskers.add(c, d, low[c], high[c]);
                extent = Math.max(extent, Math.max(Math.abs(low[c]), Math.abs(high[c])));
            }
        }
        XYBarRenderer barRenderer = new XYBarRenderer() {
            @Override
            public Paint getItemPaint(int series, int item) {
                return change[item] < 0 ? WRONG : RIGHT;
            }
        };
        plainBars(barRenderer);
        barRenderer.setBase(0);
        barRenderer.setUseYInterval(false);
        NumberAxis axis = new NumberAxis("accuracy change");
        double range = Math.min(1, Math.ceil(extent * 1.1 * 20) / 20);
        axis.setRange(-range, range);
        axis.setNumberFormatOverride(decimals("+0.00;-0.00"));
        XYPlot plot = new XYPlot(new XYBarDataset(new XYSeriesCollection(bars), 0.7), classAxis(names), axis,
                barRenderer);
        addWhiskers(plot, whiskers);
        plot.addAnnotation(new XYLineAnnotation(-0.6, 0, names.size() - 0.4, 0, new BasicStroke(1f), Color.DARK_GRAY));
        for (int c = 0; c < names.size(); c++) {
            if (Double.isNaN(change[c])) {
                XYTextAnnotation note = new XYTextAnnotation(Formats.NO_EXAMPLES, c, 0.01);
                note.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                plot.addAnnotation(note);
            }
        }
        return render(new JFreeChart(title, TITLE, plot, false), subtitle, widthFor(names.size()));
    }

    /**
     * One line of a risk–coverage chart.
     *
     * @param name its legend entry
     * @param coverage the coverages of its points, increasing
     * @param risk the risk at each point
     * @param color its colour
     * @param dashed whether it is drawn dashed
     */
    record Line(String name, double[] coverage, double[] risk, Color color, boolean dashed) {
    }

    /**
     * A marked point of a risk–coverage chart, with its label beside it.
     *
     * @param coverage its coverage
     * @param risk its risk
     * @param label the label
     */
    record Mark(double coverage, double risk, String label) {
    }

    /**
     * The risk–coverage chart: each line's risk against coverage, a dotted horizontal reference line (NaN: none)
     * and the marked points, on a coverage axis from 0 to 1 and a risk axis from 0 to just above the highest point.
     */
    static BufferedImage riskCoverage(String title, List<Line> lines, List<Mark> marks, double reference,
            String referenceLabel, String subtitle) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true); // one path per line, so that a dash pattern runs along it
        double top = Double.isNaN(reference) ? 0 : reference;
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            XYSeries series = new XYSeries(line.name(), false, true);
            for (int p = 0; p < line.coverage().length; p++) {
                series.add(line.coverage()[p], line.risk()[p]);
                top = Math.max(top, line.risk()[p]);
            }
            data.addSeries(series);
            renderer.setSeriesPaint(l, line.color());
            renderer.setSeriesStroke(l, line.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1, new float[] {7, 5}, 0) : new BasicStroke(2f));
        }
        NumberAxis coverage = ratioAxis("coverage: the share answered, most confident first");
        NumberAxis risk = new NumberAxis("risk: error rate among the answered");
        double riskTop = Math.min(1, Math.max(0.05, top * 1.08));
        risk.setRange(0, riskTop);
        risk.setNumberFormatOverride(decimals("0.00"));
        XYPlot plot = new XYPlot(data, coverage, risk, renderer);
        if (!Double.isNaN(reference)) {
            ValueMarker marker = new ValueMarker(reference, Color.DARK_GRAY, new BasicStroke(1.2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {2, 3}, 0));
            marker.setLabel(referenceLabel);
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(marker);
        }
        if (!marks.isEmpty()) {
            XYSeries points = new XYSeries("marked", false, true);
            Font small = new Font(Font.SANS_SERIF, Font.BOLD, 11);
            double lineHeight = 0.045 * riskTop;
            double lastX = Double.NaN;
            double lastY = Double.NaN;
            for (Mark m : marks) {
                points.add(m.coverage(), m.risk());
                boolean right = m.coverage() > 0.6;
                // a label of a point on the axis is lifted off it, and one that would overlap the one before above it
                double y = Math.max(m.risk(), 0.03 * riskTop);
                if (Math.abs(m.coverage() - lastX) < 0.3 && y < lastY + lineHeight) {
                    y = lastY + lineHeight;
                }
                lastX = m.coverage();
                lastY = y;
                XYTextAnnotation label = new XYTextAnnotation(m.label(), m.coverage() + (right ? -0.015 : 0.015), y);
                label.setFont(small);
                label.setTextAnchor(right ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
                label.setBackgroundPaint(new Color(255, 255, 255, 200));
                plot.addAnnotation(label);
            }
            XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
            dots.setSeriesPaint(0, Color.BLACK);
            dots.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-4.5, -4.5, 9, 9));
            dots.setSeriesVisibleInLegend(0, false);
            plot.setDataset(1, new XYSeriesCollection(points));
            plot.setRenderer(1, dots);
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        }
        return render(new JFreeChart(title, TITLE, plot, true), subtitle, 760);
    }

    /**
     * A histogram of values in equal bins from 0 to the largest value (or the marker, if larger), with a vertical
     * dashed line at the marker and its label (the data audit's nearest-training distances and threshold).
     */
    static BufferedImage histogram(String title, String axisLabel, double[] values, int bins, double marker,
            String markerLabel, String subtitle) {
        double max = Math.max(marker, 1e-9);
        for (double v : values) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        double width = max / bins;
        long[] counts = new long[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[Math.min(bins - 1, Math.max(0, (int) Math.floor(v / width)))]++;
            }
        }
        XYIntervalSeries series = new XYIntervalSeries("examples");
        for (int b = 0; b < bins; b++) {
            double lo = b * width;
            series.add((b + 0.5) * width, lo, lo + width, counts[b], 0, counts[b]);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(series);
        XYBarRenderer renderer = new XYBarRenderer();
        plainBars(renderer);
        renderer.setSeriesPaint(0, BAR);
        renderer.setDrawBarOutline(true);
        renderer.setSeriesOutlinePaint(0, Color.WHITE);
        NumberAxis x = new NumberAxis(axisLabel);
        x.setRange(0, max * 1.02);
        NumberAxis y = new NumberAxis("test examples");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        ValueMarker line = new ValueMarker(marker, HIGHLIGHT, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
        line.setLabel(markerLabel);
        line.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        line.setLabelPaint(HIGHLIGHT);
        line.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(line);
        return render(new JFreeChart(title, TITLE, plot, false), subtitle, 760);
    }

    /**
     * A forest plot: one row per item (the first on top), its estimate as a dot with its interval as a horizontal
     * whisker, and a reference value per row as a diamond (the data audit's slices: accuracy against the rest's).
     */
    static BufferedImage forest(String title, List<String> labels, double[] estimate, double[] low, double[] high,
            double[] reference, String estimateName, String referenceName, String axisLabel, String subtitle) {
        int n = labels.size();
        XYIntervalSeries points = new XYIntervalSeries(estimateName);
        XYSeries references = new XYSeries(referenceName);
        for (int k = 0; k < n; k++) {
            double y = n - 1 - k;
            if (!Double.isNaN(estimate[k])) {
                points.add(estimate[k], Double.isNaN(low[k]) ? estimate[k] : low[k],
                        Double.isNaN(high[k]) ? estimate[k] : high[k], y, y, y);
            }
            if (!Double.isNaN(reference[k])) {
                references.add(reference[k], y);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(points);
        XYErrorRenderer whiskers = new XYErrorRenderer();
        whiskers.setDrawXError(true);
        whiskers.setDrawYError(false);
        whiskers.setDefaultLinesVisible(false);
        whiskers.setSeriesShapesVisible(0, true);
        whiskers.setSeriesPaint(0, BAR);
        whiskers.setErrorPaint(BAR);
        whiskers.setErrorStroke(new BasicStroke(2f));
        whiskers.setCapLength(8);
        String[] names = new String[n];
        java.awt.FontMetrics tick = Canvas.metrics(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k < n; k++) {
            names[n - 1 - k] = Shorten.toWidth(labels.get(k), tick, 420);
        }
        SymbolAxis rows = new SymbolAxis(null, names);
        rows.setGridBandsVisible(false);
        rows.setRange(-0.6, n - 0.4);
        XYPlot plot = new XYPlot(data, ratioAxis(axisLabel), rows, whiskers);
        XYLineAndShapeRenderer diamonds = new XYLineAndShapeRenderer(false, true);
        diamonds.setSeriesPaint(0, SECOND);
        diamonds.setSeriesShape(0, new java.awt.Polygon(new int[] {0, 6, 0, -6}, new int[] {-6, 0, 6, 0}, 4));
        plot.setDataset(1, new XYSeriesCollection(references));
        plot.setRenderer(1, diamonds);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(new Color(0xF7F7F7));
        if (subtitle != null) {
            TextTitle t = new TextTitle(subtitle, SUBTITLE);
            t.setMaximumLinesToDisplay(3);
            chart.addSubtitle(t);
        }
        return chart.createBufferedImage(1000, Math.max(300, 160 + 34 * n), BufferedImage.TYPE_INT_RGB, null);
    }

    // ---------------------------------------------------------------- helpers

    private static void addDefined(XYSeries series, int x, double y) {
        if (!Double.isNaN(y)) {
            series.add(x, y);
        }
    }

    private static XYSeriesCollection collection(XYSeries train, XYSeries validation) {
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(train);
        c.addSeries(validation);
        return c;
    }

    private static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, BAR);
        r.setSeriesPaint(1, SECOND);
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesStroke(1, new BasicStroke(2f));
        return r;
    }

    private static void plainBars(XYBarRenderer renderer) {
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
    }

    private static SymbolAxis classAxis(List<String> names) {
        SymbolAxis axis = new SymbolAxis("true class", names.stream().map(Shorten::label).toArray(String[]::new));
        axis.setVerticalTickLabels(names.size() > 8);
        axis.setGridBandsVisible(false);
        axis.setRange(-0.6, names.size() - 0.4);
        return axis;
    }

    private static NumberAxis ratioAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(0, 1.0);
        axis.setTickUnit(new NumberTickUnit(0.1, decimals("0.0")));
        return axis;
    }

    static DecimalFormat decimals(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    private static int widthFor(int classes) {
        return Math.min(Figures.MAX_WIDTH, Math.max(760, 120 + 36 * classes));
    }

    private static BufferedImage render(JFreeChart chart, String subtitle, int width) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF7F7F7));
        if (subtitle != null) {
            TextTitle t = new TextTitle(subtitle, SUBTITLE);
            t.setMaximumLinesToDisplay(3);
            chart.addSubtitle(t);
        }
        return chart.createBufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB, null);
    }

    /** Draws interval whiskers (black, capped) over a bar plot, in front of its bars. */
    private static void addWhiskers(XYPlot plot, YIntervalSeries whiskers) {
        YIntervalSeriesCollection intervals = new YIntervalSeriesCollection();
        intervals.addSeries(whiskers);
        XYErrorRenderer errorRenderer = new XYErrorRenderer();
        errorRenderer.setDrawXError(false);
        errorRenderer.setDrawYError(true);
        errorRenderer.setDefaultLinesVisible(false);
        errorRenderer.setDefaultShapesVisible(false);
        errorRenderer.setErrorPaint(Color.BLACK);
        errorRenderer.setErrorStroke(new BasicStroke(1.5f));
        errorRenderer.setCapLength(8);
        plot.setDataset(1, intervals);
        plot.setRenderer(1, errorRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    }
}
