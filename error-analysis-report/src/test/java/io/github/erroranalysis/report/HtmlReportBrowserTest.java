package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.ErrorAnalysis;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the HTML report in a real headless Chromium (the Debian {@code chromium} that {@code .ci/run} installs) and
 * checks, over the DevTools protocol ({@link Chromium}), that every image loads, nothing is logged as an error,
 * nothing is fetched from the network, and a screenshot can be taken; and drives the explorer through its DOM
 * contract ({@link ExplorerCheck}: confusion cells, row headers, filters, sorts, the detail). Skips only where no
 * Chromium binary is found (and the real-image test where the shared CIFAR-10 archive is absent).
 */
class HtmlReportBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(HtmlReportBrowserTest.class);

    /** The system property naming a report.html to check ({@code -Dexplorer.report=...}). */
    static final String REPORT_PROPERTY = "explorer.report";

    private static Path chromium() {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the PATH: "
                + "install Debian's chromium (.ci/run does) to run the browser test");
        return chromium.get();
    }

    /** The number of {@code <img>} elements of an HTML text. */
    static int imgElements(String html) {
        Matcher m = Pattern.compile("<img ").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void should_load_every_image_offline_without_console_errors_and_explore(@TempDir Path dir) throws Exception {
        Path chromium = chromium();
        List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(3, ErrorReportTest.NASTY);
        ErrorReport report = ErrorReport.builder(ReportFixtures.analysis(300, names, 5)).images(ReportFixtures.images(9))
                .provenance(ReportFixtures.provenance()).trainingHistory(ReportFixtures.history()).build();
        Path folder = report.writeTo(dir.resolve("report"));
        Path html = folder.resolve(ErrorReport.HTML_FILE);

        Chromium.Page page = Chromium.open(chromium, html, Files.createDirectory(dir.resolve("profile")));
        // every figure but the confusion matrix's PNG, which only Markdown shows (HTML has the clickable table)
        assertThat(page.images()).as("images in the page").isEqualTo(report.figureNames().size() - 1)
                .isEqualTo(imgElements(Files.readString(html, StandardCharsets.UTF_8)));
        assertThat(page.loaded()).as("images loaded with naturalWidth > 0").isEqualTo(page.images());
        assertThat(page.title()).isEqualTo(ErrorReport.DEFAULT_TITLE);
        Path screenshot = Files.write(folder.getParent().resolve("report-screenshot.png"), page.screenshot());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(page.screenshot()));
        assertThat(image).as("the screenshot decodes").isNotNull();
        assertThat(image.getWidth()).isPositive();
        LOG.info("browser check passed: {} images loaded; screenshot {}", page.loaded(), screenshot);
        assertThat(page.errors()).as("console errors and exceptions").isEmpty();
        assertThat(page.requests()).as("every request stays in the file (file: or data:)")
                .allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));

        ExplorerCheck.Summary summary = ExplorerCheck.check(chromium, html,
                Files.createDirectory(dir.resolve("profile-2")));
        assertThat(summary.tiles()).as("every wrong prediction is a tile")
                .isEqualTo(report.analysis().wrong().size());
        assertThat(summary.cells()).as("the 90 non-diagonal cells of 10 classes").isEqualTo(90);
        assertThat(summary.rowHeaders()).isEqualTo(10);
        assertThat(summary.kinds()).isEqualTo(3);
        LOG.info("explorer check passed: {}", summary);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void should_explore_a_report_of_real_cifar_images(@TempDir Path dir) throws Exception {
        Path chromium = chromium();
        List<BufferedImage> images = cifarImages(1000);
        ErrorAnalysis analysis = ReportFixtures.analysis(images.size(), ReportFixtures.CIFAR, 14);
        ErrorReport report = ErrorReport.builder(analysis).images((i, origin) -> Optional.of(images.get(i)))
                .provenance(ReportFixtures.provenance()).build();
        Path html = report.writeTo(dir.resolve("report")).resolve(ErrorReport.HTML_FILE);
        ExplorerCheck.Summary summary = ExplorerCheck.check(chromium, html,
                Files.createDirectory(dir.resolve("profile")));
        assertThat(summary.tiles()).isEqualTo(analysis.wrong().size());
        LOG.info("explorer check of {} real CIFAR images passed: {}; report.html {} bytes", images.size(), summary,
                Files.size(html));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void should_show_the_evidence_of_an_explained_tile_in_its_detail(@TempDir Path dir) throws Exception {
        Path chromium = chromium();
        ErrorAnalysis analysis = ReportFixtures.analysis(200, ReportFixtures.CIFAR, 3);
        List<Integer> order = ExamplePicks.galleryOrder(analysis);
        List<Gallery.Item> items = order.stream().map(i -> Gallery.Item.of(analysis, i, i % 3, "")).toList();
        int explained = order.get(0);
        ExampleEvidence evidence = GalleryTest.evidence(explained);
        Gallery.Details details = new Gallery.Details() {
            @Override
            public Optional<BufferedImage> image(int example) {
                return Optional.of(ReportFixtures.image(example));
            }

            @Override
            public Optional<ExampleEvidence> evidence(int example) {
                return example == explained ? Optional.of(evidence) : Optional.empty();
            }

            @Override
            public Optional<BufferedImage> trainingImage(int trainIndex, Optional<String> origin) {
                return Optional.of(ReportFixtures.image(trainIndex));
            }

            @Override
            public boolean trainingData() {
                return true;
            }
        };
        String gallery = Gallery.html(Explorer.GALLERY_ID, analysis.classNames(), items, Gallery.TRIAGE, details, "");
        String matrix = Gallery.matrix(Explorer.GALLERY_ID, analysis.classNames(), analysis.confusion().counts(),
                Figures.mostMistakes(analysis.confusion(), Explorer.MATRIX_CLASSES));
        Path html = Files.writeString(dir.resolve("gallery.html"), HtmlRenderer.render("gallery", List.of(
                new Block.Html(gallery, List.of()), new Block.Html(matrix, List.of())), Map.of()));
        ExplorerCheck.Summary summary = ExplorerCheck.check(chromium, html,
                Files.createDirectory(dir.resolve("profile")));
        assertThat(summary.detail()).as("the explained tile's detail").isEqualTo("Example " + explained + " with "
                + (evidence.saliency().size() + evidence.nearestTrainingExamples().size()) + " evidence figures");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_filter_the_confidence_on_the_whole_percent_a_tile_shows(@TempDir Path dir) throws Exception {
        Path chromium = chromium();
        // 0.5996 and 0.6049 read "60 %", 0.5949 "59 %": "from 60" keeps the first two, "to 59" the third alone
        double[] confidences = {0.5996, 0.6049, 0.5949, 0.995, 0.004};
        List<Gallery.Item> items = new ArrayList<>();
        for (int k = 0; k < confidences.length; k++) {
            items.add(new Gallery.Item(k, 0, 1, confidences[k], 0.2, -1, List.of(new Gallery.Probability(1,
                    confidences[k])), Optional.empty(), "", ""));
        }
        String gallery = Gallery.html("pct", List.of("cat", "dog"), items, null,
                Gallery.Details.images(i -> Optional.empty()), "");
        Path html = Files.writeString(dir.resolve("pct.html"), HtmlRenderer.render("pct", List.of(
                new Block.Html(gallery, List.of())), Map.of()));
        try (Chromium.Session s = Chromium.Session.open(chromium, html, Files.createDirectory(dir.resolve("p")))) {
            JsonNode seen = s.evaluate("""
                    (() => {
                      const g = document.getElementById('pct');
                      const set = (r, v) => { const e = g.querySelector('[data-role="' + r + '"]'); e.value = v;
                        e.dispatchEvent(new Event('input', {bubbles: true})); };
                      const vis = () => Array.from(g.querySelectorAll('.g-t')).filter((e) => !e.hidden)
                        .map((e) => e.dataset.example + ' ' + e.querySelector('.g-c span:last-child').textContent);
                      set('min', '60');
                      const from60 = vis();
                      set('min', '');
                      set('max', '59');
                      const to59 = vis();
                      set('min', '0');
                      set('max', '0');
                      const zero = vis();
                      set('min', '100');
                      set('max', '');
                      const hundred = vis();
                      return {from60: from60, to59: to59, zero: zero, hundred: hundred};
                    })()""");
            assertThat(seen.get("from60")).extracting(JsonNode::asText)
                    .containsExactly("0 60 %", "1 60 %", "3 100 %");
            assertThat(seen.get("to59")).extracting(JsonNode::asText).containsExactly("2 59 %", "4 0 %");
            assertThat(seen.get("zero")).extracting(JsonNode::asText).containsExactly("4 0 %");
            assertThat(seen.get("hundred")).extracting(JsonNode::asText).containsExactly("3 100 %");
            assertThat(s.errors()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void should_keep_a_301_character_class_name_inside_the_window_and_say_there_is_no_model(@TempDir Path dir)
            throws Exception {
        Path chromium = chromium();
        List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(3, "L" + "o".repeat(298) + "ng");
        ErrorReport report = ErrorReport.builder(ReportFixtures.analysis(300, names, 5)).build();
        Path html = report.writeTo(dir.resolve("report")).resolve(ErrorReport.HTML_FILE);
        try (Chromium.Session s = Chromium.Session.open(chromium, html, Files.createDirectory(dir.resolve("p")))) {
            JsonNode page = s.evaluate("""
                    (() => {
                      const g = document.getElementById('mistakes');
                      const select = g.querySelector('[data-role="true"]');
                      const tile = g.querySelector('.g-t');
                      tile.click();
                      const wide = Array.from(document.querySelectorAll('body *'))
                        .filter((e) => e.getBoundingClientRect().right > innerWidth || e.scrollWidth > innerWidth)
                        .slice(-6).map((e) => e.tagName + '.' + e.className + ' ' + e.scrollWidth + ' '
                          + e.textContent.slice(0, 60));
                      return {wide: wide, scroll: document.scrollingElement.scrollWidth, window: innerWidth,
                        select: select.getBoundingClientRect().width, long: select.options[4].textContent.length,
                        detail: g.querySelector('[data-role="detail"]').textContent};
                    })()""");
            assertThat(page.get("long").asInt()).isEqualTo(301);
            assertThat(page.get("scroll").asInt()).as("the page's width: no horizontal scrollbar; too wide: %s",
                    page.get("wide"))
                    .isLessThanOrEqualTo(page.get("window").asInt());
            assertThat(page.get("select").asDouble()).as("the class select is capped").isLessThan(400);
            // no model: no evidence can exist, so the detail says so once instead of "no map computed"
            assertThat(page.get("detail").asText()).contains(Gallery.NO_MODEL)
                    .doesNotContain("no map computed", "no training data given");
            assertThat(s.errors()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void should_draw_the_twenty_most_mistaken_of_many_classes_clickable(@TempDir Path dir) throws Exception {
        Path chromium = chromium();
        ErrorReport report = ManyClassesReport.report(1200, 120);
        Path html = report.writeTo(dir.resolve("report")).resolve(ErrorReport.HTML_FILE);
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(text).contains("The 20 of 120 classes with the most mistakes");
        ExplorerCheck.Summary summary = ExplorerCheck.check(chromium, html,
                Files.createDirectory(dir.resolve("profile")));
        assertThat(summary.cells()).as("20 × 19 cells drawn").isEqualTo(20 * 19);
        assertThat(summary.rowHeaders()).isEqualTo(20);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_see_a_script_the_policy_refuses(@TempDir Path dir) throws Exception {
        // the check's own check: a script not allowed by the policy's hash is reported as an error
        Path chromium = chromium();
        String page = HtmlRenderer.render("refused", List.of(new Block.Paragraph("x")), Map.of())
                .replace("</body>", "<script>document.title = 'ran';</script></body>");
        Path html = Files.writeString(dir.resolve("refused.html"), page);
        try (Chromium.Session s = Chromium.Session.open(chromium, html, Files.createDirectory(dir.resolve("p")))) {
            assertThat(s.evaluate("document.title").asText()).as("the refused script did not run")
                    .isEqualTo("refused");
            Thread.sleep(300);
            assertThat(s.errors()).as("the CSP violation is logged").isNotEmpty()
                    .anyMatch(e -> e.contains("Content Security Policy"));
        }
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void should_pass_the_explorer_check_on_a_report_named_by_a_property(@TempDir Path dir) throws Exception {
        String named = System.getProperty(REPORT_PROPERTY, "");
        assumeTrue(!named.isEmpty(), "no -D" + REPORT_PROPERTY + "=path/to/report.html given");
        Path html = Path.of(named);
        ExplorerCheck.Summary summary = ExplorerCheck.check(chromium(), html,
                Files.createDirectory(dir.resolve("profile")));
        LOG.info("explorer check of {} passed: {}", html, summary);
    }

    /** The first records of the shared CIFAR-10 archive's first batch as images; skips when it is absent. */
    static List<BufferedImage> cifarImages(int n) throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"))
                .resolve("cifar10/cifar-10-binary-train.tar.gz").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(archive), "skipped: the shared CIFAR-10 archive is absent at " + archive);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            DataInputStream tar = new DataInputStream(in);
            byte[] header = new byte[512];
            while (true) {
                tar.readFully(header);
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "").trim();
                if (name.isEmpty()) {
                    throw new IOException("no data_batch_1.bin in " + archive);
                }
                long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
                if (name.endsWith("data_batch_1.bin")) {
                    List<BufferedImage> out = new ArrayList<>(n);
                    byte[] record = new byte[3073];
                    for (int k = 0; k < n; k++) {
                        tar.readFully(record);
                        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                        for (int p = 0; p < 1024; p++) {
                            int r = record[1 + p] & 0xff;
                            int g = record[1 + 1024 + p] & 0xff;
                            int b = record[1 + 2048 + p] & 0xff;
                            image.setRGB(p % 32, p / 32, r << 16 | g << 8 | b);
                        }
                        out.add(image);
                    }
                    return Collections.unmodifiableList(out);
                }
                tar.skipNBytes((size + 511) / 512 * 512);
            }
        }
    }
}
