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
    private final ImageSource images;
    private final Map<Integer, Optional<BufferedImage>> imageCache = new HashMap<>();
    private final TreeSet<Integer> missing = new TreeSet<>();
    private final TreeSet<Integer> shown = new TreeSet<>();
    /** The charts that depend on the analysis alone, drawn on another core while the sections before them render. */
    private final CompletableFuture<BufferedImage> reliability;
    private final CompletableFuture<BufferedImage> confidenceHistogram;
    private final CompletableFuture<BufferedImage> confusionMatrix;

    ReportContext(ErrorAnalysis analysis, String title, Optional<Provenance> provenance, List<TrainingEpoch> history,
            ReportStatistics statistics, Optional<ErrorReport.Comparison> comparison,
            List<ErrorReport.Occlusions> occlusions, ImageSource images, int perGrid) {
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
        this.reliability = ahead(() -> Figures.reliabilityDiagram(analysis.calibration()));
        this.confidenceHistogram = ahead(() -> Figures.confidenceHistogram(analysis));
        this.confusionMatrix = ahead(() -> Figures.confusionMatrix(analysis.confusion()));
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
