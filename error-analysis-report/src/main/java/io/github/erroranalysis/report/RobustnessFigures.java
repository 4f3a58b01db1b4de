package io.github.erroranalysis.report;

import io.github.erroranalysis.io.Formats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * The robustness report's painted figures, drawn directly with Java2D like the confusion matrix: the heat map of a
 * value per corruption (rows) and severity (columns) with its colour scale, and the grid of the same images under
 * each corruption with the model's answer (green when right, red when wrong).
 */
final class RobustnessFigures {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Color RIGHT = new Color(0x1B7F3B);
    private static final Color WRONG = new Color(0xB00020);
    private static final Color LOW = new Color(0xB2182B);
    private static final Color HIGH = new Color(0x1F4E9A);
    private static final int CELL_W = 64;
    private static final int CELL_H = 26;
    private static final int BAR_W = 18;
    private static final int TILE = 96;
    private static final Font GROUP = new Font(Font.SANS_SERIF, Font.BOLD | Font.ITALIC, 12);
    private static final String STANDARD = "standard";
    private static final String EXTRA = "extra";
    private static final int GAP = 22;
    private static final int DOT = 7;

    private RobustnessFigures() {
    }

    /**
     * Draws a heat map: {@code values[r][s]} of row {@code rows[r]} at column {@code columns[s]}, each cell labelled
     * with its value; NaN cells are grey and labelled "n/a". The first {@code standardRows} rows (the standard
     * corruptions) are set apart from the others (the extras) by a gap with a line, each group labelled, when both
     * groups have rows; a marked cell gets a black dot in its corner, explained by a legend line below the grid.
     *
     * @param title the figure's title
     * @param rows the row labels (corruptions), the standard ones first
     * @param columns the column labels (severities)
     * @param values the values, rows × columns
     * @param standardRows how many of the first rows are standard corruptions
     * @param marked rows × columns, true for a cell to mark; or null for none
     * @param markLegend what a mark means (the legend line), or null without marks
     * @param diverging false: an accuracy from 0 (red) to 1 (blue); true: a difference from −m (red) through 0
     *                  (white) to +m (blue), m the largest magnitude (at least 0.01)
     * @return the figure
     */
    static BufferedImage heatMap(String title, List<String> rows, List<String> columns, double[][] values,
            int standardRows, boolean[][] marked, String markLegend, boolean diverging) {
        double max = 0.01;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        double low = diverging ? -max : 0;
        double high = diverging ? max : 1;
        boolean split = standardRows > 0 && standardRows < rows.size();
        FontMetrics label = Canvas.metrics(LABEL);
        int nameWidth = Math.max(Canvas.widest(label, rows), Canvas.metrics(GROUP).stringWidth(STANDARD));
        int titleWidth = Canvas.metrics(TITLE).stringWidth(title);
        int left = 20 + nameWidth + 10;
        int top = split ? 88 : 70;
        int gridW = CELL_W * columns.size();
        int gap = split ? GAP : 0;
        int gridH = CELL_H * rows.size() + gap;
        int barX = left + gridW + 30;
        int legendH = marked != null ? 24 : 0;
        int width = Math.max(Math.max(barX + BAR_W + 80, titleWidth + 40),
                marked != null ? 40 + label.stringWidth(markLegend) + 20 : 0);
        int height = top + gridH + 40 + legendH;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, (width - titleWidth) / 2, 26);
        g.setFont(AXIS);
        FontMetrics a = g.getFontMetrics();
        String axis = "severity";
        g.drawString(axis, left + (gridW - a.stringWidth(axis)) / 2, 48);
        g.setFont(LABEL);
        FontMetrics m = g.getFontMetrics();
        int headerY = split ? top - 24 : top - 6;
        for (int s = 0; s < columns.size(); s++) {
            String c = columns.get(s);
            g.drawString(c, left + s * CELL_W + (CELL_W - m.stringWidth(c)) / 2, headerY);
        }
        if (split) {
            groupLabel(g, STANDARD + " (" + standardRows + ", in the mean)", 20, top - 6, left + gridW);
            int lineY = top + standardRows * CELL_H + gap / 2;
            groupLabel(g, EXTRA + " (" + (rows.size() - standardRows) + ", apart)", 20, lineY + 5, left + gridW);
            g.setFont(LABEL);
        }
        for (int r = 0; r < rows.size(); r++) {
            int y = top + r * CELL_H + (r >= standardRows ? gap : 0);
            g.setColor(Color.BLACK);
            g.drawString(rows.get(r), left - 8 - m.stringWidth(rows.get(r)), y + (CELL_H + m.getAscent()
                    - m.getDescent()) / 2);
            for (int s = 0; s < columns.size(); s++) {
                double v = values[r][s];
                Color fill = Double.isNaN(v) ? Color.LIGHT_GRAY : colour(v, low, high, diverging);
                int x = left + s * CELL_W;
                g.setColor(fill);
                g.fillRect(x, y, CELL_W, CELL_H);
                g.setColor(Color.WHITE);
                g.drawRect(x, y, CELL_W, CELL_H);
                String text = Double.isNaN(v) ? "n/a" : diverging ? Formats.format("%+.3f", v)
                        : Formats.format("%.3f", v);
                Color ink = Canvas.luminance(fill) < 0.5 ? Color.WHITE : Color.BLACK;
                g.setColor(ink);
                g.drawString(text, x + (CELL_W - m.stringWidth(text)) / 2, y + (CELL_H + m.getAscent()
                        - m.getDescent()) / 2);
                if (marked != null && marked[r][s]) {
                    g.fillOval(x + CELL_W - 9, y + 3, DOT, DOT);
                }
            }
        }
        // the colour scale: high at the top, low at the bottom
        for (int y = 0; y < gridH; y++) {
            double v = high - (high - low) * y / Math.max(1, gridH - 1);
            g.setColor(colour(v, low, high, diverging));
            g.fillRect(barX, top + y, BAR_W, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(barX, top, BAR_W, gridH);
        String[] ticks = diverging ? new String[] {Formats.format("%+.3f", high), "0", Formats.format("%+.3f", low)}
                : new String[] {"1.0", "0.5", "0.0"};
        for (int k = 0; k < 3; k++) {
            int y = top + k * gridH / 2;
            g.drawLine(barX + BAR_W, y, barX + BAR_W + 4, y);
            g.drawString(ticks[k], barX + BAR_W + 7, y + m.getAscent() / 2);
        }
        if (marked != null) {
            int y = top + gridH + 28;
            g.fillOval(20, y - DOT - 1, DOT, DOT);
            g.drawString(markLegend, 20 + DOT + 6, y);
        }
        g.dispose();
        return image;
    }

    /** A group's label at the left, then a grey line to the grid's right edge. */
    private static void groupLabel(Graphics2D g, String text, int x, int baseline, int right) {
        g.setFont(GROUP);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, x, baseline);
        int end = x + g.getFontMetrics().stringWidth(text) + 6;
        g.drawLine(end, baseline - 4, right, baseline - 4);
    }

    /** The scale's colour of a value: red at {@code low}, blue at {@code high}, through white (the middle). */
    static Color colour(double v, double low, double high, boolean diverging) {
        double t = Math.max(0, Math.min(1, (v - low) / (high - low)));
        double s = Math.abs(2 * t - 1);
        Color full = t < 0.5 ? LOW : HIGH;
        if (!diverging) {
            s = Math.sqrt(s);
        }
        return new Color(Canvas.mix(255, full.getRed(), s), Canvas.mix(255, full.getGreen(), s),
                Canvas.mix(255, full.getBlue(), s));
    }

    /**
     * One tile of the corruption grid: the image (or a placeholder), the model's answer and whether it is right.
     *
     * @param image the image, if known
     * @param predicted the predicted class's name
     * @param confidence the model's confidence
     * @param right whether the answer is the true class
     */
    record Tile(Optional<BufferedImage> image, String predicted, double confidence, boolean right) {
    }

    /**
     * Draws the grid of the same examples under each corruption: one row per corruption (the first usually
     * "clean"), one column per example, headed by the example's number and true class; each tile's answer below
     * its image, green when right, red when wrong.
     *
     * @param title the figure's title
     * @param rows the row labels
     * @param headers the column headers
     * @param tiles rows × columns tiles
     * @return the figure
     */
    static BufferedImage grid(String title, List<String> rows, List<String> headers, Tile[][] tiles) {
        FontMetrics label = Canvas.metrics(LABEL);
        int nameWidth = Canvas.widest(label, rows);
        int titleWidth = Canvas.metrics(TITLE).stringWidth(title);
        int lineH = label.getAscent() + label.getDescent() + 2;
        int colW = TILE + 40;
        int rowH = TILE + lineH + 12;
        int left = 20 + nameWidth + 12;
        int top = 40 + lineH + 8;
        int width = Math.max(left + colW * headers.size() + 10, titleWidth + 40);
        int height = top + rowH * rows.size() + 10;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, (width - titleWidth) / 2, 26);
        g.setFont(LABEL);
        FontMetrics m = g.getFontMetrics();
        for (int c = 0; c < headers.size(); c++) {
            String h = Shorten.toWidth(headers.get(c), m, colW - 6);
            g.drawString(h, left + c * colW + (colW - m.stringWidth(h)) / 2, top - 8);
        }
        g.setStroke(new BasicStroke(3));
        for (int r = 0; r < rows.size(); r++) {
            int y = top + r * rowH;
            g.setColor(Color.BLACK);
            g.drawString(rows.get(r), left - 10 - m.stringWidth(rows.get(r)), y + TILE / 2 + m.getAscent() / 2);
            for (int c = 0; c < headers.size(); c++) {
                Tile t = tiles[r][c];
                int x = left + c * colW + (colW - TILE) / 2;
                if (t.image().isPresent()) {
                    g.drawImage(t.image().get(), x, y, TILE, TILE, null);
                } else {
                    ExampleGridPainter.placeholder(g, x, y, TILE, TILE, "no image");
                }
                Color colour = t.right() ? RIGHT : WRONG;
                g.setColor(colour);
                g.drawRect(x - 2, y - 2, TILE + 3, TILE + 3);
                String text = Shorten.toWidth(t.predicted() + " " + Formats.wholePercent(t.confidence()), m,
                        colW - 4);
                g.drawString(text, left + c * colW + (colW - m.stringWidth(text)) / 2, y + TILE + 4 + m.getAscent());
            }
        }
        g.dispose();
        return image;
    }
}
