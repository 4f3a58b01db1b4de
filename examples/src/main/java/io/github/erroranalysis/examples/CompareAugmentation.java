package io.github.erroranalysis.examples;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.report.ComparisonReport;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.ModelComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The course's Stage 8: did augmentation help? Both bundled models on the same bundled sample, compared honestly
 * (accuracies with intervals, the exact McNemar test, per-class changes), then one report holding both.
 *
 * <p>Usage: {@code CompareAugmentation [OUT_FOLDER]} (default {@code stage8}).
 */
public final class CompareAugmentation {

    private CompareAugmentation() {
    }

    /**
     * Compares the bundled baseline and augmented models on the bundled sample.
     *
     * @param args the output folder, optional
     * @throws IOException if a model, the images or the report cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "stage8"));
        CifarDataset images = BundledSample.load();

        // the same images through both models
        CifarModel baselineModel = BundledModels.baseline();
        CifarModel augmentedModel = BundledModels.augmented();
        ErrorAnalysis baseline = named(ErrorAnalysis.of(baselineModel.classifier(), baselineModel.iterator(images, 128)),
                BundledModels.BASELINE);
        ErrorAnalysis augmented = named(ErrorAnalysis.of(augmentedModel.classifier(),
                augmentedModel.iterator(images, 128)), BundledModels.AUGMENTED);

        // the comparison: is the change more than noise?
        ModelComparison comparison = baseline.compareWith(augmented);
        System.out.println(comparison);

        // one report with both models
        Path report = ErrorReport.builder(augmented).title("Augmented against baseline")
                .images((index, origin) -> Optional.of(images.image(index)))
                .comparison("augmented", baseline, "baseline").build().writeTo(out.resolve("report"));
        System.out.println("report: " + report.resolve(ErrorReport.HTML_FILE));

        // the comparison on its own, as cifar-errors compare writes it: figures and the flipped examples' gallery
        Path written = ComparisonReport.builder(baseline, augmented).names("baseline", "augmented")
                .comparison(comparison).images((index, origin) -> Optional.of(images.image(index))).build()
                .writeTo(out.resolve("comparison"));
        System.out.println("comparison: " + written.resolve(ComparisonReport.HTML_FILE));
    }

    /** The analysis with its model named and fingerprinted by the bundled model's bytes, as the CLI does. */
    private static ErrorAnalysis named(ErrorAnalysis analysis, String bundled) throws IOException {
        return analysis.withProvenance(analysis.provenance().withModel(bundled, BundledModels.fingerprint(bundled)));
    }
}
