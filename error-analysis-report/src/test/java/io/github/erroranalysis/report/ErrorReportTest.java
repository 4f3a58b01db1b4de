package io.github.erroranalysis.report;

import io.github.erroranalysis.Provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricContext;
import io.github.erroranalysis.MetricException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ErrorReportTest {

    static final String NASTY = "<b>cat</b> | *dog*";
    private static ErrorAnalysis analysis;
    private static ErrorReport report;

    @BeforeAll
    static void build() {
        analysis = ReportFixtures.analysis(400, ReportFixtures.CIFAR, 11);
        report = ErrorReport.builder(analysis).title("Baseline on CIFAR-10").images(ReportFixtures.images(7))
                .provenance(ReportFixtures.provenance()).trainingHistory(ReportFixtures.history())
                .comparison("baseline", ReportFixtures.analysis(400, ReportFixtures.CIFAR, 12), "candidate").build();
    }

    @Test
    void should_write_json_with_the_documented_keys() throws IOException {
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(io.github.erroranalysis.json.JsonCodec.SCHEMA_VERSION);
        for (String key : List.of("accuracy", "examples", "hardestClass", "perClass", "confusion", "topKAccuracy",
                "calibration", "wrongPredictions", "shownExamples", "provenance", "gates", "metrics", "sections")) {
            assertThat(json.has(key)).as("key %s", key).isTrue();
        }
        for (String key : List.of("logLoss", "brierScore")) {
            assertThat(json.get("calibration").has(key)).as("calibration key %s", key).isTrue();
        }
        assertThat(json.get("examples").asInt()).isEqualTo(400);
        assertThat(json.get("accuracy").asDouble()).isEqualTo(analysis.accuracy());
        assertThat(json.get("topKAccuracy").get("3").asDouble()).isEqualTo(analysis.topKAccuracy(3));
        assertThat(json.get("hardestClass").get("name").asText()).isEqualTo("cat");
        JsonNode cat = json.get("perClass").get(3);
        assertThat(cat.get("name").asText()).isEqualTo("cat");
        assertThat(cat.get("support").asLong()).isEqualTo(40);
        for (String key : List.of("accuracy", "precision", "recall", "f1")) {
            assertThat(cat.has(key)).as("perClass key %s", key).isTrue();
        }
        assertThat(json.get("confusion").get("rows").asText()).isEqualTo("true class");
        assertThat(json.get("confusion").get("counts").get(3).get(3).asLong()).isEqualTo(analysis.confusion().count(3, 3));
        assertThat(json.get("calibration").get("bins")).hasSize(15);
        assertThat(json.get("calibration").get("ece").asDouble()).isEqualTo(analysis.calibration().ece());
        assertThat(json.get("wrongPredictions").get("count").asInt()).isEqualTo(analysis.wrong().size());
        assertThat(json.get("wrongPredictions").get("file").asText()).isEqualTo(ErrorReport.WRONG_FILE);
        // every example shown has its full record, the first wrong ones (the course's inspected three) among them
        List<Integer> shown = new ArrayList<>();
        json.get("shownExamples").forEach(e -> shown.add(e.get("index").asInt()));
        assertThat(shown).isEqualTo(report.shownExamples()).isSorted()
                .containsAll(ExamplePicks.firstWrong(analysis, 3)).containsAll(ExamplePicks.mostConfidentWrong(analysis, 3))
                .hasSizeLessThan(analysis.wrong().size());
        JsonNode firstWrong = json.get("shownExamples").get(shown.indexOf(analysis.wrong().indexes()[0]));
        int i = firstWrong.get("index").asInt();
        assertThat(firstWrong.get("trueClass").asText()).isEqualTo(analysis.classNames().get(analysis.trueClass(i)));
        assertThat(firstWrong.get("predictedClass").asText()).isEqualTo(analysis.classNames().get(analysis.predictedClass(i)));
        assertThat(firstWrong.get("confidence").asDouble()).isEqualTo(analysis.confidence(i));
        assertThat(json.get("provenance").get("modelFingerprint").asText()).isEqualTo("sha256:0123abcd");
        assertThat(json.get("provenance").get("seed").asLong()).isEqualTo(42);
        assertThat(json.get("trainingHistory")).hasSize(5);
        assertThat(json.get("comparison").get("candidateModel").asText()).isEqualTo("candidate");
        assertThat(json.get("comparison").get("flips").size()).isPositive();
    }

    @Test
    void should_write_every_wrong_prediction_to_wrong_jsonl_in_the_record_shape_of_report_json(@TempDir Path dir)
            throws IOException {
        Path folder = report.writeTo(dir.resolve("report"));
        List<String> lines = Files.readAllLines(folder.resolve(ErrorReport.WRONG_FILE), StandardCharsets.UTF_8);
        assertThat(Files.readString(folder.resolve(ErrorReport.WRONG_FILE))).endsWith("}\n");
        int[] wrong = analysis.wrong().indexes();
        assertThat(lines).hasSize(analysis.wrong().size());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode shown = mapper.readTree(Files.readString(folder.resolve(ErrorReport.JSON_FILE))).get("shownExamples");
        for (int k = 0; k < wrong.length; k++) {
            JsonNode line = mapper.readTree(lines.get(k));
            io.github.erroranalysis.WrongPrediction w = analysis.wrong().get(k);
            assertThat(line.get("index").asInt()).isEqualTo(wrong[k]).isEqualTo(w.index());
            assertThat(line.get("trueClass").asText()).isEqualTo(w.trueClassName());
            assertThat(line.get("trueClassIndex").asInt()).isEqualTo(w.trueClass());
            assertThat(line.get("predictedClass").asText()).isEqualTo(w.predictedClassName());
            assertThat(line.get("predictedClassIndex").asInt()).isEqualTo(w.predictedClass());
            assertThat(line.get("confidence").asDouble()).isEqualTo(w.confidence()).isEqualTo(analysis.confidence(wrong[k]));
            assertThat(line.get("trueClassProbability").asDouble()).isEqualTo(w.trueClassProbability());
            assertThat(line.get("margin").asDouble()).isEqualTo(w.margin());
            assertThat(line.get("origin").isNull()).isEqualTo(w.origin().isEmpty());
            assertThat(line.get("top")).hasSize(w.top().size());
            for (int t = 0; t < w.top().size(); t++) {
                assertThat(line.get("top").get(t).get("index").asInt()).isEqualTo(w.top().get(t).classIndex());
                assertThat(line.get("top").get(t).get("probability").asDouble())
                        .isEqualTo(w.top().get(t).probability());
            }
            io.github.erroranalysis.MistakeKind kind = analysis.triage().mistakes().get(k).kind();
            assertThat(line.get("kind").asText()).isEqualTo(switch (kind) {
                case LIKELY_LABEL_ISSUE -> "likelyLabelIssue";
                case AMBIGUOUS -> "ambiguous";
                case CONFIDENT_MODEL_ERROR -> "confidentModelError";
            });
            for (JsonNode e : shown) { // an example both shown and wrong has one record, the same in both files
                if (e.get("index").asInt() == wrong[k]) {
                    assertThat(e).isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) line.deepCopy())
                            .without("kind"));
                }
            }
        }
    }

    @Test
    void should_give_the_png_bytes_of_each_figure_as_drawn_whichever_thread_encoded_them() {
        // built-in figures may be encoded on a second thread: the bytes are those of encoding the figure here
        assertThat(report.figurePng("confusion-matrix"))
                .isEqualTo(Figures.png(Figures.fit(Figures.confusionMatrix(analysis.confusion()))));
        assertThat(report.figurePng("reliability"))
                .isEqualTo(Figures.png(Figures.fit(Figures.reliabilityDiagram(analysis.calibration()))));
        assertThat(report.figurePng("confidence-histogram"))
                .isEqualTo(Figures.png(Figures.fit(Figures.confidenceHistogram(analysis))));
        // a user's figure is encoded at once: drawing into the same image again after figure() changes nothing
        java.awt.image.BufferedImage canvas = new java.awt.image.BufferedImage(20, 10,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        ReportSection reuse = new ReportSection() {
            @Override
            public String id() {
                return "reuse";
            }

            @Override
            public String title() {
                return "One canvas, two figures";
            }

            @Override
            public void render(SectionWriter out, ErrorAnalysis a) {
                out.figure("black", canvas, "black");
                java.awt.Graphics2D g = canvas.createGraphics();
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, 20, 10);
                g.dispose();
                out.figure("white", canvas, "white");
            }
        };
        ErrorReport own = ErrorReport.builder(analysis).section(reuse).build();
        assertThat(own.figurePng("black")).isEqualTo(Figures.png(new java.awt.image.BufferedImage(20, 10,
                java.awt.image.BufferedImage.TYPE_INT_RGB)));
        assertThat(own.figurePng("white")).isEqualTo(Figures.png(canvas)).isNotEqualTo(own.figurePng("black"));
    }

    @Test
    void should_take_intervals_hardest_verdict_and_label_issues_from_the_statistics() throws IOException {
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        var wilson = io.github.erroranalysis.stats.Intervals.wilson(analysis.perClassAccuracy().get(3).correct(), 40);
        JsonNode cat = json.get("perClass").get(3);
        assertThat(cat.get("accuracyInterval").get("lower").asDouble()).isEqualTo(wilson.lower());
        assertThat(cat.get("accuracyInterval").get("upper").asDouble()).isEqualTo(wilson.upper());
        assertThat(json.get("hardestClass").get("accuracyInterval").get("lower").asDouble()).isEqualTo(wilson.lower());
        assertThat(json.get("hardestClass").get("verdict").asText()).isEqualTo(analysis.hardestHonestly().verdict());
        assertThat(cat.get("accuracyInterval").get("level").asDouble()).isEqualTo(0.95);
        assertThat(cat.get("accuracyInterval").get("method").asText()).isEqualTo("Wilson");
        var issues = analysis.labelIssues();
        assertThat(json.get("labelIssues")).hasSize(issues.size());
        if (!issues.isEmpty()) {
            JsonNode first = json.get("labelIssues").get(0);
            assertThat(first.get("index").asInt()).isEqualTo(issues.get(0).index());
            assertThat(first.get("givenClass").asText()).isEqualTo(issues.get(0).givenClassName());
            assertThat(first.get("labelQuality").asDouble()).isEqualTo(issues.get(0).labelQuality());
            assertThat(first.has("suggestedClass")).isTrue();
        }
        assertThat(report.toMarkdown()).contains(analysis.hardestHonestly().verdict() + ": accuracy 0.")
                .contains("95 % Wilson interval \\[" + String.format(Locale.ROOT, "%.4f", wilson.lower()));
    }

    @Test
    void should_show_the_same_intervals_in_markdown_html_and_json_without_statistics_given() throws IOException {
        // GIVEN a report built without statistics (the shared one): it shows the analysis's own statistics()
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        JsonNode ece = json.get("calibration").get("eceInterval");
        var own = analysis.statistics();
        assertThat(ece.get("lower").asDouble()).isEqualTo(own.ece().lower());
        assertThat(ece.get("upper").asDouble()).isEqualTo(own.ece().upper());
        // THEN the Markdown and the HTML show that ECE interval too, as report.json does
        String line = String.format(Locale.ROOT, "ECE %.4f, 95 %% %s interval [%.4f, %.4f].", own.ece().estimate(),
                own.ece().method(), own.ece().lower(), own.ece().upper());
        assertThat(report.toMarkdown()).contains(Escaping.markdown(line));
        assertThat(report.toHtml()).contains(line);
        // and the per-class intervals and the hardest-class test are those of the same statistics
        assertThat(report.statistics().statistics()).isSameAs(own);
        JsonNode cat = json.get("perClass").get(3);
        assertThat(cat.get("accuracyInterval").get("lower").asDouble()).isEqualTo(own.get("cat").accuracy().lower());
    }

    @Test
    void should_show_the_analysis_own_provenance_in_every_rendering_when_none_is_given() throws IOException {
        // GIVEN a report built without .provenance(..)
        ErrorReport report = ErrorReport.builder(analysis).build();
        var own = analysis.provenance();
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("provenance").get("dataFingerprint").asText()).isEqualTo(own.dataFingerprint());
        // THEN the Markdown and the HTML show the same provenance as report.json, not "none was given"
        assertThat(report.toMarkdown()).contains(own.dataFingerprint()).contains(own.libraryVersion())
                .doesNotContain("No provenance");
        assertThat(report.toHtml()).contains(own.dataFingerprint()).doesNotContain("No provenance");
    }

    @Test
    void should_show_a_metric_that_is_not_finite_as_undefined_where_report_json_has_null() throws IOException {
        var nan = new io.github.erroranalysis.testing.ConstantMetric("alwaysNan", Double.NaN);
        var infinite = new io.github.erroranalysis.testing.ConstantMetric("alwaysInfinite", Double.POSITIVE_INFINITY);
        ErrorReport r = ErrorReport.builder(analysis).metric(nan).metric(infinite).build();
        assertThat(r.toMarkdown()).contains("| alwaysNan | undefined | undefined | undefined |")
                .contains("| alwaysInfinite | undefined |").doesNotContain("Infinity");
        JsonNode metrics = new ObjectMapper().readTree(r.toJson()).get("metrics");
        assertThat(metrics.get("alwaysNan").isNull()).isTrue();
        assertThat(metrics.get("alwaysInfinite").isNull()).isTrue();
    }

    @Test
    void should_show_the_statistics_given_everywhere() throws IOException {
        var at90 = analysis.statistics(0.9);
        ErrorReport r = ErrorReport.builder(analysis).statistics(at90).build();
        String line = String.format(Locale.ROOT, "ECE %.4f, 90 %% %s interval [%.4f, %.4f].", at90.ece().estimate(),
                at90.ece().method(), at90.ece().lower(), at90.ece().upper());
        assertThat(r.toMarkdown()).contains(Escaping.markdown(line)).contains("90 % Wilson interval");
        assertThat(r.toHtml()).contains(line);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.get("calibration").get("eceInterval").get("level").asDouble()).isEqualTo(0.9);
        assertThat(json.get("perClass").get(3).get("accuracyInterval").get("lower").asDouble())
                .isEqualTo(at90.get("cat").accuracy().lower());
    }

    @Test
    void should_name_a_failing_metric_once_by_the_core_exception_and_refuse_names_by_the_core_check() {
        Metric<Double> broken = new Metric<>() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Double compute(MetricContext context) {
                throw new IllegalStateException("no data for 'broken'");
            }
        };
        assertThatThrownBy(() -> ErrorReport.builder(analysis).metric(broken).build())
                .isInstanceOfSatisfying(MetricException.class, e -> assertThat(e.metricName()).isEqualTo("broken"))
                .hasMessage("the metric 'broken' failed: java.lang.IllegalStateException: no data for 'broken'");
        Metric<Double> clash = new Metric<>() {
            @Override
            public String name() {
                return "brokenInterval";
            }

            @Override
            public Double compute(MetricContext context) {
                return 1.0;
            }
        };
        assertThatThrownBy(() -> ErrorReport.builder(analysis).metric(clash))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not end in 'Interval'");
    }

    @Test
    void should_write_undefined_metrics_as_null_and_no_examples() throws IOException {
        // class "c" has no examples and is never predicted
        float[] probs = {0.9f, 0.1f, 0f, 0.2f, 0.8f, 0f, 0.6f, 0.4f, 0f};
        ErrorAnalysis sparse = ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {3, 3}, 'c'),
                new int[] {0, 1, 1}, List.of("a", "b", "c"));
        ErrorReport r = ErrorReport.builder(sparse).build();
        JsonNode c = new ObjectMapper().readTree(r.toJson()).get("perClass").get(2);
        assertThat(c.get("accuracy").isNull()).isTrue();
        assertThat(c.get("precision").isNull()).isTrue();
        assertThat(r.toMarkdown()).contains("| c | 0 | no examples |");
        // no provenance given: the analysis's own (the predictions' fingerprint)
        assertThat(new ObjectMapper().readTree(r.toJson()).get("provenance").get("dataFingerprint").asText())
                .isEqualTo(sparse.provenance().dataFingerprint());
    }

    @Test
    void should_escape_class_names_with_html_and_markdown_characters() throws IOException {
        List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(3, NASTY);
        ErrorReport r = ErrorReport.builder(ReportFixtures.analysis(200, names, 3)).build();
        String html = r.toHtml();
        assertThat(html).doesNotContain("<b>cat</b>").contains("&lt;b&gt;cat&lt;/b&gt; | *dog*");
        String md = r.toMarkdown();
        assertThat(md).doesNotContain(NASTY).contains("\\<b\\>cat\\</b\\> \\| \\*dog\\*");
        // the per-class row still has its 8 cells: the | in the name is escaped
        String row = md.lines().filter(l -> l.startsWith("| \\<b\\>cat\\</b\\> \\| \\*dog\\* | 20 | ")).findFirst()
                .orElseThrow();
        assertThat(row.replace("\\|", "").chars().filter(ch -> ch == '|').count()).isEqualTo(9);
        assertThat(new ObjectMapper().readTree(r.toJson()).get("classNames").get(3).asText()).isEqualTo(NASTY);
    }

    @Test
    void should_render_missing_images_as_placeholders_and_say_so() {
        // the shared report's image source has no image for multiples of 7
        assertThat(report.missingImages()).isNotEmpty().allMatch(i -> i % 7 == 0);
        assertThat(report.toMarkdown()).contains("## Missing images")
                .contains("could not be found and are drawn as placeholders: #" + report.missingImages().get(0));
        ErrorReport failing = ErrorReport.builder(analysis).images((i, o) -> {
            throw new IllegalStateException("disk gone");
        }).build();
        assertThat(failing.missingImages()).contains(ExamplePicks.firstWrong(analysis, 3).toArray(Integer[]::new));
    }

    @Test
    void should_format_numbers_the_same_in_every_locale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            ErrorReport german = ErrorReport.builder(analysis).title("Baseline on CIFAR-10")
                    .images(ReportFixtures.images(7)).provenance(ReportFixtures.provenance())
                    .trainingHistory(ReportFixtures.history())
                    .comparison("baseline", ReportFixtures.analysis(400, ReportFixtures.CIFAR, 12), "candidate").build();
            assertThat(german.toMarkdown()).isEqualTo(report.toMarkdown())
                    .contains(String.format(Locale.ROOT, "accuracy %.4f", analysis.accuracy()));
            // the candidate analysis is made anew, so only the date of its provenance may differ
            String date = "\"date\" ?: ?\"[^\"]*\"";
            assertThat(german.toJson().replaceAll(date, "date")).isEqualTo(report.toJson().replaceAll(date, "date"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void should_fill_in_the_course_step_5() {
        String md = report.toMarkdown();
        assertThat(md).contains("# Baseline on CIFAR-10", "## Wrong predictions inspected", "## Hardest class",
                "### One reason this class may be hard", "cat is most often mistaken for dog",
                "## Confident wrong against low-confidence wrong", "## Suspected label issues", "## Calibration",
                "## Training history", "## Model comparison", "## Provenance", "sha256:89ef4567");
        assertThat(report.figureNames()).contains("wrong-first", "wrong-most-confident", "wrong-least-confident",
                "per-class-accuracy", "hardest-pair", "hardest-right-vs-wrong", "confident-vs-unsure", "reliability",
                "confidence-histogram", "confusion-matrix", "training-history", "comparison", "comparison-flipped");
        for (String name : report.figureNames()) {
            assertThat(md).contains("](figures/" + name + ".png)");
        }
    }

    @Test
    void should_inline_every_figure_and_reach_for_nothing_outside() {
        String html = report.toHtml();
        Matcher src = Pattern.compile("src=\"([^\"]{0,40})").matcher(html);
        int images = 0;
        while (src.find()) {
            assertThat(src.group(1)).startsWith("data:image/png;base64,");
            images++;
        }
        // every figure but the confusion matrix's PNG, which only Markdown shows (HTML has the clickable table)
        assertThat(images).isEqualTo(report.figureNames().size() - 1);
        assertThat(html).doesNotContain("http://", "https://");
        assertThat(html.split("href=\"", -1)).as("links only to the page's own sections (the table of contents)")
                .allMatch(part -> part.startsWith("#") || part.startsWith("<!DOCTYPE"));
        assertThat(html).contains("<nav class=\"toc\"><a href=\"#explorer\">Every mistake</a>");
        assertThat(html.split("<script", -1)).as("one script: the explorer's").hasSize(2);
        assertThat(html).contains("<script>" + Gallery.SCRIPT + "</script>");
    }

    @Test
    void should_write_the_folder_and_replace_an_existing_report_whole(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report");
        report.writeTo(target);
        assertThat(target.resolve("report.md")).exists();
        assertThat(target.resolve("report.html")).exists();
        assertThat(target.resolve("report.json")).exists();
        assertThat(target.resolve(ErrorReport.WRONG_FILE)).exists();
        for (String name : report.figureNames()) {
            assertThat(target.resolve("figures/" + name + ".png")).isNotEmptyFile();
        }
        // a file of the report the user deleted is fine (one the user added is refused: ErrorReportFolderTest)
        Files.delete(target.resolve("report.html"));
        ErrorReport other = ErrorReport.builder(analysis).title("second version").build();
        other.writeTo(target);
        assertThat(target.resolve("report.html")).isNotEmptyFile();
        assertThat(Files.readString(target.resolve("report.md"), StandardCharsets.UTF_8)).startsWith("# second version");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void should_refuse_an_output_folder_that_is_a_file_and_write_nothing(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("report"), "not a folder");
        assertThatThrownBy(() -> report.writeTo(file)).isInstanceOf(IOException.class)
                .hasMessage("cannot write the report folder " + file + ": a file of that name exists; nothing was written");
        assertThatThrownBy(() -> report.writeTo(file.resolve("inside"))).isInstanceOf(IOException.class)
                .hasMessageContaining(file + " is a file, not a folder; nothing was written");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void should_refuse_a_folder_that_is_not_writable(@TempDir Path dir) throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(locked)).as("running as root: every folder is writable").isFalse();
            assertThatThrownBy(() -> report.writeTo(locked.resolve("report"))).isInstanceOf(IOException.class)
                    .hasMessageContaining(locked + " is not writable; nothing was written");
            try (Stream<Path> files = Files.list(locked)) {
                assertThat(files).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void should_include_occlusion_maps_with_their_faithfulness() throws IOException {
        OcclusionMap map = Occlusion.map(new OcclusionTest.CountingClassifier(), Nd4j.rand(3, 32, 32));
        ErrorReport r = ErrorReport.builder(analysis).images(ReportFixtures.images(0)).occlusion(5, map).build();
        assertThat(r.figureNames()).contains(ErrorReport.occlusionFigureName(5, map.classIndex(),
                analysis.classNames().get(map.classIndex())));
        JsonNode o = new ObjectMapper().readTree(r.toJson()).get("occlusion").get(0);
        assertThat(o.get("positions").asInt()).isEqualTo(225);
        assertThat(o.get("probabilityAfterMostImportant").asDouble())
                .isEqualTo(map.faithfulness().probabilityAfterMostImportant());
    }

    @Test
    void should_refuse_a_comparison_on_another_test_set() {
        assertThatThrownBy(() -> ErrorReport.builder(analysis).comparison("a",
                ReportFixtures.analysis(300, ReportFixtures.CIFAR, 1), "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the baseline has 400 examples but the candidate has 300");
    }
}
