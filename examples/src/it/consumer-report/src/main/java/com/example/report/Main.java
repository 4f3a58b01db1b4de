package com.example.report;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricContext;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.ReportSection;
import io.github.erroranalysis.report.SectionWriter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A user's program on error-analysis-report alone: an analysis, a report section and a metric of its own, written
 * as a report folder; it checks that both appear in report.html, report.md and report.json.
 */
public final class Main {

    private static final List<String> CLASSES = List.of("cat", "dog", "frog");

    private Main() {
    }

    /** A user's metric: the recall of the cats, read from the confusion matrix (rows = true classes). */
    record CatRecall() implements Metric<Double> {

        @Override
        public String name() {
            return "catRecall";
        }

        @Override
        public Double compute(MetricContext context) {
            int cat = context.classNames().indexOf("cat");
            long truth = 0;
            for (int p = 0; p < context.classCount(); p++) {
                truth += context.count(cat, p);
            }
            return context.count(cat, cat) / (double) truth;
        }
    }

    /** A user's section: the planted mistakes, as text, a table, a figure and JSON values. */
    record PlantedMistakes(int[] looksLike, int[] truth) implements ReportSection {

        @Override
        public String id() {
            return "planted-mistakes";
        }

        @Override
        public String title() {
            return "Planted mistakes";
        }

        @Override
        public void render(SectionWriter out, ErrorAnalysis analysis) {
            int[] wrong = analysis.wrong().indexes();
            List<List<String>> rows = new ArrayList<>();
            List<Object> indexes = new ArrayList<>();
            for (int i : wrong) {
                rows.add(List.of(String.valueOf(i), CLASSES.get(truth[i]), CLASSES.get(looksLike[i])));
                indexes.add(i);
            }
            BufferedImage stripes = new BufferedImage(30, 10, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 30; x++) {
                for (int y = 0; y < 10; y++) {
                    stripes.setRGB(x, y, x < 10 ? Color.RED.getRGB() : x < 20 ? Color.GREEN.getRGB()
                            : Color.BLUE.getRGB());
                }
            }
            out.paragraph("Two labels are wrong <on purpose> & by design.")
                    .table(List.of("example", "label", "looks like"), rows)
                    .figure("planted-stripes", stripes, "three colours, one per class")
                    .json("mislabelled", wrong.length)
                    .json("examples", indexes);
        }
    }

    /**
     * Writes the report folder and checks its three renderings.
     *
     * @param args the report folder to write
     * @throws Exception when a check fails (an IllegalStateException naming what is missing) or writing fails
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        // features: one-hot of the class each example "looks like"; labels: the truth (examples 1 and 4 mislabelled)
        int[] looksLike = {0, 1, 2, 0, 1, 2, 0, 1};
        int[] truth = {0, 2, 2, 0, 0, 2, 0, 1};
        INDArray features = Nd4j.zeros(looksLike.length, 3);
        for (int i = 0; i < looksLike.length; i++) {
            features.putScalar(i, looksLike[i], 1);
        }
        Classifier mine = x -> Transforms.softmax(x.mul(3), true);
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(mine.probabilities(features), truth, CLASSES);
        ErrorReport.builder(analysis)
                .title("A user's report")
                .section(new PlantedMistakes(looksLike, truth))
                .metric(new CatRecall())
                .build()
                .writeTo(folder);

        String html = read(folder.resolve(ErrorReport.HTML_FILE));
        String md = read(folder.resolve(ErrorReport.MARKDOWN_FILE));
        String json = read(folder.resolve(ErrorReport.JSON_FILE));
        for (String part : List.of("Planted mistakes", "looks like", "frog", "three colours, one per class",
                "catRecall")) {
            contains(ErrorReport.HTML_FILE, html, part);
            contains(ErrorReport.MARKDOWN_FILE, md, part);
        }
        contains(ErrorReport.HTML_FILE, html, "id=\"planted-mistakes\"");
        contains(ErrorReport.HTML_FILE, html, "Two labels are wrong &lt;on purpose&gt; &amp; by design.");
        contains(ErrorReport.MARKDOWN_FILE, md, "Two labels are wrong");
        contains(ErrorReport.MARKDOWN_FILE, md, "planted-stripes.png");
        matches(ErrorReport.JSON_FILE, json, "\"metrics\"\\s*:\\s*\\{.*?\"catRecall\"\\s*:\\s*0\\.75\\s*,"
                + "\\s*\"catRecallInterval\"\\s*:\\s*\\{\\s*\"estimate\"\\s*:\\s*0\\.75");
        matches(ErrorReport.JSON_FILE, json, "\"sections\"\\s*:\\s*\\{.*?\"planted-mistakes\"\\s*:\\s*\\{"
                + "\\s*\"mislabelled\"\\s*:\\s*2\\s*,\\s*\"examples\"\\s*:\\s*\\[\\s*1\\s*,\\s*4\\s*]\\s*}");
        byte[] png = Files.readAllBytes(folder.resolve(ErrorReport.FIGURE_FOLDER).resolve("planted-stripes.png"));
        check(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
                "figures/planted-stripes.png is a PNG file", png.length + " bytes");

        // the report's users get no assertions with it, and every artifact has a stable module name
        try {
            Class.forName("org.assertj.core.api.Assertions");
            throw new IllegalStateException("AssertJ is on the class path of a project that declares only"
                    + " error-analysis-report");
        } catch (ClassNotFoundException expected) {
            // as it should be
        }
        check(moduleName(ErrorReport.class).equals("io.github.erroranalysis.report"),
                "error-analysis-report's Automatic-Module-Name is io.github.erroranalysis.report",
                moduleName(ErrorReport.class));
        check(moduleName(ErrorAnalysis.class).equals("io.github.erroranalysis"),
                "error-analysis's Automatic-Module-Name is io.github.erroranalysis", moduleName(ErrorAnalysis.class));
        System.out.println("consumer-report: " + folder + " has the section 'planted-mistakes' (examples "
                + Arrays.toString(analysis.wrong().indexes()) + ") and the metric catRecall in all three renderings");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void contains(String file, String text, String part) {
        check(text.contains(part), file + " contains '" + part + "'", "a file without it");
    }

    private static void matches(String file, String text, String regex) {
        check(Pattern.compile(regex, Pattern.DOTALL).matcher(text).find(), file + " matches " + regex,
                "a file without it");
    }

    private static void check(boolean ok, String expectation, Object actual) {
        if (!ok) {
            throw new IllegalStateException("expected " + expectation + ", but got " + actual);
        }
    }

    /** The Automatic-Module-Name in the manifest of the jar a class was loaded from. */
    private static String moduleName(Class<?> type) throws IOException, URISyntaxException {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            return name == null ? "none in " + jar : name;
        }
    }
}
