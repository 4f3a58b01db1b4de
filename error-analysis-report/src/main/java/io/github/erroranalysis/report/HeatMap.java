package io.github.erroranalysis.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The confusion-matrix heat map, drawn directly with Java2D: rows true classes, columns predicted classes, each
 * cell coloured by its share of the row and labelled with its count.
 */
final class HeatMap {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final int MIN_COUNT_FONT = 8;

    private HeatMap() {
    }

    /** The title of the heat map of every class. */
    static final String TITLE_TEXT = "Confusion matrix (rows: true class, columns: predicted class)";

    /**
     * Draws the heat map of the given classes: {@code counts[t][p]} of true class {@code names[t]} predicted as
     * {@code names[p]}, each cell coloured by its share of {@code rowTotals[t]} (the whole row, which may hold
     * classes not drawn). With an {@code otherLabel}, each row of {@code counts} has one more cell, drawn as a last
     * column under that label: the row's predictions of the classes not drawn.
     */
    static BufferedImage confusion(List<String> names, long[][] counts, long[] rowTotals, String title,
            String otherLabel) {
        int classes = names.size();
        int columns = otherLabel == null ? classes : classes + 1;
        int cell = Math.max(22, Math.min(64, 640 / classes));
        FontMetrics label = Canvas.metrics(LABEL);
        int nameWidth = 0;
        for (String n : names) {
            nameWidth = Math.max(nameWidth, label.stringWidth(Shorten.label(n)));
        }
        if (otherLabel != null) {
            nameWidth = Math.max(nameWidth, label.stringWidth(otherLabel));
        }
        int titleWidth = Canvas.metrics(TITLE).stringWidth(title);
        int left = 30 + nameWidth + 10;
        int top = 50;
        int grid = cell * classes;
        int gridWidth = cell * columns;
        int width = Math.max(left + gridWidth + 20, titleWidth + 40);
        int height = top + grid + nameWidth + 50;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, (width - titleWidth) / 2, 28);
        int countFont = countFontSize(g, counts, cell);
        for (int t = 0; t < classes; t++) {
            long support = rowTotals[t];
            for (int pr = 0; pr < columns; pr++) {
                double share = support == 0 ? 0 : (double) counts[t][pr] / support;
                Color fill = shade(share, t == pr);
                int x = left + pr * cell;
                int y = top + t * cell;
                g.setColor(fill);
                g.fillRect(x, y, cell, cell);
                g.setColor(Color.WHITE);
                g.drawRect(x, y, cell, cell);
                if (countFont > 0) {
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, countFont));
                    FontMetrics m = g.getFontMetrics();
                    String text = Long.toString(counts[t][pr]);
                    g.setColor(Canvas.luminance(fill) < 0.5 ? Color.WHITE : Color.BLACK);
                    g.drawString(text, x + (cell - m.stringWidth(text)) / 2, y + (cell + m.getAscent() - m.getDescent()) / 2);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        FontMetrics m = g.getFontMetrics();
        for (int c = 0; c < classes; c++) {
            String n = Shorten.label(names.get(c));
            g.drawString(n, left - 8 - m.stringWidth(n), top + c * cell + (cell + m.getAscent() - m.getDescent()) / 2);
            AffineTransform saved = g.getTransform();
            g.translate(left + c * cell + (cell + m.getAscent() - m.getDescent()) / 2, top + grid + 8);
            g.rotate(Math.PI / 2);
            g.drawString(n, 0, 0);
            g.setTransform(saved);
        }
        if (otherLabel != null) {
            AffineTransform saved = g.getTransform();
            g.translate(left + classes * cell + (cell + m.getAscent() - m.getDescent()) / 2, top + grid + 8);
            g.rotate(Math.PI / 2);
            g.drawString(otherLabel, 0, 0);
            g.setTransform(saved);
        }
        g.setFont(AXIS);
        FontMetrics a = g.getFontMetrics();
        String predicted = "predicted class";
        g.drawString(predicted, left + (gridWidth - a.stringWidth(predicted)) / 2, height - 14);
        AffineTransform saved = g.getTransform();
        String truth = "true class";
        g.translate(18, top + (grid + a.stringWidth(truth)) / 2);
        g.rotate(-Math.PI / 2);
        g.drawString(truth, 0, 0);
        g.setTransform(saved);
        g.dispose();
        return image;
    }

    /** The largest font (at most 14 px) in which every count fits its cell, or 0 when none of at least 8 px does. */
    private static int countFontSize(Graphics2D g, long[][] counts, int cell) {
        long max = 0;
        for (long[] row : counts) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        String widest = Long.toString(max);
        for (int size = 14; size >= MIN_COUNT_FONT; size--) {
            if (g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, size)).stringWidth(widest) <= cell - 4) {
                return size;
            }
        }
        return 0;
    }

    /**
     * The heat colour of a value in [0, 1] (clamped): the confusion matrix's white-to-red ramp, which the saliency
     * overlays reuse.
     */
    static Color heat(double value) {
        return shade(value, false);
    }

    /** White to blue on the diagonal (right), white to red off it (wrong), by share of the row. */
    private static Color shade(double share, boolean diagonal) {
        double s = Math.sqrt(Math.max(0, Math.min(1, share)));
        Color full = diagonal ? new Color(0x1F4E9A) : new Color(0xB2182B);
        return new Color(Canvas.mix(255, full.getRed(), s), Canvas.mix(255, full.getGreen(), s),
                Canvas.mix(255, full.getBlue(), s));
    }
}
