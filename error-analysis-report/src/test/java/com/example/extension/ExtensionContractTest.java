package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricContext;
import io.github.erroranalysis.report.Chromium;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.ReportSection;
import io.github.erroranalysis.report.SectionWriter;
import io.github.erroranalysis.stats.Interval;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The extension contract used as a course author would: a {@code Metric<Double>} of one's own and a
 * {@code ReportSection} with a paragraph, a table, a figure and JSON values (text that needs escaping everywhere),
 * checked in the Markdown, the HTML (and a real browser where one is installed) and {@code report.json}.
 */
class ExtensionContractTest {

    /** Text with HTML, Markdown and JSON specials. */
    static final String HOSTILE = "<script>alert(1)</script> & *bold* | [x](javascript:y) \"q\" \\";
    static final String TITLE = "Notes on <cats> & *dogs*";

    private static ErrorAnalysis analysis;
    private static Path folder;
    private static ErrorReport report;

    /** The mean probability the model gives the true class: the user's metric. */
    static final class MeanTrueClassProbability implements Metric<Double> {
        @Override
        public String name() {
            return "meanTrueClassProbability";
        }

        @Override
        public Double compute(MetricContext context) {
            double sum = 0;
            for (int i = 0; i < context.examples(); i++) {
                sum += context.probability(i, context.trueClass(i));
            }
            return context.examples() == 0 ? Double.NaN : sum / context.examples();
        }
    }

    /** The user's section: one of everything the contract offers. */
    static final class CourseNotes implements ReportSection {
        @Override
        public String id() {
            return "course-notes";
        }

        @Override
        public String title() {
            return TITLE;
        }

        @Override
        public void render(SectionWriter out, ErrorAnalysis a) {
            List<List<String>> rows = new ArrayList<>();
            for (int t = 0; t < a.classCount(); t++) {
                long wrong = 0;
                for (int p = 0; p < a.classCount(); p++) {
                    wrong += p == t ? 0 : a.confusion().count(t, p);
                }
                rows.add(List.of(a.classNames().get(t), Long.toString(wrong)));
            }
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("ratio", 0.25);
            nested.put("inner", Map.of("ok", false));
            out.paragraph(HOSTILE)
                    .table(List.of("class <c>", "wrong | count"), rows)
                    .figure("course-bars", bars(), "Bars of <b>wrong</b> & right")
                    .json("examples", a.examples())
                    .json("note", HOSTILE)
                    .json("flag", true)
                    .json("list", Arrays.asList(1, "two", null))
                    .json("nested", nested)
                    .json("nothing", null);
        }
    }

    static BufferedImage bars() {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 80);
        g.setColor(Color.RED);
        g.fillRect(10, 20, 30, 60);
        g.dispose();
        return image;
    }

    @BeforeAll
    static void write(@TempDir Path dir) throws IOException {
        int n = 60;
        List<String> names = List.of("cat <1>", "dog & co", "bird|x");
        float[] probs = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            int guess = i % 7 == 0 ? (i + 1) % 3 : i % 3;
            for (int k = 0; k < 3; k++) {
                probs[i * 3 + k] = k == guess ? 0.6f + 0.005f * (i % 10) : (0.4f - 0.005f * (i % 10)) / 2;
            }
        }
        analysis = ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {n, 3}, 'c'), labels, names);
        report = ErrorReport.builder(analysis).metric(new MeanTrueClassProbability()).section(new CourseNotes()).build();
        folder = report.writeTo(dir.resolve("report"));
    }

    @Test
    void should_show_the_section_and_the_metric_in_the_markdown() throws IOException {
        String md = Files.readString(folder.resolve(ErrorReport.MARKDOWN_FILE), StandardCharsets.UTF_8);
        assertThat(md).contains("## Notes on \\<cats\\> \\& \\*dogs\\*\n");
        assertThat(md).contains("\\<script\\>alert(1)\\</script\\> \\& \\*bold\\* \\| \\[x\\](javascript:y) \"q\" \\\\");
        assertThat(md).contains("| class \\<c\\> | wrong \\| count |", "| cat \\<1\\> | ", "| dog \\& co | ",
                "| bird\\|x | ");
        assertThat(md).contains("![Bars of \\<b\\>wrong\\</b\\> \\& right](figures/course-bars.png)");
        double value = new MeanTrueClassProbability().compute(context());
        assertThat(md).contains("| meanTrueClassProbability | " + String.format(java.util.Locale.ROOT, "%.4f", value)
                + " | ");
        assertThat(md).doesNotContain("<script>");
    }

    @Test
    void should_show_the_section_and_the_metric_in_the_html_with_a_figure_that_decodes() throws IOException {
        String html = Files.readString(folder.resolve(ErrorReport.HTML_FILE), StandardCharsets.UTF_8);
        assertThat(html).contains("<h2 id=\"course-notes\">Notes on &lt;cats&gt; &amp; *dogs*</h2>");
        assertThat(html).contains("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold* | [x](javascript:y) "
                + "&quot;q&quot; \\</p>");
        assertThat(html).contains("<th>class &lt;c&gt;</th><th>wrong | count</th>", "<td>dog &amp; co</td>");
        assertThat(html).contains("<td>meanTrueClassProbability</td>");
        assertThat(html).doesNotContain("<script>alert");
        assertThat(html.split("<script", -1)).as("one script: the explorer's, allowed by its hash").hasSize(2);
        Matcher figure = Pattern.compile("<figure><img alt=\"Bars of &lt;b&gt;wrong&lt;/b&gt; &amp; right\" "
                + "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">").matcher(html);
        assertThat(figure.find()).as("the section's figure in the HTML").isTrue();
        byte[] inline = Base64.getDecoder().decode(figure.group(1));
        Path png = folder.resolve(ErrorReport.FIGURE_FOLDER).resolve("course-bars.png");
        assertThat(png).exists();
        assertThat(Files.readAllBytes(png)).isEqualTo(inline);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(inline));
        assertThat(image).as("the PNG decodes").isNotNull();
        assertThat(image.getWidth()).isEqualTo(120);
        assertThat(image.getRGB(20, 50) & 0xffffff).isEqualTo(0xff0000);
        assertThat(report.figureNames()).contains("course-bars");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_load_the_section_figure_in_a_real_browser(@TempDir Path profile) throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary on the PATH");
        Chromium.Page page = Chromium.open(chromium.get(), folder.resolve(ErrorReport.HTML_FILE), profile);
        // every figure but the confusion matrix's PNG, which only Markdown shows (HTML has the clickable table)
        assertThat(page.images()).isEqualTo(report.figureNames().size() - 1);
        assertThat(page.loaded()).as("images loaded").isEqualTo(page.images());
        assertThat(page.errors()).isEmpty();
    }

    @Test
    void should_write_the_section_values_and_the_metric_with_its_interval_in_report_json() throws IOException {
        JsonNode json = new ObjectMapper().readTree(folder.resolve(ErrorReport.JSON_FILE).toFile());
        JsonNode notes = json.path("sections").path("course-notes");
        assertThat(notes.path("examples").asInt()).isEqualTo(60);
        assertThat(notes.path("note").asText()).isEqualTo(HOSTILE);
        assertThat(notes.path("flag").isBoolean()).isTrue();
        assertThat(notes.path("list").toString()).isEqualTo("[1,\"two\",null]");
        assertThat(notes.path("nested").toString()).isEqualTo("{\"ratio\":0.25,\"inner\":{\"ok\":false}}");
        assertThat(notes.has("nothing") && notes.get("nothing").isNull()).isTrue();
        Interval interval = analysis.interval(new MeanTrueClassProbability());
        double value = analysis.metric(new MeanTrueClassProbability());
        JsonNode metrics = json.path("metrics");
        assertThat(metrics.path("meanTrueClassProbability").asDouble()).isEqualTo(value);
        JsonNode i = metrics.path("meanTrueClassProbabilityInterval");
        assertThat(i.path("estimate").asDouble()).isEqualTo(interval.estimate());
        assertThat(i.path("lower").asDouble()).isEqualTo(interval.lower());
        assertThat(i.path("upper").asDouble()).isEqualTo(interval.upper());
        assertThat(i.path("level").asDouble()).isEqualTo(interval.level());
    }

    @Test
    void should_give_the_metric_and_the_section_values_to_callers() {
        assertThat(report.metrics()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("meanTrueClassProbability");
            assertThat(m.value()).isEqualTo(new MeanTrueClassProbability().compute(context()));
            assertThat(m.interval().lower()).isLessThanOrEqualTo(m.value());
            assertThat(m.interval().upper()).isGreaterThanOrEqualTo(m.value());
        });
        assertThat(report.sectionValues()).containsOnlyKeys("course-notes");
        assertThat(report.sectionValues().get("course-notes")).containsKeys("examples", "note", "flag", "list",
                "nested", "nothing");
        assertThat(report.sectionIds()).contains("course-notes", "metrics").endsWith("provenance");
    }

    @Test
    void should_refuse_a_bad_figure_name_or_json_value_naming_the_section() {
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("bad", out -> out.figure("Bad Name",
                bars(), "c"))).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("section 'bad'").hasMessageContaining("'Bad Name'")
                .hasMessageContaining("[a-z0-9][a-z0-9-]*");
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("dup", out -> out.figure("reliability",
                bars(), "c"))).build()).hasMessageContaining("already has a figure named 'reliability'");
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("odd", out -> out.json("when",
                new java.util.Date()))).build()).hasMessageContaining("key 'when'")
                .hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("deep", out -> out.json("list",
                List.of(1, new Object())))).build()).hasMessageContaining("key 'list[1]'")
                .hasMessageContaining("java.lang.Object");
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("loop", out -> out.json("me", loop)))
                .build()).hasMessageContaining("key 'me[0][0]").hasMessageContaining("nested deeper than 100");
    }

    @Test
    void should_refuse_bad_section_ids_and_report_failures_by_id_and_name(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("Bad", out -> { })))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad'");
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("calibration", out -> { })))
                .hasMessageContaining("'calibration' is a built-in section's");
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("twice", out -> { }))
                .section(section("twice", out -> { }))).hasMessageContaining("already has a section with id 'twice'");
        Path target = dir.resolve("report");
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("boom", out -> {
            out.paragraph("half");
            throw new ArithmeticException("/ by zero");
        })).build().writeTo(target)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the report section 'boom' failed: java.lang.ArithmeticException: / by zero");
        assertThatThrownBy(() -> ErrorReport.builder(analysis).metric(new Metric<Double>() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Double compute(MetricContext context) {
                throw new IllegalStateException("no data");
            }
        }).build().writeTo(target)).hasMessageContaining("metric 'broken'").hasMessageContaining("no data");
        assertThatThrownBy(() -> ErrorReport.builder(analysis).metric(new Metric<Double>() {
            @Override
            public String name() {
                return "nothing";
            }

            @Override
            public Double compute(MetricContext context) {
                return null;
            }
        }).build().writeTo(target)).hasMessageStartingWith("the report metric 'nothing' gave null");
        assertThat(target).doesNotExist();
        assertThatThrownBy(() -> ErrorReport.builder(analysis).section(section("blank", "  ", out -> { })).build())
                .hasMessage("the report section 'blank' failed: java.lang.IllegalArgumentException: its title is "
                        + "blank: '  '");
    }

    @Test
    void should_refuse_a_section_writer_used_after_its_render() {
        SectionWriter[] kept = new SectionWriter[1];
        ErrorReport.builder(analysis).section(section("keeper", out -> kept[0] = out)).build();
        assertThatThrownBy(() -> kept[0].paragraph("late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("section 'keeper' is already written");
    }

    private static ReportSection section(String id, java.util.function.Consumer<SectionWriter> body) {
        return section(id, "t", body);
    }

    private static ReportSection section(String id, String title, java.util.function.Consumer<SectionWriter> body) {
        return new ReportSection() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public void render(SectionWriter out, ErrorAnalysis a) {
                body.accept(out);
            }
        };
    }

    /** The analysis seen through the public MetricContext, computed here by hand from the public accessors. */
    private static MetricContext context() {
        return new MetricContext() {
            @Override
            public int examples() {
                return analysis.examples();
            }

            @Override
            public int classCount() {
                return analysis.classCount();
            }

            @Override
            public List<String> classNames() {
                return analysis.classNames();
            }

            @Override
            public int trueClass(int example) {
                return analysis.trueClass(example);
            }

            @Override
            public int predictedClass(int example) {
                return analysis.predictedClass(example);
            }

            @Override
            public float probability(int example, int classIndex) {
                return (float) analysis.probability(example, classIndex);
            }

            @Override
            public long count(int trueClass, int predictedClass) {
                return analysis.confusion().count(trueClass, predictedClass);
            }
        };
    }
}
