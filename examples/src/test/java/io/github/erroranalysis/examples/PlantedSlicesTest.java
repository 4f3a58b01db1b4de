package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Slice;
import io.github.erroranalysis.SliceCondition;
import io.github.erroranalysis.SliceSearch;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.report.DataAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The slice search finds slices planted in real data: on the 5,000 images of the standard validation pile, 30 % of
 * one class's images (a seeded random subset) are darkened (RGB × {@value #DARKEN}) or blurred (a 3 × 3 box blur
 * twice); the bundled baseline fails more on them, and {@link DataAudit#slices} ranks first or second a slice of that
 * class, over brightness or sharpness, at least 80 % of whose members were planted.
 */
class PlantedSlicesTest {

    /** The share of the class's images planted. */
    static final double SHARE = 0.3;

    /** The factor the darkened images' RGB values are multiplied by. */
    static final double DARKEN = 0.35;

    /** The seed of the planted subsets. */
    static final long SEED = 18;

    private static CifarModel model;
    private static CifarDataset validation;

    @BeforeAll
    static void load() throws Exception {
        Path archive = archive();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive
                + ": the planted-slice check is skipped");
        assumeTrue(BundledModels.isAvailable(BundledModels.BASELINE), "the bundled baseline model is not built");
        model = BundledModels.baseline();
        validation = Piles.standardSplit(archive).validation();
        assertThat(validation.size()).isEqualTo(5000);
    }

    static Path archive() {
        return Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10", "cifar-10-binary-train.tar.gz")
                .toAbsolutePath();
    }

    @Test
    void darkenedAutomobilesAreFoundAsADarkSliceOfAutomobiles() throws Exception {
        planted("automobile", PlantedSlicesTest::darken, Set.of("brightness"));
    }

    @Test
    void blurredTrucksAreFoundAsABlurredSliceOfTrucks() throws Exception {
        planted("truck", PlantedSlicesTest::blur, Set.of("sharpness", "edge density"));
    }

    private static void planted(String className, UnaryOperator<byte[]> plant, Set<String> about)
            throws Exception {
        long start = System.nanoTime();
        int target = validation.classNames().indexOf(className);
        List<Integer> ofClass = new ArrayList<>();
        for (int i = 0; i < validation.size(); i++) {
            if (validation.label(i) == target) {
                ofClass.add(i);
            }
        }
        java.util.Collections.shuffle(ofClass, new Random(SEED));
        BitSet planted = new BitSet();
        ofClass.subList(0, (int) Math.round(SHARE * ofClass.size())).forEach(planted::set);
        List<byte[]> images = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        for (int i = 0; i < validation.size(); i++) {
            images.add(planted.get(i) ? plant.apply(validation.pixels(i)) : validation.pixels(i));
            origins.add(validation.origin(i));
        }
        CifarDataset pile = CifarDataset.of(images, validation.labels(), origins, validation.classNames());
        ErrorAnalysis analysis = ErrorAnalysis.of(model.network(), model.iterator(pile, 256));
        double analysed = seconds(start);
        // the plant hurts the baseline: accuracy on the planted images well below the class's other images
        int[] in = counts(analysis, planted, target, true);
        int[] out = counts(analysis, planted, target, false);
        double plantedAccuracy = (double) in[0] / in[1];
        double otherAccuracy = (double) out[0] / out[1];
        System.out.printf(Locale.ROOT, "%s plant: accuracy %.3f on the %d planted vs %.3f on the class's other %d%n",
                className, plantedAccuracy, in[1], otherAccuracy, out[1]);
        assertThat(plantedAccuracy).as("the plant hurts the baseline on %s", className)
                .isLessThan(otherAccuracy - 0.15);
        long search = System.nanoTime();
        SliceSearch found = DataAudit.slices(analysis, model.network(),
                new DataAudit.Data(CifarEvidence.inputs(pile, model.normalization()), CifarEvidence.images(pile),
                        "planted validation pile"), DataAudit.Settings.DEFAULTS);
        System.out.printf(Locale.ROOT, "%s plant: analysis %.1f s, slice search %.1f s, %d slices tried, %d found%n",
                className, analysed, seconds(search), found.tried(), found.slices().size());
        List<Slice> top = found.slices().subList(0, Math.min(5, found.slices().size()));
        for (int r = 0; r < top.size(); r++) {
            Slice s = top.get(r);
            System.out.printf(Locale.ROOT, "  #%d precision %.2f (%d of %d planted): %s; accuracy %.3f vs %.3f, "
                    + "p = %.2e, q = %.2e%n", r + 1, precision(s, planted), plantedMembers(s, planted), s.support(),
                    s.description(), s.accuracy().estimate(), s.restAccuracy(), s.pValue(), s.qValue());
        }
        for (int r = 0; r < found.slices().size(); r++) { // the plainest words of the plant: one condition
            Slice s = found.slices().get(r);
            if (s.conditions().size() == 1 && about.contains(s.conditions().get(0).attribute())
                    && className.equals(s.className())) {
                System.out.printf(Locale.ROOT, "  first one-condition slice on %s: #%d precision %.2f: %s; q = %.2e%n",
                        about, r + 1, precision(s, planted), s.description(), s.qValue());
                break;
            }
        }
        assertThat(top.subList(0, Math.min(2, top.size())))
                .as("the first two slices found for the %s plant", className)
                .anySatisfy(s -> {
                    assertThat(s.className()).isEqualTo(className);
                    assertThat(s.conditions()).extracting(SliceCondition::attribute).containsAnyElementsOf(about);
                    assertThat(precision(s, planted)).isGreaterThanOrEqualTo(0.8);
                    assertThat(s.qValue()).isLessThanOrEqualTo(found.fdr());
                });
    }

    private static int[] counts(ErrorAnalysis analysis, BitSet planted, int target, boolean inPlant) {
        int correct = 0;
        int n = 0;
        for (int i = 0; i < analysis.examples(); i++) {
            if (analysis.trueClass(i) == target && planted.get(i) == inPlant) {
                n++;
                correct += analysis.predictedClass(i) == target ? 1 : 0;
            }
        }
        return new int[] {correct, n};
    }

    private static int plantedMembers(Slice s, BitSet planted) {
        int k = 0;
        for (int m : s.members()) {
            k += planted.get(m) ? 1 : 0;
        }
        return k;
    }

    private static double precision(Slice s, BitSet planted) {
        return (double) plantedMembers(s, planted) / s.support();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Multiplies every channel by {@value #DARKEN}. */
    static byte[] darken(byte[] pixels) {
        byte[] out = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (byte) Math.round((pixels[i] & 0xff) * DARKEN);
        }
        return out;
    }

    /** A 3 × 3 box blur of each channel plane (borders clamped), twice. */
    static byte[] blur(byte[] pixels) {
        return box(box(pixels));
    }

    private static byte[] box(byte[] pixels) {
        int side = CifarDataset.SIDE;
        byte[] out = new byte[pixels.length];
        for (int plane = 0; plane < CifarDataset.CHANNELS; plane++) {
            int base = plane * CifarDataset.PLANE_BYTES;
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int sum = 0;
                    for (int dr = -1; dr <= 1; dr++) {
                        for (int dc = -1; dc <= 1; dc++) {
                            int rr = Math.min(side - 1, Math.max(0, r + dr));
                            int cc = Math.min(side - 1, Math.max(0, c + dc));
                            sum += pixels[base + rr * side + cc] & 0xff;
                        }
                    }
                    out[base + r * side + c] = (byte) Math.round(sum / 9.0);
                }
            }
        }
        return out;
    }
}
