package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ErrorAnalysis;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {

    private static ErrorAnalysis analysis;

    @BeforeAll
    static void analyse() {
        analysis = ReportFixtures.analysis(500, ReportFixtures.CIFAR, 7);
    }

    @Test
    void should_upscale_images_crisply_with_nearest_neighbour() {
        List<Integer> examples = ExamplePicks.firstWrong(analysis, 1);
        BufferedImage grid = Figures.exampleGrid(analysis, examples, ReportFixtures.images(0));
        BufferedImage source = ReportFixtures.image(examples.get(0));
        int scale = ExampleGridPainter.IMAGE_SIDE / 32;
        // find the image in the tile: it sits at the bottom of the first tile, centred
        int tileWidth = ExampleGridPainter.tileWidth(List.of(new ExampleGridPainter.Tile(0, "a", "b", 0.5,
                Optional.of(source))));
        int left = ExampleGridPainter.GAP + (tileWidth - ExampleGridPainter.IMAGE_SIDE) / 2;
        int top = grid.getHeight() - ExampleGridPainter.GAP - ExampleGridPainter.PAD - ExampleGridPainter.IMAGE_SIDE;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int expected = source.getRGB(x, y) & 0xFFFFFF;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        assertThat(grid.getRGB(left + x * scale + dx, top + y * scale + dy) & 0xFFFFFF)
                                .as("pixel (%d, %d) of the source, sub-pixel (%d, %d)", x, y, dx, dy)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void should_keep_every_title_inside_its_tile_without_overlap_even_for_long_names() {
        List<ExampleGridPainter.Tile> tiles = List.of(
                new ExampleGridPainter.Tile(0, "cat", "dog", 0.87, Optional.empty()),
                new ExampleGridPainter.Tile(1, "a very long class name that cannot fit a tile at all", "automobile",
                        0.5, Optional.empty()),
                new ExampleGridPainter.Tile(2, "automobile", "truck", 0.999, Optional.empty()));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        int width = ExampleGridPainter.tileWidth(tiles);
        List<List<ExampleGridPainter.TitleLine>> titles = ExampleGridPainter.layout(g, tiles, width);
        int titleHeight = ExampleGridPainter.titleHeight(g, titles);
        g.dispose();
        assertThat(titles.get(0)).extracting(ExampleGridPainter.TitleLine::text)
                .containsExactly("Pred: cat", "True: dog", "87 %");
        assertThat(titles.get(1)).hasSize(3);
        assertThat(titles.get(1).get(0).text()).startsWith("Pred: a very").endsWith("\u2026");
        for (List<ExampleGridPainter.TitleLine> lines : titles) {
            for (int i = 0; i < lines.size(); i++) {
                Rectangle box = lines.get(i).box();
                assertThat(new Rectangle(0, 0, width, titleHeight).contains(box)).as("%s inside its tile", box).isTrue();
                assertThat(lines.get(i).fontSize()).isBetween(ExampleGridPainter.MIN_FONT_SIZE, ExampleGridPainter.FONT_SIZE);
                for (int j = i + 1; j < lines.size(); j++) {
                    assertThat(box.intersects(lines.get(j).box())).as("%s and %s overlap", box, lines.get(j).box()).isFalse();
                }
            }
        }
    }

    @Test
    void should_lay_out_every_title_as_the_same_three_lines_whatever_the_class_names_width() {
        String longName = "a class name far too long to fit any tile of the grid whatever its font";
        List<ExampleGridPainter.Tile> tiles = List.of(
                new ExampleGridPainter.Tile(0, "cat", "dog", 0.87, Optional.empty()),
                new ExampleGridPainter.Tile(1, "ship", "automobile", 0.5, Optional.empty()),
                new ExampleGridPainter.Tile(2, longName, "truck", 0.999, Optional.empty()),
                new ExampleGridPainter.Tile(3, "x", longName, 0.123, Optional.empty()));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        int width = ExampleGridPainter.tileWidth(tiles);
        List<List<ExampleGridPainter.TitleLine>> titles = ExampleGridPainter.layout(g, tiles, width);
        java.awt.FontMetrics base = g.getFontMetrics(ExampleGridPainter.font(ExampleGridPainter.FONT_SIZE));
        int lineHeight = base.getAscent() + base.getDescent() + 2;
        g.dispose();
        for (int t = 0; t < tiles.size(); t++) {
            List<ExampleGridPainter.TitleLine> lines = titles.get(t);
            assertThat(lines).as("tile %d", t).hasSize(3);
            assertThat(lines.get(0).text()).startsWith("Pred: ");
            assertThat(lines.get(1).text()).startsWith("True: ");
            assertThat(lines.get(2).text()).endsWith(" %");
            for (int k = 0; k < 3; k++) {
                Rectangle box = lines.get(k).box();
                int bandTop = ExampleGridPainter.PAD + k * lineHeight;
                assertThat(box.y).as("tile %d line %d starts in its band", t, k).isBetween(bandTop,
                        bandTop + lineHeight - 1);
                assertThat(box.x).as("tile %d line %d inside the tile", t, k).isGreaterThanOrEqualTo(0);
                assertThat(box.x + box.width).isLessThanOrEqualTo(width);
            }
        }
        assertThat(titles.get(2).get(0).text()).startsWith("Pred: a class").endsWith("\u2026");
        assertThat(titles.get(3).get(1).text()).startsWith("True: a class").endsWith("\u2026");
        assertThat(titles.get(0)).extracting(ExampleGridPainter.TitleLine::fontSize)
                .containsOnly(ExampleGridPainter.FONT_SIZE);
        // short names and long ones give grids of the same height: the images start at the same place
        BufferedImage shortNames = ExampleGridPainter.paint(tiles.subList(0, 2));
        BufferedImage longNames = ExampleGridPainter.paint(tiles.subList(2, 4));
        assertThat(longNames.getHeight()).isEqualTo(shortNames.getHeight());
    }

    @Test
    void should_draw_a_placeholder_for_a_missing_image() {
        BufferedImage grid = Figures.exampleGrid(analysis, List.of(0), ImageSource.none());
        int centreX = ExampleGridPainter.GAP + ExampleGridPainter.tileWidth(List.of()) / 2;
        int y = grid.getHeight() - ExampleGridPainter.GAP - ExampleGridPainter.PAD - 5;
        assertThat(grid.getRGB(centreX, y) & 0xFFFFFF).isEqualTo(0xD0D0D0);
    }

    @Test
    void should_draw_every_chart_as_a_readable_png() throws IOException {
        List<BufferedImage> figures = List.of(
                Figures.perClassAccuracy(analysis),
                Figures.perClassAccuracy(analysis, new double[] {.5, .5, .5, .2, .5, .5, .5, .5, .5, .5},
                        new double[] {.9, .9, .9, .6, .9, .9, .9, .9, .9, .9}, "95 % Wilson"),
                Figures.confusionMatrix(analysis.confusion()),
                Figures.reliabilityDiagram(analysis.calibration()),
                Figures.confidenceHistogram(analysis),
                Figures.trainingHistory(ReportFixtures.history()),
                Figures.comparison(analysis.compareWith(ReportFixtures.analysis(500, ReportFixtures.CIFAR, 8)), "baseline",
                        "candidate"));
        for (BufferedImage f : figures) {
            assertThat(f.getWidth()).isGreaterThanOrEqualTo(400);
            assertThat(f.getHeight()).isGreaterThanOrEqualTo(300);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(Figures.png(f)));
            assertThat(back.getWidth()).isEqualTo(f.getWidth());
            assertThat(distinctColours(back)).as("a chart is more than a blank canvas").isGreaterThan(3);
        }
    }

    @Test
    void should_colour_the_confusion_diagonal_by_share_of_the_row() {
        BufferedImage heat = Figures.confusionMatrix(analysis.confusion());
        assertThat(heat.getWidth()).isGreaterThan(10 * 22);
        assertThat(distinctColours(heat)).isGreaterThan(10);
    }

    @Test
    void should_refuse_intervals_of_the_wrong_length() {
        assertThatThrownBy(() -> Figures.perClassAccuracy(analysis, new double[3], new double[10], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there are 10 classes but 3 lower and 10 upper interval bounds");
    }

    @Test
    void should_write_a_png_atomically_and_refuse_a_folder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("grid.png");
        Figures.writePng(Figures.exampleGrid(analysis, List.of(1, 2), ReportFixtures.images(0)), file);
        assertThat(ImageIO.read(file.toFile())).isNotNull();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThatThrownBy(() -> Figures.writePng(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), dir))
                .isInstanceOf(IOException.class).hasMessageContaining("it is a folder");
    }

    static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
