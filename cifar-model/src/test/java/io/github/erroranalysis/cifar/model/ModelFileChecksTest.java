package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.cifar.data.Normalization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A model for another input shape is refused when it is loaded, naming the file and both shapes; a descriptor with
 * a missing or null field is refused naming the file and the field, never with a NullPointerException; a network
 * entry that inflates a thousandfold (a zip bomb) is refused naming the file before memory runs out.
 */
class ModelFileChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGES = " but the images are 3×32×32";

    private static byte[] descriptor;
    private static byte[] network;
    private static CifarModel baseline;

    @BeforeAll
    static void readBundledBaseline() throws IOException {
        try (InputStream in = CifarModel.class.getResourceAsStream("baseline.cifarmodel");
             ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals("cifar-model.json")) {
                    descriptor = zip.readAllBytes();
                } else if (entry.getName().equals("network.zip")) {
                    network = zip.readAllBytes();
                }
            }
        }
        baseline = BundledModels.baseline();
    }

    // ---------------------------------------------------------------- input shape

    /** A small CNN like one for MNIST: conv 5×5, pool, dense, softmax over 10 classes. */
    static MultiLayerNetwork convNet(long channels, int side) {
        return init(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(output())
                .setInputType(InputType.convolutional(side, side, channels)).build());
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .build();
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static Stream<Arguments> otherShapes() {
        return Stream.of(
                Arguments.of("grey 28×28 (MNIST)", convNet(1, 28), "1×28×28"),
                Arguments.of("colour 28×28", convNet(3, 28), "3×28×28"),
                Arguments.of("colour 64×64", convNet(3, 64), "3×64×64"),
                Arguments.of("dense on grey 28×28 images", init(new NeuralNetConfiguration.Builder().list()
                        .layer(new DenseLayer.Builder().nOut(8).build()).layer(output())
                        .setInputType(InputType.convolutional(28, 28, 1)).build()), "1×28×28"),
                Arguments.of("flat vectors", init(new NeuralNetConfiguration.Builder().list()
                        .layer(new DenseLayer.Builder().nOut(8).build()).layer(output())
                        .setInputType(InputType.feedForward(784)).build()),
                        "of 784 values per example (a flat vector, not an image)"),
                Arguments.of("grey images of any size", init(new NeuralNetConfiguration.Builder().list()
                        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                        .layer(new GlobalPoolingLayer.Builder().build()).layer(output())
                        .setInputType(InputType.convolutional(32, 32, 1)).build()), "of 1 channel (1×H×W)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherShapes")
    void a_model_for_another_input_shape_is_refused_at_load_naming_the_file_and_both_shapes(String kind,
            MultiLayerNetwork other, String expected, @TempDir Path dir) throws IOException {
        // WHEN the network is wrapped directly
        assertThatIllegalArgumentException().isThrownBy(() -> new CifarModel(other, baseline.classNames(),
                baseline.normalization(), baseline.metadata()))
                .withMessage("the model expects input " + expected + IMAGES);
        // WHEN a saved model holds it
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(other, bytes, false);
        Path file = write(dir.resolve("other.cifarmodel"), descriptor, bytes.toByteArray());
        assertThatThrownBy(() -> CifarModel.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": the model expects input " + expected + IMAGES);
    }

    @Test
    void models_for_cifar_images_are_accepted() {
        new CifarModel(convNet(3, 32), baseline.classNames(), baseline.normalization(), baseline.metadata());
        new CifarModel(BaselineCnn.create(10, 1, 1e-3), baseline.classNames(), baseline.normalization(),
                baseline.metadata());
        assertThat(baseline.predict(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB)))
                .hasSize(3);
    }

    // ---------------------------------------------------------------- the descriptor

    static Stream<Arguments> brokenDescriptors() {
        return Stream.of(
                broken("classNames null", d -> d.putNull("classNames"), "has no classNames (missing or null)"),
                broken("classNames missing", d -> d.remove("classNames"), "has no classNames (missing or null)"),
                broken("a null class name", d -> d.withArray("classNames").set(3, JSON.nullNode()),
                        "has invalid classNames: class name 3 is null"),
                broken("a blank class name", d -> d.withArray("classNames").set(2, JSON.getNodeFactory()
                        .textNode(" ")), "has invalid classNames: class name 2 is blank: ' '"),
                broken("a repeated class name", d -> d.withArray("classNames").set(9, JSON.getNodeFactory()
                        .textNode("airplane")), "has invalid classNames: class names must be distinct, but class "
                        + "names 0 and 9 are both 'airplane'"),
                broken("normalization null", d -> d.putNull("normalization"),
                        "has no normalization (missing or null)"),
                broken("normalization missing", d -> d.remove("normalization"),
                        "has no normalization (missing or null)"),
                broken("metadata null", d -> d.putNull("metadata"), "has no metadata (missing or null)"),
                broken("metadata missing", d -> d.remove("metadata"), "has no metadata (missing or null)"),
                broken("architecture missing", d -> ((ObjectNode) d.get("metadata")).remove("architecture"),
                        "has no metadata.architecture (missing or null)"),
                broken("trainedAt null", d -> ((ObjectNode) d.get("metadata")).putNull("trainedAt"),
                        "has no metadata.trainedAt (missing or null)"),
                // a descriptor without schemaVersion is version 1, which needs its formatVersion
                broken("formatVersion missing", d -> {
                    d.remove("schemaVersion");
                    d.remove("formatVersion");
                }, "has no formatVersion (missing or null)"),
                broken("normalization empty", d -> d.putObject("normalization"),
                        "field normalization is unreadable: channel 0: mean 0.0 and std 0.0 must be finite with "
                                + "std > 0"),
                broken("classNames not a list", d -> d.put("classNames", 3),
                        "field classNames is unreadable: "));
    }

    private static Arguments broken(String what, Consumer<ObjectNode> change, String message) {
        return Arguments.of(what, change, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDescriptors")
    void a_descriptor_with_a_missing_or_null_field_is_refused_naming_the_file_and_the_field(String what,
            Consumer<ObjectNode> change, String message, @TempDir Path dir) throws IOException {
        ObjectNode d = (ObjectNode) JSON.readTree(descriptor);
        change.accept(d);
        Path file = write(dir.resolve("broken.cifarmodel"), JSON.writeValueAsBytes(d), network);
        assertThatThrownBy(() -> CifarModel.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": cifar-model.json " + message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_null_descriptor_is_refused_naming_the_file(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("null.cifarmodel"), "null".getBytes(StandardCharsets.UTF_8), network);
        assertThatThrownBy(() -> CifarModel.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": cifar-model.json is empty or null");
    }

    @Test
    void the_constructor_names_the_invalid_argument() {
        MultiLayerNetwork net = baseline.network();
        List<String> withNull = Arrays.asList("a", "b", "c", null, "e", "f", "g", "h", "i", "j");
        assertThatIllegalArgumentException().isThrownBy(() -> new CifarModel(net, withNull, Normalization.SCALE_ONLY,
                baseline.metadata())).withMessage("class name 3 is null");
        ModelMetadata noArchitecture = new ModelMetadata(null, false, 1, 1, 1, 0.5, "f", "v", "t");
        assertThatIllegalArgumentException().isThrownBy(() -> new CifarModel(net, baseline.classNames(),
                Normalization.SCALE_ONLY, noArchitecture)).withMessage("metadata.architecture is null");
        assertThatThrownBy(() -> new CifarModel(net, baseline.classNames(), null, baseline.metadata()))
                .isInstanceOf(NullPointerException.class).hasMessage("normalization");
    }

    @Test
    void the_unchanged_descriptor_loads(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("same.cifarmodel"), descriptor, network);
        assertThat(CifarModel.load(file).classNames()).isEqualTo(baseline.classNames());
    }

    @Test
    void a_network_entry_that_inflates_a_thousandfold_is_refused_as_a_zip_bomb_naming_the_file(@TempDir Path dir)
            throws IOException {
        // GIVEN a valid descriptor and a network.zip entry of 64 MiB of zeros, about 64 KiB in the file
        Path file = dir.resolve("bomb.cifarmodel");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("cifar-model.json"));
            zip.write(descriptor);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("network.zip"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(Files.size(file)).isLessThan(200_000);
        // WHEN / THEN refused while inflating (the old reader read all of it, then DL4J failed on it)
        assertThatThrownBy(() -> CifarModel.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageMatching(Pattern.quote(file.toString()) + ": network\\.zip inflates to "
                        + "[0-9,]+ bytes from [0-9,]+ compressed bytes, more than 100 times "
                        + "\\(CifarModel\\.NETWORK_MAX_INFLATION\\): a zip bomb, not a saved model");
        assertThat(CifarModel.NETWORK_MAX_INFLATION).isEqualTo(100);
    }

    @Test
    void a_network_entry_that_is_no_network_is_refused_in_one_line_naming_the_file_and_the_cause(@TempDir Path dir)
            throws IOException {
        // GIVEN a network.zip whose DL4J configuration is broken JSON (Jackson's message spans two lines, which the
        // old message kept)
        java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(inner);
             java.util.zip.ZipInputStream real = new java.util.zip.ZipInputStream(
                     new java.io.ByteArrayInputStream(network))) {
            for (ZipEntry entry = real.getNextEntry(); entry != null; entry = real.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(entry.getName().equals("configuration.json")
                        ? "{\"backprop\": tru".getBytes(StandardCharsets.UTF_8) : real.readAllBytes());
                zip.closeEntry();
            }
        }
        Path file = write(dir.resolve("garbage.cifarmodel"), descriptor, inner.toByteArray());
        // WHEN / THEN
        assertThatThrownBy(() -> CifarModel.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": the network entry network.zip is unreadable: DL4J cannot restore "
                        + "it (")
                .hasMessageContaining("Unrecognized token 'tru'").hasMessageNotContaining("\n");
    }

    /** The bundled network entry with its inner entry {@code name} replaced by other bytes, or left out for null. */
    private static byte[] networkWith(String name, byte[] replacement) throws IOException {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(inner);
             ZipInputStream real = new ZipInputStream(new java.io.ByteArrayInputStream(network))) {
            for (ZipEntry entry = real.getNextEntry(); entry != null; entry = real.getNextEntry()) {
                byte[] bytes = real.readAllBytes();
                if (entry.getName().equals(name)) {
                    if (replacement == null) {
                        continue;
                    }
                    bytes = replacement;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return inner.toByteArray();
    }

    static Stream<Arguments> brokenNetworkEntries() throws IOException {
        byte[] noise = new byte[5000];
        new java.util.Random(11).nextBytes(noise);
        byte[] flipped = network.clone();
        flipped[network.length / 2] ^= 0x5A;   // inside the coefficients' deflated bytes: their CRC-32 fails
        return Stream.of(
                Arguments.of("empty", new byte[0], "it is empty (0 bytes)"),
                Arguments.of("noise", noise, "not a zip archive (5,000 bytes that hold no zip entry)"),
                Arguments.of("cut", Arrays.copyOf(network, network.length / 2), "a corrupt or truncated zip archive ("),
                Arguments.of("flipped", flipped, "a corrupt or truncated zip archive ("),
                Arguments.of("no-coefficients", networkWith("coefficients.bin", null),
                        "the zip archive holds no coefficients.bin, so it is no DL4J network"),
                Arguments.of("no-configuration", networkWith("configuration.json", null),
                        "the zip archive holds no configuration.json, so it is no DL4J network"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenNetworkEntries")
    void an_empty_or_corrupt_network_entry_names_the_file_and_the_entry_in_one_line_without_dl4j_text(String name,
            byte[] networkBytes, String why, @TempDir Path dir) throws IOException {
        // GIVEN a valid descriptor beside a broken network.zip (the old message was DL4J's "stream may have been
        // closed or is attempting to be read frommultiple times?")
        Path file = write(dir.resolve(name + ".cifarmodel"), descriptor, networkBytes);

        // WHEN / THEN
        assertThatThrownBy(() -> CifarModel.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": the network entry network.zip is unreadable: " + why)
                .hasMessageNotContaining("\n").hasMessageNotContaining("stream may have been closed")
                .hasMessageNotContaining("DL4J cannot restore");
    }

    @Test
    void a_network_entry_with_coefficients_that_are_no_array_is_refused_naming_the_file() throws IOException {
        // GIVEN a network.zip whose coefficients.bin is 64 random bytes (a well-formed zip, so DL4J reads it)
        byte[] noise = new byte[64];
        new java.util.Random(5).nextBytes(noise);
        Path file = write(Files.createTempFile("coefficients", ".cifarmodel"), descriptor,
                networkWith("coefficients.bin", noise));
        try {
            // WHEN / THEN
            assertThatThrownBy(() -> CifarModel.load(file)).isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith(file + ": the network entry network.zip is unreadable: ")
                    .hasMessageNotContaining("\n").hasMessageContaining("DL4J cannot restore it (the file ends early)");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static Path write(Path file, byte[] descriptorBytes, byte[] networkBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("cifar-model.json"));
            zip.write(descriptorBytes);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("network.zip"));
            zip.write(networkBytes);
            zip.closeEntry();
        }
        return file;
    }
}
