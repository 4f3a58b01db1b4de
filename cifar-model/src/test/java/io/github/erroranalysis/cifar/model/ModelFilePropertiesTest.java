package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.cifar.data.Normalization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The saved-model reader on random bytes, truncated and corrupted files and mutated descriptors: it gives the valid
 * file's model, or a {@link ModelFileException} whose one-line message names the file; never another exception.
 */
class ModelFilePropertiesTest {

    private static final String SOURCE = "fuzzed.cifarmodel";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    private static final ModelMetadata METADATA = new ModelMetadata("tiny", false, 1, 2, 1, 0.5, "f0", "0.1",
            "2026-01-01T00:00:00Z");
    private static final MultiLayerNetwork TINY = ModelFileChecksTest.convNet(3, 32);
    private static final CifarModel VALID = new CifarModel(TINY, NAMES, new Normalization(0.5, 0.5, 0.5, 0.25, 0.25,
            0.25), METADATA);
    private static final byte[] FILE = bytesOf(VALID);
    private static final byte[] DESCRIPTOR = descriptorOf(VALID);
    private static final byte[] NETWORK = networkOf(TINY);

    @Property(tries = 100)
    void random_bytes_are_refused_naming_the_file(@ForAll byte[] bytes) {
        assertValidOrNamed(bytes);
    }

    @Property(tries = 100)
    void a_truncated_or_corrupted_file_gives_the_same_model_or_an_error_naming_the_file(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 8) int flips) {
        Random random = new Random(seed);
        byte[] bytes = Arrays.copyOf(FILE, random.nextInt(4) == 0 ? random.nextInt(FILE.length + 1) : FILE.length);
        for (int f = 0; f < flips && bytes.length > 0; f++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        }
        CifarModel read = assertValidOrNamed(bytes);
        if (read != null) { // zip entries are checked by CRC, so a file that reads holds the same model
            assertSame(read);
        }
    }

    @Property(tries = 150)
    void a_mutated_descriptor_gives_a_model_or_an_error_naming_the_file(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int mutations) throws IOException {
        Random random = new Random(seed);
        JsonNode descriptor = JSON.readTree(DESCRIPTOR);
        for (int m = 0; m < mutations; m++) {
            mutate(descriptor, random);
        }
        byte[] file = zip(JSON.writeValueAsBytes(descriptor), NETWORK);
        CifarModel read = assertValidOrNamed(file);
        if (read != null && descriptor.equals(JSON.readTree(DESCRIPTOR))) {
            assertSame(read);
        }
    }

    @Property(tries = 100)
    void a_random_cut_or_corrupted_network_entry_gives_the_same_model_or_names_the_file_and_the_entry(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int kind) throws IOException {
        // the outer zip stays valid (its CRC matches); only the network entry's own bytes are broken
        Random random = new Random(seed);
        byte[] network = switch (kind) {
            case 0 -> new byte[random.nextInt(200)];
            case 1 -> Arrays.copyOf(NETWORK, random.nextInt(NETWORK.length));
            default -> NETWORK.clone();
        };
        if (kind == 0) {
            random.nextBytes(network);
        }
        for (int f = 0; kind >= 2 && f < 1 + random.nextInt(4); f++) {
            network[random.nextInt(network.length)] ^= (byte) (1 + random.nextInt(255));
        }
        byte[] file = zip(DESCRIPTOR, network);
        Throwable thrown = catchThrowable(() -> assertSame(CifarModel.read(new ByteArrayInputStream(file), SOURCE)));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith(SOURCE + ": the network entry network.zip is unreadable: ")
                    .hasMessageNotContaining("\n").hasMessageNotContaining("stream may have been closed");
        }
    }

    /** Reads the bytes: returns the model, or null after checking that the error names the file on one line. */
    private static CifarModel assertValidOrNamed(byte[] bytes) {
        CifarModel[] read = new CifarModel[1];
        Throwable thrown = catchThrowable(() -> read[0] = CifarModel.read(new ByteArrayInputStream(bytes), SOURCE));
        if (thrown == null) {
            return read[0];
        }
        assertThat(thrown).isInstanceOf(ModelFileException.class).hasMessageStartingWith(SOURCE + ": ")
                .hasMessageNotContaining("\n");
        return null;
    }

    private static void assertSame(CifarModel read) {
        assertThat(read.classNames()).isEqualTo(VALID.classNames());
        assertThat(read.normalization()).isEqualTo(VALID.normalization());
        assertThat(read.metadata()).isEqualTo(VALID.metadata());
        assertThat(read.network().params()).isEqualTo(VALID.network().params());
    }

    /** Removes, nulls or replaces (by a value of another type) one random field or element, at any depth. */
    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> JsonNodeFactory.instance.nullNode();
            case 2 -> JsonNodeFactory.instance.numberNode(random.nextInt(21) - 10);
            case 3 -> JsonNodeFactory.instance.textNode(random.nextBoolean() ? "" : "cat");
            case 4 -> JsonNodeFactory.instance.arrayNode();
            case 5 -> JsonNodeFactory.instance.objectNode();
            default -> JsonNodeFactory.instance.numberNode(random.nextBoolean() ? Double.NaN : 1e300);
        };
        if (container instanceof ObjectNode object && object.size() > 0) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            String field = fields.get(random.nextInt(fields.size()));
            if (replacement == null) {
                object.remove(field);
            } else {
                object.set(field, replacement);
            }
        } else if (container instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement);
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    collect(it.next().getValue(), containers);
                }
            } else {
                node.forEach(child -> collect(child, containers));
            }
        }
    }

    private static byte[] bytesOf(CifarModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            model.write(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static byte[] descriptorOf(CifarModel model) {
        try {
            ObjectNode d = JSON.createObjectNode();
            d.put("format", CifarModel.FORMAT);
            d.put("formatVersion", CifarModel.FORMAT_VERSION);
            d.set("classNames", JSON.valueToTree(model.classNames()));
            d.set("normalization", JSON.valueToTree(model.normalization()));
            d.set("metadata", JSON.valueToTree(model.metadata()));
            return JSON.writeValueAsBytes(d);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] networkOf(MultiLayerNetwork network) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, out, false);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(byte[] descriptor, byte[] network) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("cifar-model.json"));
            zip.write(descriptor);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("network.zip"));
            zip.write(network);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
