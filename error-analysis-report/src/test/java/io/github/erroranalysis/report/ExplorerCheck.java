package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The explorer's browser check, for any report.html (a test's, the main job's, a validation-pile report): opens it in
 * headless Chromium ({@link Chromium.Session}) and, through the DOM contract only, clicks every confusion cell drawn
 * and a row header (the visible tiles must be exactly that pair or class, as many as the cell says while the gallery
 * holds every mistake), filters by each triage kind and a confidence range, sorts by margin, example index and
 * confidence, opens a tile's detail (its image decodes, its top-3 and evidence or the fallback line are there),
 * and requires no console error, no exception, no content-security-policy violation and no request outside the file.
 */
public final class ExplorerCheck {

    /** What the check saw. */
    public record Summary(int tiles, int cells, int rowHeaders, int kinds, String detail) {
    }

    private static final String PRELUDE = """
            (async () => {
            const g = document.querySelector('.g-gallery');
            const tiles = () => Array.from(g.querySelectorAll('.g-t'));
            const vis = () => tiles().filter((e) => !e.hidden);
            const role = (r) => g.querySelector('[data-role="' + r + '"]');
            const count = () => role('count').textContent;
            const set = (r, v, ev) => { const x = role(r); x.value = v; x.dispatchEvent(new Event(ev || 'change')); };
            const reset = () => role('reset').click();
            const cells = () => Array.from(document.querySelectorAll('[data-gallery="' + g.id + '"][data-true][data-pred]'))
              .filter((c) => c.closest('table'));
            """;

    private ExplorerCheck() {
    }

    private static JsonNode run(Chromium.Session s, String body) throws Exception {
        return s.evaluate(PRELUDE + body + "\n})()");
    }

    /**
     * Runs the whole check on one report.html.
     *
     * @param chromium the browser binary
     * @param html the report.html
     * @param profile an empty folder for the browser's profile
     * @return what it saw
     * @throws Exception if the browser cannot be driven
     */
    public static Summary check(Path chromium, Path html, Path profile) throws Exception {
        try (Chromium.Session s = Chromium.Session.open(chromium, html, profile)) {
            return check(s);
        }
    }

    /**
     * Runs the whole check on an open page (see {@link #check(Path, Path, Path)}).
     *
     * @param s the page
     * @return what it saw
     * @throws Exception if the browser cannot be driven
     */
    public static Summary check(Chromium.Session s) throws Exception {
        JsonNode init = run(s, """
                return {gallery: !!g, id: g && g.id, tiles: tiles().length, visible: vis().length, count: count(),
                  capped: !!Array.from(g.querySelectorAll('.g-note')).find((n) => /most confident of/.test(n.textContent)),
                  contract: tiles().every((e) => ['example', 'true', 'pred', 'confidence']
                    .every((k) => e.dataset[k] !== undefined && e.dataset[k] !== '')),
                  wrong: tiles().every((e) => e.dataset.true !== e.dataset.pred),
                  order: tiles().map((e) => e.dataset.example)};
                """);
        assertThat(init.get("gallery").asBoolean()).as("the page has a gallery").isTrue();
        int tiles = init.get("tiles").asInt();
        assertThat(tiles).as("gallery tiles").isPositive();
        assertThat(init.get("visible").asInt()).as("every tile visible at first").isEqualTo(tiles);
        assertThat(init.get("count").asText()).isEqualTo(tiles + " of " + tiles + " shown");
        assertThat(init.get("contract").asBoolean()).as("every tile has data-example, data-true, data-pred, "
                + "data-confidence").isTrue();
        boolean mistakes = init.get("id").asText().equals(Explorer.GALLERY_ID);
        if (mistakes) {
            assertThat(init.get("wrong").asBoolean()).as("every tile of report.html's gallery is a mistake").isTrue();
        }
        boolean complete = mistakes && !init.get("capped").asBoolean();

        // every confusion cell drawn: exactly its pair, as many as the cell says while the gallery is complete
        JsonNode cells = run(s, """
                const out = [];
                for (const c of cells()) {
                  c.click();
                  const v = vis();
                  const h = tiles().find((e) => e.hidden);
                  out.push({t: c.dataset.true, p: c.dataset.pred, n: Number(c.textContent), visible: v.length,
                    shownHidden: (h ? getComputedStyle(h).display !== 'none' : false)
                      || v.some((e) => getComputedStyle(e).display === 'none'),
                    pairOnly: v.every((e) => e.dataset.true === c.dataset.true && e.dataset.pred === c.dataset.pred),
                    inDom: tiles().filter((e) => e.dataset.true === c.dataset.true && e.dataset.pred === c.dataset.pred).length,
                    count: count(), top: g.getBoundingClientRect().top, y: window.scrollY,
                    end: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2});
                }
                return out;
                """);
        List<String> wrongCells = new ArrayList<>();
        for (JsonNode c : cells) {
            int visible = c.get("visible").asInt();
            boolean ok = c.get("pairOnly").asBoolean() && visible == c.get("inDom").asInt()
                    && !c.get("shownHidden").asBoolean()
                    && c.get("count").asText().equals(visible + " of " + tiles + " shown")
                    && (!complete || visible == c.get("n").asInt())
                    // scrolled to the gallery, unless the page cannot scroll that far
                    && (Math.abs(c.get("top").asDouble()) < 2 || c.get("y").asDouble() == 0 || c.get("end").asBoolean());
            if (!ok) {
                wrongCells.add(c.toString());
            }
        }
        assertThat(wrongCells).as("confusion cells whose click did not show exactly their pair").isEmpty();
        if (mistakes) {
            assertThat(cells.size()).as("clickable confusion cells").isPositive();
        }

        JsonNode rows = run(s, """
                const out = [];
                for (const h of Array.from(document.querySelectorAll('th[data-gallery="' + g.id + '"][data-true]'))) {
                  h.click();
                  const v = vis();
                  out.push({ok: v.every((e) => e.dataset.true === h.dataset.true)
                    && v.length === tiles().filter((e) => e.dataset.true === h.dataset.true).length
                    && role('pred').value === '', t: h.dataset.true, visible: v.length});
                }
                return out;
                """);
        for (JsonNode r : rows) {
            assertThat(r.get("ok").asBoolean()).as("row header %s shows its true class only", r).isTrue();
        }

        // the facet (triage kind) and a confidence range, alone and together
        JsonNode kinds = run(s, """
                reset();
                const out = [];
                const kind = role('kind');
                const values = kind ? Array.from(kind.options).map((o) => o.value).filter((v) => v !== '') : [];
                for (const k of values) {
                  set('kind', k);
                  const v = vis();
                  out.push({k: k, ok: v.every((e) => e.dataset.kind === k)
                    && v.length === tiles().filter((e) => e.dataset.kind === k).length});
                }
                reset();
                set('min', '50', 'input');
                set('max', '80', 'input');
                // the range is of the whole percent the tile shows (its title's last line), as a person reads it
                const shownPercent = (e) => parseInt(e.querySelector('.g-c span:last-child').textContent, 10);
                const inRange = (e) => shownPercent(e) >= 50 && shownPercent(e) <= 80;
                const v = vis();
                const range = v.every(inRange) && v.length === tiles().filter(inRange).length;
                let both = true;
                if (values.length) {
                  set('kind', values[values.length - 1]);
                  const w = vis();
                  both = w.every((e) => inRange(e) && e.dataset.kind === values[values.length - 1])
                    && w.length === tiles().filter((e) => inRange(e) && e.dataset.kind === values[values.length - 1]).length;
                }
                reset();
                return {kinds: out, range: range, both: both, after: vis().length};
                """);
        for (JsonNode k : kinds.get("kinds")) {
            assertThat(k.get("ok").asBoolean()).as("the kind filter %s", k).isTrue();
        }
        assertThat(kinds.get("range").asBoolean()).as("the confidence range 50-80 %").isTrue();
        assertThat(kinds.get("both").asBoolean()).as("kind and confidence range together").isTrue();
        assertThat(kinds.get("after").asInt()).as("show all after reset").isEqualTo(tiles);

        JsonNode sorts = run(s, """
                const ordered = (f) => { const t = tiles(); return t.every((e, i) => i === 0 || f(t[i - 1].dataset, e.dataset)); };
                set('sort', 'margin-asc');
                const margin = ordered((a, b) => Number(a.margin) <= Number(b.margin));
                set('sort', 'example');
                const example = ordered((a, b) => Number(a.example) < Number(b.example));
                set('sort', 'confidence-asc');
                const low = ordered((a, b) => Number(a.confidence) <= Number(b.confidence));
                set('sort', 'confidence-desc');
                return {margin: margin, example: example, low: low, order: tiles().map((e) => e.dataset.example)};
                """);
        assertThat(sorts.get("margin").asBoolean()).as("sorted by margin").isTrue();
        assertThat(sorts.get("example").asBoolean()).as("sorted by example index").isTrue();
        assertThat(sorts.get("low").asBoolean()).as("sorted by confidence, lowest first").isTrue();
        assertThat(sorts.get("order")).as("back in the default order (most confident first)")
                .isEqualTo(init.get("order"));

        JsonNode detail = run(s, """
                reset();
                const ev = g.querySelector('.g-ev[data-for]:not([data-for="none"])');
                const tile = (ev && g.querySelector('.g-t[data-example="' + ev.dataset.for + '"]'))
                  || g.querySelector('.g-t .g-i') && g.querySelector('.g-t .g-i').parentElement || tiles()[0];
                tile.click();
                const d = role('detail');
                const body = role('detail-body');
                const big = body.querySelector('.g-big');
                const thumb = tile.querySelector('.g-i');
                let decoded = null;
                if (big) {
                  const url = getComputedStyle(big).backgroundImage.replace(/^url\\("?/, '').replace(/"?\\)$/, '');
                  decoded = await new Promise((ok) => { const i = new Image(); i.onload = () => ok(i.naturalWidth);
                    i.onerror = () => ok(-1); i.src = url; });
                }
                const out = {open: !d.hidden, title: body.querySelector('h3').textContent, example: tile.dataset.example,
                  rows: body.querySelectorAll('tr').length, top: tile.dataset.top.split(' ').length / 2,
                  big: big ? big.getBoundingClientRect().width : 0, thumb: thumb ? thumb.getBoundingClientRect().width : 0,
                  decoded: decoded, text: body.textContent,
                  figures: body.querySelectorAll('.g-ev .g-fig').length,
                  fallback: (g.querySelector('.g-ev[data-for="none"]') || {textContent: ''}).textContent,
                  anyExplained: ev !== null,
                  expectedFigures: ev && ev.dataset.for === tile.dataset.example ? ev.querySelectorAll('.g-fig').length : 0};
                document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}));
                out.closed = d.hidden;
                return out;
                """);
        assertThat(detail.get("open").asBoolean()).as("the detail opens").isTrue();
        assertThat(detail.get("title").asText()).isEqualTo("Example " + detail.get("example").asText());
        assertThat(detail.get("rows").asInt()).as("the top-k table: a header and a row per class")
                .isEqualTo(detail.get("top").asInt() + 1);
        assertThat(detail.get("text").asText()).contains("origin: ");
        if (detail.get("thumb").asDouble() > 0) {
            assertThat(detail.get("big").asDouble()).as("the detail's image is larger than the thumbnail")
                    .isGreaterThan(detail.get("thumb").asDouble());
            assertThat(detail.get("decoded").asInt()).as("the sprite sheet decodes").isPositive();
        }
        if (detail.get("expectedFigures").asInt() > 0) {
            assertThat(detail.get("figures").asInt()).as("the evidence's maps and neighbours in the detail")
                    .isEqualTo(detail.get("expectedFigures").asInt());
        } else {
            // the fallback: "no map computed" where some example has evidence, else one line why none can exist
            // (no model, or a comparison), or nothing
            assertThat(detail.get("text").asText()).contains(detail.get("fallback").asText());
            if (!detail.get("anyExplained").asBoolean()) {
                assertThat(detail.get("text").asText()).doesNotContain("no map computed", "no training data given");
            }
        }
        assertThat(detail.get("closed").asBoolean()).as("Escape closes the detail").isTrue();

        assertThat(s.errors()).as("console errors, exceptions, CSP violations").isEmpty();
        assertThat(s.requests()).as("every request stays in the file (file: or data:)")
                .allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
        return new Summary(tiles, cells.size(), rows.size(), kinds.get("kinds").size(),
                detail.get("title").asText() + (detail.get("expectedFigures").asInt() > 0 ? " with "
                        + detail.get("figures").asInt() + " evidence figures" : " (no evidence)"));
    }

    /**
     * Runs the check on the report.html named by the first argument, from the command line.
     *
     * @param args the report.html path
     * @throws Exception if the check fails or the browser cannot be driven
     */
    public static void main(String[] args) throws Exception {
        Path chromium = Chromium.find().orElseThrow(() -> new IllegalStateException("no Chromium on the PATH"));
        Path profile = Files.createTempDirectory("explorer-check");
        System.out.println(check(chromium, Path.of(args[0]), profile));
    }
}
