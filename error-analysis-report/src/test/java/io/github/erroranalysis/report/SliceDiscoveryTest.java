package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SliceAttribute;
import io.github.erroranalysis.SliceCondition;
import io.github.erroranalysis.SliceSearch;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The slice half of the audit on synthetic data: 300 uniform grey images of two classes, the darkest third mostly
 * misclassified; the attributes are the image attributes and an embedding cluster, the images are asked for with
 * the analysis's origins, and the search ranks first a dark slice.
 */
class SliceDiscoveryTest {

    private static final int N = 300;

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void theDarkImagesMostlyWrongAreTheFirstSliceAndTheClustersAreAnAttribute() {
        SplittableRandom random = new SplittableRandom(3);
        int[] level = new int[N];
        int[] labels = new int[N];
        double[][] p = new double[N][2];
        List<String> origins = new ArrayList<>();
        float[] x = new float[N * 4];
        for (int i = 0; i < N; i++) {
            level[i] = 20 + random.nextInt(220);
            labels[i] = i % 2;
            boolean wrong = random.nextDouble() < (level[i] < 90 ? 0.8 : 0.1);
            int predicted = wrong ? 1 - labels[i] : labels[i];
            p[i][predicted] = 0.9;
            p[i][1 - predicted] = 0.1;
            origins.add("pile#" + i);
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) random.nextGaussian();
            }
        }
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), labels, List.of("cat", "dog"))
                .withOrigins(origins);
        INDArray features = Nd4j.create(x, new long[] {N, 4}, 'c');
        ImageSource images = (i, origin) -> {
            assertThat(origin).as("the origin of example %d", i).contains("pile#" + i);
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    image.setRGB(c, r, level[i] * 0x010101);
                }
            }
            return Optional.of(image);
        };
        DataAudit.Data test = new DataAudit.Data(ModelInputs.of(features, labels, null), images, "synthetic");
        MultiLayerNetwork model = network();

        List<SliceAttribute> attributes = DataAudit.attributes(analysis, model, test, DataAudit.Settings.DEFAULTS);
        assertThat(attributes).extracting(SliceAttribute::name).containsExactly("brightness", "contrast",
                "saturation", "colourfulness", "sharpness", "edge density", "off-centre mass", "dominant hue",
                "embedding cluster");
        SliceAttribute clusters = attributes.get(8);
        assertThat(clusters.categories()).as("min(16, 300 / 25) clusters")
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        int[] sizes = new int[12];
        for (double v : clusters.values()) {
            sizes[(int) v]++;
        }
        assertThat(sizes[0]).as("cluster 1 the largest: %s", Arrays.toString(sizes))
                .isEqualTo(Arrays.stream(sizes).max().orElseThrow());
        assertThat(DataAudit.attributes(analysis, model, test, DataAudit.Settings.DEFAULTS).get(8).values())
                .as("the same seed, the same clusters").containsExactly(clusters.values());

        SliceSearch search = DataAudit.slices(analysis, model, test, DataAudit.Settings.DEFAULTS);
        assertThat(search.attributes()).hasSize(9);
        assertThat(search.slices()).isNotEmpty();
        assertThat(search.slices().get(0).conditions()).extracting(SliceCondition::attribute).contains("brightness");
        assertThat(search.slices().get(0).description()).contains("brightness in the lowest");
    }

    @Test
    void fewerThanTwoClustersAndMissingImagesAreRefusedByName() {
        int[] labels = new int[60];
        double[][] p = new double[60][2];
        for (double[] row : p) {
            row[0] = 1;
        }
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), labels, List.of("a", "b"));
        DataAudit.Data test = new DataAudit.Data(ModelInputs.of(Nd4j.rand(DataType.FLOAT, 60, 4), labels, null),
                (i, o) -> i == 7 ? Optional.empty() : Optional.of(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB)),
                "synthetic");
        DataAudit.Settings one = new DataAudit.Settings(1, Double.NaN, 1, DataAudit.Settings.DEFAULTS.slices());
        assertThatThrownBy(() -> DataAudit.attributes(analysis, network(), test, one))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 embedding clusters");
        assertThatThrownBy(() -> DataAudit.attributes(analysis, network(), test, DataAudit.Settings.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example 7");
    }
}
