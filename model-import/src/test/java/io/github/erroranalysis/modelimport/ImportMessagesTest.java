package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's messages for common mistakes: a model that rescales its input itself while pixels are already
 * divided, a model for other image sizes, a damaged ONNX file.
 */
class ImportMessagesTest {

    private static final String FUNCTIONAL_RESCALING = "\"scale\": 2.0, \"offset\": -1.0";

    private static Path functional(Path dir, String from, String to) throws IOException {
        String json = Files.readString(KerasFixtures.file("functional.json"));
        assertThat(json).contains(from);
        Path file = dir.resolve("model.json");
        Files.writeString(file, json.replace(from, to));
        return file;
    }

    @Test
    void a_keras_rescaling_of_1_over_255_with_pixels_divided_by_255_gets_a_note(@TempDir Path dir)
            throws IOException {
        Path weights = KerasFixtures.file("functional-weights.h5");
        Path json = functional(dir, FUNCTIONAL_RESCALING, "\"scale\": 0.00392156862745098, \"offset\": 0.0");
        ImportedNetwork network = KerasImport.read(json, weights, ModelFormat.KERAS_JSON, Preprocessing.DEFAULT);
        String note = "the model rescales its input itself (Rescaling 1/255 in layer 'rescaling'), and pixels are "
                + "divided by 255 first (--input-scale 255): give --input-scale 1 if it was trained on raw 0..255 "
                + "pixels";
        assertThat(network.notes()).contains(note);
        assertThat(network.rescalesItself()).contains(note);
        Preprocessing raw = new Preprocessing(null, 1, new double[] {0, 0, 0}, new double[] {1, 1, 1}, false);
        assertThat(KerasImport.read(json, weights, ModelFormat.KERAS_JSON, raw).rescalesItself())
                .as("raw pixels: no double scaling").isEmpty();
        assertThat(KerasImport.read(KerasFixtures.file("functional.json"), weights, ModelFormat.KERAS_JSON,
                Preprocessing.DEFAULT).rescalesItself()).as("Rescaling(2, offset -1)").isEmpty();
    }

    @Test
    void an_onnx_model_whose_first_op_divides_by_255_with_pixels_divided_by_255_gets_a_note(@TempDir Path dir)
            throws IOException {
        Onnx.ModelProto.Builder model = Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixtures.FOLDER
                .resolve("cnn.onnx"))).toBuilder();
        Onnx.GraphProto.Builder graph = model.getGraphBuilder();
        String input = graph.getInput(0).getName();
        for (Onnx.NodeProto.Builder n : graph.getNodeBuilderList()) {
            for (int i = 0; i < n.getInputCount(); i++) {
                if (n.getInput(i).equals(input)) {
                    n.setInput(i, "scaled");
                }
            }
        }
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName("c255").setDataType(1).addFloatData(255f));
        graph.addNode(0, Onnx.NodeProto.newBuilder().setOpType("Div").setName("div").addInput(input)
                .addInput("c255").addOutput("scaled"));
        Path file = dir.resolve("div.onnx");
        Files.write(file, model.build().toByteArray());
        assertThat(OnnxImport.read(file, Preprocessing.DEFAULT).rescalesItself()).contains("the model rescales "
                + "its input itself (Div by 255 in node 'div'), and pixels are divided by 255 first (--input-scale "
                + "255): give --input-scale 1 if it was trained on raw 0..255 pixels");
        assertThat(OnnxImport.read(OnnxFixtures.FOLDER.resolve("cnn.onnx"), Preprocessing.DEFAULT).rescalesItself())
                .isEmpty();
    }

    @Test
    void a_keras_model_declared_for_64_by_64_images_is_refused_saying_so(@TempDir Path dir) throws IOException {
        Path json = functional(dir, "[null, 32, 32, 3]", "[null, 64, 64, 3]");
        assertThatThrownBy(() -> KerasImport.read(json, KerasFixtures.file("functional-weights.h5"),
                ModelFormat.KERAS_JSON, Preprocessing.DEFAULT)).isInstanceOf(ModelImportException.class)
                .hasMessageContaining("64\u00d764 images; this library analyses 32\u00d732 CIFAR-10 images");
    }

    @Test
    void an_onnx_model_declared_for_64_by_64_images_is_refused_saying_so(@TempDir Path dir) throws IOException {
        Onnx.ModelProto.Builder model = Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixtures.FOLDER
                .resolve("cnn.onnx"))).toBuilder();
        Onnx.TensorShapeProto.Builder shape = model.getGraphBuilder().getInputBuilder(0).getTypeBuilder()
                .getTensorTypeBuilder().getShapeBuilder();
        shape.getDimBuilder(2).setDimValue(64);
        shape.getDimBuilder(3).setDimValue(64);
        Path file = dir.resolve("in64.onnx");
        Files.write(file, model.build().toByteArray());
        assertThatThrownBy(() -> ModelImport.network(file, null, Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessage(file + ": input 'input' is declared [batch, 3, 64, 64], 64\u00d764 images; this library "
                        + "analyses 32\u00d732 CIFAR-10 images");
    }

    @Test
    void a_truncated_onnx_file_is_called_damaged_with_the_protobufs_error(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(OnnxFixtures.FOLDER.resolve("cnn.onnx"));
        Path file = dir.resolve("cut.onnx");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFormat.detect(file)).isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(file + ": a damaged or truncated ONNX file (it starts as an ONNX model of "
                        + "ir_version 7 from 'pytorch', " + bytes.length / 2 + " bytes, but ")
                .hasMessageNotContaining("not a model file");
        Path random = dir.resolve("random.onnx");
        Files.write(random, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertThatThrownBy(() -> ModelFormat.detect(random)).hasMessageContaining("not a model file");
    }
}
