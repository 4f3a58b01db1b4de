package io.github.erroranalysis.report;

import io.github.erroranalysis.Calibration;
import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ClassScores;
import io.github.erroranalysis.ConfidenceBand;
import io.github.erroranalysis.ConfidenceBands;
import io.github.erroranalysis.ConfusedPair;
import io.github.erroranalysis.ConfusionMatrix;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Flip;
import io.github.erroranalysis.FlippedExample;
import io.github.erroranalysis.HardestClass;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.PrecisionRecallF1;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.WrongPrediction;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The report's built-in sections, each a {@link ReportSection} ({@link Section}: an id, a title and one of the
 * methods below) written only through the public {@link SectionWriter} (paragraphs, subheadings, tables, figures),
 * in the order the report shows them. Their numbers reach
 * {@code report.json} under the report's own top-level keys, not under {@code sections}.
 */
final class BuiltInSections {

    /** The id of the summary, whose heading is the report's title. */
    static final String SUMMARY = "summary";
    /** The id of the "Missing images" section, shown when an example image was missing. */
    static final String MISSING_IMAGES = "missing-images";
    /** The id of the section of the metrics given to the report. */
    static final String METRICS = "metrics";

    /** Every id a built-in section has (or may have), which a user's section may not take. */
    static final List<String> IDS = List.of(SUMMARY, Explorer.ID, "wrong-predictions", "hardest-class", "confidence",
            EvidenceSection.ID, "label-issues", "calibration", SelectiveSection.ID, "confusion", "training-history",
            "comparison", "occlusion", METRICS, MISSING_IMAGES, "provenance", GatesSection.ID);

    private BuiltInSections() {
    }

    /**
     * A built-in section: its id, its title and how it renders.
     *
     * @param id    the id, the HTML anchor
     * @param title the title
     * @param body  writes the section
     */
    record Section(String id, String title, BiConsumer<SectionWriter, ErrorAnalysis> body) implements ReportSection {
        @Override
        public void render(SectionWriter out, ErrorAnalysis analysis) {
            body.accept(out, analysis);
        }
    }

    /** The built-in sections before the metrics and the user's sections, the optional ones only when they apply. */
    static List<ReportSection> leading(ReportContext c) {
        List<ReportSection> out = new ArrayList<>(List.of(
                new Section(SUMMARY, c.title, (w, a) -> summary(c, w, a)),
                new Section(Explorer.ID, "Every mistake", (w, a) -> Explorer.gallery(c, w, a)),
                new Section("wrong-predictions", "Wrong predictions inspected", (w, a) -> inspected(c, w, a)),
                new Section("hardest-class", "Hardest class", (w, a) -> hardest(c, w, a)),
                new Section("confidence", "Confident wrong against low-confidence wrong",
                        (w, a) -> confidentAgainstUnsure(c, w, a)),
                new Section("label-issues", "Suspected label issues", (w, a) -> labelIssues(c, w, a)),
                new Section("calibration", "Calibration", (w, a) -> calibration(c, w, a)),
                new Section(SelectiveSection.ID, SelectiveSection.TITLE, (w, a) -> SelectiveSection.render(c, w, a)),
                new Section("confusion", "Confusion matrix", (w, a) -> confusion(c, w, a))));
        EvidenceSection.addAfter(out, "confidence", c);
        if (!c.history.isEmpty()) {
            out.add(new Section("training-history", "Training history", (w, a) -> trainingHistory(c, w, a)));
        }
        c.comparison.ifPresent(x -> out.add(new Section("comparison", "Model comparison",
                (w, a) -> comparison(c, x, w, a))));
        if (!c.occlusions.isEmpty()) {
            out.add(new Section("occlusion", "Occlusion maps", (w, a) -> occlusions(c, w, a)));
        }
        return out;
    }

    /** The built-in sections after the user's: missing images (when some were) and provenance. */
    static List<ReportSection> trailing(ReportContext c) {
        List<ReportSection> out = new ArrayList<>();
        if (!c.missing().isEmpty()) {
            out.add(new Section(MISSING_IMAGES, "Missing images", (w, a) -> missingImages(c, w, a)));
        }
        out.add(new Section("provenance", "Provenance", (w, a) -> provenance(c, w, a)));
        return out;
    }

    /**
     * The headline under the report's title: accuracy with its interval, macro and weighted F1 with their bootstrap
     * intervals (the statistics' own, as report.json has them), then top-k accuracies for k = 1, 3, 5 where there
     * are that many classes.
     */
    private static void summary(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        int n = analysis.examples();
        ReportStatistics s = c.statistics;
        Interval macro = s.statistics().macroF1();
        Interval weighted = s.weightedF1(analysis);
        String f1 = macro.method().equals(weighted.method()) && macro.level() == weighted.level()
                ? "macro F1 " + bounds(macro) + ", weighted F1 " + bounds(weighted) + " (" + Formats.level(
                        macro.level()) + " " + macro.method() + ")"
                : "macro F1 " + macro + ", weighted F1 " + weighted;
        out.paragraph(Formats.format("%d examples of %d classes, %d right and %d wrong: accuracy %s; %s.", n,
                analysis.classCount(), analysis.correct(), n - analysis.correct(), s.statistics().accuracy(), f1));
        List<List<String>> rows = new ArrayList<>();
        for (int k : ErrorReport.topK(analysis.classCount())) {
            rows.add(List.of(Integer.toString(k), Formats.ratio(analysis.topKAccuracy(k))));
        }
        out.table(List.of("k", "top-k accuracy"), rows);
    }

    /** An estimate with its bounds, "0.6944 [0.6654, 0.7232]", or "no examples" when undefined. */
    private static String bounds(Interval i) {
        return Formats.ratioInterval(i.estimate(), i.lower(), i.upper());
    }

    /** The first, the most confident and the least confident wrong predictions. */
    private static void inspected(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        List<Integer> first = c.picks.firstWrong();
        if (first.isEmpty()) {
            out.paragraph("The model made no wrong predictions: there is nothing to inspect.");
            return;
        }
        out.paragraph(Formats.format("The first %d of %d wrong predictions, by example index.", first.size(),
                analysis.wrong().size()));
        out.figure("wrong-first", c.grid(first), "The first wrong predictions: predicted, true class and confidence");
        out.table(ReportContext.EXAMPLE_HEADER, c.exampleRows(first));
        out.figure("wrong-most-confident", c.grid(c.picks.mostConfidentWrong()),
                "The most confident wrong predictions");
        out.figure("wrong-least-confident", c.grid(c.picks.leastConfidentWrong()),
                "The least confident wrong predictions");
    }

    /** The hardest class with its interval and test, the per-class table and figure, and one reason it is hard. */
    private static void hardest(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        ReportStatistics statistics = c.statistics;
        HardestClass h = analysis.hardest();
        io.github.erroranalysis.HonestHardest honest = statistics.hardest();
        // the verdict once, in one sentence: the class, its interval, and the test against the runner-up
        out.paragraph(Formats.format("Hardest class: %s: accuracy %s (%d of %d right), %s interval [%s, %s]%s.",
                honest.verdict(), Formats.ratio(h.accuracy()), h.correct(), h.support(),
                statistics.intervalMethod(), Formats.ratio(statistics.low(h.index())),
                Formats.ratio(statistics.high(h.index())), honest.runnerUp().map(r -> Formats.format(
                        "; runner-up %s %s (%d of %d right), Fisher's exact p = %s", r.className(),
                        Formats.ratio(r.accuracy()), r.correct(), r.support(), Formats.pValue(honest.pValue())))
                        .orElse("")));
        perClassTable(c, out, analysis);
        double[] low = new double[analysis.classCount()];
        double[] high = new double[analysis.classCount()];
        for (int k = 0; k < low.length; k++) {
            low[k] = statistics.low(k);
            high[k] = statistics.high(k);
        }
        String whiskers = "whiskers: " + statistics.intervalMethod() + " intervals; hardest class in red";
        int classes = analysis.classCount();
        out.figure("per-class-accuracy", Figures.perClassAccuracy(analysis, low, high, whiskers),
                "Per-class accuracy, " + whiskers + (classes > Figures.MAX_CLASSES_DRAWN
                        ? "; " + Figures.lowestAccuracyNote(classes) + ", lowest first" : ""));
        out.subheading("One reason this class may be hard");
        Optional<ConfusedPair> pair = ErrorReport.hardestPair(analysis);
        if (pair.isEmpty()) {
            out.paragraph(h.name() + " is never predicted as another class.");
        } else {
            ConfusedPair p = pair.get();
            out.paragraph(Formats.format("%s is most often mistaken for %s: %d of its %d examples (%s).",
                    p.trueClassName(), p.predictedClassName(), p.count(), h.support(),
                    Formats.percentOneDecimal(p.shareOfTrueClass())));
            out.figure("hardest-pair", c.grid(c.picks.hardestPair()), p.trueClassName() + " predicted as "
                    + p.predictedClassName());
        }
        List<Integer> check = c.picks.hardestCheck();
        out.paragraph("The evidence check: the most confident right prediction of " + h.name()
                + " next to its most confident wrong one.");
        out.figure("hardest-right-vs-wrong", c.grid(check), "One right next to one wrong prediction of " + h.name());
    }

    /** The per-class table: support, accuracy with its interval, precision, recall, F1. */
    private static void perClassTable(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        PrecisionRecallF1 scores = analysis.precisionRecallF1();
        List<List<String>> rows = new ArrayList<>();
        for (ClassAccuracy a : analysis.perClassAccuracy().classes()) {
            ClassScores s = scores.perClass().get(a.classIndex());
            rows.add(List.of(a.className(), Long.toString(a.support()), Formats.ratio(a.accuracy()),
                    Formats.ratio(c.statistics.low(a.classIndex())), Formats.ratio(c.statistics.high(a.classIndex())),
                    Formats.ratio(s.precision()), Formats.ratio(s.recall()), Formats.ratio(s.f1())));
        }
        out.table(List.of("class", "support", "accuracy", "ci low", "ci high", "precision", "recall", "f1"), rows);
    }

    /** Error rate by confidence band, and the most confident wrong prediction next to the least confident one. */
    private static void confidentAgainstUnsure(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        ConfidenceBands bands = analysis.confidenceBands();
        List<List<String>> rows = new ArrayList<>();
        for (ConfidenceBand b : bands.bands()) {
            rows.add(List.of(Formats.format("[%.1f, %.1f%s", b.lower(), b.upper(), b.upper() >= 1 ? "]" : ")"),
                    Long.toString(b.predictions()), Long.toString(b.wrong()),
                    Formats.percentOneDecimal(b.errorRate())));
        }
        out.table(List.of("confidence", "predictions", "wrong", "error rate"), rows);
        List<Integer> pair = c.picks.confidentVsUnsure();
        if (pair.isEmpty()) {
            out.paragraph("There are no wrong predictions to compare.");
            return;
        }
        out.paragraph("The most confident wrong prediction next to the least confident one: a confident mistake is "
                + "the more dangerous, because nothing flags it for review.");
        out.figure("confident-vs-unsure", c.grid(pair),
                "Confident wrong (left) against low-confidence wrong (right)");
    }

    /**
     * The wrong predictions that look like label issues, most suspect first, next to how many a model this accurate
     * would flag by chance if every label were right, with their nearest training examples when the report has
     * them; the grid draws the most suspect issues that the most-confident-wrong grid does not.
     */
    private static void labelIssues(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        List<ReportStatistics.LabelIssue> issues = c.statistics.labelIssues();
        double expected = c.statistics.labelIssuesExpectedByChance();
        leak(c).ifPresent(out::paragraph);
        if (issues.isEmpty()) {
            out.paragraph(Formats.format("No wrong prediction looks like a label issue (about %.0f would be flagged "
                    + "by chance from a model this accurate whose probabilities are honest).", expected));
            return;
        }
        out.paragraph(labelIssueVerdict(issues.size(), expected, analysis.triage().lowLabelProbability()));
        List<ReportStatistics.LabelIssue> shown = issues.subList(0, c.picks.labelIssues().size());
        out.paragraph(Formats.format("The %d most suspect:", shown.size()));
        c.show(shown.stream().map(ReportStatistics.LabelIssue::index).toList());
        boolean neighbours = c.explanations.training().isPresent();
        List<String> header = new java.util.ArrayList<>(List.of("example", "given class", "suggested class",
                "margin: given label's probability − best other's (−1 to 0, lower is more suspect)"));
        if (neighbours) {
            header.add("nearest training examples (class, distance)");
        }
        out.table(header, shown.stream().map(i -> {
            List<String> row = new java.util.ArrayList<>(List.of(Integer.toString(i.index()), i.givenClass(),
                    i.suggestedClass(), Formats.ratio(i.score())));
            if (neighbours) {
                row.add(neighbourText(c, i.index()));
            }
            return List.copyOf(row);
        }).toList());
        out.figure("label-issues", c.grid(c.picks.labelIssueGrid()), "The most suspect labels not already in the "
                + "most-confident-wrong grid (True is the given label)");
        if (neighbours) {
            List<NeighbourStrips.Row> rows = new java.util.ArrayList<>();
            for (int i : c.picks.labelIssueGrid()) {
                List<TrainingNeighbour> near = c.explanations.of(i).map(ExampleEvidence::nearestTrainingExamples)
                        .orElse(List.of());
                if (near.isEmpty()) {
                    continue;
                }
                NeighbourStrips.Tile example = new NeighbourStrips.Tile(List.of("#" + i,
                        "given: " + c.names.get(analysis.trueClass(i)),
                        "model: " + c.names.get(analysis.predictedClass(i))), c.image(i), "#" + i);
                rows.add(new NeighbourStrips.Row(example, near.stream()
                        .map(n -> NeighbourStrips.neighbour(n, c.names, c.trainingImage(n.trainIndex(), n.trainOrigin())))
                        .toList()));
            }
            if (!rows.isEmpty()) {
                out.figure("label-issue-neighbours", NeighbourStrips.paint(rows), "Each suspect label (left: the "
                        + "given label and the model's prediction) beside its nearest training examples in the model's "
                        + "embedding, with their labels: neighbours of the given class speak for the label");
            }
        }
    }

    /**
     * Says how the flagged count compares with chance: above when it exceeds the expected count by more than two
     * standard deviations (a sum of independent flags has a variance of at most its mean), below likewise, else
     * about the same.
     */
    static String labelIssueVerdict(int flagged, double expected, double lowLabelProbability) {
        double sd = Math.sqrt(Math.max(expected, 1));
        String counts = Formats.format("%d wrong predictions look like label issues (the given label below %.0f %% "
                + "while another class is above its threshold); about %.0f would be flagged by chance from a model "
                + "this accurate whose probabilities are honest, if every given label were right", flagged,
                100 * lowLabelProbability, expected);
        if (flagged > expected + 2 * sd) {
            double excess = flagged - expected;
            return counts + (excess < flagged / 2.0
                    ? Formats.format(": most are likely the model's own errors; the excess of about %.0f over chance "
                            + "is where wrong labels may be.", excess)
                    : Formats.format(": more than chance explains, so about %.0f of them may really be wrong labels.",
                            excess));
        }
        if (flagged < expected - 2 * sd) {
            return counts + ": far fewer, so the probabilities are not honest (too unsure: see the calibration) and "
                    + "this estimate says little; judge the flags by their nearest training examples.";
        }
        return counts + ": about what chance gives, so most are likely the model's own errors, not wrong labels.";
    }

    /** The nearest training examples of an example as "ship 3.54; airplane 3.88", or a dash without them. */
    /**
     * Says how many explained examples have an identical image (the same model input) among their nearest training
     * examples, when any has: the test set leaks into the training data.
     */
    static Optional<String> leak(ReportContext c) {
        int identical = c.explanations.training().map(Explanations.TrainingSearch::identicalImages).orElse(0);
        if (identical == 0) {
            return Optional.empty();
        }
        return Optional.of(Formats.format("%d of the %d explained mistakes have an identical image in the training "
                + "data (the same model input, marked \"identical image\" among their nearest training examples): the "
                + "test set leaks into the training data, so its accuracy overstates how the model does on new images.",
                identical, c.explanations.examples().size()));
    }

    private static String neighbourText(ReportContext c, int example) {
        List<TrainingNeighbour> near = c.explanations.of(example).map(ExampleEvidence::nearestTrainingExamples)
                .orElse(List.of());
        if (near.isEmpty()) {
            return "-";
        }
        return String.join("; ", near.stream().map(n -> c.names.get(n.trueClass()) + " "
                + Formats.format("%.2f", n.distance()) + (n.identical() ? " (identical image)" : "")).toList());
    }

    /** ECE with its bootstrap interval, MCE, Brier, log loss, reliability diagram, confidence chart. */
    private static void calibration(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        Calibration cal = analysis.calibration();
        Interval e = c.statistics.ece();
        out.paragraph(Formats.format("ECE %s, %.0f %% %s interval [%s, %s].", Formats.ratio(e.estimate()),
                100 * e.level(), e.method(), Formats.ratio(e.lower()), Formats.ratio(e.upper())));
        out.paragraph(Formats.format("Expected calibration error (15 bins) %s, maximum calibration error %s, Brier "
                + "score %s, log loss %s.", Formats.ratio(cal.ece()), Formats.ratio(cal.maxCalibrationError()),
                Formats.ratio(cal.brierScore()), Formats.ratio(cal.logLoss())));
        out.figure("reliability", c.reliabilityDiagram(), "Reliability diagram with the count of each bin");
        out.figure("confidence-histogram", c.confidenceHistogram(),
                "Confidence of right and wrong predictions");
        c.temperature.ifPresent(t -> TemperatureScalingBlock.render(t, out));
    }

    /** The confusion matrix (rows true, columns predicted) and the most confused pairs. */
    private static void confusion(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        out.paragraph("Rows are true classes, columns predicted classes; colour is the share of the row.");
        ConfusionMatrix m = analysis.confusion();
        Explorer.matrix(out, analysis, md -> md.figure("confusion-matrix", c.confusionMatrix(),
                m.classCount() > Figures.MAX_CLASSES_DRAWN ? "Confusion matrix of "
                        + Figures.mostMistakesNote(m.classCount()) + ", rows true, columns predicted (the whole matrix "
                        + "is in " + ErrorReport.JSON_FILE + ")" : "Confusion matrix, rows true, columns predicted"));
        List<ConfusedPair> pairs = m.mostConfused(5);
        if (!pairs.isEmpty()) {
            out.table(List.of("true class", "predicted as", "count", "share of true class"),
                    pairs.stream().map(p -> List.of(p.trueClassName(), p.predictedClassName(),
                            Long.toString(p.count()), Formats.percentOneDecimal(p.shareOfTrueClass()))).toList());
        }
    }

    /** Loss and accuracy curves of the training history given to the report. */
    private static void trainingHistory(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        out.figure("training-history", Figures.trainingHistory(c.history),
                "Loss and accuracy per epoch, train against validation");
    }

    /** The comparison with a second model: accuracies, McNemar test, per-class figure and flipped examples. */
    private static void comparison(ReportContext c, ErrorReport.Comparison x, SectionWriter out,
            ErrorAnalysis analysis) {
        ModelComparison r = x.result();
        out.paragraph(Formats.format("%s (baseline): accuracy %s; %s (candidate): accuracy %s on the same %d "
                + "examples.", x.baselineName(), Formats.ratio(analysis.accuracy()), x.candidateName(),
                Formats.ratio(x.candidate().accuracy()), analysis.examples()));
        out.paragraph(Formats.format("Flipped examples: %d right only by %s, %d right only by %s; %s.",
                r.mcnemar().rightToWrong(), x.baselineName(), r.mcnemar().wrongToRight(), x.candidateName(),
                r.mcnemar()));
        out.paragraph(Formats.format("Selective prediction: AURC %s (baseline) and %s (candidate). ",
                Formats.ratio(r.selectivePrediction().baselineAurc()), Formats.ratio(r.selectivePrediction()
                        .candidateAurc())) + ComparisonReport.aurcChange(r.selectivePrediction().aurcDifference(),
                                x.baselineName(), x.candidateName()));
        int classes = analysis.classCount();
        out.figure("comparison", Figures.comparison(r, x.baselineName(), x.candidateName()),
                "Per-class accuracy of " + x.baselineName() + " and " + x.candidateName()
                        + (classes > Figures.MAX_CLASSES_DRAWN ? ", " + Figures.largestChangesNote(classes) : ""));
        List<FlippedExample> flipped = new ArrayList<>();
        r.flips(Flip.RIGHT_TO_WRONG).stream().limit(c.perGrid).forEach(flipped::add);
        r.flips(Flip.WRONG_TO_RIGHT).stream().limit(c.perGrid).forEach(flipped::add);
        if (!flipped.isEmpty()) {
            c.show(flipped.stream().map(FlippedExample::index).toList());
            out.table(List.of("example", "true", "flip", x.baselineName(), x.candidateName()),
                    flipped.stream().map(f -> List.of(Integer.toString(f.index()), f.trueClassName(),
                            f.flip().toString(), f.baselinePredictedName(), f.candidatePredictedName())).toList());
            out.figure("comparison-flipped", c.grid(flipped.stream().map(FlippedExample::index).toList()),
                    "Flipped examples as " + x.baselineName() + " predicted them");
        }
    }

    /** The occlusion maps given to the report, one figure per example and class. */
    private static void occlusions(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        out.paragraph("Where a grey patch covers the image, how much the probability of the class drops; yellow "
                + "boxes the most important region, cyan a random region of the same size (the faithfulness "
                + "check).");
        for (ErrorReport.Occlusions o : c.occlusions) {
            OcclusionMap map = o.map();
            String className = c.names.get(map.classIndex());
            out.figure(ErrorReport.occlusionFigureName(o.example(), map.classIndex(), className),
                    Figures.occlusion(c.image(o.example()), map, className),
                    Formats.format("Example %d: occlusion sensitivity of %s", o.example(), className));
        }
    }

    /** The examples shown whose image could not be found, drawn as placeholders. */
    private static void missingImages(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        List<Integer> missing = c.missing();
        List<String> shown = missing.stream().limit(20).map(i -> "#" + i).toList();
        out.paragraph(Formats.format("%d example image%s could not be found and %s drawn as placeholders: %s%s.",
                missing.size(), missing.size() == 1 ? "" : "s", missing.size() == 1 ? "is" : "are",
                String.join(", ", shown), missing.size() > shown.size() ? ", ..." : ""));
    }

    /**
     * Model and data with fingerprints, library version, date and seed: the provenance given to the report, else the
     * analysis's own (as report.json writes it).
     */
    private static void provenance(ReportContext c, SectionWriter out, ErrorAnalysis analysis) {
        Provenance p = c.provenance.orElseGet(analysis::provenance);
        out.table(List.of("what", "value"), List.of(
                List.of("model", p.model()), List.of("model fingerprint", p.modelFingerprint()),
                List.of("data source", p.dataSource()), List.of("data fingerprint", p.dataFingerprint()),
                List.of("library version", p.libraryVersion()), List.of("date", p.date().toString()),
                List.of("seed", Long.toString(p.seed()))));
    }
}
