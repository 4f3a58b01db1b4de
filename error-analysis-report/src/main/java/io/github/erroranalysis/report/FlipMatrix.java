package io.github.erroranalysis.report;

import io.github.erroranalysis.io.Formats;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The flip matrix of two models on the same examples, drawn with Java2D: rows model A right or wrong, columns model B
 * right or wrong, each cell with its count and share of the examples; the two off-diagonal cells are the flips
 * (right → wrong in red, wrong → right in green) that the McNemar test weighs.
 */
final class FlipMatrix {

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font COUNT = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int CELL = 170;
    private static final int MAX_NAME_WIDTH = 220;
    private static final Color BOTH_RIGHT = new Color(0xC6DBEF);
    private static final Color BOTH_WRONG = new Color(0xD9D9D9);
    private static final Color RIGHT_TO_WRONG = new Color(0xE45756);
    private static final Color WRONG_TO_RIGHT = new Color(0x54A24B);

    private FlipMatrix() {
    }

    /**
     * Draws the matrix: {@code counts[a][b]} with index 0 for right and 1 for wrong, so {@code counts[0][1]} is
     * right → wrong (A right, B wrong) and {@code counts[1][0]} wrong → right.
     */
    static BufferedImage paint(long[][] counts, String nameA, String nameB, String subtitle) {
        long total = counts[0][0] + counts[0][1] + counts[1][0] + counts[1][1];
        FontMetrics label = Canvas.metrics(LABEL);
        String[] rows = {Shorten.toWidth("A right", label, MAX_NAME_WIDTH), Shorten.toWidth("A wrong", label,
                MAX_NAME_WIDTH)};
        String[] columns = {"B right", "B wrong"};
        String title = Shorten.toWidth("Flip matrix: A = " + nameA + ", B = " + nameB, Canvas.metrics(TITLE), 760);
        String note = Shorten.toWidth(subtitle, Canvas.metrics(NOTE), 760);
        int rowLabel = Math.max(label.stringWidth(rows[0]), label.stringWidth(rows[1]));
        int width = Math.max(40 + rowLabel + 12 + 2 * CELL + 30, 800);
        int left = Math.max(40 + rowLabel + 12, (width - 2 * CELL) / 2);
        int top = 90;
        int height = top + 2 * CELL + 30;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, 26);
        g.setFont(NOTE);
        g.setColor(Color.DARK_GRAY);
        g.drawString(note, (width - g.getFontMetrics().stringWidth(note)) / 2, 46);
        Color[][] fill = {{BOTH_RIGHT, RIGHT_TO_WRONG}, {WRONG_TO_RIGHT, BOTH_WRONG}};
        String[][] what = {{"both right", "right \u2192 wrong"}, {"wrong \u2192 right", "both wrong"}};
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int x = left + b * CELL;
                int y = top + a * CELL;
                g.setColor(fill[a][b]);
                g.fillRect(x, y, CELL, CELL);
                g.setColor(Color.WHITE);
                g.drawRect(x, y, CELL, CELL);
                boolean dark = a != b;
                g.setColor(dark ? Color.WHITE : Color.BLACK);
                centred(g, COUNT, Formats.format("%,d", counts[a][b]), x, y + CELL / 2 - 4);
                centred(g, NOTE, total == 0 ? "" : Formats.percentOneDecimal((double) counts[a][b] / total), x,
                        y + CELL / 2 + 20);
                centred(g, LABEL, what[a][b], x, y + CELL / 2 + 42);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        FontMetrics m = g.getFontMetrics();
        for (int k = 0; k < 2; k++) {
            g.drawString(rows[k], left - 10 - m.stringWidth(rows[k]), top + k * CELL + CELL / 2 + m.getAscent() / 2);
            g.drawString(columns[k], left + k * CELL + (CELL - m.stringWidth(columns[k])) / 2, top - 10);
        }
        AffineTransform saved = g.getTransform();
        g.translate(left - 18 - rowLabel, top + CELL + m.stringWidth("model A") / 2);
        g.rotate(-Math.PI / 2);
        g.drawString("model A", 0, 0);
        g.setTransform(saved);
        g.dispose();
        return image;
    }

    private static void centred(Graphics2D g, Font font, String text, int x, int baseline) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x + (CELL - m.stringWidth(text)) / 2, baseline);
    }
}
