package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.io.Formats;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the built-in sections read beside the analysis while a report is built: the report's optional parts, its
 * statistics, and the example images (fetched once each, the missing ones noted for the "Missing images" section).
 */
final class ReportContext {

    private static final Logger LOG = LoggerFactory.getLogger(ReportContext.class);

    final ErrorAnalysis analysis;
    final String title;
    final Optional<Provenance> provenance;
    final List<TrainingEpoch> history;
    final ReportStatistics statistics;
    final Optional<ErrorReport.Comparison> comparison;
    final List<ErrorReport.Occlusions> occlusions;
    final int perGrid;
    final List<String> names;
    /** The examples each grid shows, chosen once. */
    final Picks picks;
    /** The evidence (saliency maps, nearest training examples) of the explained examples. */
    final Explanations explanations;
    /** The temperature given to the report, shown in the calibration section, if any. */
    final Optional<ErrorReport.Temperature> temperature;
    private final ImageSource images;
    /** The training images of the evidence's neighbours, or null without evidence. */
    private final ImageSource evidenceImages;
    private final Map<Integer, Optional<BufferedImage>> imageCache = new HashMap<>();
    private final TreeSet<Integer> missing = new TreeSet<>();
    private final TreeSet<Integer> shown = new TreeSet<>();
    /** The charts that depend on the analysis alone, drawn on another core while the sections before them render. */
    private final CompletableFuture<BufferedImage> reliability;
    private final CompletableFuture<BufferedImage> confidenceHistogram;
    private final CompletableFuture<BufferedImage> confusionMatrix;
    private final CompletableFuture<BufferedImage> riskCoverage;

    ReportContext(ErrorAnalysis analysis, String title, Optional<Provenance> provenance, List<TrainingEpoch> history,
            ReportStatistics statistics, Optional<ErrorReport.Comparison> comparison,
            List<ErrorReport.Occlusions> occlusions, ImageSource images, int perGrid, Picks picks,
            Explanations explanations, ImageSource trainingImages, Optional<ErrorReport.Temperature> temperature) {
        this.analysis = analysis;
        this.title = title;
        this.provenance = provenance;
        this.history = history;
        this.statistics = statistics;
        this.comparison = comparison;
        this.occlusions = occlusions;
        this.images = images;
        this.perGrid = perGrid;
        this.names = analysis.classNames();
        this.picks = picks;
        this.explanations = explanations;
        this.evidenceImages = trainingImages;
        this.temperature = temperature;
        this.reliability = ahead(() -> Figures.reliabilityDiagram(analysis.calibration()));
        this.confidenceHistogram = ahead(() -> Figures.confidenceHistogram(analysis));
        this.confusionMatrix = ahead(() -> Figures.confusionMatrix(analysis.confusion()));
        // the selective prediction (its sort and bootstrap) is computed with its figure, on another core
        this.riskCoverage = ahead(() -> Figures.riskCoverage(analysis, selectivePrediction()));
    }

    /**
     * The examples the report's grids show, chosen once when the report is built (so that the evidence of the
     * shown mistakes can be computed before the sections render).
     *
     * @param firstWrong the first wrong predictions by example index
     * @param mostConfidentWrong the most confident wrong predictions
     * @param leastConfidentWrong the least confident wrong predictions
     * @param hardestPair the wrong predictions of the hardest class's most confused pair, if it has one
     * @param hardestCheck the hardest class's most confident right prediction next to its most confident wrong one
     * @param confidentVsUnsure the most confident wrong prediction next to the least confident one
     * @param labelIssues the suspected label issues the report lists, most suspect first
     * @param labelIssueGrid the suspected label issues drawn in the label-issue grid: the most suspect ones that
     *                       the most-confident-wrong grid does not draw
     */
    record Picks(List<Integer> firstWrong, List<Integer> mostConfidentWrong, List<Integer> leastConfidentWrong,
            List<Integer> hardestPair, List<Integer> hardestCheck, List<Integer> confidentVsUnsure,
            List<Integer> labelIssues, List<Integer> labelIssueGrid) {

        /** How many suspected label issues the report lists. */
        static final int LABEL_ISSUES_LISTED = 10;

        /** Makes the picks of an analysis. */
        static Picks of(ErrorAnalysis analysis, ReportStatistics statistics, int perGrid) {
            List<Integer> pair = ErrorReport.hardestPair(analysis).map(p -> ExamplePicks.wrongOfPair(analysis,
                    p.trueClass(), p.predictedClass(), perGrid)).orElse(List.of());
            io.github.erroranalysis.ConfidenceBands bands = analysis.confidenceBands();
            List<Integer> vs = new java.util.ArrayList<>();
            bands.mostConfidentWrong().map(io.github.erroranalysis.WrongPrediction::index).ifPresent(vs::add);
            bands.leastConfidentWrong().map(io.github.erroranalysis.WrongPrediction::index).ifPresent(vs::add);
            List<Integer> issues = statistics.labelIssues().stream().limit(LABEL_ISSUES_LISTED)
                    .map(ReportStatistics.LabelIssue::index).toList();
            List<Integer> mostConfident = ExamplePicks.mostConfidentWrong(analysis, perGrid);
            // the label-issue grid draws the most suspect issues that the most-confident-wrong grid does not show
            java.util.Set<Integer> drawn = new java.util.HashSet<>(mostConfident);
            List<Integer> issueGrid = statistics.labelIssues().stream().map(ReportStatistics.LabelIssue::index)
                    .filter(i -> !drawn.contains(i)).limit(perGrid).toList();
            return new Picks(ExamplePicks.firstWrong(analysis, perGrid), mostConfident,
                    ExamplePicks.leastConfidentWrong(analysis, perGrid), pair,
                    ExamplePicks.correctNextToWrong(analysis, analysis.hardest().index()), List.copyOf(vs), issues,
                    issueGrid);
        }

        /** Every example drawn in a grid, in first-drawn order, without repeats. */
        List<Integer> inGrids() {
            java.util.LinkedHashSet<Integer> all = new java.util.LinkedHashSet<>();
            for (List<Integer> l : List.of(firstWrong, mostConfidentWrong, leastConfidentWrong, hardestPair,
                    hardestCheck, confidentVsUnsure, labelIssueGrid)) {
                all.addAll(l);
            }
            return List.copyOf(all);
        }
    }

    /** Starts drawing a chart on another thread (the same pixels as drawn here). */
    private static CompletableFuture<BufferedImage> ahead(Supplier<BufferedImage> chart) {
        return CompletableFuture.supplyAsync(chart);
    }

    /** Waits for a chart drawn ahead; a failure is rethrown as it was thrown. */
    private static BufferedImage drawn(CompletableFuture<BufferedImage> chart) {
        try {
            return chart.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The reliability diagram of the analysis's calibration. */
    BufferedImage reliabilityDiagram() {
        return drawn(reliability);
    }

    /** The histogram of the confidences of right and wrong predictions. */
    BufferedImage confidenceHistogram() {
        return drawn(confidenceHistogram);
    }

    /** The selective prediction the report shows, at the level of its statistics (computed once per analysis). */
    io.github.erroranalysis.SelectivePrediction selectivePrediction() {
        return analysis.selectivePrediction(statistics.statistics().level());
    }

    /** The risk–coverage figure of {@link #selectivePrediction()}. */
    BufferedImage riskCoverage() {
        return drawn(riskCoverage);
    }

    /** The confusion matrix chart. */
    BufferedImage confusionMatrix() {
        return drawn(confusionMatrix);
    }

    /** The image of an example (noted as shown), or empty (noted as missing) when the source has none or fails. */
    Optional<BufferedImage> image(int example) {
        shown.add(example);
        return imageCache.computeIfAbsent(example, i -> {
            Optional<BufferedImage> image;
            try {
                image = Objects.requireNonNullElse(images.image(i, analysis.origin(i)), Optional.empty());
            } catch (RuntimeException e) {
                LOG.warn("the image of example {} could not be read: {}", i, e.toString());
                image = Optional.empty();
            }
            if (image.isEmpty()) {
                missing.add(i);
            }
            return image;
        });
    }

    /**
     * The image of a training example (a nearest neighbour), or empty when the evidence has no training images.
     *
     * @param trainIndex the record's position in the training data
     * @param origin its origin, if known
     * @return the image, or empty
     */
    Optional<BufferedImage> trainingImage(int trainIndex, Optional<String> origin) {
        if (evidenceImages == null) {
            return Optional.empty();
        }
        try {
            return Objects.requireNonNullElse(evidenceImages.image(trainIndex, origin), Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("the image of training example {} could not be read: {}", trainIndex, e.toString());
            return Optional.empty();
        }
    }

    /**
     * The image of an analysed example without noting it as shown (the gallery shows every mistake; report.json
     * keeps only the records of the examples shown elsewhere), or empty when the source has none or fails.
     *
     * @param example the example's index
     * @return the image, or empty
     */
    Optional<BufferedImage> galleryImage(int example) {
        Optional<BufferedImage> cached = imageCache.get(example);
        if (cached != null) {
            return cached;
        }
        try {
            return Objects.requireNonNullElse(images.image(example, analysis.origin(example)), Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("the image of example {} could not be read: {}", example, e.toString());
            return Optional.empty();
        }
    }

    /** The examples shown so far whose image was missing, increasing. */
    List<Integer> missing() {
        return List.copyOf(missing);
    }

    /** Notes examples the report shows or names (in a table), whose records {@code report.json} keeps. */
    void show(List<Integer> examples) {
        shown.addAll(examples);
    }

    /** The examples shown or named so far, increasing. */
    List<Integer> shown() {
        return List.copyOf(shown);
    }

    /** Draws a grid of examples (noted as shown): each tile with predicted and true class and confidence. */
    BufferedImage grid(List<Integer> examples) {
        show(examples);
        return ExampleGridPainter.paint(Figures.tiles(analysis, examples, this::image));
    }

    /** The header of a table of examples ({@link #exampleRows}). */
    static final List<String> EXAMPLE_HEADER = List.of("example", "origin", "predicted", "true", "confidence");

    /** One row per example (noted as shown): index, origin, predicted and true class, confidence. */
    List<List<String>> exampleRows(List<Integer> examples) {
        show(examples);
        return examples.stream().map(i -> List.of(Integer.toString(i), analysis.origin(i).orElse(""),
                names.get(analysis.predictedClass(i)), names.get(analysis.trueClass(i)),
                Formats.percentOneDecimal(analysis.confidence(i)))).toList();
    }
}
