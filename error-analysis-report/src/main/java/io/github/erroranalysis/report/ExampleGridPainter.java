package io.github.erroranalysis.report;

import io.github.erroranalysis.io.Formats;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws examples side by side, each image upscaled crisply (nearest neighbour) under a title
 * "Pred: … / True: … / 87 %". Every title is laid out the same way whatever the class names' width: always three
 * lines (Pred, True, confidence), each measured with {@link FontMetrics}, shrunk and finally cut with an ellipsis
 * ({@link Shorten#toWidth}), so no title leaves its tile and every tile's image starts at the same height.
 */
final class ExampleGridPainter {

    /** One example to draw. */
    record Tile(int index, String predicted, String truth, double confidence, Optional<BufferedImage> image) {

        boolean correct() {
            return predicted.equals(truth);
        }

        List<String> titleParts() {
            return List.of("Pred: " + predicted, "True: " + truth, Formats.wholePercent(confidence));
        }
    }

    /** One laid-out line of a title, with its box relative to the tile's top-left corner. */
    record TitleLine(String text, int fontSize, Rectangle box) {
    }

    static final int IMAGE_SIDE = 160;
    static final int MIN_TILE_WIDTH = 224;
    static final int PAD = 6;
    static final int GAP = 14;
    static final int COLUMNS = 5;
    static final int FONT_SIZE = 13;
    static final int MIN_FONT_SIZE = 9;
    private static final Color WRONG = new Color(0xB00020);
    private static final Color RIGHT = new Color(0x1B7F3B);

    private ExampleGridPainter() {
    }

    static int tileWidth(List<Tile> tiles) {
        int w = MIN_TILE_WIDTH;
        for (Tile t : tiles) {
            w = Math.max(w, t.image().map(i -> scaledSize(i)[0]).orElse(IMAGE_SIDE));
        }
        return w;
    }

    /**
     * Lays out every title in a tile of the given width: always one line per part (Pred, True, confidence), each in
     * the largest font from {@value #FONT_SIZE} down to {@value #MIN_FONT_SIZE} px in which it fits, else cut with
     * an ellipsis, so every tile's title has the same three lines whatever its class names.
     */
    static List<List<TitleLine>> layout(Graphics2D g, List<Tile> tiles, int tileWidth) {
        int available = tileWidth - 2 * PAD;
        FontMetrics base = g.getFontMetrics(font(FONT_SIZE));
        int lineHeight = base.getAscent() + base.getDescent() + 2;
        List<List<TitleLine>> out = new ArrayList<>();
        for (Tile t : tiles) {
            List<TitleLine> lines = new ArrayList<>();
            int k = 0;
            for (String part : t.titleParts()) {
                int size = FONT_SIZE;
                FontMetrics m = base;
                while (m.stringWidth(part) > available && size > MIN_FONT_SIZE) {
                    size--;
                    m = g.getFontMetrics(font(size));
                }
                lines.add(line(m, Shorten.toWidth(part, m, available), size, tileWidth, k++, lineHeight));
            }
            out.add(lines);
        }
        return out;
    }

    private static TitleLine line(FontMetrics m, String text, int size, int tileWidth, int row, int lineHeight) {
        int w = m.stringWidth(text);
        int top = PAD + row * lineHeight + (lineHeight - 2 - m.getAscent() - m.getDescent()) / 2;
        return new TitleLine(text, size, new Rectangle((tileWidth - w) / 2, top, w, m.getAscent() + m.getDescent()));
    }

    static int titleHeight(Graphics2D g, List<List<TitleLine>> titles) {
        FontMetrics base = g.getFontMetrics(font(FONT_SIZE));
        int lines = titles.stream().mapToInt(List::size).max().orElse(1);
        return 2 * PAD + lines * (base.getAscent() + base.getDescent() + 2);
    }

    static BufferedImage paint(List<Tile> tiles) {
        if (tiles.isEmpty()) {
            return message("no examples to show");
        }
        int tileWidth = tileWidth(tiles);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        List<List<TitleLine>> titles = layout(pg, tiles, tileWidth);
        int titleHeight = titleHeight(pg, titles);
        pg.dispose();
        int imageHeight = 0;
        for (Tile t : tiles) {
            imageHeight = Math.max(imageHeight, t.image().map(i -> scaledSize(i)[1]).orElse(IMAGE_SIDE));
        }
        int tileHeight = titleHeight + imageHeight + PAD;
        int columns = Math.min(COLUMNS, tiles.size());
        int rows = (tiles.size() + columns - 1) / columns;
        int width = GAP + columns * (tileWidth + GAP);
        int height = GAP + rows * (tileHeight + GAP);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        for (int k = 0; k < tiles.size(); k++) {
            Tile t = tiles.get(k);
            int x0 = GAP + (k % columns) * (tileWidth + GAP);
            int y0 = GAP + (k / columns) * (tileHeight + GAP);
            g.setColor(new Color(0xF2F2F2));
            g.fillRect(x0, y0, tileWidth, tileHeight);
            g.setColor(t.correct() ? RIGHT : WRONG);
            for (TitleLine line : titles.get(k)) {
                g.setFont(font(line.fontSize()));
                g.drawString(line.text(), x0 + line.box().x, y0 + line.box().y + g.getFontMetrics().getAscent());
            }
            int iy = y0 + titleHeight;
            if (t.image().isPresent()) {
                BufferedImage src = t.image().get();
                int[] size = scaledSize(src);
                boolean upscale = size[0] >= src.getWidth();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, upscale
                        ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(src, x0 + (tileWidth - size[0]) / 2, iy, size[0], size[1], null);
            } else {
                placeholder(g, x0 + (tileWidth - IMAGE_SIDE) / 2, iy, IMAGE_SIDE, IMAGE_SIDE, "#" + t.index());
            }
        }
        g.dispose();
        return image;
    }

    /** Width and height of an image in its tile: upscaled by a whole factor to about 160 px, or shrunk to 160 px. */
    static int[] scaledSize(BufferedImage image) {
        int side = Math.max(image.getWidth(), image.getHeight());
        double scale = side < IMAGE_SIDE ? Math.max(1, IMAGE_SIDE / side) : (double) IMAGE_SIDE / side;
        return new int[] {(int) Math.round(image.getWidth() * scale), (int) Math.round(image.getHeight() * scale)};
    }

    static void placeholder(Graphics2D g, int x, int y, int w, int h, String what) {
        g.setColor(new Color(0xD0D0D0));
        g.fillRect(x, y, w, h);
        g.setColor(new Color(0x555555));
        g.setFont(font(FONT_SIZE));
        FontMetrics m = g.getFontMetrics();
        String[] lines = {"image missing", Shorten.toWidth(what, m, w - 8)};
        int lineHeight = m.getAscent() + m.getDescent();
        int top = y + (h - 2 * lineHeight) / 2 + m.getAscent();
        for (int k = 0; k < lines.length; k++) {
            g.drawString(lines[k], x + (w - m.stringWidth(lines[k])) / 2, top + k * lineHeight);
        }
    }

    /** A small figure holding one sentence, for a figure that has nothing to show. */
    static BufferedImage message(String text) {
        BufferedImage image = new BufferedImage(420, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 420, 80);
        g.setColor(Color.DARK_GRAY);
        g.setFont(font(14));
        FontMetrics m = g.getFontMetrics();
        String t = Shorten.toWidth(text, m, 400);
        g.drawString(t, (420 - m.stringWidth(t)) / 2, 45);
        g.dispose();
        return image;
    }

    static Font font(int size) {
        return new Font(Font.SANS_SERIF, Font.BOLD, size);
    }
}
