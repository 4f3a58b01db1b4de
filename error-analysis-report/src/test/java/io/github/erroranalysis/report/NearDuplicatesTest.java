package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.erroranalysis.DuplicateAudit;
import io.github.erroranalysis.DuplicatePair;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.ScoreEffect;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class NearDuplicatesTest {

    private static final int SIDE = 32;
    private static final double THRESHOLD = NearDuplicates.DEFAULT_THRESHOLD;

    /** A small network over 32×32 RGB images: its penultimate layer (8 wide) is the embedding. */
    static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIDE, SIDE, 3)).build());
        net.init();
        return net;
    }

    /** A random picture: forty soft blobs of random colours on a random background, with a little noise. */
    static BufferedImage picture(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rgb = new double[3][SIDE * SIDE];
        for (int c = 0; c < 3; c++) {
            Arrays.fill(rgb[c], random.nextDouble(40, 200));
        }
        for (int b = 0; b < 40; b++) {
            double cx = random.nextDouble(SIDE);
            double cy = random.nextDouble(SIDE);
            double r = random.nextDouble(1.5, 5);
            double[] colour = {random.nextDouble(-120, 120), random.nextDouble(-120, 120),
                random.nextDouble(-120, 120)};
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double w = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * r * r));
                    for (int c = 0; c < 3; c++) {
                        rgb[c][y * SIDE + x] += w * colour[c];
                    }
                }
            }
        }
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < SIDE * SIDE; i++) {
            int p = 0;
            for (int c = 0; c < 3; c++) {
                p = (p << 8) | (int) Math.max(0, Math.min(255, Math.round(rgb[c][i] + random.nextGaussian() * 3)));
            }
            image.setRGB(i % SIDE, i / SIDE, p);
        }
        return image;
    }

    /** Images as data of the audit: model inputs (NCHW, scaled to [0, 1]) and the images themselves. */
    static DataAudit.Data data(List<BufferedImage> images, List<String> origins, String source) {
        int n = images.size();
        float[] v = new float[n * 3 * SIDE * SIDE];
        for (int k = 0; k < n; k++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int p = images.get(k).getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        v[((k * 3 + c) * SIDE + y) * SIDE + x] = ((p >> (16 - 8 * c)) & 0xFF) / 255f;
                    }
                }
            }
        }
        ModelInputs inputs = ModelInputs.of(Nd4j.create(v, new long[] {n, 3, SIDE, SIDE}, 'c'), new int[n], origins);
        List<BufferedImage> copy = List.copyOf(images);
        return new DataAudit.Data(inputs, (i, o) -> i >= 0 && i < copy.size() ? Optional.of(copy.get(i))
                : Optional.empty(), source);
    }

    private static List<String> origins(String file, int n) {
        return IntStream.range(0, n).mapToObj(i -> file + "#" + i).toList();
    }

    private static NearDuplicates.Found search(DataAudit.Data test, DataAudit.Data training) {
        List<Optional<String>> origins = IntStream.range(0, test.inputs().size())
                .mapToObj(test.inputs()::origin).toList();
        return NearDuplicates.search(network(), test, origins, training, THRESHOLD, Progress.NONE);
    }

    private static List<BufferedImage> pictures(int n, long seed) {
        return IntStream.range(0, n).mapToObj(i -> picture(seed * 1000 + i)).toList();
    }

    @Test
    void findsExactShiftedMirroredZoomedAndColourShiftedCopiesAndNoUnrelatedImage() {
        List<BufferedImage> train = pictures(60, 1);
        List<BufferedImage> test = new ArrayList<>(List.of(train.get(5), ImageTransforms.shift(train.get(7), 2, -1),
                ImageTransforms.flip(train.get(9)), ImageTransforms.colour(train.get(11), 0.7, 30, 20),
                ImageTransforms.zoom(train.get(13), 1.15), ImageTransforms.jpeg(train.get(15), 0.75f)));
        int copies = test.size();
        test.addAll(pictures(20, 2));
        int[] originals = {5, 7, 9, 11, 13, 15};
        NearDuplicates.Found found = search(data(test, origins("test", test.size()), "test"),
                data(train, origins("train", train.size()), "train"));

        assertThat(found.nearest()).hasSize(test.size());
        assertThat(found.trainingExamples()).isEqualTo(60);
        assertThat(found.trainingExcluded()).isZero();
        for (int i = 0; i < copies; i++) {
            DuplicatePair p = found.nearest().get(i);
            assertThat(p.index()).isEqualTo(i);
            assertThat(p.otherIndex()).as("the original of copy %d", i).isEqualTo(originals[i]);
            assertThat(p.distance()).as("the distance of copy %d", i).isLessThanOrEqualTo(THRESHOLD);
            assertThat(p.origin()).contains("test#" + i);
            assertThat(p.otherOrigin()).contains("train#" + originals[i]);
        }
        assertThat(found.nearest().get(0).distance()).as("an exact copy").isLessThan(1e-6);
        for (int i = copies; i < test.size(); i++) {
            assertThat(found.nearest().get(i).distance()).as("unrelated picture %d", i).isGreaterThan(THRESHOLD);
        }
        assertThat(found.duplicates()).extracting(DuplicatePair::index)
                .containsExactlyInAnyOrder(IntStream.range(0, copies).boxed().toArray(Integer[]::new));
        assertThat(found.duplicates().get(0).index()).as("the exact copy is the most suspect").isZero();
        assertThat(found.duplicates()).isSortedAccordingTo(Comparator.comparingDouble(DuplicatePair::distance));
        assertThat(found.withinTest()).isEmpty();
    }

    @Test
    void leavesOutTrainingRecordsOfATestOriginAndCountsThem() {
        List<BufferedImage> train = new ArrayList<>(pictures(30, 3));
        List<String> trainOrigins = new ArrayList<>(origins("train", 30));
        List<BufferedImage> test = pictures(5, 4);
        train.set(12, test.get(2)); // the same record read on both sides
        trainOrigins.set(12, "test#2");
        train.set(20, ImageTransforms.flip(test.get(3))); // a mirrored copy under an origin of its own
        NearDuplicates.Found found = search(data(test, origins("test", 5), "test"),
                data(train, trainOrigins, "train"));

        assertThat(found.trainingExcluded()).isEqualTo(1);
        assertThat(found.trainingExamples()).isEqualTo(29);
        assertThat(found.nearest()).extracting(DuplicatePair::otherIndex).doesNotContain(12);
        assertThat(found.nearest().get(2).distance()).isGreaterThan(THRESHOLD);
        assertThat(found.duplicates()).singleElement().satisfies(p -> {
            assertThat(p.index()).isEqualTo(3);
            assertThat(p.otherIndex()).as("indexes count every record, the left-out one too").isEqualTo(20);
        });
    }

    @Test
    void listsEachWithinTestPairOnceLowerIndexFirst() {
        List<BufferedImage> test = new ArrayList<>(pictures(12, 5));
        test.set(9, ImageTransforms.shift(ImageTransforms.flip(test.get(2)), 1, 1));
        test.set(6, test.get(4));
        test.set(11, ImageTransforms.colour(test.get(4), 1.2, -20, 0));
        NearDuplicates.Found found = search(data(test, origins("test", 12), "test"),
                data(pictures(10, 6), origins("train", 10), "train"));

        assertThat(found.duplicates()).isEmpty();
        assertThat(found.withinTest()).extracting(p -> p.index() + "-" + p.otherIndex())
                .containsExactlyInAnyOrder("2-9", "4-6", "4-11", "6-11");
        assertThat(found.withinTest().get(0).distance()).isLessThan(1e-6);
        assertThat(found.withinTest().get(0).index()).isEqualTo(4);
        assertThat(found.withinTest().get(0).otherOrigin()).contains("test#6");
        assertThat(found.withinTest()).isSortedAccordingTo(Comparator.comparingDouble(DuplicatePair::distance));
    }

    @Test
    void equalDistancesRankTheLowerIndexFirst() {
        List<BufferedImage> train = new ArrayList<>(pictures(25, 7));
        List<BufferedImage> test = new ArrayList<>(pictures(6, 8));
        train.set(17, test.get(1));
        train.set(4, test.get(1)); // two identical training copies: the lower index is the nearest
        test.set(5, test.get(1)); // and two identical test copies: equal distances, the lower test index first
        NearDuplicates.Found found = search(data(test, origins("test", 6), "test"),
                data(train, origins("train", 25), "train"));

        assertThat(found.nearest().get(1).otherIndex()).isEqualTo(4);
        assertThat(found.nearest().get(5).otherIndex()).isEqualTo(4);
        assertThat(found.duplicates()).extracting(DuplicatePair::index).containsExactly(1, 5);
        assertThat(found.withinTest()).extracting(p -> p.index() + "-" + p.otherIndex()).containsExactly("1-5");
    }

    @Test
    void theMostSimilarRowsAreTheBruteForceOnesWithTiesByTheLowerRow() {
        SplittableRandom random = new SplittableRandom(9);
        int d = 5;
        int m = 40;
        int n = 300;
        float[] q = new float[m * d];
        float[] mirror = new float[m * d];
        float[] base = new float[n * d];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian();
            mirror[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < base.length; i++) {
            base[i] = (float) Math.round(random.nextGaussian() * 2); // integer values: many exact ties
        }
        int k = 7;
        int[][] found = NearDuplicates.mostSimilar(q, mirror, base, d, k, false);
        for (int a = 0; a < m; a++) {
            double[] s = new double[n];
            for (int j = 0; j < n; j++) {
                double x = 0;
                double y = 0;
                for (int c = 0; c < d; c++) {
                    x += q[a * d + c] * base[j * d + c];
                    y += mirror[a * d + c] * base[j * d + c];
                }
                s[j] = Math.max(x, y);
            }
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> -s[j]).thenComparingInt(j -> j)).limit(k)
                    .mapToInt(Integer::intValue).sorted().toArray();
            assertThat(found[a]).as("query %d", a).containsExactly(expected);
        }
        float[] same = Arrays.copyOf(base, 30 * d);
        int[][] self = NearDuplicates.mostSimilar(same, null, same, d, 3, true);
        for (int a = 0; a < 30; a++) {
            assertThat(self[a]).hasSize(3).doesNotContain(a);
        }
    }

    @Test
    void theAuditMeasuresTheSuspectedExamplesEffectOnTheScore() {
        List<BufferedImage> train = pictures(40, 13);
        List<BufferedImage> test = new ArrayList<>(pictures(16, 14));
        for (int k = 0; k < 4; k++) {
            test.set(3 * k, ImageTransforms.colour(train.get(10 + k), 1, 25, 0));
        }
        int n = test.size();
        int[] labels = new int[n];
        float[] p = new float[2 * n];
        for (int i = 0; i < n; i++) {
            boolean right = i % 3 == 0 || i % 2 == 0; // the four copies (0, 3, 6, 9) are right, half the rest wrong
            p[2 * i] = right ? 0.9f : 0.1f;
            p[2 * i + 1] = 1 - p[2 * i];
        }
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(Nd4j.create(p, new long[] {n, 2}, 'c'), labels,
                List.of("a", "b"));
        DuplicateAudit audit = DataAudit.duplicates(analysis, network(), data(test, origins("test", n), "test"),
                data(train, origins("train", 40), "train"), DataAudit.Settings.DEFAULTS, Progress.NONE);

        assertThat(audit.threshold()).isEqualTo(NearDuplicates.DEFAULT_THRESHOLD);
        assertThat(audit.distance()).isEqualTo(NearDuplicates.DISTANCE);
        assertThat(audit.duplicates()).extracting(DuplicatePair::index).containsExactlyInAnyOrder(0, 3, 6, 9);
        assertThat(audit.nearest()).hasSize(n);
        assertThat(audit.trainingExamples()).isEqualTo(40);
        ScoreEffect effect = audit.effect();
        assertThat(effect.examples()).isEqualTo(n);
        assertThat(effect.suspected()).isEqualTo(4);
        assertThat(effect.suspectedAccuracy().estimate()).isEqualTo(1.0);
        boolean[] correct = correct(p);
        long rightRest = IntStream.range(0, n).filter(i -> i % 3 != 0 || i > 9).filter(i -> correct[i]).count();
        assertThat(effect.restAccuracy().estimate()).isCloseTo(rightRest / 12.0, within(1e-12));
        assertThat(effect).isEqualTo(ScoreEffect.of(correct, suspected(n, 0, 3, 6, 9), NearDuplicates.LEVEL));
    }

    private static boolean[] correct(float[] p) {
        boolean[] c = new boolean[p.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = p[2 * i] > p[2 * i + 1];
        }
        return c;
    }

    private static boolean[] suspected(int n, int... indexes) {
        boolean[] s = new boolean[n];
        for (int i : indexes) {
            s[i] = true;
        }
        return s;
    }

    @Test
    void theAuditNeedsOneTestExamplePerAnalysedExample() {
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(Nd4j.create(new float[] {0.9f, 0.1f}, new long[] {1, 2},
                'c'), new int[1], List.of("a", "b"));
        assertThatThrownBy(() -> DataAudit.duplicates(analysis, network(), data(pictures(2, 15), origins("t", 2),
                "the test folder"), data(pictures(2, 16), origins("u", 2), "train"), DataAudit.Settings.DEFAULTS,
                Progress.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the test folder")
                .hasMessageContaining("2 examples").hasMessageContaining("1");
    }

    @Test
    void theThresholdDefaultsForNaNAndMustBeADistance() {
        assertThat(NearDuplicates.threshold(Double.NaN)).isEqualTo(NearDuplicates.DEFAULT_THRESHOLD);
        assertThat(NearDuplicates.threshold(0.3)).isEqualTo(0.3);
        assertThatThrownBy(() -> NearDuplicates.threshold(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.1");
    }

    @Test
    void aMissingImageIsNamed() {
        List<BufferedImage> test = pictures(3, 10);
        DataAudit.Data withHole = new DataAudit.Data(data(test, origins("test", 3), "test").inputs(),
                (i, o) -> i == 1 ? Optional.empty() : Optional.of(test.get(i)), "the test folder");
        assertThatThrownBy(() -> search(withHole, data(pictures(4, 11), origins("train", 4), "train")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test example 1 (test#1)")
                .hasMessageContaining("the test folder");
    }

    @Test
    void theDistanceIgnoresBrightnessContrastAndMirrorButNotADifferentPicture() {
        BufferedImage a = picture(12);
        PixelDescriptors.Query q = PixelDescriptors.query(PixelDescriptors.pixels(a));
        assertThat(PixelDescriptors.distance(q, PixelDescriptors.pixels(a))).isLessThan(1e-6);
        assertThat(PixelDescriptors.distance(q, PixelDescriptors.pixels(ImageTransforms.colour(
                ImageTransforms.flip(a), 0.5, 40, 0)))).isLessThan(0.01);
        Set<Double> others = new HashSet<>();
        for (int s = 0; s < 10; s++) {
            others.add(PixelDescriptors.distance(q, PixelDescriptors.pixels(picture(100 + s))));
        }
        assertThat(others).allSatisfy(d -> assertThat(d).isGreaterThan(THRESHOLD));
    }
}
