package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** SaliencyMaps.explain: NHWC models refused, per-example failures left out, the sanity check never vacuous. */
class SaliencyMapsTest {

    private static final int N = 12;

    /** A small BaselineCnn-like network (convolution, global pooling, softmax) for {@code side}-pixel images. */
    private static MultiLayerNetwork network(int side, int channels, CNN2DFormat format) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(4).activation(Activation.RELU).dataFormat(format)
                        .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(side, side, channels, format)).build());
        net.init();
        return net;
    }

    private static DataSet data(INDArray x) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, N, 3);
        for (int i = 0; i < N; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return new DataSet(x, y);
    }

    private static SaliencyMaps.Result explain(MultiLayerNetwork net, INDArray x, int detailed) {
        DataSet d = data(x);
        ErrorAnalysis analysis = ErrorAnalysis.of(net, d);
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 3;
        }
        return SaliencyMaps.explain(net, ModelInputs.of(x, labels, null), analysis, List.of(0, 1, 2, 3), detailed,
                11);
    }

    @Test
    void anNhwcModelGetsNoMapsInsteadOfMapsOfTheWrongAxes() {
        MultiLayerNetwork net = network(8, 3, CNN2DFormat.NHWC);
        INDArray x = Nd4j.rand(DataType.FLOAT, N, 8, 8, 3);
        assertThat(SaliencyMaps.inputFormat(net)).isEqualTo(CNN2DFormat.NHWC);
        SaliencyMaps.Result r = explain(net, x, 2);
        assertThat(r.maps()).as("no map computed for an NHWC model").isEmpty();
        assertThat(r.sanityCheck()).isEmpty();
        assertThat(SaliencyMaps.inputFormat(network(8, 3, CNN2DFormat.NCHW))).isEqualTo(CNN2DFormat.NCHW);
    }

    @Test
    void anOcclusionThatCannotRunLeavesOnlyThatMapOut() {
        // 3×3 images: the default 4×4 occlusion patch does not fit, so the detailed examples' occlusion fails
        MultiLayerNetwork net = network(3, 1, CNN2DFormat.NCHW);
        INDArray x = Nd4j.rand(DataType.FLOAT, N, 1, 3, 3);
        SaliencyMaps.Result r = explain(net, x, 2);
        assertThat(r.maps()).containsOnlyKeys(0, 1, 2, 3);
        for (List<SaliencyMap> maps : r.maps().values()) {
            assertThat(maps).extracting(SaliencyMap::method).containsExactly(SaliencyMap.GRAD_CAM);
        }
        assertThat(r.maps().get(0).get(0).faithfulness().randomOrders()).isEqualTo(
                SaliencyMaps.DETAILED_RANDOM_ORDERS);
        assertThat(r.maps().get(3).get(0).faithfulness().randomOrders()).isEqualTo(SaliencyMaps.LIGHT_RANDOM_ORDERS);
        assertThat(r.faithfulness()).containsOnlyKeys(SaliencyMap.GRAD_CAM);
    }

    @Test
    void constantClassActivationMapsMakeTheSanityCheckInconclusiveNotAPass() {
        // constant images give spatially constant activations, so every pre-ReLU map (and its randomised twin) is
        // constant: no rank correlation exists, which used to count as 0 and pass
        MultiLayerNetwork net = network(6, 1, CNN2DFormat.NCHW);
        INDArray x = Nd4j.valueArrayOf(new long[] {N, 1, 6, 6}, 0.5f);
        GradCam cam = GradCam.of(net);
        INDArray[] images = new INDArray[4];
        int[] classes = new int[4];
        for (int k = 0; k < 4; k++) {
            images[k] = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(k, k + 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
            classes[k] = k % 3;
        }
        double[][] maps = cam.maps(Nd4j.concat(0, images), classes);
        SanityCheck s = SaliencyMaps.sanityCheck(cam, List.of(0, 1, 2, 3), images, classes, maps, 5);
        assertThat(s.constantMaps()).isEqualTo(4);
        assertThat(s.examples()).isEmpty();
        assertThat(s.inconclusive()).isTrue();
        assertThat(s.passes()).isFalse();
        assertThat(EvidenceSection.sanity(s)).contains("inconclusive");
    }

    @Test
    void theSanityCheckComparesThePreReluMapsOfVaryingImages() {
        MultiLayerNetwork net = network(6, 1, CNN2DFormat.NCHW);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 6, 6);
        GradCam cam = GradCam.of(net);
        INDArray[] images = new INDArray[4];
        int[] classes = {0, 1, 2, 0};
        for (int k = 0; k < 4; k++) {
            images[k] = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(k, k + 1),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        }
        SanityCheck s = SaliencyMaps.sanityCheck(cam, List.of(0, 1, 2, 3), images, classes,
                cam.maps(Nd4j.concat(0, images), classes), 5);
        assertThat(s.constantMaps()).isZero();
        assertThat(s.rankCorrelations()).hasSize(4);
        assertThat(s.inconclusive()).isFalse();
        assertThat(EvidenceSection.sanity(s)).contains("pre-ReLU").doesNotContain("inconclusive");
    }

    @Test
    void imageCountsInTheDocsFollowFromTheConstants() throws Exception {
        assertThat(SaliencyMaps.detailedImages()).isEqualTo(225 + 1 + 1 + (2 + SaliencyMaps.DETAILED_RANDOM_ORDERS)
                * Deletion.STEPS);
        java.nio.file.Path source = java.nio.file.Path.of("src/main/java/io/github/erroranalysis/report/"
                + "SaliencyMaps.java");
        String javadoc = java.nio.file.Files.readString(source);
        assertThat(javadoc).contains(SaliencyMaps.detailedImages() + " classified images in")
                .contains("= " + SaliencyMaps.lightImages() + " ");
        java.nio.file.Path doc = java.nio.file.Path.of("../error-analysis/REPORT.md");
        if (java.nio.file.Files.exists(doc)) {
            String md = java.nio.file.Files.readString(doc);
            assertThat(md).contains(SaliencyMaps.detailedImages() + " classified images per grid mistake")
                    .contains(SaliencyMaps.lightImages() + " per other mistake");
        }
    }
}
