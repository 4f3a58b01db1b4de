package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report's "evidence" section: for each explained mistake that a grid shows, a figure strip (the image, its
 * occlusion and Grad-CAM overlays, the nearest training examples with their classes), a table of each map's
 * faithfulness with its interval and whether it beats random deletion, and the neighbours; above them a summary of
 * each method's mean faithfulness and the sanity check. Present only when the report was given {@link Evidence}.
 */
final class EvidenceSection {

    /** The section's id. */
    static final String ID = "evidence";

    private static final int SIDE = 96;
    private static final int THUMB = 64;
    private static final int MARGIN = 10;
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** The one-line legend of the saliency overlays, shown next to the evidence figures. */
    static final String LEGEND = "red/yellow = most salient for the predicted class; the map is scaled to its own "
            + "maximum";

    private EvidenceSection() {
    }

    /**
     * Adds the section after the section with the given id (at the end when there is none), when the report has
     * evidence.
     *
     * @param sections the built-in sections so far
     * @param after the id of the section it follows
     * @param c the report's context
     */
    static void addAfter(List<ReportSection> sections, String after, ReportContext c) {
        if (c.explanations.examples().isEmpty()) {
            return;
        }
        int at = sections.size();
        for (int k = 0; k < sections.size(); k++) {
            if (sections.get(k).id().equals(after)) {
                at = k + 1;
            }
        }
        sections.add(at, new BuiltInSections.Section(ID, "Why: visual evidence", (w, a) -> render(c, w, a)));
    }

    /** The figure name of an example's strip, in the style of {@link ErrorReport#occlusionFigureName}. */
    static String figureName(int example, int classIndex, String className) {
        return "evidence-" + ErrorReport.occlusionFigureName(example, classIndex, className).substring("occlusion-"
                .length());
    }

    private static void render(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        Explanations e = c.explanations;
        long mapped = e.examples().values().stream().filter(x -> !x.saliency().isEmpty()).count();
        out.paragraph(Formats.format("Saliency maps of %d mistakes: where the model looked when it predicted the "
                + "wrong class. Occlusion measures how much the predicted class's probability drops under a grey "
                + "patch; Grad-CAM weighs the last convolution layer's feature maps by the gradient of the class's "
                + "score (in inference mode). A map's faithfulness is the mean drop of the probability when its most "
                + "salient pixels are removed first (imputed from their neighbours) minus that of random deletion "
                + "orders: above zero, the map points at what the model used; at or below zero it is no better than "
                + "random.", mapped));
        for (Map.Entry<String, Interval> m : new TreeMap<>(e.faithfulness()).entrySet()) {
            Interval i = m.getValue();
            long maps = e.examples().values().stream().filter(x -> x.saliency().stream()
                    .anyMatch(s -> s.method().equals(m.getKey()))).count();
            long better = e.examples().values().stream().flatMap(x -> x.saliency().stream())
                    .filter(s -> s.method().equals(m.getKey()) && s.faithfulness().betterThanRandom()).count();
            out.paragraph(Formats.format("%s: mean faithfulness %s over %d maps (%s): %s; %d of the %d maps are better "
                    + "than random one by one (they beat every one of their random orders; %s).", title(m.getKey()),
                    interval(i), maps, i.method(),
                    i.isDefined() && i.lower() > 0 ? "better than random" : "no better than random", better, maps,
                    chance(e.examples().values().stream().flatMap(x -> x.saliency().stream())
                            .filter(s -> s.method().equals(m.getKey())).map(SaliencyMap::faithfulness).toList())));
        }
        e.sanityCheck().ifPresent(s -> out.paragraph(sanity(s)));
        List<Integer> shown = new ArrayList<>();
        for (int i : c.picks.inGrids()) {
            Optional<ExampleEvidence> x = e.of(i);
            if (x.isPresent() && !x.get().saliency().isEmpty() && analysis.predictedClass(i) != analysis.trueClass(i)) {
                shown.add(i);
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        c.show(shown);
        List<String> methods = new ArrayList<>();
        for (int i : shown) {
            for (SaliencyMap m : e.of(i).get().saliency()) {
                if (!methods.contains(m.method())) {
                    methods.add(m.method());
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("example", "predicted / true"));
        for (String m : methods) {
            header.add(title(m) + " faithfulness");
            header.add("better than random");
        }
        boolean neighbours = e.training().isPresent();
        if (neighbours) {
            header.add("nearest training examples (class, distance)");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i : shown) {
            ExampleEvidence x = e.of(i).get();
            List<String> row = new ArrayList<>(List.of(Integer.toString(i), c.names.get(analysis.predictedClass(i))
                    + " / " + c.names.get(analysis.trueClass(i))));
            for (String method : methods) {
                Optional<SaliencyMap> m = x.saliency().stream().filter(s -> s.method().equals(method)).findFirst();
                row.add(m.map(s -> interval(s.faithfulness().interval())).orElse("no map"));
                row.add(m.map(s -> s.faithfulness().betterThanRandom() ? "yes" : "no").orElse(""));
            }
            List<String> near = x.nearestTrainingExamples().stream().map(n -> Formats.format("%s, %s",
                    c.names.get(n.trueClass()), Formats.ratio(n.distance())) + (n.identical() ? " (identical image)"
                            : "")).toList();
            if (neighbours) {
                row.add(near.isEmpty() ? "none" : String.join("; ", near));
            }
            rows.add(row);
        }
        out.table(header, rows);
        out.paragraph("Better than random: the map beat every one of its random deletion orders (" + chance(shown
                .stream().flatMap(i -> e.of(i).get().saliency().stream()).map(SaliencyMap::faithfulness).toList())
                + "). Figures: " + LEGEND + ".");
        for (int i : shown) {
            int predicted = analysis.predictedClass(i);
            out.figure(figureName(i, predicted, c.names.get(predicted)), strip(c, analysis, i, e.of(i).get()),
                    Formats.format("Example %d, predicted %s, true %s: the image, its saliency maps%s", i,
                            c.names.get(predicted), c.names.get(analysis.trueClass(i)),
                            e.of(i).get().nearestTrainingExamples().isEmpty() ? ""
                                    : " and its nearest training examples"));
        }
    }

    /** The sanity check in one paragraph: passes, fails or inconclusive, with the examples left out. */
    static String sanity(SanityCheck s) {
        String left = s.constantMaps() == 0 ? "" : Formats.format(" (%d left out: a constant map has no ranks)",
                s.constantMaps());
        if (s.inconclusive()) {
            return Formats.format("Sanity check (Adebayo et al. 2018): inconclusive: the pre-ReLU %s maps of all %d "
                    + "examples compared, or of the copy of the model with randomised weights, are constant, so no "
                    + "rank correlation says whether the maps depend on the weights.", title(s.method()),
                    s.constantMaps());
        }
        return Formats.format("Sanity check (Adebayo et al. 2018): the pre-ReLU %s maps of %d examples%s against "
                + "those of a copy of the model with randomised weights have a mean Spearman rank correlation of %s "
                + "(it passes below %s): %s.", title(s.method()), s.examples().size(), left,
                Formats.ratio(s.meanRankCorrelation()), Formats.ratio(s.threshold()), s.passes()
                        ? "the maps depend on what the model learned"
                        : "the maps barely change when the weights are random, so they show the image more than the "
                                + "model");
    }

    /**
     * The chance rate of "better than random" for maps with these random orders: "a map no better than random
     * beats all R with probability 1/(R+1) = x %", one clause per distinct R.
     */
    static String chance(List<Faithfulness> maps) {
        List<String> parts = maps.stream().map(Faithfulness::randomOrders).distinct().sorted().map(r -> Formats
                .format("%d random orders: 1/%d = %.0f %%", r, r + 1, 100.0 / (r + 1))).toList();
        return "a map no better than random does so by chance with probability " + (parts.isEmpty() ? "1/(R+1)"
                : String.join(", ", parts));
    }

    /** "Grad-CAM", "Occlusion": a method's name as people read it. */
    static String title(String method) {
        return switch (method) {
            case SaliencyMap.GRAD_CAM -> "Grad-CAM";
            case SaliencyMap.OCCLUSION -> "Occlusion";
            default -> method;
        };
    }

    private static String interval(Interval i) {
        return i.isDefined() ? Formats.format("%s [%s, %s]", Formats.ratio(i.estimate()), Formats.ratio(i.lower()),
                Formats.ratio(i.upper())) : "undefined";
    }

    /** One strip: the image, each map over it, then the nearest training examples, each with a label below. */
    private static BufferedImage strip(ReportContext c, ErrorAnalysis analysis, int example, ExampleEvidence x) {
        Optional<BufferedImage> image = c.image(example);
        List<BufferedImage> panels = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> sides = new ArrayList<>();
        panels.add(image.orElse(null));
        labels.add("#" + example);
        sides.add(SIDE);
        for (SaliencyMap m : x.saliency()) {
            panels.add(image.map(im -> SaliencyPainter.overlay(im, m)).orElse(null));
            labels.add(Formats.format("%s %.2f", title(m.method()), m.faithfulness().score()));
            sides.add(SIDE);
        }
        for (TrainingNeighbour n : x.nearestTrainingExamples()) {
            panels.add(c.trainingImage(n.trainIndex(), n.trainOrigin()).orElse(null));
            labels.add(Shorten.label(c.names.get(n.trueClass())));
            sides.add(THUMB);
        }
        int width = MARGIN;
        for (int s : sides) {
            width += s + MARGIN;
        }
        width += x.nearestTrainingExamples().isEmpty() ? 0 : MARGIN;
        FontMetrics fm = Canvas.metrics(LABEL);
        int height = MARGIN + SIDE + 6 + fm.getAscent() + fm.getDescent() + MARGIN;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(out);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        int left = MARGIN;
        for (int k = 0; k < panels.size(); k++) {
            int side = sides.get(k);
            int top = MARGIN + (SIDE - side);
            if (k == 1 + x.saliency().size()) {
                left += MARGIN; // a gap before the neighbours
            }
            if (panels.get(k) == null) {
                ExampleGridPainter.placeholder(g, left, top, side, side, k == 0 ? "#" + example : "no image");
            } else {
                g.drawImage(panels.get(k), left, top, side, side, null);
            }
            g.setColor(Color.BLACK);
            g.setFont(LABEL);
            String label = Shorten.toWidth(labels.get(k), fm, side + MARGIN - 2);
            g.drawString(label, left + (side - fm.stringWidth(label)) / 2, MARGIN + SIDE + 6 + fm.getAscent());
            left += side + MARGIN;
        }
        g.dispose();
        return out;
    }
}
