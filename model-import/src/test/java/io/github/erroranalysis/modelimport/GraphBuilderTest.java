package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.cifar.model.LayerHelpers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GraphBuilder against PyTorch 1.13: every op on the fixtures {@code make_op_fixtures.py} wrote, within 1e-5,
 * both on DL4J's Java path and with the native layer helpers installed.
 */
class GraphBuilderTest {

    private static final double TOLERANCE = 1e-5;

    /** One fixture folder. */
    private record Case(String name, Path folder) {

        static Case of(String name) {
            try {
                Path root = Path.of(GraphBuilderTest.class.getResource("fixtures/ops").toURI());
                return new Case(name, root.resolve(name));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        INDArray array(String file) throws IOException {
            return NpyFile.read(folder.resolve(file + ".npy")).castTo(DataType.FLOAT);
        }

        float[] floats(String file) throws IOException {
            return array(file).data().asFloat();
        }
    }

    /** Builds one op on the case's input, returns its output tensor's name. */
    @FunctionalInterface
    private interface Op {
        String apply(GraphBuilder b, String input, Case c) throws IOException;
    }

    /** Builds input -> op -> flatten -> identity output, and compares the op's activations with y.npy. */
    private static void check(String name, Op op) throws IOException {
        Case c = Case.of(name);
        INDArray x = c.array("x");
        INDArray expected = c.array("y");
        for (boolean helpers : new boolean[] {false, true}) {
            GraphBuilder b = new GraphBuilder(name + ".test");
            String input = x.rank() == 4 ? b.input("x", x.size(1), x.size(2), x.size(3), false)
                    : flatInput(b, x.size(1));
            String out = op.apply(b, input, c);
            assertThat(b.shape(out).size() * x.size(0)).as(name + " output size").isEqualTo(expected.length());
            ComputationGraph graph = b.build(b.flatten("flatten", out));
            if (helpers) {
                LayerHelpers.install(graph);
            }
            INDArray actual = activations(graph, x, x.rank() == 4 ? out : null).get(out);
            assertThat(actual.shape()).as(name + " shape").isEqualTo(expected.shape());
            double diff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber()
                    .doubleValue();
            assertThat(diff).as(name + (helpers ? " with native helpers" : "") + ": max |DL4J - PyTorch|")
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** Flat inputs: a 1×1 image flattened, so the graph's input stays an image. */
    private static String flatInput(GraphBuilder b, long features) throws ModelImportException {
        return b.flatten("flat", b.input("x", features, 1, 1, false));
    }

    private static Map<String, INDArray> activations(ComputationGraph graph, INDArray x, String unused) {
        INDArray in = x.rank() == 4 ? x : x.reshape(x.size(0), x.size(1), 1, 1);
        return graph.feedForward(new INDArray[] {in}, false, false);
    }

    private static int[] ints(int... v) {
        return v;
    }

    @Test
    void convolutionWithAsymmetricPaddingStridesAndDilations() throws IOException {
        check("conv_asym", (b, in, c) -> b.conv2d("conv/asym:0", in, c.floats("w"), 4, 3, 2, c.floats("b"),
                ints(2, 1), ints(1, 0, 2, 1), ints(2, 1)));
        check("conv_sym_nobias", (b, in, c) -> b.conv2d("conv", in, c.floats("w"), 5, 3, 3, null,
                ints(1, 1), ints(1, 1, 1, 1), ints(1, 1)));
        check("conv_stride_dilation", (b, in, c) -> b.conv2d("conv", in, c.floats("w"), 3, 3, 3, c.floats("b"),
                ints(2, 3), ints(2, 2, 2, 2), ints(2, 2)));
    }

    @Test
    void maxPoolingNeverLetsPaddingWin() throws IOException {
        check("maxpool_pad_negative", (b, in, c) -> b.maxPool("pool", in, ints(3, 3), ints(2, 2), ints(1, 1, 1, 1)));
        check("maxpool_same_negative", (b, in, c) -> b.maxPool("pool", in, ints(3, 3), ints(2, 2), ints(0, 1, 1, 1)));
        check("maxpool_crop_negative", (b, in, c) -> b.maxPool("pool", in, ints(3, 3), ints(2, 2), ints(2, 0, 0, 1)));
        check("maxpool_same_mode_negative", (b, in, c) -> b.maxPool("pool", in, ints(2, 2), ints(2, 2),
                ints(0, 0, 1, 1)));
    }

    @Test
    void averagePoolingCountsPaddingOnlyWhenAsked() throws IOException {
        check("avgpool_include_pad", (b, in, c) -> b.averagePool("pool", in, ints(3, 3), ints(2, 2),
                ints(1, 1, 1, 1), true));
        check("avgpool_exclude_pad", (b, in, c) -> b.averagePool("pool", in, ints(3, 3), ints(2, 2),
                ints(1, 1, 1, 1), false));
        check("avgpool_same_exclude_pad", (b, in, c) -> b.averagePool("pool", in, ints(3, 3), ints(2, 2),
                ints(0, 1, 1, 1), false));
        check("avgpool_same_mode_exclude_pad", (b, in, c) -> b.averagePool("pool", in, ints(2, 2), ints(2, 2),
                ints(0, 0, 1, 1), false));
        check("avgpool_crop_include_pad", (b, in, c) -> b.averagePool("pool", in, ints(3, 3), ints(2, 2),
                ints(2, 0, 0, 1), true));
        check("avgpool_crop_exclude_pad", (b, in, c) -> b.averagePool("pool", in, ints(3, 3), ints(2, 2),
                ints(2, 0, 0, 1), false));
    }

    @Test
    void poolingThatDl4jCannotDoExactlyIsRefused() throws IOException {
        GraphBuilder b = new GraphBuilder("m.onnx");
        String in = b.input("x", 1, 6, 6, false);
        assertThatThrownBy(() -> b.maxPool("pool_7", in, ints(2, 2), ints(2, 2), ints(0, 0, 1, 1)))
                .isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith("m.onnx: node 'pool_7' (MaxPool): asymmetric pads [0, 0, 1, 1]");
    }

    @Test
    void batchNormalizationOfImagesAndVectors() throws IOException {
        Op bn = (b, in, c) -> b.batchNorm("bn", in, c.floats("gamma"), c.floats("beta"), c.floats("mean"),
                c.floats("var"), 1e-3);
        check("batchnorm_image", bn);
        check("batchnorm_flat", bn);
    }

    @Test
    void denseGlobalPoolingAffineSoftmaxFlatten() throws IOException {
        // an exact identity after the dense layer keeps it a dense layer (a final one becomes the output layer)
        check("dense", (b, in, c) -> b.affine("identity", b.dense("fc", in, c.floats("w"), 5, c.floats("b")),
                new float[] {1}, new float[] {0}));
        check("global_average_pool", (b, in, c) -> b.globalAveragePool("gap", in));
        Op affine = (b, in, c) -> b.affine("scale", in, c.floats("scale"), c.floats("shift"));
        check("affine_image", affine);
        check("affine_flat", affine);
        check("softmax", (b, in, c) -> b.affine("identity", b.activation("softmax", in, new ActivationSoftmax()),
                new float[] {1}, new float[] {0}));
        check("flatten", (b, in, c) -> b.flatten("flatten_0", in));
    }

    @Test
    void addAndConcat() throws IOException {
        Op add = (b, in, c) -> b.add("add", conv1x1(b, "a", in, c.floats("wa")), conv1x1(b, "b", in, c.floats("wb")));
        check("add", add);
        check("concat", (b, in, c) -> b.concat("cat", List.of(conv1x1(b, "a", in, c.floats("wa")),
                conv1x1(b, "b", in, c.floats("wb")))));
    }

    private static String conv1x1(GraphBuilder b, String name, String in, float[] w) throws ModelImportException {
        return b.conv2d(name, in, w, 2, 1, 1, null, ints(1, 1), ints(0, 0, 0, 0), ints(1, 1));
    }

    @Test
    void aResidualNetworkEndsInAnOutputLayerWithTheDenseWeights() throws IOException {
        Case c = Case.of("residual");
        INDArray x = c.array("x");
        for (boolean softmax : new boolean[] {true, false}) {
            GraphBuilder b = new GraphBuilder("residual.onnx");
            String in = b.input("input.1", 3, 8, 8, false);
            String h = b.conv2d("/conv1/Conv", in, c.floats("c1w"), 4, 3, 3, c.floats("c1b"), ints(1, 1),
                    ints(1, 1, 1, 1), ints(1, 1));
            h = b.batchNorm("/bn1/BatchNormalization", h, c.floats("bn1g"), c.floats("bn1b"), c.floats("bn1m"),
                    c.floats("bn1v"), 1e-5);
            h = b.activation("/relu1/Relu", h, new ActivationReLU());
            String r = b.conv2d("/conv2/Conv", h, c.floats("c2w"), 4, 3, 3, null, ints(1, 1), ints(1, 1, 1, 1),
                    ints(1, 1));
            r = b.batchNorm("/bn2/BatchNormalization", r, c.floats("bn2g"), c.floats("bn2b"), c.floats("bn2m"),
                    c.floats("bn2v"), 1e-5);
            h = b.activation("/relu2/Relu", b.add("/Add", r, h), new ActivationReLU());
            h = b.concat("/Concat", List.of(b.maxPool("/MaxPool", h, ints(2, 2), ints(2, 2), ints(0, 0, 0, 0)),
                    b.averagePool("/AveragePool", h, ints(2, 2), ints(2, 2), ints(0, 0, 0, 0), false)));
            h = b.dense("/fc/Gemm", b.flatten("/Flatten", h), c.floats("fcw"), 10, c.floats("fcb"));
            if (softmax) {
                h = b.activation("/Softmax", h, new ActivationSoftmax());
            }
            ComputationGraph graph = b.build(h);
            assertThat(b.softmaxAppended()).isEqualTo(!softmax);
            String output = graph.getConfiguration().getNetworkOutputs().get(0);
            assertThat(graph.getConfiguration().getVertices().get(output)).isInstanceOf(LayerVertex.class);
            assertThat(((LayerVertex) graph.getConfiguration().getVertices().get(output)).getLayerConf().getLayer())
                    .isInstanceOf(OutputLayer.class);
            for (boolean helpers : new boolean[] {false, true}) {
                if (helpers) {
                    assertThat(LayerHelpers.install(graph)).isGreaterThanOrEqualTo(2);
                }
                INDArray y = graph.outputSingle(false, x);
                double diff = y.castTo(DataType.DOUBLE).sub(c.array("y").castTo(DataType.DOUBLE)).amaxNumber()
                        .doubleValue();
                assertThat(diff).as("max |p(DL4J) - p(PyTorch)|, helpers " + helpers).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    @Test
    void anOutputNotMadeByADenseLayerGetsAnIdentityOutputLayer() throws IOException {
        Case c = Case.of("softmax");
        INDArray x = c.array("x");
        GraphBuilder b = new GraphBuilder("allconv.h5");
        String in = b.flatten("flat", b.input("x", 7, 1, 1, false));
        ComputationGraph graph = b.build(in);
        assertThat(b.softmaxAppended()).isTrue();
        assertThat(b.notes()).anyMatch(n -> n.contains("identity output layer"));
        INDArray y = graph.outputSingle(false, x.reshape(3, 7, 1, 1));
        assertThat(y.castTo(DataType.DOUBLE).sub(c.array("y").castTo(DataType.DOUBLE)).amaxNumber().doubleValue())
                .isLessThanOrEqualTo(TOLERANCE);
        assertThat(graph.getLayer(graph.getConfiguration().getNetworkOutputs().get(0)).getParam("W")).isNotNull();
    }

    @Test
    void bgrInputReversesTheChannels() throws IOException {
        Case c = Case.of("flatten");
        INDArray x = c.array("x");
        GraphBuilder b = new GraphBuilder("bgr.onnx");
        String in = b.input("x", 3, 4, 5, true);
        String flat = b.flatten("f", in);
        ComputationGraph graph = b.build(flat);
        INDArray fed = graph.feedForward(new INDArray[] {x}, false, false).get(in);
        assertThat(fed.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex
                .point(0)).equalsWithEps(x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2)), 0)).isTrue();
        assertThat(b.notes()).anyMatch(n -> n.contains("BGR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b:c", "a_b_c", "", "input"})
    void namesAreSanitisedAndUnique(String name) throws IOException {
        GraphBuilder b = new GraphBuilder("m.onnx");
        String in = b.input("input", 3, 4, 4, false);
        String one = b.activation(name, in, new ActivationReLU());
        String two = b.activation(name, one, new ActivationReLU());
        assertThat(one).matches("[A-Za-z0-9_.-]+").isNotEqualTo(two).isNotEqualTo(in);
        b.build(b.globalAveragePool(name, two));
    }

    @Test
    void anOutputMadeByAnActivationOtherThanSoftmaxIsRefused() throws IOException {
        GraphBuilder b = new GraphBuilder("m.onnx");
        String in = b.input("input", 3, 4, 4, false);
        String scores = b.activation("sig", b.globalAveragePool("gap", in),
                new org.nd4j.linalg.activations.impl.ActivationSigmoid());
        assertThatThrownBy(() -> b.build(b.flatten("flat", scores))).isInstanceOf(ModelImportException.class)
                .hasMessage("m.onnx: the model ends in 'sigmoid' (node 'sig'), so its outputs are not one probability "
                        + "distribution over the classes; this library analyses softmax classifiers (export the "
                        + "logits or a softmax)");
    }

    @Test
    void messagesNameTheFileTheNodeAndTheShapes() throws IOException {
        GraphBuilder b = new GraphBuilder("cnn.onnx");
        String in = b.input("input", 3, 8, 8, false);
        assertThatThrownBy(() -> b.conv2d("Conv_3", in, new float[10], 4, 3, 3, null, ints(1, 1),
                ints(0, 0, 0, 0), ints(1, 1))).isInstanceOf(ModelImportException.class)
                .hasMessage("cnn.onnx: node 'Conv_3' (Conv): weights of 10 values are not [4, 3, 3, 3] for input "
                        + "[3, 8, 8]");
        assertThatThrownBy(() -> b.dense("Gemm_9", in, new float[4], 2, null)).hasMessageContaining(
                "cnn.onnx: node 'Gemm_9' (Dense): needs a flat tensor, but 'input' is an image [3, 8, 8]");
        String c1 = b.conv2d("c1", in, new float[2 * 3], 2, 1, 1, null, ints(1, 1), ints(0, 0, 0, 0), ints(1, 1));
        assertThatThrownBy(() -> b.add("Add_1", in, c1)).hasMessage("cnn.onnx: node 'Add_1' (Add): tensors 'input' "
                + "[3, 8, 8] and 'c1' [2, 8, 8] differ in shape (broadcasting is not supported)");
        assertThatThrownBy(() -> b.activation("sm", in, new ActivationSoftmax())).hasMessageContaining(
                "softmax of image tensor [3, 8, 8]");
        assertThatThrownBy(() -> b.build(in)).hasMessageContaining("is an image tensor [3, 8, 8]");
    }
}
