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
}
