package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.DuplicateAudit;
import io.github.erroranalysis.DuplicatePair;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarImages;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.examples.CifarEvidence;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The near-duplicate audit on real CIFAR-10 images: transformed copies of training images, searched with the
 * bundled baseline among 4,000 training images, are found as their originals' near-duplicates, and the score effect
 * counts them.
 */
class NearDuplicatesRealDataTest {

    private static final int TRAINING = 4000;

    @Test
    void transformedRealImagesAreFoundAsTheirOriginalsNearDuplicates() throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        assumeTrue(BundledModels.isAvailable(BundledModels.BASELINE), "the bundled baseline model is not built");
        CifarDataset all = Cifar10.open(archive).train();
        CifarDataset train = all.subset(IntStream.range(0, TRAINING).toArray());
        int[] originals = {10, 200, 777, 1500, 2222, 3000, 3999};
        List<UnaryOperator<BufferedImage>> transforms = List.of(i -> ImageTransforms.jpeg(i, 0.75f),
                i -> ImageTransforms.shift(i, 2, -1), i -> ImageTransforms.zoom(i, 1.1), ImageTransforms::flip,
                i -> ImageTransforms.colour(i, 1, 30, 0), i -> ImageTransforms.colour(i, 0.7, 0, 0),
                i -> ImageTransforms.colour(i, 1, 0, 30));
        List<byte[]> pixels = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < originals.length; k++) {
            pixels.add(CifarImages.toCifarPixels(transforms.get(k).apply(train.image(originals[k]))));
            origins.add(new Origin("copies.bin", k));
            labels.add(train.label(originals[k]));
        }
        int unrelated = 13;
        for (int k = 0; k < unrelated; k++) { // images of another batch
            pixels.add(all.pixels(40_000 + k));
            origins.add(all.origin(40_000 + k));
            labels.add(all.label(40_000 + k));
        }
        CifarDataset test = CifarDataset.of(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), origins,
                all.classNames());
        CifarModel model = BundledModels.baseline();
        ErrorAnalysis analysis = ErrorAnalysis.of(model.network(), model.iterator(test, 64));

        DuplicateAudit audit = DataAudit.duplicates(analysis, model.model(),
                new DataAudit.Data(CifarEvidence.inputs(test, model.normalization()), CifarEvidence.images(test),
                        "copies"),
                new DataAudit.Data(CifarEvidence.inputs(train, model.normalization()), CifarEvidence.images(train),
                        "data_batch_1"),
                DataAudit.Settings.DEFAULTS, Progress.NONE);

        assertThat(audit.threshold()).isEqualTo(NearDuplicates.DEFAULT_THRESHOLD);
        assertThat(audit.trainingExamples()).isEqualTo(TRAINING);
        assertThat(audit.trainingExcluded()).isZero();
        assertThat(audit.nearest()).hasSize(test.size());
        for (int k = 0; k < originals.length; k++) {
            DuplicatePair p = audit.nearest().get(k);
            assertThat(p.otherIndex()).as("the original of copy %d", k).isEqualTo(originals[k]);
            assertThat(p.distance()).as("copy %d", k).isLessThanOrEqualTo(audit.threshold());
            assertThat(p.otherOrigin()).contains(train.origin(originals[k]).toString());
        }
        assertThat(audit.duplicates()).extracting(DuplicatePair::index).contains(0, 1, 2, 3, 4, 5, 6)
                .allMatch(i -> i < originals.length, "only the copies are suspected");
        assertThat(audit.effect().suspected()).isEqualTo(audit.duplicates().size());
        assertThat(audit.effect().examples()).isEqualTo(test.size());
        assertThat(audit.withinTestDuplicates()).isEmpty();
    }
}
