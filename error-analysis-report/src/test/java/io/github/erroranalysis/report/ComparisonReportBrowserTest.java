package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Flip;
import io.github.erroranalysis.FlippedExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens comparison.html in a real headless Chromium ({@link Chromium.Session}, the Debian {@code chromium} that
 * {@code .ci/run} installs) and drives its flipped examples through the DOM contract: every flipped example is a
 * gallery item with {@code data-example}, {@code data-true}, {@code data-pred} and {@code data-confidence}; choosing a
 * flip direction hides the others (the {@code hidden} attribute); a click on a cell of the flipped examples' matrix
 * shows that pair only; every figure loads; nothing is logged as an error and nothing is fetched. Skips only where no
 * Chromium binary is found.
 */
class ComparisonReportBrowserTest {

    /** The visible items of the flipped examples' gallery, as [example, true, pred, kind] each. */
    private static final String VISIBLE = "Array.from(document.querySelectorAll('#flips [data-example]'))"
            + ".filter(e => !e.hidden && getComputedStyle(e).display !== 'none')"
            + ".map(e => [Number(e.dataset.example), Number(e.dataset.true), Number(e.dataset.pred),"
            + " Number(e.dataset.kind)])";

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void should_filter_the_flipped_examples_by_direction_and_cell_offline_without_errors(@TempDir Path dir)
            throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the "
                + "PATH: install Debian's chromium (.ci/run does) to run the browser test");
        List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(3, ReportEscapingTest.IMG);
        ErrorAnalysis a = ReportFixtures.analysis(300, names, 5);
        ErrorAnalysis b = ReportFixtures.analysis(300, names, 6);
        ComparisonReport report = ComparisonReport.builder(a, b).names("baseline <A>", "augmented")
                .images(ReportFixtures.images(9)).build();
        Path folder = report.writeTo(dir.resolve("comparison"));
        List<FlippedExample> flips = report.comparison().flips();
        List<FlippedExample> rightToWrong = report.comparison().flips(Flip.RIGHT_TO_WRONG);
        assertThat(rightToWrong).isNotEmpty();
        assertThat(report.comparison().flips(Flip.WRONG_TO_RIGHT)).isNotEmpty();

        try (Chromium.Session page = Chromium.Session.open(chromium.get(), folder.resolve(ComparisonReport.HTML_FILE),
                Files.createDirectory(dir.resolve("profile")))) {
            JsonNode images = page.evaluate("({count: document.images.length, loaded: Array.from(document.images)"
                    + ".filter(i => i.complete && i.naturalWidth > 0).length, title: document.title})");
            assertThat(images.get("count").asInt()).isEqualTo(report.figureNames().size());
            assertThat(images.get("loaded").asInt()).isEqualTo(images.get("count").asInt());
            assertThat(images.get("title").asText()).isEqualTo("Comparison: baseline <A> (A) against augmented (B)");

            // every flipped example is an item of the contract, once, in the default order (most confident first)
            JsonNode items = page.evaluate("Array.from(document.querySelectorAll('#flips [data-example]')).map(e => "
                    + "({example: e.dataset.example, t: e.dataset.true, p: e.dataset.pred, c: e.dataset.confidence,"
                    + " hidden: e.hidden}))");
            assertThat(items).hasSize(flips.size());
            java.util.Map<Integer, FlippedExample> byIndex = new java.util.HashMap<>();
            flips.forEach(f -> byIndex.put(f.index(), f));
            double previous = Double.POSITIVE_INFINITY;
            for (JsonNode item : items) {
                FlippedExample f = byIndex.remove(item.get("example").asInt());
                assertThat(f).as("example %s is flipped and shown once", item.get("example")).isNotNull();
                assertThat(item.get("c").asDouble()).isLessThanOrEqualTo(previous);
                previous = item.get("c").asDouble();
                boolean regression = f.flip() == Flip.RIGHT_TO_WRONG;
                assertThat(item.get("t").asInt()).isEqualTo(f.trueClass());
                // the wrong model's answer: B's for right → wrong, A's for wrong → right
                assertThat(item.get("p").asInt()).isEqualTo(regression ? f.candidatePredicted()
                        : f.baselinePredicted());
                assertThat(item.get("c").asDouble()).isCloseTo(regression ? f.candidateConfidence()
                        : f.baselineConfidence(), org.assertj.core.data.Offset.offset(1e-4));
                assertThat(item.get("hidden").asBoolean()).isFalse();
            }

            // choosing right → wrong in the flip filter hides every wrong → right item
            JsonNode shown = page.evaluate("(() => { const s = document.querySelector('#flips [data-role=\"kind\"]');"
                    + " s.value = '" + Flip.RIGHT_TO_WRONG.ordinal() + "'; s.dispatchEvent(new Event('change',"
                    + " {bubbles: true})); return " + VISIBLE + "; })()");
            assertThat(shown).hasSize(rightToWrong.size());
            shown.forEach(e -> assertThat(e.get(3).asInt()).isEqualTo(Flip.RIGHT_TO_WRONG.ordinal()));
            JsonNode hiddenOthers = page.evaluate("Array.from(document.querySelectorAll('#flips [data-kind=\""
                    + Flip.WRONG_TO_RIGHT.ordinal() + "\"]')).every(e => e.hidden)");
            assertThat(hiddenOthers.asBoolean()).isTrue();

            // a click on a cell of the flipped examples' matrix shows that (true, wrong answer) pair only
            FlippedExample first = rightToWrong.get(0);
            long expected = flips.stream().filter(f -> f.trueClass() == first.trueClass()
                    && (f.flip() == Flip.RIGHT_TO_WRONG ? f.candidatePredicted() : f.baselinePredicted())
                    == first.candidatePredicted()).count();
            JsonNode cell = page.evaluate("(() => { const c = document.querySelector('[data-gallery=\"flips\"]"
                    + "[data-true=\"" + first.trueClass() + "\"][data-pred=\"" + first.candidatePredicted() + "\"]');"
                    + " c.click(); return " + VISIBLE + "; })()");
            assertThat(cell).hasSize((int) expected);
            cell.forEach(e -> {
                assertThat(e.get(1).asInt()).isEqualTo(first.trueClass());
                assertThat(e.get(2).asInt()).isEqualTo(first.candidatePredicted());
            });

            // a click on a tile opens its detail, which names the other model's answer
            JsonNode detail = page.evaluate("(() => { document.querySelector('#flips [data-example=\""
                    + first.index() + "\"]').click(); const d = document.querySelector('#flips [data-role="
                    + "\"detail\"]'); return {hidden: d.hidden, text: d.textContent}; })()");
            assertThat(detail.get("hidden").asBoolean()).isFalse();
            assertThat(detail.get("text").asText()).contains("Example " + first.index(), "A (baseline <A>) was right");

            assertThat(page.errors()).as("console errors, exceptions, CSP violations").isEmpty();
            assertThat(page.requests()).as("requests other than the file itself and its data: URIs")
                    .allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
            Files.write(dir.resolve("comparison-screenshot.png"), page.screenshot());
        }
        // and the explorer's whole check on a fresh page, through the DOM contract: every cell, filter, sort, a detail
        ExplorerCheck.Summary explored = ExplorerCheck.check(chromium.get(), folder.resolve(ComparisonReport.HTML_FILE),
                Files.createDirectory(dir.resolve("profile-2")));
        assertThat(explored.tiles()).isEqualTo(flips.size());
        assertThat(explored.cells()).isPositive();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void should_filter_by_a_click_on_a_flip_name_the_model_and_fit_long_fingerprints_in_the_window(@TempDir Path dir)
            throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the "
                + "PATH: install Debian's chromium (.ci/run does) to run the browser test");
        String hex = "0123456789abcdef".repeat(4);
        io.github.erroranalysis.Provenance p = new io.github.erroranalysis.Provenance(
                "/home/someone/projects/cifar/models/a-very-long-model-file-name-for-the-baseline-run.zip",
                "sha256:" + hex, "/home/someone/data/cifar-10-binary.tar.gz!cifar-10-batches-bin/test_batch.bin",
                "sha256:" + hex.substring(1) + "0", "0.1.0-SNAPSHOT", java.time.Instant.parse("2026-01-15T10:00:00Z"),
                42);
        ErrorAnalysis a = ReportFixtures.analysis(300, ReportFixtures.CIFAR, 5).withProvenance(p);
        ErrorAnalysis b = ReportFixtures.analysis(300, ReportFixtures.CIFAR, 6).withProvenance(p);
        ComparisonReport report = ComparisonReport.builder(a, b).names("baseline", "augmented")
                .images(ReportFixtures.images(9)).build();
        Path folder = report.writeTo(dir.resolve("comparison"));
        int rightToWrong = report.comparison().flips(Flip.RIGHT_TO_WRONG).size();
        int wrongToRight = report.comparison().flips(Flip.WRONG_TO_RIGHT).size();
        assertThat(rightToWrong).isPositive();
        assertThat(wrongToRight).isPositive();
        try (Chromium.Session page = Chromium.Session.open(chromium.get(), folder.resolve(ComparisonReport.HTML_FILE),
                Files.createDirectory(dir.resolve("profile")))) {
            JsonNode width = page.evaluate("({scroll: document.scrollingElement.scrollWidth, window: innerWidth,"
                    + " fingerprint: document.body.textContent.includes('sha256:" + hex + "')})");
            assertThat(width.get("fingerprint").asBoolean()).isTrue();
            assertThat(width.get("scroll").asInt()).as("no horizontal scrollbar")
                    .isLessThanOrEqualTo(width.get("window").asInt());

            // the flip matrix's two flips are clickable: each shows its direction alone, its title naming the model
            for (Flip flip : Flip.values()) {
                JsonNode shown = page.evaluate("(() => { document.querySelector('#flips [data-role=\"pred\"]').value"
                        + " = '0'; document.querySelector('table.g-flips [data-gallery=\"flips\"][data-kind=\""
                        + flip.ordinal() + "\"]').click(); const v = Array.from(document.querySelectorAll('#flips"
                        + " .g-t')).filter(e => !e.hidden); return {kinds: v.map(e => Number(e.dataset.kind)),"
                        + " titles: v.map(e => e.querySelector('.g-c span').textContent), kind: document"
                        + ".querySelector('#flips [data-role=\"kind\"]').value, pred: document.querySelector('#flips"
                        + " [data-role=\"pred\"]').value}; })()");
                assertThat(shown.get("kind").asText()).isEqualTo(Integer.toString(flip.ordinal()));
                assertThat(shown.get("pred").asText()).as("the click resets the other filters").isEmpty();
                assertThat(shown.get("kinds")).hasSize(flip == Flip.RIGHT_TO_WRONG ? rightToWrong : wrongToRight)
                        .allMatch(k -> k.asInt() == flip.ordinal());
                // data-pred is the wrong model's answer: B's for right → wrong, A's for wrong → right
                String by = flip == Flip.RIGHT_TO_WRONG ? "Pred B: " : "Pred A: ";
                assertThat(shown.get("titles")).allMatch(t -> t.asText().startsWith(by));
            }
            JsonNode detail = page.evaluate("(() => { document.querySelector('#flips .g-t:not([hidden])').click();"
                    + " return document.querySelector('#flips [data-role=\"detail\"]').textContent; })()");
            assertThat(detail.asText()).contains(ComparisonReport.NO_EVIDENCE)
                    .doesNotContain("no map computed", "no training data given");
            assertThat(page.errors()).as("console errors, exceptions, CSP violations").isEmpty();
        }
    }
}
