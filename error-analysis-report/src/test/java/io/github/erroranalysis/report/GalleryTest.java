package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.stats.Interval;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The explorer's pieces without a browser: sprite sheets, text tiles, the DOM contract's attributes, the policy. */
class GalleryTest {

    /** A fabricated evidence of one example: two maps (one better than random) and three neighbours. */
    static ExampleEvidence evidence(int example) {
        List<Double> values = IntStream.range(0, 32 * 32).mapToObj(p -> (double) (p % 32)).toList();
        Faithfulness good = new Faithfulness(0.2, new Interval(0.2, 0.1, 0.3, 0.95, "bootstrap"), 0.5, 0.3, 16, 8);
        Faithfulness poor = new Faithfulness(0.01, new Interval(0.01, -0.05, 0.07, 0.95, "bootstrap"), 0.31, 0.3, 16,
                8);
        return new ExampleEvidence(example, List.of(new SaliencyMap(SaliencyMap.OCCLUSION, "4×4 patch", 5, 32, 32, values, good),
                new SaliencyMap(SaliencyMap.GRAD_CAM, "last conv", 5, 32, 32, values, poor)), List.of(
                        new TrainingNeighbour(11, Optional.of("data_batch_1.bin#11"), 5, 1.5),
                        new TrainingNeighbour(12, Optional.empty(), 3, 2.25),
                        new TrainingNeighbour(13, Optional.of("<b>x</b>"), 5, 3)));
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static BufferedImage decode(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void should_pack_32_pixel_images_at_their_own_side_on_16_pixel_aligned_tiles() throws IOException {
        List<Optional<BufferedImage>> images = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            images.add(k == 7 ? Optional.empty() : Optional.of(solid(32, 32, k % 2 == 0 ? 0xff0000 : 0x0000ff)));
        }
        SpriteSheet sheet = SpriteSheet.pack(images);
        assertThat(sheet.side()).isEqualTo(32);
        assertThat(sheet.cell()).isEqualTo(32);
        assertThat(sheet.columns()).isEqualTo(SpriteSheet.MAX_TILES_PER_SIDE);
        assertThat(sheet.sheets()).hasSize(1);
        assertThat(sheet.placements().get(7)).as("a missing image takes no tile").isEmpty();
        assertThat(sheet.placements().get(8)).contains(new SpriteSheet.Placement(0, 7 * 32, 0, 32, 32));
        assertThat(sheet.placements().get(65)).contains(new SpriteSheet.Placement(0, 0, 32, 32, 32));
        BufferedImage decoded = decode(sheet.sheets().get(0));
        assertThat(decoded.getWidth()).isEqualTo(64 * 32).isEqualTo(sheet.sheetWidths().get(0));
        assertThat(decoded.getHeight()).as("99 tiles in two rows").isEqualTo(2 * 32).isEqualTo(sheet.sheetHeights().get(0));
        for (int k = 0; k < 100; k++) {
            if (k == 7) {
                continue;
            }
            SpriteSheet.Placement p = sheet.placements().get(k).orElseThrow();
            assertThat(p.x() % SpriteSheet.ALIGN).isZero();
            assertThat(p.y() % SpriteSheet.ALIGN).isZero();
            // a tile's corners keep their image's colour: no JPEG block mixes two images
            boolean red = k % 2 == 0;
            for (int[] at : new int[][] {{0, 0}, {31, 0}, {0, 31}, {31, 31}, {16, 16}}) {
                int rgb = decoded.getRGB(p.x() + at[0], p.y() + at[1]);
                int own = (rgb >> (red ? 16 : 0)) & 0xff;
                int other = (rgb >> (red ? 0 : 16)) & 0xff;
                assertThat(own - other).as("tile %d at (%d, %d)", k, at[0], at[1]).isGreaterThan(200);
            }
        }
    }

    @Test
    void should_downscale_large_images_to_64_pixels_and_pad_small_ones_to_16_pixel_cells() throws IOException {
        SpriteSheet large = SpriteSheet.pack(List.of(Optional.of(solid(200, 100, 0x00ff00))));
        assertThat(large.side()).isEqualTo(SpriteSheet.MAX_SIDE);
        assertThat(large.placements().get(0)).contains(new SpriteSheet.Placement(0, 0, 0, 64, 32));
        assertThat(decode(large.sheets().get(0)).getWidth()).isEqualTo(64);
        SpriteSheet small = SpriteSheet.pack(List.of(Optional.of(solid(28, 28, 0)), Optional.of(solid(28, 28, 0))));
        assertThat(small.side()).isEqualTo(28);
        assertThat(small.cell()).isEqualTo(32);
        assertThat(small.placements().get(1)).contains(new SpriteSheet.Placement(0, 32, 0, 28, 28));
    }

    @Test
    void should_split_many_thumbnails_into_a_few_sheets() throws IOException {
        BufferedImage one = solid(32, 32, 0x808080);
        List<Optional<BufferedImage>> images = Collections.nCopies(5000, Optional.of(one));
        SpriteSheet sheet = SpriteSheet.pack(images);
        assertThat(sheet.sheets()).as("4,096 tiles a sheet").hasSize(2);
        assertThat(sheet.placements().get(4095)).contains(new SpriteSheet.Placement(0, 63 * 32, 63 * 32, 32, 32));
        assertThat(sheet.placements().get(4096)).contains(new SpriteSheet.Placement(1, 0, 0, 32, 32));
        assertThat(decode(sheet.sheets().get(1)).getHeight()).as("904 tiles in 15 rows").isEqualTo(15 * 32);
    }

    @Test
    void should_draw_text_tiles_without_images_with_the_dom_contract() {
        List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(5, "<img src=x onerror=alert(1)>");
        ErrorAnalysis analysis = ReportFixtures.analysis(300, names, 5);
        List<Integer> order = ExamplePicks.galleryOrder(analysis);
        List<Gallery.Item> items = order.stream().map(i -> Gallery.Item.of(analysis, i, 1, "other: \"q\"")).toList();
        String html = Gallery.html("g1", names, items, Gallery.TRIAGE, Gallery.Details.images(i -> Optional.empty()),
                "a <note>");
        assertThat(html).doesNotContain("<style>", "g-s-g1", "data:image", "<img");
        assertThat(count(html, "<button type=\"button\" class=\"g-t g-text\"")).isEqualTo(order.size());
        assertThat(count(html, " data-example=\"")).isEqualTo(order.size());
        assertThat(count(html, " data-true=\"\\d+\" data-pred=\"\\d+\" data-confidence=\"0\\.\\d+")).isEqualTo(order.size());
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;", "a &lt;note&gt;", "other: &quot;q&quot;")
                .doesNotContain("<img src=x", "<note>");
        Gallery.Item first = items.get(0);
        StringBuilder confidence = new StringBuilder();
        Gallery.fixed(confidence, first.confidence());
        assertThat(html).contains("data-example=\"" + first.example() + "\" data-true=\"" + first.trueClass()
                + "\" data-pred=\"" + first.predictedClass() + "\" data-confidence=\"" + confidence + "\"");
        assertThat(html).contains("<span>Pred: " + Escaping.html(names.get(first.predictedClass())) + "</span><span>True: "
                + Escaping.html(names.get(first.trueClass())) + "</span><span>");
        assertThat(html.indexOf("data-example=\"" + order.get(0) + "\"")).as("the default order: most confident first")
                .isLessThan(html.indexOf("data-example=\"" + order.get(1) + "\""));
    }

    @Test
    void should_cap_the_gallery_and_pack_thumbnails_into_sheets_not_one_uri_per_image() {
        ErrorAnalysis analysis = ReportFixtures.analysis(300, ReportFixtures.CIFAR, 5);
        int wrong = analysis.wrong().size();
        List<Gallery.Item> items = new ArrayList<>();
        for (int k = 0; k < Gallery.CAP + 5; k++) {
            items.add(Gallery.Item.of(analysis, ExamplePicks.galleryOrder(analysis).get(k % wrong), -1, ""));
        }
        String text = Gallery.html("capped", analysis.classNames(), items, null,
                Gallery.Details.images(i -> Optional.empty()), "");
        assertThat(count(text, "class=\"g-t")).isEqualTo(Gallery.CAP);
        assertThat(text).doesNotContain("data-role=\"kind\"");
        List<Gallery.Item> few = items.subList(0, 100);
        String images = Gallery.html("img", analysis.classNames(), few, Gallery.TRIAGE,
                Gallery.Details.images(i -> Optional.of(ReportFixtures.image(i))), "");
        assertThat(count(images, "data:image/jpeg;base64,")).as("one sprite sheet for 100 thumbnails").isEqualTo(1);
        assertThat(count(images, "<span class=\"g-i g-s-img-0\"")).isEqualTo(100);
    }

    @Test
    void should_put_the_evidence_of_an_explained_tile_in_a_second_sprite() {
        ErrorAnalysis analysis = ReportFixtures.analysis(100, ReportFixtures.CIFAR, 5);
        List<Gallery.Item> items = ExamplePicks.galleryOrder(analysis).stream()
                .map(i -> Gallery.Item.of(analysis, i, 0, "")).toList();
        int explained = items.get(0).example();
        Gallery.Details details = new Gallery.Details() {
            @Override
            public Optional<BufferedImage> image(int example) {
                return Optional.of(ReportFixtures.image(example));
            }

            @Override
            public Optional<ExampleEvidence> evidence(int example) {
                return example == explained ? Optional.of(GalleryTest.evidence(example)) : Optional.empty();
            }

            @Override
            public Optional<BufferedImage> trainingImage(int trainIndex, Optional<String> origin) {
                return trainIndex == 12 ? Optional.empty() : Optional.of(ReportFixtures.image(trainIndex));
            }

            @Override
            public boolean trainingData() {
                return true;
            }
        };
        String html = Gallery.html("ev", analysis.classNames(), items, Gallery.TRIAGE, details, "");
        assertThat(count(html, "data:image/jpeg;base64,")).as("thumbnails and evidence: two sheets").isEqualTo(2);
        String fragment = html.substring(html.indexOf("<div class=\"g-ev\" data-for=\"" + explained + "\""));
        fragment = fragment.substring(0, fragment.indexOf("</div>\n"));
        assertThat(count(fragment, "<figure class=\"g-fig\"")).isEqualTo(5);
        assertThat(count(fragment, "<span class=\"g-i g-e-ev-0\"")).as("two overlays, two neighbour thumbnails")
                .isEqualTo(4);
        assertThat(fragment).contains("occlusion: faithfulness 0.2000 [0.1000, 0.3000], better than random",
                "grad-cam: faithfulness 0.0100 [-0.0500, 0.0700], no better than random", "dog, distance 1.500",
                "title=\"&lt;b&gt;x&lt;/b&gt;\"", "<span class=\"g-note\">no image</span>");
        assertThat(html).contains("<div class=\"g-ev\" data-for=\"none\" hidden><h4>saliency</h4><p class=\"g-note\">"
                + "no map computed</p>");
        String noTraining = Gallery.html("ev1", analysis.classNames(), items, Gallery.TRIAGE, new Gallery.Details() {
            @Override
            public Optional<BufferedImage> image(int example) {
                return Optional.empty();
            }

            @Override
            public Optional<ExampleEvidence> evidence(int example) {
                return example == explained ? Optional.of(GalleryTest.evidence(example)) : Optional.empty();
            }
        }, "");
        assertThat(noTraining).contains("no map computed", "no training data given");
    }

    @Test
    void should_say_once_that_there_is_no_model_where_no_example_has_evidence() {
        ErrorAnalysis analysis = ReportFixtures.analysis(100, ReportFixtures.CIFAR, 5);
        List<Gallery.Item> items = ExamplePicks.galleryOrder(analysis).stream()
                .map(i -> Gallery.Item.of(analysis, i, 0, "")).toList();
        // a report without a model (--predictions): no evidence can exist, so not "no map computed"
        String none = Gallery.html("ev2", analysis.classNames(), items, Gallery.TRIAGE,
                Gallery.Details.images(i -> Optional.empty()), "");
        assertThat(count(none, Pattern.quote(Gallery.NO_MODEL))).isEqualTo(1);
        assertThat(none).contains("<div class=\"g-ev\" data-for=\"none\" hidden><p class=\"g-note\">"
                + Gallery.NO_MODEL + "</p></div>").doesNotContain("no map computed", "no training data given",
                "<h4>saliency</h4>");
        // a model with no example explained (saliency none): the lines are left out
        String omitted = Gallery.html("ev3", analysis.classNames(), items, Gallery.TRIAGE, new Gallery.Details() {
            @Override
            public Optional<BufferedImage> image(int example) {
                return Optional.empty();
            }

            @Override
            public String noEvidence() {
                return "";
            }
        }, "");
        assertThat(omitted).doesNotContain("g-ev", "no map computed", Gallery.NO_MODEL);
    }

    @Test
    void should_name_who_predicted_in_the_title_when_told() {
        ErrorAnalysis analysis = ReportFixtures.analysis(100, ReportFixtures.CIFAR, 5);
        int i = ExamplePicks.galleryOrder(analysis).get(0);
        String named = Gallery.html("who", analysis.classNames(), List.of(Gallery.Item.of(analysis, i, 0, "", "B <x>")),
                null, Gallery.Details.images(k -> Optional.empty()), "");
        assertThat(named).contains("<span class=\"g-c\"><span>Pred B &lt;x&gt;: "
                + Escaping.html(analysis.classNames().get(analysis.predictedClass(i))) + "</span><span>True: ");
        String plain = Gallery.html("who2", analysis.classNames(), List.of(Gallery.Item.of(analysis, i, 0, "")),
                null, Gallery.Details.images(k -> Optional.empty()), "");
        assertThat(plain).contains("<span class=\"g-c\"><span>Pred: ");
    }

    @Test
    void should_show_on_a_tile_the_whole_percent_of_its_six_decimals() {
        // the script's filter rounds data-confidence (six decimals) half up to a whole percent: so does the title
        assertThat(Gallery.tilePercent(0.5996)).isEqualTo(io.github.erroranalysis.io.Formats.wholePercent(0.6));
        assertThat(Gallery.tilePercent(0.5949996)).as("0.595000 in data-confidence")
                .isEqualTo(io.github.erroranalysis.io.Formats.wholePercent(0.6));
        assertThat(Gallery.tilePercent(0.594999)).isEqualTo(io.github.erroranalysis.io.Formats.wholePercent(0.59));
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int k = 0; k < 20_000; k++) {
            double p = random.nextDouble();
            StringBuilder s = new StringBuilder();
            Gallery.fixed(s, p);
            long percent = (long) Math.floor((Math.round(Double.parseDouble(s.toString()) * 1e6) + 5000) / 10000.0);
            assertThat(Gallery.tilePercent(p)).as("%s", p)
                    .isEqualTo(io.github.erroranalysis.io.Formats.wholePercent(percent / 100.0));
        }
        assertThat(Gallery.SCRIPT).contains("Math.floor((Math.round(Number(d.confidence) * 1e6) + 5000) / 10000)");
    }

    @Test
    void should_make_clickable_cells_for_every_non_diagonal_cell_drawn() {
        ErrorAnalysis analysis = ReportFixtures.analysis(300, ReportFixtures.CIFAR, 5);
        int[] drawn = {3, 5, 0};
        String table = Gallery.matrix("g", analysis.classNames(), analysis.confusion().counts(), drawn);
        assertThat(count(table, "<td[^>]* data-gallery=\"g\" data-true=\"\\d\" data-pred=\"\\d\"")).isEqualTo(6);
        assertThat(count(table, "<th data-gallery=\"g\" data-true=\"\\d\"")).isEqualTo(3);
        assertThat(table).contains("data-true=\"3\" data-pred=\"5\" title=\"cat predicted as dog\">"
                + analysis.confusion().count(3, 5) + "</td>");
        assertThatThrownBy(() -> Gallery.html("Bad id", List.of("a"), List.of(), null,
                Gallery.Details.images(i -> Optional.empty()), "")).hasMessageContaining("Bad id");
    }

    @Test
    void should_format_tiles_as_the_formatter_does_without_calling_it() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        for (int k = 0; k < 20_000; k++) {
            double p = k < 101 ? k / 100.0 : k < 301 ? (k - 101) / 200.0 : random.nextDouble();
            float f = (float) p;
            assertThat(Gallery.wholePercent(f)).as("%s", f).isEqualTo(io.github.erroranalysis.io.Formats.wholePercent(f));
            StringBuilder s = new StringBuilder();
            Gallery.fixed(s, f);
            assertThat(Double.parseDouble(s.toString())).as("%s", f).isCloseTo(f, org.assertj.core.data.Offset.offset(5e-7));
            assertThat(s.toString()).matches("0\\.\\d{6}|1");
        }
    }

    @Test
    void should_allow_exactly_the_explorer_script_by_its_hash() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Gallery.SCRIPT.getBytes(StandardCharsets.UTF_8));
        String hash = "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        assertThat(Escaping.CONTENT_SECURITY_POLICY).isEqualTo("default-src 'none'; img-src data:; style-src "
                + "'unsafe-inline'; script-src " + hash);
        String page = HtmlRenderer.render("t", List.of(new Block.Html("<p>x</p>", List.of(new Block.Paragraph("md")))),
                Map.of());
        assertThat(count(page, "<script")).isEqualTo(1);
        assertThat(page).contains("<script>" + Gallery.SCRIPT + "</script>");
        assertThat(HtmlRenderer.render("t", List.of(new Block.Paragraph("p")), Map.of())).doesNotContain("<script");
        assertThat(MarkdownRenderer.render(List.of(new Block.Html("<p>x</p>", List.of(new Block.Paragraph("md"))))))
                .isEqualTo("md\n\n");
    }
}
