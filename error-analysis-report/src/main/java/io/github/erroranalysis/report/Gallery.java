package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.MistakeKind;
import io.github.erroranalysis.io.Formats;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The explorer's gallery: examples as thumbnail tiles ("Pred / True / confidence", the images packed into JPEG
 * {@link SpriteSheet sprite sheets}; text tiles where an image is missing) that a person filters by true class,
 * predicted class, confidence range and one facet (the triage kind in report.html, the flip direction in the
 * comparison report), sorts by confidence, margin or example index, and clicks for a detail panel (the image
 * larger, its top-3 probabilities, its origin, its saliency maps and nearest training examples). Also the clickable
 * confusion matrix ({@link #matrix}) whose cells filter a gallery. The page's one script, {@link #SCRIPT}, does all
 * of it without network access; the content security policy allows it by its hash.
 *
 * <p>The DOM contract (documented in REPORT.md): every tile is an element with {@code data-example},
 * {@code data-true}, {@code data-pred} (class indexes) and {@code data-confidence}; a hidden tile carries the
 * {@code hidden} attribute; every non-diagonal matrix cell drawn is an element with {@code data-true},
 * {@code data-pred} and {@code data-gallery} (the gallery's id) that filters the gallery when clicked, and a row
 * header one with {@code data-true} alone.
 */
final class Gallery {

    /** The detail panel's line where a report has no model, so no evidence can exist. */
    static final String NO_MODEL = "no model given: saliency maps and nearest training examples need a model";

    /** The most tiles a gallery shows (the rest are in wrong.jsonl). */
    static final int CAP = 10_000;

    /** How many probabilities a tile's detail lists. */
    static final int TOP = 3;

    /** The triage's kinds as the gallery's facet, in {@link MistakeKind} order. */
    static final Facet TRIAGE = new Facet("triage kind", java.util.Arrays.stream(MistakeKind.values())
            .map(MistakeKind::toString).toList());

    /** The explorer's styles, part of every report page's style sheet. */
    static final String STYLE = """
            .g-controls{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center;margin:.6em 0;font-size:.9em}
            .g-controls input{width:4.5em}.g-controls label{max-width:100%}\
            .g-controls select{max-width:14em;text-overflow:ellipsis}.g-count{font-weight:600}
            .g-grid{display:flex;flex-wrap:wrap;gap:4px;align-content:flex-start;max-height:70vh;overflow-y:auto;\
            border:1px solid #eee;padding:4px}
            .g-t{display:flex;flex-direction:column;align-items:center;padding:2px;border:1px solid #ddd;\
            background:#fff;cursor:pointer;font:inherit;font-size:10px;line-height:1.2;width:92px}
            .g-t:hover,.g-t:focus{border-color:#06c}.g-t.g-open{outline:2px solid #c00}
            .g-t[hidden]{display:none}.g-text{min-height:4.2em;justify-content:center}
            .g-i{display:block;background-repeat:no-repeat;image-rendering:pixelated}
            .g-c{display:flex;flex-direction:column;width:88px;text-align:center}
            .g-c span{overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
            .g-detail{position:fixed;top:1em;right:1em;width:360px;max-height:92vh;overflow:auto;background:#fff;\
            border:1px solid #999;box-shadow:0 4px 18px rgba(0,0,0,.25);padding:.6em 1em;z-index:10;font-size:.9em}
            .g-detail .g-c{width:auto;font-size:1.1em}.g-close{float:right}
            .g-figs{display:flex;flex-wrap:wrap;gap:6px}.g-fig{margin:0;width:110px;font-size:.85em}
            .g-note{color:#666;font-style:italic}
            .g-matrix td,.g-matrix th{padding:2px 4px;text-align:center;font-size:.8em;min-width:1.8em;\
            overflow-wrap:normal}
            .g-matrix [data-gallery]{cursor:pointer}.g-matrix [data-gallery]:hover{outline:2px solid #06c}
            .g-pairs{display:flex;flex-wrap:wrap;gap:.3em}
            nav.toc{display:flex;flex-wrap:wrap;gap:.2em .9em;font-size:.9em;margin:.5em 0 1em}\
            nav.toc a{white-space:nowrap}""";

    /**
     * The page's one script (vanilla, no network): filters, sort, the detail panel, the clickable matrix. The
     * content security policy allows exactly this text by its SHA-256 hash ({@link Escaping#CONTENT_SECURITY_POLICY}).
     */
    static final String SCRIPT = """
            (() => {
              'use strict';
              const galleries = new Map();
              const bound = (input) => {
                const v = input && input.value.trim() !== '' ? Number(input.value) : NaN;
                return Number.isFinite(v) ? v : null;
              };
              const percent = (d) => Math.floor((Math.round(Number(d.confidence) * 1e6) + 5000) / 10000);
              const setup = (g) => {
                const role = (r) => g.querySelector('[data-role="' + r + '"]');
                const grid = g.querySelector('.g-grid');
                const tiles = Array.from(grid.children);
                const names = Array.from(role('true').options).filter((o) => o.value !== '').map((o) => o.textContent);
                const kind = role('kind');
                const kinds = kind
                  ? Array.from(kind.options).filter((o) => o.value !== '').map((o) => o.textContent) : [];
                const count = role('count');
                const detail = role('detail');
                const body = role('detail-body');
                const apply = () => {
                  const t = role('true').value;
                  const p = role('pred').value;
                  const k = kind ? kind.value : '';
                  const lo = bound(role('min'));
                  const hi = bound(role('max'));
                  let shown = 0;
                  for (const e of tiles) {
                    const d = e.dataset;
                    const c = percent(d);
                    const ok = (t === '' || d.true === t) && (p === '' || d.pred === p) && (k === '' || d.kind === k)
                      && (lo === null || c >= lo) && (hi === null || c <= hi);
                    if (ok) {
                      shown++;
                    }
                    if (e.hidden === ok) {
                      e.hidden = !ok;
                    }
                  }
                  count.textContent = shown + ' of ' + tiles.length + ' shown';
                };
                const keys = {
                  'confidence-desc': (d) => -Number(d.confidence),
                  'confidence-asc': (d) => Number(d.confidence),
                  'margin-asc': (d) => Number(d.margin),
                  'margin-desc': (d) => -Number(d.margin),
                  'example': (d) => Number(d.example),
                };
                const sort = () => {
                  const key = keys[role('sort').value] || keys['confidence-desc'];
                  const keyed = tiles.map((e, i) => [key(e.dataset), i, e]);
                  keyed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
                  const f = document.createDocumentFragment();
                  for (const x of keyed) {
                    f.appendChild(x[2]);
                  }
                  grid.appendChild(f);
                };
                const show = (t, p, k) => {
                  role('true').value = t;
                  role('pred').value = p;
                  if (kind) {
                    kind.value = k || '';
                  }
                  role('min').value = '';
                  role('max').value = '';
                  apply();
                  g.scrollIntoView();
                };
                const add = (parent, tag, text, cls) => {
                  const x = document.createElement(tag);
                  if (text !== undefined) {
                    x.textContent = text;
                  }
                  if (cls) {
                    x.className = cls;
                  }
                  parent.appendChild(x);
                  return x;
                };
                const open = (e) => {
                  const d = e.dataset;
                  body.textContent = '';
                  add(body, 'h3', 'Example ' + d.example);
                  const thumb = e.querySelector('.g-i');
                  if (thumb) {
                    const s = Number(g.dataset.big);
                    const sheet = g.dataset.sheets.split(',')[Number(d.s)].split(' ');
                    const big = add(body, 'div', undefined, 'g-i g-s-' + g.id + '-' + d.s + ' g-big');
                    big.style.width = Number(d.w) * s + 'px';
                    big.style.height = Number(d.h) * s + 'px';
                    big.style.backgroundSize = Number(sheet[0]) * s + 'px ' + Number(sheet[1]) * s + 'px';
                    big.style.backgroundPosition = -Number(d.x) * s + 'px ' + -Number(d.y) * s + 'px';
                  } else {
                    add(body, 'p', 'no image', 'g-note');
                  }
                  body.appendChild(e.querySelector('.g-c').cloneNode(true));
                  if (kinds.length && d.kind !== undefined) {
                    add(body, 'p', g.dataset.kindLabel + ': ' + kinds[Number(d.kind)]);
                  }
                  const table = add(body, 'table');
                  const head = add(table, 'tr');
                  add(head, 'th', 'top ' + (d.top.split(' ').length / 2));
                  add(head, 'th', 'probability');
                  const top = d.top.split(' ');
                  for (let i = 0; i + 1 < top.length; i += 2) {
                    const row = add(table, 'tr');
                    add(row, 'td', names[Number(top[i])]);
                    add(row, 'td', (100 * Number(top[i + 1])).toFixed(1) + ' %');
                  }
                  add(body, 'p', 'origin: ' + (d.origin || 'not known'));
                  if (d.extra) {
                    add(body, 'p', d.extra);
                  }
                  const ev = g.querySelector('.g-ev[data-for="' + d.example + '"]')
                    || g.querySelector('.g-ev[data-for="none"]');
                  if (ev) {
                    const c = ev.cloneNode(true);
                    c.hidden = false;
                    body.appendChild(c);
                  }
                  for (const x of grid.querySelectorAll('.g-open')) {
                    x.classList.remove('g-open');
                  }
                  e.classList.add('g-open');
                  detail.hidden = false;
                };
                grid.addEventListener('click', (ev) => {
                  const e = ev.target.closest('.g-t');
                  if (e) {
                    open(e);
                  }
                });
                role('close').addEventListener('click', () => {
                  detail.hidden = true;
                });
                for (const r of ['true', 'pred', 'kind']) {
                  if (role(r)) {
                    role(r).addEventListener('change', apply);
                  }
                }
                for (const r of ['min', 'max']) {
                  role(r).addEventListener('input', apply);
                }
                role('sort').addEventListener('change', sort);
                role('reset').addEventListener('click', () => show('', '', ''));
                galleries.set(g.id, show);
                apply();
              };
              document.querySelectorAll('.g-gallery').forEach(setup);
              document.addEventListener('click', (ev) => {
                const cell = ev.target.closest('[data-gallery]');
                const show = cell && galleries.get(cell.dataset.gallery);
                if (show) {
                  ev.preventDefault();
                  show(cell.dataset.true || '', cell.dataset.pred || '', cell.dataset.kind || '');
                }
              });
              document.addEventListener('keydown', (ev) => {
                if (ev.key === 'Escape') {
                  document.querySelectorAll('.g-detail').forEach((d) => {
                    d.hidden = true;
                  });
                }
              });
            })();
            """;

    private Gallery() {
    }

    /**
     * One class's probability, for a tile's top-3.
     *
     * @param classIndex the class
     * @param probability its probability
     */
    record Probability(int classIndex, double probability) {
    }

    /**
     * The facet a gallery filters by beside the classes and the confidence: the triage kind, the flip direction.
     *
     * @param label what the facet is, for example "triage kind"
     * @param values its values for people, by index ({@link Item#kind})
     */
    record Facet(String label, List<String> values) {

        Facet {
            Objects.requireNonNull(label, "label");
            values = List.copyOf(values);
        }
    }

    /**
     * One tile of the gallery.
     *
     * @param example the example's index (its {@code data-example})
     * @param trueClass the true class's index
     * @param predictedClass the predicted class's index
     * @param confidence the predicted class's probability
     * @param margin the top-1 minus the top-2 probability
     * @param kind the facet's value index, or -1 for none
     * @param top the most probable classes, most probable first (up to {@value #TOP})
     * @param origin the example's origin (file and record), if known
     * @param extra one more line for the detail panel ({@code ""} for none), for example the other model's answer
     * @param predictedBy who made the prediction, for the title ("Pred B: cat"), or {@code ""} ("Pred: cat")
     */
    record Item(int example, int trueClass, int predictedClass, double confidence, double margin, int kind,
            List<Probability> top, Optional<String> origin, String extra, String predictedBy) {

        Item {
            top = List.copyOf(top);
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(extra, "extra");
            Objects.requireNonNull(predictedBy, "predictedBy");
        }

        /**
         * Makes the tile of one example of an analysis: its classes, confidence, margin and top-3 from the analysis.
         *
         * @param analysis the analysis
         * @param example the example
         * @param kind the facet's value index, or -1
         * @param extra one more line for the detail panel, or {@code ""}
         * @return the tile
         */
        static Item of(ErrorAnalysis analysis, int example, int kind, String extra) {
            return of(analysis, example, kind, extra, "");
        }

        /**
         * Makes the tile of one example as {@link #of(ErrorAnalysis, int, int, String)}, its title naming who
         * predicted ("Pred B: cat" for {@code predictedBy} "B").
         *
         * @param analysis the analysis whose prediction the tile shows
         * @param example the example
         * @param kind the facet's value index, or -1
         * @param extra one more line for the detail panel, or {@code ""}
         * @param predictedBy who predicted, for the title, or {@code ""}
         * @return the tile
         */
        static Item of(ErrorAnalysis analysis, int example, int kind, String extra, String predictedBy) {
            List<Probability> top = Gallery.top(analysis, example, TOP);
            double margin = top.size() > 1 ? top.get(0).probability() - top.get(1).probability() : 1;
            return new Item(example, analysis.trueClass(example), analysis.predictedClass(example),
                    analysis.confidence(example), margin, kind, top, analysis.origin(example), extra, predictedBy);
        }
    }

    /** The k most probable classes of an example, most probable first, ties by class index. */
    static List<Probability> top(ErrorAnalysis analysis, int example, int k) {
        int classes = analysis.classCount();
        int n = Math.min(k, classes);
        int[] best = new int[n];
        double[] p = new double[n];
        int filled = 0;
        for (int c = 0; c < classes; c++) {
            double v = analysis.probability(example, c);
            if (filled < n || v > p[filled - 1]) {
                int at = filled < n ? filled++ : n - 1;
                while (at > 0 && p[at - 1] < v) {
                    best[at] = best[at - 1];
                    p[at] = p[at - 1];
                    at--;
                }
                best[at] = c;
                p[at] = v;
            }
        }
        List<Probability> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            out.add(new Probability(best[j], p[j]));
        }
        return out;
    }

    /**
     * What the gallery reads beside its tiles: the images, and for the detail panel the evidence.
     */
    interface Details {

        /** The example's image (not noted as shown), or empty for a text tile. */
        Optional<BufferedImage> image(int example);

        /** The example's evidence (saliency maps, nearest training examples), or empty when not explained. */
        default Optional<ExampleEvidence> evidence(int example) {
            return Optional.empty();
        }

        /** A training example's image, for a neighbour's thumbnail. */
        default Optional<BufferedImage> trainingImage(int trainIndex, Optional<String> origin) {
            return Optional.empty();
        }

        /** Whether training data was given (else the detail says "no training data given"). */
        default boolean trainingData() {
            return false;
        }

        /**
         * What the detail panel says, once, when no example of the gallery has evidence ({@code ""}: nothing, the
         * saliency and neighbour lines left out); by default that there is no model.
         */
        default String noEvidence() {
            return NO_MODEL;
        }

        /** A details source with images only (no evidence). */
        static Details images(java.util.function.IntFunction<Optional<BufferedImage>> images) {
            return images::apply;
        }
    }

    /**
     * Renders a gallery as library-made HTML: the sprite sheets' styles, the filters and the sort, the tiles in the
     * order given (the default order), the detail panel, and each explained example's evidence (hidden until its
     * detail opens).
     *
     * @param id the gallery's element id (also named by the matrix cells' {@code data-gallery}), [a-z0-9-]+
     * @param classNames the class names, by index
     * @param items the tiles, in the default order (at most {@value #CAP} are drawn)
     * @param facet the facet filter (the triage kind, the flip direction), or null for none
     * @param details the images and the evidence
     * @param note a plain-text line above the tiles (for example that the gallery is capped), or {@code ""}
     * @return the HTML
     */
    static String html(String id, List<String> classNames, List<Item> items, Facet facet, Details details,
            String note) {
        return deferred(id, classNames, items.stream().map(Item::example).toList(), items::get, facet, details, note)
                .get();
    }

    /**
     * Reads what a gallery needs from its {@link Details} now (on the calling thread: the images, the evidence and
     * the training images, whose sources need not be thread-safe) and gives the rest (the tiles, the sprite sheets'
     * JPEG, the HTML) as work that may run on another thread; {@link #html} is this, run at once.
     *
     * @param id the gallery's element id, [a-z0-9][a-z0-9-]*
     * @param classNames the class names, by index
     * @param examples the tiles' examples, in the default order (at most {@value #CAP} are drawn)
     * @param itemAt makes the tile at a position of {@code examples} (called later, possibly on another thread)
     * @param facet the facet filter, or null for none
     * @param details the images and the evidence
     * @param note a plain-text line above the tiles, or {@code ""}
     * @return the HTML, when asked for
     */
    static java.util.function.Supplier<String> deferred(String id, List<String> classNames, List<Integer> examples,
            java.util.function.IntFunction<Item> itemAt, Facet facet, Details details, String note) {
        if (!Document.FIGURE_NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("a gallery id must match [a-z0-9][a-z0-9-]*, but is '" + id + "'");
        }
        int n = Math.min(examples.size(), CAP);
        List<Optional<BufferedImage>> images = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            images.add(Objects.requireNonNullElse(details.image(examples.get(k)), Optional.empty()));
        }
        List<ExampleEvidence> explained = new ArrayList<>();
        List<Optional<BufferedImage>> pictures = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Optional<ExampleEvidence> e = details.evidence(examples.get(k));
            if (e.isEmpty()) {
                continue;
            }
            explained.add(e.get());
            for (SaliencyMap map : e.get().saliency()) {
                pictures.add(images.get(k).map(image -> SaliencyPainter.overlay(image, map)));
            }
            for (TrainingNeighbour t : e.get().nearestTrainingExamples()) {
                pictures.add(Objects.requireNonNullElse(details.trainingImage(t.trainIndex(), t.trainOrigin()),
                        Optional.empty()));
            }
        }
        boolean training = details.trainingData();
        String noEvidence = explained.isEmpty() ? Objects.requireNonNull(details.noEvidence(), "noEvidence") : null;
        List<String> names = List.copyOf(classNames);
        return () -> {
            List<Item> drawn = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                drawn.add(itemAt.apply(k));
            }
            return render(id, names, drawn, facet, images, explained, pictures, training, noEvidence, note);
        };
    }

    private static String render(String id, List<String> classNames, List<Item> drawn, Facet facet,
            List<Optional<BufferedImage>> images, List<ExampleEvidence> explained,
            List<Optional<BufferedImage>> pictures, boolean training, String noEvidence, String note) {
        boolean anyImage = images.stream().anyMatch(Optional::isPresent);
        SpriteSheet thumbs = anyImage ? SpriteSheet.pack(images) : null;
        int scale = thumbs == null ? 1 : Math.max(1, 64 / thumbs.side());
        int big = thumbs == null ? 1 : Math.max(1, 192 / thumbs.side());

        StringBuilder s = new StringBuilder(256 + drawn.size() * 360);
        s.append("<div class=\"g-gallery\" id=\"").append(id).append('"');
        if (facet != null) {
            s.append(" data-kind-label=\"").append(Escaping.html(facet.label())).append('"');
        }
        if (thumbs != null) {
            s.append(" data-big=\"").append(big).append("\" data-sheets=\"");
            for (int k = 0; k < thumbs.sheets().size(); k++) {
                s.append(k == 0 ? "" : ",").append(thumbs.sheetWidths().get(k)).append(' ')
                        .append(thumbs.sheetHeights().get(k));
            }
            s.append('"');
        }
        s.append(">\n");
        if (thumbs != null) {
            sheetStyles(s, "g-s-" + id, thumbs, scale);
        }
        controls(s, classNames, facet, drawn.size());
        if (!note.isEmpty()) {
            s.append("<p class=\"g-note\">").append(Escaping.html(note)).append("</p>\n");
        }
        s.append("<div class=\"g-detail\" data-role=\"detail\" hidden><button type=\"button\" class=\"g-close\" "
                + "data-role=\"close\">close</button><div data-role=\"detail-body\"></div></div>\n");
        s.append("<div class=\"g-grid\">\n");
        String[] escaped = new String[classNames.size()];
        for (int c = 0; c < escaped.length; c++) {
            escaped[c] = Escaping.html(classNames.get(c));
        }
        for (int k = 0; k < drawn.size(); k++) {
            tile(s, id, escaped, drawn.get(k), thumbs == null ? Optional.empty() : thumbs.placements().get(k), scale);
        }
        s.append("</div>\n");
        if (noEvidence == null) {
            evidence(s, id, classNames, explained, pictures, training);
        } else if (!noEvidence.isEmpty()) {
            s.append("<div class=\"g-evidence\" hidden>\n<div class=\"g-ev\" data-for=\"none\" hidden>"
                    + "<p class=\"g-note\">").append(Escaping.html(noEvidence)).append("</p></div>\n</div>\n");
        }
        return s.append("</div>").toString();
    }

    /** The style rule of each sheet: its image and its size at the display scale. */
    private static void sheetStyles(StringBuilder s, String prefix, SpriteSheet sheet, int scale) {
        Base64.Encoder base64 = Base64.getEncoder();
        s.append("<style>");
        for (int k = 0; k < sheet.sheets().size(); k++) {
            s.append('.').append(prefix).append('-').append(k).append("{background-image:url(data:image/jpeg;base64,")
                    .append(base64.encodeToString(sheet.sheets().get(k))).append(");background-size:")
                    .append(sheet.sheetWidths().get(k) * scale).append("px ")
                    .append(sheet.sheetHeights().get(k) * scale).append("px}");
        }
        s.append("</style>\n");
    }

    private static void controls(StringBuilder s, List<String> classNames, Facet facet, int count) {
        s.append("<div class=\"g-controls\">");
        classSelect(s, "true class", "true", classNames);
        classSelect(s, "predicted class", "pred", classNames);
        if (facet != null) {
            s.append("<label>").append(Escaping.html(facet.label())).append(" <select data-role=\"kind\">"
                    + "<option value=\"\">all</option>");
            for (int k = 0; k < facet.values().size(); k++) {
                s.append("<option value=\"").append(k).append("\">").append(Escaping.html(facet.values().get(k)))
                        .append("</option>");
            }
            s.append("</select></label>");
        }
        s.append("<label>confidence from <input data-role=\"min\" type=\"number\" min=\"0\" max=\"100\" step=\"any\" "
                + "placeholder=\"0\"> to <input data-role=\"max\" type=\"number\" min=\"0\" max=\"100\" step=\"any\" "
                + "placeholder=\"100\"> %</label>");
        s.append("<label>sort <select data-role=\"sort\"><option value=\"confidence-desc\">confidence, highest first"
                + "</option><option value=\"confidence-asc\">confidence, lowest first</option><option "
                + "value=\"margin-asc\">margin, smallest first</option><option value=\"margin-desc\">margin, largest "
                + "first</option><option value=\"example\">example index</option></select></label>");
        s.append("<button type=\"button\" data-role=\"reset\">show all</button><span class=\"g-count\" "
                + "data-role=\"count\">").append(count).append(" of ").append(count).append(" shown</span></div>\n");
    }

    private static void classSelect(StringBuilder s, String label, String role, List<String> classNames) {
        s.append("<label>").append(label).append(" <select data-role=\"").append(role)
                .append("\"><option value=\"\">all</option>");
        for (int c = 0; c < classNames.size(); c++) {
            s.append("<option value=\"").append(c).append("\">").append(Escaping.html(classNames.get(c)))
                    .append("</option>");
        }
        s.append("</select></label>");
    }

    private static void tile(StringBuilder s, String id, String[] names, Item item,
            Optional<SpriteSheet.Placement> at, int scale) {
        s.append("<button type=\"button\" class=\"g-t").append(at.isEmpty() ? " g-text" : "")
                .append("\" data-example=\"").append(item.example()).append("\" data-true=\"").append(item.trueClass())
                .append("\" data-pred=\"").append(item.predictedClass()).append("\" data-confidence=\"");
        fixed(s, item.confidence());
        s.append("\" data-margin=\"");
        fixed(s, item.margin());
        s.append('"');
        if (item.kind() >= 0) {
            s.append(" data-kind=\"").append(item.kind()).append('"');
        }
        s.append(" data-top=\"");
        for (int k = 0; k < item.top().size(); k++) {
            Probability p = item.top().get(k);
            s.append(k == 0 ? "" : " ").append(p.classIndex()).append(' ');
            fixed(s, p.probability());
        }
        s.append('"');
        if (item.origin().isPresent()) {
            s.append(" data-origin=\"").append(Escaping.html(item.origin().get())).append('"');
        }
        if (!item.extra().isEmpty()) {
            s.append(" data-extra=\"").append(Escaping.html(item.extra())).append('"');
        }
        if (at.isPresent()) {
            SpriteSheet.Placement p = at.get();
            s.append(" data-s=\"").append(p.sheet()).append("\" data-x=\"").append(p.x()).append("\" data-y=\"")
                    .append(p.y()).append("\" data-w=\"").append(p.width()).append("\" data-h=\"").append(p.height())
                    .append("\"><span class=\"g-i g-s-").append(id).append('-').append(p.sheet())
                    .append("\" style=\"width:").append(p.width() * scale).append("px;height:")
                    .append(p.height() * scale).append("px;background-position:-").append(p.x() * scale)
                    .append("px -").append(p.y() * scale).append("px\"></span>");
        } else {
            s.append('>');
        }
        caption(s, names, item);
        s.append("</button>\n");
    }

    /** The tile's title, laid out as every tile of the report: Pred, True, confidence, one line each. */
    private static void caption(StringBuilder s, String[] names, Item item) {
        s.append("<span class=\"g-c\"><span>Pred").append(item.predictedBy().isEmpty() ? "" : " ")
                .append(Escaping.html(item.predictedBy())).append(": ").append(names[item.predictedClass()])
                .append("</span><span>True: ").append(names[item.trueClass()])
                .append("</span><span>").append(tilePercent(item.confidence())).append("</span></span>");
    }

    /** {@link Formats#wholePercent} of each whole percentage, so that ten thousand tiles format none. */
    private static final String[] PERCENT = java.util.stream.IntStream.rangeClosed(0, 100)
            .mapToObj(k -> Formats.wholePercent(k / 100.0)).toArray(String[]::new);

    /** As {@link Formats#wholePercent} (half up), from the table for a probability in [0, 1]. */
    static String wholePercent(double p) {
        double x = 100 * p;
        return x >= 0 && x <= 100 ? PERCENT[(int) Math.round(x)] : Formats.wholePercent(p);
    }

    /**
     * The whole percentage a tile shows, half up from its {@code data-confidence} (six decimals): the same number the
     * script's confidence filter compares, so that "from 60" keeps every tile that reads 60 %.
     */
    static String tilePercent(double p) {
        if (!(p >= 0 && p <= 1)) {
            return Formats.wholePercent(p);
        }
        long micro = Math.round(p * 1_000_000);
        return PERCENT[(int) ((micro + 5_000) / 10_000)];
    }

    /** The digits of a {@code data-} value in [0, 1] (or any other) to six decimals, without a formatter. */
    static void fixed(StringBuilder s, double v) {
        if (!(v >= 0 && v <= 1)) {
            s.append(Formats.format("%.6f", v));
            return;
        }
        long micro = Math.round(v * 1_000_000);
        if (micro == 1_000_000) {
            s.append('1');
            return;
        }
        s.append("0.");
        String digits = Long.toString(micro);
        for (int k = digits.length(); k < 6; k++) {
            s.append('0');
        }
        s.append(digits);
    }

    /**
     * The hidden evidence of each explained tile (saliency overlays and neighbour thumbnails from a second sprite)
     * and the fallback for the others.
     */
    private static void evidence(StringBuilder s, String id, List<String> names, List<ExampleEvidence> explained,
            List<Optional<BufferedImage>> pictures, boolean training) {
        boolean any = pictures.stream().anyMatch(Optional::isPresent);
        SpriteSheet sheet = any ? SpriteSheet.pack(pictures) : null;
        int scale = sheet == null ? 1 : Math.max(1, 96 / sheet.side());
        String prefix = "g-e-" + id;
        s.append("<div class=\"g-evidence\" hidden>\n");
        if (sheet != null) {
            sheetStyles(s, prefix, sheet, scale);
        }
        String noNeighbours = training ? "no nearest training examples computed for this example"
                : "no training data given";
        s.append("<div class=\"g-ev\" data-for=\"none\" hidden><h4>saliency</h4><p class=\"g-note\">no map computed"
                + "</p><h4>nearest training examples</h4><p class=\"g-note\">").append(noNeighbours)
                .append("</p></div>\n");
        int k = 0;
        for (ExampleEvidence e : explained) {
            s.append("<div class=\"g-ev\" data-for=\"").append(e.example()).append("\" hidden><h4>saliency</h4>");
            if (e.saliency().isEmpty()) {
                s.append("<p class=\"g-note\">no map computed</p>");
            } else {
                s.append("<div class=\"g-figs\">");
                for (SaliencyMap map : e.saliency()) {
                    Faithfulness f = map.faithfulness();
                    figure(s, prefix, sheet, k++, scale, map.method() + ": faithfulness " + Formats.ratio(f.score())
                            + " [" + Formats.ratio(f.interval().lower()) + ", " + Formats.ratio(f.interval().upper())
                            + "], " + (f.betterThanRandom() ? "better than random" : "no better than random")
                            + Formats.format(" (beat %s of %d random orders; by chance 1/%d)",
                                    f.betterThanRandom() ? "all" : "not all", f.randomOrders(), f.randomOrders() + 1),
                            "");
                }
                s.append("</div><p class=\"g-note\">").append(Escaping.html(EvidenceSection.LEGEND)).append("</p>");
            }
            s.append("<h4>nearest training examples</h4>");
            if (e.nearestTrainingExamples().isEmpty()) {
                s.append("<p class=\"g-note\">").append(noNeighbours).append("</p>");
            } else {
                s.append("<div class=\"g-figs\">");
                for (TrainingNeighbour n : e.nearestTrainingExamples()) {
                    String name = n.trueClass() < names.size() ? names.get(n.trueClass()) : "class " + n.trueClass();
                    figure(s, prefix, sheet, k++, scale, name + ", distance " + Formats.format("%.3f", n.distance()),
                            n.trainOrigin().orElse("training record " + n.trainIndex()));
                }
                s.append("</div>");
            }
            s.append("</div>\n");
        }
        s.append("</div>\n");
    }

    private static void figure(StringBuilder s, String prefix, SpriteSheet sheet, int k, int scale, String caption,
            String title) {
        s.append("<figure class=\"g-fig\"");
        if (!title.isEmpty()) {
            s.append(" title=\"").append(Escaping.html(title)).append('"');
        }
        s.append('>');
        Optional<SpriteSheet.Placement> at = sheet == null ? Optional.empty() : sheet.placements().get(k);
        if (at.isPresent()) {
            SpriteSheet.Placement p = at.get();
            s.append("<span class=\"g-i ").append(prefix).append('-').append(p.sheet()).append("\" style=\"width:")
                    .append(p.width() * scale).append("px;height:").append(p.height() * scale)
                    .append("px;background-position:-").append(p.x() * scale).append("px -").append(p.y() * scale)
                    .append("px\"></span>");
        } else {
            s.append("<span class=\"g-note\">no image</span>");
        }
        s.append("<figcaption>").append(Escaping.html(caption)).append("</figcaption></figure>");
    }

    /**
     * Renders a confusion matrix as a clickable HTML heat map: rows true, columns predicted, colour the share of the
     * row; every non-diagonal cell drawn filters the gallery {@code galleryId} to its pair, every row header to its
     * true class.
     *
     * @param galleryId the gallery the cells filter
     * @param classNames the class names, by index
     * @param counts the full matrix, {@code counts[true][predicted]}
     * @param drawn the classes drawn, in order (all of them, or the ones with the most mistakes)
     * @return the HTML table
     */
    static String matrix(String galleryId, List<String> classNames, long[][] counts, int[] drawn) {
        StringBuilder s = new StringBuilder(1024 + drawn.length * drawn.length * 90);
        s.append("<table class=\"g-matrix\">\n<thead><tr><th>true \\ predicted</th>");
        for (int c : drawn) {
            s.append("<th title=\"").append(Escaping.html(classNames.get(c))).append("\">")
                    .append(Escaping.html(Shorten.label(classNames.get(c)))).append("</th>");
        }
        s.append("</tr></thead>\n<tbody>\n");
        for (int t : drawn) {
            long total = 0;
            for (long v : counts[t]) {
                total += v;
            }
            s.append("<tr><th data-gallery=\"").append(galleryId).append("\" data-true=\"").append(t)
                    .append("\" title=\"show the mistakes on ").append(Escaping.html(classNames.get(t))).append("\">")
                    .append(Escaping.html(Shorten.label(classNames.get(t)))).append("</th>");
            for (int p : drawn) {
                long v = counts[t][p];
                double share = total == 0 ? 0 : (double) v / total;
                int shade = (int) Math.round(255 - 200 * Math.sqrt(share));
                String colour = t == p ? "rgb(" + shade + "," + (shade + 255) / 2 + "," + shade + ")"
                        : "rgb(255," + shade + "," + shade + ")";
                s.append("<td style=\"background:").append(colour).append('"');
                if (t != p) {
                    s.append(" data-gallery=\"").append(galleryId).append("\" data-true=\"").append(t)
                            .append("\" data-pred=\"").append(p).append("\" title=\"")
                            .append(Escaping.html(classNames.get(t) + " predicted as " + classNames.get(p)))
                            .append('"');
                }
                s.append('>').append(v).append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</tbody>\n</table>").toString();
    }
}
