package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every Keras fixture (Keras 2 .h5, Keras 3 .h5, .keras, model JSON + weights; a Sequential and a functional model)
 * imported and run on real CIFAR-10 images gives PyTorch's probabilities of the same model to 1e-4, with the same
 * top-1; and the importer's refusals name the layer, its class and the Keras version.
 */
class KerasImportTest {

    private static final double TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("sequential", "sequential.h5", null, ModelFormat.KERAS_H5, "Keras 2.8.0"),
                Arguments.of("sequential", "sequential-keras3.h5", null, ModelFormat.KERAS_H5, "Keras 3.6.0"),
                Arguments.of("sequential", "sequential.keras", null, ModelFormat.KERAS_ZIP, "Keras 3.6.0"),
                Arguments.of("sequential", "sequential.json", "sequential-weights.h5", ModelFormat.KERAS_JSON,
                        "Keras 2.8.0"),
                Arguments.of("functional", "functional.h5", null, ModelFormat.KERAS_H5, "Keras 2.8.0"),
                Arguments.of("functional", "functional-keras3.h5", null, ModelFormat.KERAS_H5, "Keras 3.6.0"),
                Arguments.of("functional", "functional.keras", null, ModelFormat.KERAS_ZIP, "Keras 3.6.0"),
                Arguments.of("functional", "functional.json", "functional-weights.h5", ModelFormat.KERAS_JSON,
                        "Keras 2.8.0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fixtures")
    void every_format_gives_pytorchs_probabilities(String model, String file, String weights, ModelFormat format,
                                                   String version) throws IOException {
        ImportedNetwork net = ModelImport.network(KerasFixtures.file(file),
                weights == null ? null : KerasFixtures.file(weights), Preprocessing.DEFAULT);
        assertThat(net.format()).isEqualTo(format);
        assertThat(net.layout()).isEqualTo(InputLayout.NHWC);
        assertThat(net.description()).contains(version);
        assertThat(net.softmaxAppended()).isFalse();
        assertThat(net.notes()).anyMatch(n -> n.contains("Dropout"));
        KerasFixtures.Npy inputs = KerasFixtures.npy(KerasFixtures.file(model + "-reference-inputs.npy"));
        KerasFixtures.Npy expected = KerasFixtures.npy(KerasFixtures.file(model + "-reference-outputs.npy"));
        INDArray out = net.graph().outputSingle(KerasFixtures.input(KerasFixtures.planar(inputs),
                Preprocessing.DEFAULT));
        assertMatches(file, out, expected);
    }

    @Test
    void the_sequential_h5_gives_pytorchs_probabilities_on_the_bundled_sample() throws IOException {
        Path sample = Path.of("..", "examples", "src", "main", "resources", "io", "github", "erroranalysis",
                "examples", "cifar10-validation-sample.tar.gz");
        assumeThat(Files.exists(sample)).as("the bundled sample beside this module").isTrue();
        byte[] records = tarMember(sample, "cifar-10-batches-bin/validation_sample.bin");
        ImportedNetwork net = ModelImport.network(KerasFixtures.file("sequential.h5"), null, Preprocessing.DEFAULT);
        INDArray out = net.graph().outputSingle(KerasFixtures.input(KerasFixtures.cifarImages(records),
                Preprocessing.DEFAULT));
        assertMatches("sequential.h5 on the bundled sample", out,
                KerasFixtures.npy(KerasFixtures.file("sequential-bundled-sample-probabilities.npy")));
    }

    private static void assertMatches(String what, INDArray out, KerasFixtures.Npy expected) {
        int n = expected.shape()[0];
        int c = expected.shape()[1];
        assertThat(out.shape()).containsExactly(n, c);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            int top = 0;
            int expectedTop = 0;
            for (int k = 0; k < c; k++) {
                double got = out.getDouble(i, k);
                double want = expected.values()[i * c + k];
                worst = Math.max(worst, Math.abs(got - want));
                if (got > out.getDouble(i, top)) {
                    top = k;
                }
                if (want > expected.values()[i * c + expectedTop]) {
                    expectedTop = k;
                }
            }
            assertThat(top).as(what + ": top-1 of example " + i).isEqualTo(expectedTop);
        }
        assertThat(worst).as(what + ": largest difference from PyTorch").isLessThanOrEqualTo(TOLERANCE);
    }

    private static byte[] tarMember(Path tarGz, String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String entry = new String(header, 0, 100, java.nio.charset.StandardCharsets.US_ASCII).trim()
                        .replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 11, java.nio.charset.StandardCharsets.US_ASCII)
                        .trim(), 8);
                byte[] data = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (entry.equals(name)) {
                    return data;
                }
            }
        }
        throw new IOException(tarGz + ": no " + name);
    }

    private static Path editedJson(Path dir, java.util.function.Consumer<JsonNode> edit) throws IOException {
        JsonNode root = JSON.readTree(KerasFixtures.file("sequential.json").toFile());
        edit.accept(root);
        Path out = dir.resolve("edited.json");
        JSON.writeValue(out.toFile(), root);
        return out;
    }

    private static ObjectNode layer(JsonNode root, String name) {
        for (JsonNode l : root.get("config").get("layers")) {
            if (name.equals(l.get("config").path("name").asText())) {
                return (ObjectNode) l;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void an_unsupported_layer_is_named_with_its_class_and_the_keras_version(@TempDir Path dir) throws IOException {
        Path json = editedJson(dir, root -> layer(root, "dropout").put("class_name", "LSTM"));
        assertThatThrownBy(() -> ModelImport.network(json, KerasFixtures.file("sequential-weights.h5"),
                Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("edited.json: layer 'dropout' (LSTM) is not supported")
                .hasMessageContaining("Keras 2.8.0");
    }

    @Test
    void a_model_ending_in_sigmoid_is_refused_not_given_a_softmax(@TempDir Path dir) throws IOException {
        // multi-label (one-vs-rest) scores are no logits: softmax(sigmoid(x)) would be reported as probabilities
        for (String activation : List.of("sigmoid", "relu", "tanh")) {
            Path json = editedJson(dir, root -> ((ObjectNode) layer(root, "dense_1").get("config"))
                    .put("activation", activation));
            assertThatThrownBy(() -> ModelImport.network(json, KerasFixtures.file("sequential-weights.h5"),
                    Preprocessing.DEFAULT))
                    .isInstanceOf(ModelImportException.class)
                    .hasMessage(json.getFileName() + ": the model ends in '" + activation + "' (layer 'dense_1'), so its outputs "
                            + "are not one probability distribution over the classes; this library analyses softmax "
                            + "classifiers (export the logits or a softmax)");
        }
        Path linear = editedJson(dir, root -> ((ObjectNode) layer(root, "dense_1").get("config"))
                .put("activation", "linear"));
        assertThat(ModelImport.network(linear, KerasFixtures.file("sequential-weights.h5"), Preprocessing.DEFAULT)
                .softmaxAppended()).isTrue();
    }

    @Test
    void weights_that_do_not_fit_the_layer_are_refused_naming_both_shapes(@TempDir Path dir) throws IOException {
        Path json = editedJson(dir, root -> {
            ObjectNode pool = (ObjectNode) layer(root, "max_pooling2d_1").get("config");
            pool.set("pool_size", JSON.createArrayNode().add(1).add(1));
            pool.set("strides", JSON.createArrayNode().add(1).add(1));
        });
        assertThatThrownBy(() -> ModelImport.network(json, KerasFixtures.file("sequential-weights.h5"),
                Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessage("edited.json: layer 'dense' (Dense): kernel has shape [2048, 32] but the layer's input "
                        + "has 8192 features");
    }

    @Test
    void a_layout_that_contradicts_the_file_is_refused_naming_both() {
        assertThatThrownBy(() -> ModelImport.network(KerasFixtures.file("sequential.h5"), null,
                Preprocessing.DEFAULT.withLayout(InputLayout.NCHW)))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("sequential.h5")
                .hasMessageContaining("channels_last (NHWC)")
                .hasMessageContaining("NCHW");
    }

    @Test
    void a_nested_model_is_refused_clearly(@TempDir Path dir) throws IOException {
        Path json = editedJson(dir, root -> layer(root, "flatten").put("class_name", "Sequential"));
        assertThatThrownBy(() -> ModelImport.network(json, KerasFixtures.file("sequential-weights.h5"),
                Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("layer 'flatten' (Sequential) is a nested model");
    }

    @Test
    void bgr_models_get_the_channels_reversed_before_their_first_layer() throws IOException {
        Preprocessing bgr = new Preprocessing(null, 255, new double[] {0}, new double[] {1}, true);
        ImportedNetwork rgb = ModelImport.network(KerasFixtures.file("sequential.h5"), null, Preprocessing.DEFAULT);
        ImportedNetwork reversed = ModelImport.network(KerasFixtures.file("sequential.h5"), null, bgr);
        KerasFixtures.Npy inputs = KerasFixtures.npy(KerasFixtures.file("sequential-reference-inputs.npy"));
        byte[][] images = KerasFixtures.planar(inputs);
        byte[][] swapped = new byte[images.length][];
        for (int i = 0; i < images.length; i++) {
            swapped[i] = new byte[3072];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(images[i], (2 - c) * 1024, swapped[i], c * 1024, 1024);
            }
        }
        INDArray a = rgb.graph().outputSingle(KerasFixtures.input(swapped, Preprocessing.DEFAULT));
        INDArray b = reversed.graph().outputSingle(KerasFixtures.input(images, bgr));
        assertThat(a.sub(b).amaxNumber().doubleValue()).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void a_channels_first_model_needs_no_permutation(@TempDir Path dir) throws IOException {
        // the functional model has no Flatten: written channels_first it computes the same function of an image
        JsonNode root = JSON.readTree(KerasFixtures.file("functional.json").toFile());
        for (JsonNode l : root.get("config").get("layers")) {
            ObjectNode config = (ObjectNode) l.get("config");
            if (config.has("data_format")) {
                config.put("data_format", "channels_first");
            }
            if (config.has("batch_input_shape")) {
                config.set("batch_input_shape", JSON.createArrayNode().addNull().add(3).add(32).add(32));
            }
            if (l.get("class_name").asText().equals("BatchNormalization")) {
                config.set("axis", JSON.createArrayNode().add(1));
            }
            if (l.get("class_name").asText().equals("Concatenate")) {
                config.put("axis", 1);
            }
        }
        Path json = dir.resolve("functional-nchw.json");
        JSON.writeValue(json.toFile(), root);
        Path weights = KerasFixtures.file("functional-weights.h5");
        ImportedNetwork net = ModelImport.network(json, weights, Preprocessing.DEFAULT);
        assertThat(net.layout()).isEqualTo(InputLayout.NCHW);
        KerasFixtures.Npy inputs = KerasFixtures.npy(KerasFixtures.file("functional-reference-inputs.npy"));
        INDArray out = net.graph().outputSingle(KerasFixtures.input(KerasFixtures.planar(inputs),
                Preprocessing.DEFAULT));
        assertMatches("functional-nchw.json", out,
                KerasFixtures.npy(KerasFixtures.file("functional-reference-outputs.npy")));
        assertThatThrownBy(() -> ModelImport.network(json, weights, Preprocessing.DEFAULT.withLayout(InputLayout.NHWC)))
                .isInstanceOf(ModelImportException.class)
                .hasMessageContaining("channels_first (NCHW)")
                .hasMessageContaining("NHWC");
    }

    @Test
    void a_keras_3_model_json_with_its_weights_h5_store(@TempDir Path dir) throws IOException {
        // Keras 3's model.to_json() is the .keras file's config.json; save_weights writes model.weights.h5's layout
        Path json = dir.resolve("functional3.json");
        Path weights = dir.resolve("functional3.weights.h5");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(KerasFixtures.file("functional.keras").toFile())) {
            try (InputStream in = zip.getInputStream(zip.getEntry("config.json"))) {
                Files.write(json, in.readAllBytes());
            }
            try (InputStream in = zip.getInputStream(zip.getEntry("model.weights.h5"))) {
                Files.write(weights, in.readAllBytes());
            }
        }
        assertThat(ModelFormat.detect(weights)).isEqualTo(ModelFormat.KERAS_WEIGHTS);
        ImportedNetwork net = ModelImport.network(json, weights, Preprocessing.DEFAULT);
        assertThat(net.description()).contains("Keras 3");
        KerasFixtures.Npy inputs = KerasFixtures.npy(KerasFixtures.file("functional-reference-inputs.npy"));
        INDArray out = net.graph().outputSingle(KerasFixtures.input(KerasFixtures.planar(inputs),
                Preprocessing.DEFAULT));
        assertMatches("functional3.json", out,
                KerasFixtures.npy(KerasFixtures.file("functional-reference-outputs.npy")));
    }

    @Test
    void format_detection_tells_a_model_from_a_weights_file() throws IOException {
        assertThat(ModelFormat.detect(KerasFixtures.file("sequential.h5"))).isEqualTo(ModelFormat.KERAS_H5);
        assertThat(ModelFormat.detect(KerasFixtures.file("sequential-weights.h5")))
                .isEqualTo(ModelFormat.KERAS_WEIGHTS);
        assertThat(ModelFormat.detect(KerasFixtures.file("sequential.keras"))).isEqualTo(ModelFormat.KERAS_ZIP);
        assertThat(ModelFormat.detect(KerasFixtures.file("sequential.json"))).isEqualTo(ModelFormat.KERAS_JSON);
        // what detection read is handed on to the import, which then reads the file no second time
        assertThat(ModelFormat.detectRead(KerasFixtures.file("sequential.h5")).hdf5())
                .hasSize((int) Files.size(KerasFixtures.file("sequential.h5")));
        assertThat(ModelFormat.detectRead(OnnxFixtures.FOLDER.resolve("cnn.onnx")).onnx().getGraph().getNodeCount())
                .isPositive();
    }
}
