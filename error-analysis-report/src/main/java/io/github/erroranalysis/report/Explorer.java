package io.github.erroranalysis.report;

import io.github.erroranalysis.ConfusedPair;
import io.github.erroranalysis.ConfusionMatrix;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.TriagedMistake;
import io.github.erroranalysis.io.Formats;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The explorer of report.html: the gallery of every wrong prediction ({@link Gallery}, most confident first, up to
 * {@value Gallery#CAP}) right after the summary, and the confusion section's clickable matrix that filters it.
 * Markdown gets a pointer to wrong.jsonl and the matrix's PNG instead.
 */
final class Explorer {

    /** The explorer section's id (its anchor). */
    static final String ID = "explorer";

    /** The gallery's element id, which the matrix cells name in {@code data-gallery}. */
    static final String GALLERY_ID = "mistakes";

    /** The most classes the clickable matrix draws (the ones with the most mistakes beyond that). */
    static final int MATRIX_CLASSES = 20;

    /** How many most-confused pairs the matrix lists as buttons beside it. */
    static final int PAIRS_LISTED = 10;

    private Explorer() {
    }

    /** The library-made-HTML writer behind a built-in section's writer. */
    static Document.Writer writer(SectionWriter out) {
        if (out instanceof Document.Writer w) {
            return w;
        }
        throw new IllegalStateException("a built-in section must be written by the report's own writer, not by "
                + out.getClass().getName());
    }

    /** Writes the gallery of every wrong prediction (capped at {@value Gallery#CAP}, the rest in wrong.jsonl). */
    static void gallery(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        int wrong = analysis.wrong().size();
        if (wrong == 0) {
            out.paragraph("The model made no wrong predictions: the gallery is empty.");
            return;
        }
        List<Integer> order = ExamplePicks.galleryOrder(analysis, Gallery.CAP);
        List<TriagedMistake> triaged = analysis.triage().mistakes();
        java.util.function.IntFunction<Gallery.Item> itemAt = k -> {
            int i = order.get(k);
            TriagedMistake t = triaged(triaged, i);
            String extra = t == null || t.suggestedLabel().isEmpty() ? "" : "suggested label: "
                    + t.suggestedLabel().get().className() + " (" + Gallery.wholePercent(t.suggestedLabel().get()
                    .probability()) + ")";
            return Gallery.Item.of(analysis, i, t == null ? -1 : t.kind().ordinal(), extra);
        };
        String note = wrong > Gallery.CAP ? Formats.format("The gallery shows the %,d most confident of the %,d wrong "
                + "predictions; every one of them is in %s.", Gallery.CAP, wrong, ErrorReport.WRONG_FILE) : "";
        boolean training = c.explanations.training().isPresent();
        Gallery.Details details = new Gallery.Details() {
            @Override
            public Optional<BufferedImage> image(int example) {
                return c.galleryImage(example);
            }

            @Override
            public Optional<ExampleEvidence> evidence(int example) {
                return c.explanations.of(example);
            }

            @Override
            public Optional<BufferedImage> trainingImage(int trainIndex, Optional<String> origin) {
                return c.trainingImage(trainIndex, origin);
            }

            @Override
            public boolean trainingData() {
                return training;
            }

            @Override
            public String noEvidence() {
                // NONE is what a report built without Evidence holds (no model); a model with --saliency none says
                // nothing rather than "no model"
                return c.explanations == Explanations.NONE ? Gallery.NO_MODEL : "";
            }
        };
        String intro = Formats.format("Every wrong prediction (%,d), most confident first. Filter by true or "
                + "predicted class, confidence and triage kind, sort by confidence, margin or example index, and click "
                + "a tile for its detail (top-3 probabilities, origin, saliency maps, nearest training examples); a "
                + "cell of the confusion matrix shows the mistakes of its pair.", wrong);
        // the images and the evidence are read here; the tiles, the sprites' JPEG and the HTML are made on another
        // core while the next sections draw their figures
        java.util.function.Supplier<String> gallery = Gallery.deferred(GALLERY_ID, analysis.classNames(), order,
                itemAt, Gallery.TRIAGE, details, note);
        java.util.concurrent.CompletableFuture<String> html = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> "<p>" + Escaping.html(intro) + "</p>\n" + gallery.get());
        writer(out).html(html, md -> md.paragraph(Formats.format("%,d wrong predictions: browse every one in %s "
                + "(the gallery); each is a record of %s.", wrong, ErrorReport.HTML_FILE, ErrorReport.WRONG_FILE)));
    }

    /** The triaged mistake of one example (the list is by example index), or null. */
    private static TriagedMistake triaged(List<TriagedMistake> mistakes, int example) {
        int lo = 0;
        int hi = mistakes.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = mistakes.get(mid).index();
            if (at < example) {
                lo = mid + 1;
            } else if (at > example) {
                hi = mid - 1;
            } else {
                return mistakes.get(mid);
            }
        }
        return null;
    }

    /**
     * Writes the confusion matrix: in HTML a clickable heat map (and the most confused pairs as buttons), in
     * Markdown what {@code markdown} writes (the PNG figure).
     */
    static void matrix(SectionWriter out, ErrorAnalysis analysis, Consumer<SectionWriter> markdown) {
        ConfusionMatrix m = analysis.confusion();
        int[] drawn = Figures.mostMistakes(m, MATRIX_CLASSES);
        StringBuilder s = new StringBuilder();
        if (drawn.length < m.classCount()) {
            s.append("<p>").append(Escaping.html(Formats.format("The %d of %,d classes with the most mistakes (as "
                    + "true or predicted class), most first; the whole matrix is in %s.", drawn.length,
                    m.classCount(), ErrorReport.JSON_FILE))).append("</p>\n");
        }
        s.append("<p>").append(Escaping.html(analysis.wrong().isEmpty() ? "There are no mistakes to click."
                : "Click a cell to see its mistakes in the gallery, a row's class to see all mistakes on it."))
                .append("</p>\n");
        s.append(Gallery.matrix(GALLERY_ID, m.classNames(), m.counts(), drawn));
        List<ConfusedPair> pairs = m.mostConfused(PAIRS_LISTED);
        if (!pairs.isEmpty()) {
            s.append("\n<p>The most confused pairs:</p>\n<div class=\"g-pairs\">");
            for (ConfusedPair p : pairs) {
                s.append("<button type=\"button\" data-gallery=\"").append(GALLERY_ID).append("\" data-true=\"")
                        .append(p.trueClass()).append("\" data-pred=\"").append(p.predictedClass())
                        .append("\" title=\"").append(Escaping.html(p.trueClassName() + " predicted as " + p.predictedClassName()))
                        .append("\">").append(Escaping.html(Shorten.label(p.trueClassName()) + " → "
                                + Shorten.label(p.predictedClassName()) + ": " + p.count())).append("</button>");
            }
            s.append("</div>");
        }
        writer(out).html(s.toString(), markdown);
    }
}
