package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ErrorAnalysis;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reports of many classes: every figure within the documented pixel cap, drawing what a person can read. */
class ReportScaleTest {

    @Test
    void should_write_the_report_of_1000_classes_under_a_1g_heap_with_every_figure_within_the_cap(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("report");
        Path log = dir.resolve("child.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), ManyClassesReport.class.getName(), out.toString(),
                "10000", "1000");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = child.waitFor(150, TimeUnit.SECONDS);
        if (!done) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("the report of 1,000 classes was written within 150 s; it printed:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("exit code of the -Xmx1g JVM; it printed:%n%s", output).isZero();
        assertThat(output).contains("wrote the report of 10000 examples of 1000 classes");

        List<Path> pngs;
        try (Stream<Path> files = Files.list(out.resolve(ErrorReport.FIGURE_FOLDER))) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertThat(pngs).hasSizeGreaterThanOrEqualTo(10);
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).as("width of %s", png.getFileName()).isBetween(1, Figures.MAX_WIDTH);
            assertThat(image.getHeight()).as("height of %s", png.getFileName()).isBetween(1, Figures.MAX_HEIGHT);
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve(ErrorReport.JSON_FILE).toFile());
        JsonNode counts = json.get("confusion").get("counts");
        assertThat(counts).as("the whole confusion matrix is in the JSON").hasSize(1000);
        long total = 0;
        for (JsonNode row : counts) {
            assertThat(row).hasSize(1000);
            for (JsonNode cell : row) {
                total += cell.asLong();
            }
        }
        assertThat(total).isEqualTo(10000);
        assertThat(json.get("perClass")).hasSize(1000);
        String md = Files.readString(out.resolve(ErrorReport.MARKDOWN_FILE), StandardCharsets.UTF_8);
        assertThat(md).contains("the 30 classes with the lowest accuracy of 1,000",
                "the 30 classes with the most mistakes (as true or predicted class) of 1,000",
                "the 30 classes whose accuracy changed most of 1,000");
    }

    @Test
    void should_draw_the_worst_classes_of_many_within_the_cap_and_say_so() {
        ErrorReport report = ManyClassesReport.report(1200, 120);
        for (String name : report.figureNames()) {
            BufferedImage image = read(report.figurePng(name));
            assertThat(image.getWidth()).as("width of %s", name).isLessThanOrEqualTo(Figures.MAX_WIDTH);
            assertThat(image.getHeight()).as("height of %s", name).isLessThanOrEqualTo(Figures.MAX_HEIGHT);
        }
        ErrorAnalysis analysis = report.analysis();
        Figures.HeatMapCells cells = Figures.heatMapCells(analysis.confusion());
        assertThat(cells.names()).as("the heat map of 120 classes draws 30").hasSize(Figures.MAX_CLASSES_DRAWN);
        assertThat(cells.otherLabel()).isEqualTo("the other 90");
        assertThat(cells.title()).isEqualTo("Confusion matrix of the 30 of 120 classes with the most mistakes (rows: "
                + "true, columns: predicted)");
        for (int r = 0; r < cells.names().size(); r++) {
            int t = analysis.classNames().indexOf(cells.names().get(r));
            assertThat(cells.counts()[r]).as("row %s: 30 classes and the other 90", cells.names().get(r)).hasSize(31);
            assertThat(Arrays.stream(cells.counts()[r]).sum()).as("row %s sums to its support", cells.names().get(r))
                    .isEqualTo(analysis.confusion().support(t)).isEqualTo(cells.rowTotals()[r]);
            assertThat(cells.counts()[r][r]).isEqualTo(analysis.confusion().count(t, t));
        }
        assertThat(report.toMarkdown()).contains("![Per-class accuracy, whiskers: 95 % Wilson intervals; hardest "
                + "class in red; the 30 classes with the lowest accuracy of 120, lowest first](figures/per-class-accuracy.png)",
                "![Confusion matrix of the 30 classes with the most mistakes (as true or predicted class) of 120, rows "
                        + "true, columns predicted (the whole matrix is in report.json)]"
                        + "(figures/confusion-matrix.png)");
    }

    @Test
    void should_pick_the_lowest_accuracies_sorted_with_the_hardest_first() {
        ErrorAnalysis analysis = ReportFixtures.analysis(3000, ManyClassesReport.names(300), 9);
        int[] shown = Figures.lowestAccuracy(analysis);
        assertThat(shown).hasSize(Figures.MAX_CLASSES_DRAWN);
        assertThat(shown[0]).isEqualTo(analysis.hardest().index());
        List<ClassAccuracy> classes = analysis.perClassAccuracy().classes();
        double[] accuracy = Arrays.stream(shown).mapToDouble(c -> classes.get(c).accuracy()).toArray();
        double[] sorted = accuracy.clone();
        Arrays.sort(sorted);
        assertThat(accuracy).containsExactly(sorted);
        double worstNotShown = IntStream.range(0, 300).filter(c -> Arrays.stream(shown).noneMatch(s -> s == c))
                .mapToDouble(c -> classes.get(c).accuracy()).min().orElseThrow();
        assertThat(worstNotShown).isGreaterThanOrEqualTo(sorted[sorted.length - 1]);
    }

    @Test
    void should_pick_the_classes_with_the_most_mistakes_for_the_heat_map() {
        ErrorAnalysis analysis = ReportFixtures.analysis(3000, ManyClassesReport.names(300), 9);
        long[][] counts = analysis.confusion().counts();
        long[] mistakes = new long[300];
        for (int t = 0; t < 300; t++) {
            for (int p = 0; p < 300; p++) {
                if (t != p) {
                    mistakes[t] += counts[t][p];
                    mistakes[p] += counts[t][p];
                }
            }
        }
        int[] shown = Figures.mostMistakes(analysis.confusion());
        assertThat(shown).hasSize(Figures.MAX_CLASSES_DRAWN).doesNotHaveDuplicates();
        long leastShown = Arrays.stream(shown).mapToLong(c -> mistakes[c]).min().orElseThrow();
        long mostNotShown = IntStream.range(0, 300).filter(c -> Arrays.stream(shown).noneMatch(s -> s == c))
                .mapToLong(c -> mistakes[c]).max().orElseThrow();
        assertThat(leastShown).isGreaterThanOrEqualTo(mostNotShown);
        assertThat(Arrays.stream(shown).mapToLong(c -> mistakes[c]).toArray())
                .as("most mistakes first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void should_draw_every_class_of_a_small_analysis_in_index_order() {
        ErrorAnalysis ten = ReportFixtures.analysis(400, ReportFixtures.CIFAR, 11);
        assertThat(Figures.lowestAccuracy(ten)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Figures.mostMistakes(ten.confusion())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Figures.HeatMapCells cells = Figures.heatMapCells(ten.confusion());
        assertThat(cells.names()).isEqualTo(ReportFixtures.CIFAR);
        assertThat(cells.counts()).isDeepEqualTo(ten.confusion().counts());
        assertThat(cells.otherLabel()).isNull();
        String md = ErrorReport.builder(ten).build().toMarkdown();
        assertThat(md).contains("![Confusion matrix, rows true, columns predicted](figures/confusion-matrix.png)",
                "![Per-class accuracy, whiskers: 95 % Wilson intervals; hardest class in red]"
                        + "(figures/per-class-accuracy.png)");
    }

    @Test
    void should_fit_any_figure_within_the_cap_keeping_its_proportions() {
        BufferedImage wide = new BufferedImage(9600, 600, BufferedImage.TYPE_INT_RGB);
        BufferedImage fitted = Figures.fit(wide);
        assertThat(fitted.getWidth()).isEqualTo(Figures.MAX_WIDTH);
        assertThat(fitted.getHeight()).isEqualTo(150);
        BufferedImage small = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        assertThat(Figures.fit(small)).isSameAs(small);
    }

    @Test
    void should_refuse_an_example_grid_beyond_the_cap() {
        ErrorAnalysis ten = ReportFixtures.analysis(400, ReportFixtures.CIFAR, 11);
        List<Integer> many = new ArrayList<>(IntStream.range(0, 41).boxed().toList());
        assertThatThrownBy(() -> Figures.exampleGrid(ten, many, ReportFixtures.images(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an example grid shows at most 40 examples, but 41 were given");
        BufferedImage forty = Figures.exampleGrid(ten, many.subList(0, 40), ReportFixtures.images(0));
        assertThat(forty.getWidth()).isLessThanOrEqualTo(Figures.MAX_WIDTH);
        assertThat(forty.getHeight()).isLessThanOrEqualTo(Figures.MAX_HEIGHT);
    }

    private static BufferedImage read(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
