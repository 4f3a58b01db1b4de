package io.github.erroranalysis.report;

import io.github.erroranalysis.io.Formats;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * Draws examples each beside its nearest training examples, one row per example: the example's tile first, then one
 * tile per neighbour titled with its training index, label and distance, so that a person can judge a label by the
 * training images the model finds most alike.
 */
final class NeighbourStrips {

    /** The side of each thumbnail: a 32-pixel image upscaled three times. */
    static final int SIDE = 96;
    private static final int TILE_WIDTH = 128;
    private static final int PAD = 4;
    private static final int GAP = 10;
    private static final int LINES = 3;
    private static final int FONT_SIZE = 11;
    private static final Color EXAMPLE = new Color(0xB00020);
    private static final Color NEIGHBOUR = new Color(0x333333);

    /**
     * One tile: three title lines and an image.
     *
     * @param lines the title, three lines
     * @param image the image, or empty for a placeholder
     * @param placeholder what the placeholder says
     */
    record Tile(List<String> lines, Optional<BufferedImage> image, String placeholder) {
    }

    /**
     * One row: an example and its neighbours.
     *
     * @param example the example's tile
     * @param neighbours the neighbours' tiles, nearest first
     */
    record Row(Tile example, List<Tile> neighbours) {
    }

    private NeighbourStrips() {
    }

    /** The tile of a nearest training example: its training index, label and distance. */
    static Tile neighbour(TrainingNeighbour n, List<String> names, Optional<BufferedImage> image) {
        return new Tile(List.of("train #" + n.trainIndex(), names.get(n.trueClass()),
                "distance " + Formats.format("%.2f", n.distance())), image, "train #" + n.trainIndex());
    }

    /** Draws the rows; the widest row sets the figure's width. */
    static BufferedImage paint(List<Row> rows) {
        if (rows.isEmpty()) {
            return ExampleGridPainter.message("no examples with nearest training examples");
        }
        int columns = 1 + rows.stream().mapToInt(r -> r.neighbours().size()).max().orElse(0);
        FontMetrics m = Canvas.metrics(ExampleGridPainter.font(FONT_SIZE));
        int lineHeight = m.getAscent() + m.getDescent() + 1;
        int titleHeight = PAD + LINES * lineHeight;
        int tileHeight = titleHeight + SIDE + PAD;
        // a wider gap after the example's own tile
        int width = GAP + columns * (TILE_WIDTH + GAP) + GAP;
        int height = GAP + rows.size() * (tileHeight + GAP);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int r = 0; r < rows.size(); r++) {
            int y0 = GAP + r * (tileHeight + GAP);
            Row row = rows.get(r);
            draw(g, m, row.example(), GAP, y0, tileHeight, lineHeight, EXAMPLE);
            for (int k = 0; k < row.neighbours().size(); k++) {
                draw(g, m, row.neighbours().get(k), 2 * GAP + (k + 1) * (TILE_WIDTH + GAP), y0, tileHeight,
                        lineHeight, NEIGHBOUR);
            }
        }
        g.dispose();
        return image;
    }

    private static void draw(Graphics2D g, FontMetrics m, Tile t, int x0, int y0, int tileHeight, int lineHeight,
            Color text) {
        g.setColor(new Color(0xF2F2F2));
        g.fillRect(x0, y0, TILE_WIDTH, tileHeight);
        g.setColor(text);
        g.setFont(ExampleGridPainter.font(FONT_SIZE));
        for (int k = 0; k < t.lines().size() && k < LINES; k++) {
            String s = Shorten.toWidth(t.lines().get(k), m, TILE_WIDTH - 2 * PAD);
            g.drawString(s, x0 + (TILE_WIDTH - m.stringWidth(s)) / 2, y0 + PAD + k * lineHeight + m.getAscent());
        }
        int ix = x0 + (TILE_WIDTH - SIDE) / 2;
        int iy = y0 + PAD + LINES * lineHeight;
        if (t.image().isPresent()) {
            g.drawImage(t.image().get(), ix, iy, SIDE, SIDE, null);
        } else {
            ExampleGridPainter.placeholder(g, ix, iy, SIDE, SIDE, t.placeholder());
        }
    }
}
