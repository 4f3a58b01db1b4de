package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SliceAttribute;
import io.github.erroranalysis.SliceFinder;
import io.github.erroranalysis.SliceSearch;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.report.DataAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The slice search's false discoveries on real attributes: on the unmodified validation pile (5,000 images, the
 * bundled baseline's image attributes and embedding clusters), the examples' correctness is shuffled across
 * examples, so no slice truly fails; at FDR 0.05 the search then finds few slices: over {@value #SEEDS} shuffles at
 * most one slice on average, and some slice in at most 12 of them (Benjamini–Hochberg under the global null bounds
 * the chance of any discovery by the FDR, 0.05: 13 or more of 100 has a binomial chance of 0.0015).
 */
class SlicePermutationTest {

    /** The shuffles (one search takes some 20 ms). */
    private static final int SEEDS = 100;

    @Test
    void shuffledCorrectnessGivesFewSlices() throws Exception {
        Path archive = PlantedSlicesTest.archive();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive
                + ": the permutation check is skipped");
        assumeTrue(BundledModels.isAvailable(BundledModels.BASELINE), "the bundled baseline model is not built");
        long start = System.nanoTime();
        CifarModel model = BundledModels.baseline();
        CifarDataset validation = Piles.standardSplit(archive).validation();
        ErrorAnalysis analysis = ErrorAnalysis.of(model.network(), model.iterator(validation, 256));
        DataAudit.Settings settings = DataAudit.Settings.DEFAULTS;
        List<SliceAttribute> attributes = DataAudit.attributes(analysis, model.network(),
                new DataAudit.Data(CifarEvidence.inputs(validation, model.normalization()),
                        CifarEvidence.images(validation), "validation pile"), settings);
        double prepared = (System.nanoTime() - start) / 1e9;
        int n = analysis.examples();
        boolean[] correct = new boolean[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            correct[i] = analysis.predictedClass(i) == analysis.trueClass(i);
            labels[i] = analysis.trueClass(i);
        }
        long searches = System.nanoTime();
        SliceSearch real = SliceFinder.find(correct, labels, analysis.classNames(), attributes, settings.slices());
        int[] found = new int[SEEDS];
        int tried = real.tried();
        for (int s = 0; s < SEEDS; s++) {
            boolean[] shuffled = correct.clone();
            Random random = new Random(1000 + s);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                boolean t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            SliceSearch search = SliceFinder.find(shuffled, labels, analysis.classNames(), attributes,
                    settings.slices());
            found[s] = search.slices().size();
            tried = search.tried();
        }
        double mean = Arrays.stream(found).average().orElseThrow();
        long zero = Arrays.stream(found).filter(f -> f == 0).count();
        System.out.printf(Locale.ROOT, "permutation check: %d slices found on the real correctness; shuffled: "
                + "mean %.2f, max %d, %d of %d runs none, of %d slices tried; analysis, attributes and embedding "
                + "%.1f s, %d searches %.1f s%n", real.slices().size(), mean, Arrays.stream(found).max().orElseThrow(),
                zero, SEEDS, tried, prepared, SEEDS + 1, (System.nanoTime() - searches) / 1e9);
        assertThat(tried).as("slices tried").isGreaterThan(1000);
        assertThat(mean).as("mean slices found over shuffles %s", Arrays.toString(found)).isLessThanOrEqualTo(1.0);
        assertThat(SEEDS - zero).as("shuffles with some slice found %s", Arrays.toString(found))
                .isLessThanOrEqualTo(12);
    }
}
