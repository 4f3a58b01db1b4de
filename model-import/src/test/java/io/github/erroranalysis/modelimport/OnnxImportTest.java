package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ONNX files exported by PyTorch 1.13 give PyTorch's probabilities on real CIFAR-10 images. */
class OnnxImportTest {

    private static final double TOLERANCE = 1e-4;

    static List<OnnxFixtures.Fixture> fixtures() throws IOException {
        return OnnxFixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void every_fixture_gives_torchs_probabilities(OnnxFixtures.Fixture fixture) throws IOException {
        Preprocessing preprocessing = fixture.preprocessing();
        ImportedNetwork network = ModelImport.network(OnnxFixtures.FOLDER.resolve(fixture.model()), null,
                preprocessing);
        INDArray x = OnnxFixtures.input(OnnxFixtures.images(OnnxFixtures.FOLDER.resolve(fixture.inputs())),
                preprocessing.normalization());
        INDArray p = network.graph().outputSingle(x);
        float[][] expected = OnnxFixtures.probabilities(OnnxFixtures.FOLDER.resolve(fixture.outputs()));
        double[] difference = OnnxFixtures.compare(p, expected);
        assertThat(difference[0]).as("largest difference from torch").isLessThanOrEqualTo(TOLERANCE);
        assertThat(difference[1]).as("top-1 disagreements").isZero();
        assertThat(network.format()).isEqualTo(ModelFormat.ONNX);
        assertThat(network.layout()).isEqualTo(fixture.layout());
        assertThat(network.description()).startsWith("ONNX (IR ").contains("opset " + fixture.opset() + ")")
                .contains("from pytorch 1.13");
        assertThat(network.softmaxAppended()).isEqualTo(!fixture.model().contains("softmax"));
        if (fixture.model().equals("cnn-ops.onnx")) {
            assertThat(network.notes()).noneMatch(n -> n.contains("bias of"));
        }
    }

    @Test
    void the_main_cnn_gives_torchs_probabilities_on_the_bundled_sample() throws IOException {
        Preprocessing preprocessing = OnnxFixtures.preprocessing(InputLayout.NCHW);
        ImportedNetwork network = ModelImport.network(OnnxFixtures.FOLDER.resolve("cnn.onnx"), null, preprocessing);
        INDArray x = OnnxFixtures.input(OnnxFixtures.bundledSample(), preprocessing.normalization());
        float[][] expected = OnnxFixtures.probabilities(OnnxFixtures.FOLDER.resolve(
                "bundled-sample-probabilities.npy"));
        assertThat(expected).hasNumberOfRows(1000);
        double[] difference = OnnxFixtures.compare(network.graph().outputSingle(x), expected);
        assertThat(difference[0]).isLessThanOrEqualTo(TOLERANCE);
        assertThat(difference[1]).isZero();
    }

    @Test
    void the_sidecar_names_the_preprocessing_and_the_references() throws IOException {
        JsonNode sidecar = new ObjectMapper().readTree(OnnxFixtures.FOLDER.resolve("cnn.onnx.json").toFile());
        assertThat(sidecar.get("type").asText()).isEqualTo("modelImport");
        assertThat(sidecar.get("inputLayout").asText()).isEqualTo("NCHW");
        assertThat(sidecar.get("inputMean")).hasSize(3);
        assertThat(OnnxFixtures.FOLDER.resolve(sidecar.get("referenceInputs").asText())).exists();
        assertThat(OnnxFixtures.FOLDER.resolve(sidecar.get("referenceOutputs").asText())).exists();
    }

    @Test
    void every_fixture_is_recognised_by_content() throws IOException {
        for (OnnxFixtures.Fixture fixture : OnnxFixtures.all()) {
            assertThat(ModelFormat.detect(OnnxFixtures.FOLDER.resolve(fixture.model()))).isEqualTo(ModelFormat.ONNX);
        }
        assertThat(OnnxImport.looksLikeOnnx(OnnxFixtures.FOLDER.resolve("cnn.onnx.json"))).isFalse();
        assertThat(OnnxImport.looksLikeOnnx(OnnxFixtures.FOLDER.resolve("cnn-reference-outputs.npy"))).isFalse();
    }

    @Test
    void an_unsupported_op_is_refused_naming_the_node_the_op_and_the_op_set(@TempDir Path dir) throws IOException {
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.NodeProto.Builder relu = model.getGraphBuilder().getNodeBuilder(1);
        assertThat(relu.getOpType()).isEqualTo("Relu");
        relu.setOpType("Resize").setName("Resize_12");
        Path file = write(dir, model.build());
        assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(file + ": node 'Resize_12' (Resize): is not supported (op set 13); "
                        + "supported ops: Add, AveragePool")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_layout_that_contradicts_the_declared_shape_is_refused_naming_both() {
        Path file = OnnxFixtures.FOLDER.resolve("cnn.onnx");
        assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT.withLayout(InputLayout.NHWC)))
                .isInstanceOf(ModelImportException.class)
                .hasMessage(file + ": input 'input' is declared [batch, 3, 32, 32] (NCHW), but the input layout "
                        + "was given as NHWC");
        Path nhwc = OnnxFixtures.FOLDER.resolve("cnn-nhwc.onnx");
        assertThatThrownBy(() -> ModelImport.network(nhwc, null, Preprocessing.DEFAULT.withLayout(InputLayout.NCHW)))
                .hasMessage(nhwc + ": input 'input' is declared [batch, 32, 32, 3] (NHWC), but the input layout "
                        + "was given as NCHW");
    }

    @Test
    void external_data_is_refused_saying_so(@TempDir Path dir) throws IOException {
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.TensorProto.Builder weight = model.getGraphBuilder().getInitializerBuilder(0);
        String name = weight.getName();
        weight.clearRawData().setDataLocation(Onnx.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(Onnx.StringStringEntryProto.newBuilder().setKey("location").setValue("w.bin"));
        Path file = write(dir, model.build());
        assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(file + ": initializer '" + name + "' keeps its data in an external file "
                        + "(data_location EXTERNAL)");
    }

    @Test
    void dims_that_promise_more_values_than_the_file_holds_are_refused_before_allocating(@TempDir Path dir)
            throws IOException {
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.TensorProto.Builder weight = model.getGraphBuilder().getInitializerBuilder(0);
        weight.setDims(0, 1L << 40);
        Path file = write(dir, model.build());
        assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("initializer '" + weight.getName() + "' declares dims [" + (1L << 40));
    }

    @Test
    void names_with_colons_and_slashes_need_no_renaming() throws IOException {
        Onnx.ModelProto model = cnn();
        assertThat(model.getGraph().getNode(0).getInput(1)).startsWith("onnx::Conv_");
        assertThat(model.getGraph().getNode(0).getName()).isEqualTo("/conv1/Conv");
        ImportedNetwork network = ModelImport.network(OnnxFixtures.FOLDER.resolve("cnn.onnx"), null,
                Preprocessing.DEFAULT);
        assertThat(network.graph().numParams()).isPositive();
    }

    @Test
    void batch_norm_in_training_form_uses_its_running_statistics_and_says_so(@TempDir Path dir) throws IOException {
        Onnx.ModelProto.Builder model = parse("cnn-preserve.onnx").toBuilder();
        Onnx.NodeProto.Builder bn = model.getGraphBuilder().getNodeBuilder(1);
        assertThat(bn.getOpType()).isEqualTo("BatchNormalization");
        bn.addAttribute(Onnx.AttributeProto.newBuilder().setName("training_mode").setI(1)
                .setType(Onnx.AttributeProto.AttributeType.INT));
        bn.addOutput("running_mean_out").addOutput("running_var_out");
        ImportedNetwork network = matchesTorch(write(dir, model.build()), "cnn-preserve-reference-outputs.npy");
        assertThat(network.notes()).anyMatch(n -> n.contains("'/bn1/BatchNormalization' (BatchNormalization) was "
                + "exported in training form; its running mean and variance are used"));
    }

    @Test
    void gemm_with_b_untransposed_alpha_beta_and_a_row_bias_gives_the_same(@TempDir Path dir) throws IOException {
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.GraphProto.Builder graph = model.getGraphBuilder();
        Onnx.NodeProto.Builder gemm = graph.getNodeBuilder(graph.getNodeCount() - 1);
        assertThat(gemm.getOpType()).isEqualTo("Gemm");
        gemm.clearAttribute()
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("alpha").setF(2f)
                        .setType(Onnx.AttributeProto.AttributeType.FLOAT))
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("beta").setF(0.5f)
                        .setType(Onnx.AttributeProto.AttributeType.FLOAT));
        for (Onnx.TensorProto.Builder t : graph.getInitializerBuilderList()) {
            java.nio.FloatBuffer values = t.getRawData().asReadOnlyByteBuffer()
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            if (t.getName().equals("fc.weight")) {
                int out = (int) t.getDims(0);
                int in = (int) t.getDims(1);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(out * in * 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < in; r++) {
                    for (int c = 0; c < out; c++) {
                        b.putFloat(values.get(c * in + r) / 2f);
                    }
                }
                t.setRawData(org.nd4j.shade.protobuf.ByteString.copyFrom(b.array())).clearDims().addDims(in)
                        .addDims(out);
            } else if (t.getName().equals("fc.bias")) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.capacity() * 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int c = 0; c < values.capacity(); c++) {
                    b.putFloat(values.get(c) * 2f);
                }
                t.setRawData(org.nd4j.shade.protobuf.ByteString.copyFrom(b.array())).clearDims().addDims(1)
                        .addDims(values.capacity());
            }
        }
        matchesTorch(write(dir, model.build()), "cnn-reference-outputs.npy");
    }

    @Test
    void auto_pad_same_upper_and_a_harmless_ceil_mode_give_the_same(@TempDir Path dir) throws IOException {
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.GraphProto.Builder graph = model.getGraphBuilder();
        Onnx.NodeProto.Builder conv = graph.getNodeBuilder(0);
        List<Onnx.AttributeProto> kept = conv.getAttributeList().stream().filter(a -> !a.getName().equals("pads"))
                .toList();
        conv.clearAttribute().addAllAttribute(kept).addAttribute(Onnx.AttributeProto.newBuilder()
                .setName("auto_pad").setS(org.nd4j.shade.protobuf.ByteString.copyFromUtf8("SAME_UPPER"))
                .setType(Onnx.AttributeProto.AttributeType.STRING));
        Onnx.NodeProto.Builder pool = graph.getNodeBuilder(5);
        assertThat(pool.getOpType()).isEqualTo("MaxPool");
        List<Onnx.AttributeProto> rest = pool.getAttributeList().stream()
                .filter(a -> !a.getName().equals("ceil_mode")).toList();
        pool.clearAttribute().addAllAttribute(rest).addAttribute(Onnx.AttributeProto.newBuilder()
                .setName("ceil_mode").setI(1).setType(Onnx.AttributeProto.AttributeType.INT));
        matchesTorch(write(dir, model.build()), "cnn-reference-outputs.npy");
    }

    @Test
    void auto_pad_same_after_a_pad_is_computed_on_the_padded_size(@TempDir Path dir) throws IOException {
        // Pad (1 row, 1 column before) then a 3x3 stride-2 SAME_UPPER conv: ceil(33 / 2) = 17 rows and columns
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.GraphProto.Builder graph = model.getGraphBuilder();
        Onnx.NodeProto conv1 = graph.getNode(0);
        List<Onnx.AttributeProto> kept = conv1.getAttributeList().stream()
                .filter(a -> !a.getName().equals("pads") && !a.getName().equals("strides")).toList();
        Onnx.NodeProto conv = conv1.toBuilder().setInput(0, "padded").clearAttribute().addAllAttribute(kept)
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("auto_pad")
                        .setS(org.nd4j.shade.protobuf.ByteString.copyFromUtf8("SAME_UPPER"))
                        .setType(Onnx.AttributeProto.AttributeType.STRING))
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("strides").addInts(2).addInts(2)
                        .setType(Onnx.AttributeProto.AttributeType.INTS)).build();
        Onnx.TensorProto pads = Onnx.TensorProto.newBuilder().addDims(8).setDataType(7)
                .addAllInt64Data(List.of(0L, 0L, 1L, 1L, 0L, 0L, 0L, 0L)).build();
        graph.clearNode()
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Constant").setName("pads").addOutput("pads")
                        .addAttribute(Onnx.AttributeProto.newBuilder().setName("value").setT(pads)
                                .setType(Onnx.AttributeProto.AttributeType.TENSOR)))
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Pad").setName("pad").addInput("input")
                        .addInput("pads").addOutput("padded"))
                .addNode(conv);
        graph.getOutputBuilder(0).setName(conv.getOutput(0));
        Path file = write(dir, model.build());
        assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessageEndingWith("is an image tensor [" + graph.getInitializerList().stream()
                        .filter(t -> t.getName().equals(conv.getInput(1))).findFirst().orElseThrow().getDims(0)
                        + ", 17, 17], not one score per class");
    }

    @Test
    void a_ceil_mode_that_changes_the_output_is_refused(@TempDir Path dir) throws IOException {
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.NodeProto.Builder pool = model.getGraphBuilder().getNodeBuilder(5);
        List<Onnx.AttributeProto> rest = pool.getAttributeList().stream()
                .filter(a -> !a.getName().equals("ceil_mode") && !a.getName().equals("kernel_shape")).toList();
        pool.clearAttribute().addAllAttribute(rest)
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("ceil_mode").setI(1)
                        .setType(Onnx.AttributeProto.AttributeType.INT))
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("kernel_shape").addInts(3).addInts(3)
                        .setType(Onnx.AttributeProto.AttributeType.INTS));
        Path file = write(dir, model.build());
        assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT))
                .hasMessage(file + ": node '/pool/MaxPool' (MaxPool): has ceil_mode 1, which is not supported (it "
                        + "makes 16 x 16 outputs where floor rounding makes 15 x 15)");
    }

    @Test
    void dropout_and_identity_pass_their_input_on_with_a_note(@TempDir Path dir) throws IOException {
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.GraphProto.Builder graph = model.getGraphBuilder();
        String relu = graph.getNode(1).getOutput(0);
        graph.addNode(2, Onnx.NodeProto.newBuilder().setOpType("Dropout").setName("drop").addInput(relu)
                .addOutput("dropped").addOutput(""));
        graph.addNode(3, Onnx.NodeProto.newBuilder().setOpType("Identity").setName("same").addInput("dropped")
                .addOutput("kept"));
        for (int k = 4; k < graph.getNodeCount(); k++) {
            Onnx.NodeProto.Builder n = graph.getNodeBuilder(k);
            for (int i = 0; i < n.getInputCount(); i++) {
                if (n.getInput(i).equals(relu)) {
                    n.setInput(i, "kept");
                }
            }
        }
        ImportedNetwork network = matchesTorch(write(dir, model.build()), "cnn-reference-outputs.npy");
        assertThat(network.notes()).contains("node 'drop' (Dropout) is the identity at inference",
                "node 'same' (Identity) passes its input on unchanged");
    }

    @Test
    void a_model_ending_in_log_softmax_is_refused_not_taken_for_logits(@TempDir Path dir) throws IOException {
        // log-probabilities are no logits: a softmax appended to them would give other probabilities
        Onnx.ModelProto.Builder model = cnn().toBuilder();
        Onnx.GraphProto.Builder graph = model.getGraphBuilder();
        String logits = graph.getNode(graph.getNodeCount() - 1).getOutput(0);
        graph.addNode(Onnx.NodeProto.newBuilder().setOpType("LogSoftmax").setName("logp").addInput(logits)
                .addOutput("log_probabilities"));
        graph.getOutputBuilder(0).setName("log_probabilities");
        Path file = write(dir, model.build());
        assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(file + ": node 'logp' (LogSoftmax): is not supported");
    }

    @Test
    void a_model_ending_in_sigmoid_relu_or_tanh_is_refused_not_given_a_softmax(@TempDir Path dir) throws IOException {
        for (String op : List.of("Sigmoid", "Relu", "Tanh")) {
            Onnx.ModelProto.Builder model = cnn().toBuilder();
            Onnx.GraphProto.Builder graph = model.getGraphBuilder();
            String logits = graph.getNode(graph.getNodeCount() - 1).getOutput(0);
            graph.addNode(Onnx.NodeProto.newBuilder().setOpType(op).setName("last").addInput(logits)
                    .addOutput("scores"));
            graph.getOutputBuilder(0).setName("scores");
            Path file = write(dir, model.build());
            assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT))
                    .isInstanceOf(ModelImportException.class)
                    .hasMessage(file + ": the model ends in '" + op.toLowerCase(java.util.Locale.ROOT)
                            + "' (node 'last'), so its outputs are not one probability distribution over the classes; "
                            + "this library analyses softmax classifiers (export the logits or a softmax)");
        }
    }

    @Test
    void the_declared_layout_is_used_when_none_is_given() throws IOException {
        assertThat(ModelImport.network(OnnxFixtures.FOLDER.resolve("cnn-nhwc.onnx"), null, Preprocessing.DEFAULT)
                .layout()).isEqualTo(InputLayout.NHWC);
        assertThat(ModelImport.network(OnnxFixtures.FOLDER.resolve("cnn.onnx"), null, Preprocessing.DEFAULT)
                .layout()).isEqualTo(InputLayout.NCHW);
    }

    private static ImportedNetwork matchesTorch(Path file, String outputs) throws IOException {
        Preprocessing preprocessing = OnnxFixtures.preprocessing(InputLayout.NCHW);
        ImportedNetwork network = ModelImport.network(file, null, preprocessing);
        INDArray x = OnnxFixtures.input(OnnxFixtures.images(OnnxFixtures.FOLDER.resolve("cnn-reference-inputs.npy")),
                preprocessing.normalization());
        double[] difference = OnnxFixtures.compare(network.graph().outputSingle(x),
                OnnxFixtures.probabilities(OnnxFixtures.FOLDER.resolve(outputs)));
        assertThat(difference[0]).isLessThanOrEqualTo(TOLERANCE);
        assertThat(difference[1]).isZero();
        return network;
    }

    private static Onnx.ModelProto parse(String name) throws IOException {
        return Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixtures.FOLDER.resolve(name)));
    }

    private static Onnx.ModelProto cnn() throws IOException {
        return Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixtures.FOLDER.resolve("cnn.onnx")));
    }

    private static Path write(Path dir, Onnx.ModelProto model) throws IOException {
        Path file = dir.resolve("changed.onnx");
        Files.write(file, model.toByteArray());
        return file;
    }
}
