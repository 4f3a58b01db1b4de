package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Grad-CAM's gradients in inference mode against finite differences, with dropout and batch normalization. */
class GradCamTest {

    private static final int N = 3;
    private static final int[] CLASSES = {0, 2, 1};

    @Test
    void networkGradientsMatchFiniteDifferencesInInferenceMode() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        train(network);
        INDArray before = network.params().dup();
        checkGradients(network);
        assertThat(network.params()).as("the user's model is left alone").isEqualTo(before);
    }

    @Test
    void graphGradientsMatchFiniteDifferencesThroughMergeAddAndBatchNorm() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("b1", new BatchNormalization.Builder().build(), "c1")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), "b1")
                .addLayer("b2", new BatchNormalization.Builder().build(), "c2")
                .addLayer("a2", new ActivationLayer.Builder().activation(Activation.TANH).build(), "c2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "b2", "a2")
                .addVertex("merge", new MergeVertex(), "add", "b2")
                .addLayer("drop", new DropoutLayer.Builder(0.5).build(), "merge")
                .addLayer("dense", new DenseLayer.Builder().nOut(6).activation(Activation.TANH).dropOut(0.5).build(),
                        "drop")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        for (int i = 0; i < 5; i++) {
            graph.fit(data(i));
        }
        checkGradients(graph);
        assertThat(GradCam.of(graph).describe()).as("the merge every path passes through").contains("'merge'");
    }

    @Test
    void residualGraphTargetsTheBlockOutputAfterTheAddAndRelu() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(8).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU).build(), "in")
                .addLayer("branch1", new ConvolutionLayer.Builder(3, 3).nOut(3).padding(1, 1)
                        .activation(Activation.IDENTITY).hasBias(false).build(), "stem")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "branch1")
                .addLayer("relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn1")
                .addLayer("branch2", new ConvolutionLayer.Builder(3, 3).nOut(3).padding(1, 1)
                        .activation(Activation.IDENTITY).build(), "relu1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "stem", "branch2")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.TANH).build(), "add")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "relu")
                .addLayer("dense", new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        for (int i = 0; i < 5; i++) {
            graph.fit(data(i));
        }
        assertThat(GradCam.of(graph).describe()).as("the block's output, not the conv in its branch")
                .startsWith("last feature map 'relu'");
        checkGradients(graph);
    }

    @Test
    void aRandomisedCopyWhoseReluLayerDiesIsDrawnAgainWithZeroMeanWeights() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        INDArray w = network.getLayer(1).getParam("W");
        w.assign(Nd4j.rand(DataType.DOUBLE, w.shape()).muli(0.02).subi(0.05)); // mean -0.04: a negative mean weight
        network.getLayer(0).getParam("b").assign(1);
        INDArray features = Nd4j.rand(DataType.DOUBLE, N, 2, 8, 8).muli(3).addi(1);
        GradCam cam = GradCam.of(network);
        assertThat(cam.randomised(1).pass(features, CLASSES).gradient().norm2Number().doubleValue())
                .as("drawn around the trained mean, the dense ReLU layer is dead").isZero();
        assertThat(cam.randomised(1, true).pass(features, CLASSES).gradient().norm2Number().doubleValue())
                .as("drawn around zero").isPositive();
    }

    @Test
    void networkTargetsItsLastConvolutionLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(4).build())
                .layer(new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        assertThat(GradCam.of(network).describe()).startsWith("last convolution layer 'layer 0'");
    }

    @Test
    void refusesAModelWithoutConvolution() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build()).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        assertThatThrownBy(() -> GradCam.of(network)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("convolution layer");
    }

    @Test
    void upsamplingKeepsAConstantAndInterpolates() {
        double[] up = GradCam.upsample(new double[] {0, 1, 0, 1}, 2, 2, 4, 4);
        assertThat(up[0]).isEqualTo(0.0);
        assertThat(up[3]).isEqualTo(1.0);
        assertThat(up[1]).isStrictlyBetween(0.0, 1.0);
        assertThat(GradCam.upsample(new double[] {2, 2, 2, 2}, 2, 2, 5, 3)).containsOnly(2.0);
    }

    private static void train(MultiLayerNetwork network) {
        for (int i = 0; i < 5; i++) {
            network.fit(data(i));
        }
    }

    private static DataSet data(int seed) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 16, 2, 8, 8).muli(3).addi(1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, (i + seed) % 3, 1);
        }
        return new DataSet(x, y);
    }

    /** The gradient at Grad-CAM's target matches central differences of the inference-mode logits. */
    private static void checkGradients(Model model) {
        GradCam cam = GradCam.of(model);
        INDArray features = Nd4j.rand(DataType.DOUBLE, N, 2, 8, 8).muli(3).addi(1);
        GradCam.Pass pass = cam.pass(features, CLASSES);
        long[] shape = pass.activations().shape();
        assertThat(shape).hasSize(4).startsWith(N);
        double[] again = cam.logits(features, CLASSES, null);
        assertThat(cam.logits(features, CLASSES, pass.activations())).containsExactly(again,
                org.assertj.core.data.Offset.offset(1e-12));
        INDArray expected = SaliencyMaps.classifier(model).orElseThrow().probabilities(features);
        double[][] z = new double[3][];
        for (int k = 0; k < 3; k++) {
            z[k] = cam.logits(features, new int[] {k, k, k}, null);
        }
        for (int i = 0; i < N; i++) {
            double sum = Math.exp(z[0][i]) + Math.exp(z[1][i]) + Math.exp(z[2][i]);
            for (int k = 0; k < 3; k++) {
                assertThat(Math.exp(z[k][i]) / sum).as("the forward pass is the model's inference")
                        .isCloseTo(expected.getDouble(i, k), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        SplittableRandom random = new SplittableRandom(3);
        double h = 1e-6;
        double largest = 0;
        for (int t = 0; t < 30; t++) {
            int i = random.nextInt(N);
            long[] at = {i, random.nextInt((int) shape[1]), random.nextInt((int) shape[2]),
                random.nextInt((int) shape[3])};
            INDArray plus = pass.activations().dup();
            plus.putScalar(at, plus.getDouble(at) + h);
            INDArray minus = pass.activations().dup();
            minus.putScalar(at, minus.getDouble(at) - h);
            double numeric = (cam.logits(features, CLASSES, plus)[i] - cam.logits(features, CLASSES, minus)[i]) / (2 * h);
            double analytic = pass.gradient().getDouble(at);
            largest = Math.max(largest, Math.abs(analytic));
            assertThat(analytic).as("d logit / d A at %s", java.util.Arrays.toString(at))
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-5 * Math.abs(numeric)));
        }
        assertThat(largest).as("the check saw gradients that are not all zero").isGreaterThan(1e-3);
        double[][] maps = cam.maps(features, CLASSES);
        assertThat(maps).hasNumberOfRows(N);
        assertThat(maps[0]).hasSize(64);
        for (double[] m : maps) {
            for (double v : m) {
                assertThat(v).isGreaterThanOrEqualTo(0.0);
            }
        }
    }
}
