package io.github.erroranalysis.report;

import io.github.erroranalysis.internal.Formats;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.Calibration;
import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ConfusionMatrix;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.stats.ClassChange;
import io.github.erroranalysis.stats.ModelComparison;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The report's figures as images, each readable on its own: example grids, per-class accuracy, the confusion
 * heat map, calibration, training history, model comparison and occlusion maps. Charts are drawn with JFreeChart,
 * images and heat maps with Java2D; write them with {@link #writePng(BufferedImage, Path)}.
 */
public final class Figures {

    /** The number of bins of {@link #confidenceHistogram(ErrorAnalysis)}. */
    public static final int HISTOGRAM_BINS = 20;

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
     */
    public static BufferedImage exampleGrid(ErrorAnalysis analysis, List<Integer> examples, ImageSource images) {
        Objects.requireNonNull(images, "images");
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
     * Draws the accuracy of each class as bars, the hardest class highlighted, without intervals.
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
     * Draws the accuracy of each class as bars with interval whiskers, the hardest class highlighted.
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
        return Charts.perClassAccuracy(analysis.classNames(), accuracy, low, high, analysis.hardest().index(), subtitle);
    }

    /**
     * Draws the confusion matrix as a heat map with counts and class names (rows true, columns predicted; colour
     * is the share of the row).
     *
     * @param confusion the confusion matrix
     * @return the figure
     */
    public static BufferedImage confusionMatrix(ConfusionMatrix confusion) {
        return HeatMap.confusion(confusion.classNames(), confusion.counts());
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
     * Draws a histogram of confidence split into right and wrong predictions, in {@value #HISTOGRAM_BINS} bins.
     *
     * @param analysis the analysis
     * @return the figure
     */
    public static BufferedImage confidenceHistogram(ErrorAnalysis analysis) {
        long[] right = new long[HISTOGRAM_BINS];
        long[] wrong = new long[HISTOGRAM_BINS];
        for (int i = 0; i < analysis.examples(); i++) {
            int b = Math.min(HISTOGRAM_BINS - 1, (int) (analysis.confidence(i) * HISTOGRAM_BINS));
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
     * Draws per-class accuracy of two models on the same test set side by side, with the flipped counts.
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
        return Charts.comparison(classes.stream().map(ClassChange::className).toList(), baselineName,
                classes.stream().mapToDouble(ClassChange::baselineAccuracy).toArray(), candidateName,
                classes.stream().mapToDouble(ClassChange::candidateAccuracy).toArray(), subtitle);
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
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer is available to ImageIO");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

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
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D pg = probe.createGraphics();
            FontMetrics m = pg.getFontMetrics(font);
            pg.dispose();
            int lineHeight = m.getAscent() + m.getDescent() + 2;
            int textHeight = margin + lines.size() * lineHeight;
            int height = textHeight + margin + SIDE + margin;
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
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
