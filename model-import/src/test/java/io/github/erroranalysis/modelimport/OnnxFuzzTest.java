package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Malformed ONNX files (random bytes, valid files with bytes changed or cut short) give the valid result or a
 * {@link ModelImportException}, never another exception, an out-of-memory error or a hang; {@code looksLikeOnnx}
 * never throws on them (a cut at a field boundary can still parse, so a cut file may import).
 */
class OnnxFuzzTest {

    private static final byte[] CNN = read(OnnxFixtures.FOLDER.resolve("cnn.onnx"));
    private static final byte[] VIEW = read(OnnxFixtures.FOLDER.resolve("cnn-view.onnx"));

    @Property(tries = 150)
    void random_bytes_are_refused_cleanly(@ForAll @Size(min = 1, max = 2000) byte[] bytes) throws IOException {
        Path file = temp(bytes);
        try {
            assertThatCode(() -> OnnxImport.looksLikeOnnx(file)).doesNotThrowAnyException();
            tryImport(file);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 120)
    void changed_bytes_give_a_network_or_a_model_import_exception(@ForAll @IntRange(min = 0, max = 1 << 30) int seed,
                                                                 @ForAll @IntRange(min = 1, max = 12) int changes,
                                                                 @ForAll boolean view) throws IOException {
        byte[] bytes = (view ? VIEW : CNN).clone();
        java.util.Random random = new java.util.Random(seed);
        for (int k = 0; k < changes; k++) {
            // the graph's structure sits after the weights in PyTorch's files; aim half the changes there
            int at = random.nextBoolean() ? random.nextInt(bytes.length) : bytes.length - 1 - random.nextInt(4000);
            bytes[at] = (byte) random.nextInt(256);
        }
        Path file = temp(bytes);
        try {
            assertThatCode(() -> OnnxImport.looksLikeOnnx(file)).doesNotThrowAnyException();
            tryImport(file);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 80)
    void a_file_cut_short_gives_a_network_or_a_model_import_exception(@ForAll @IntRange(min = 1, max = 113_000) int length)
            throws IOException {
        byte[] bytes = java.util.Arrays.copyOf(CNN, Math.min(length, CNN.length - 1));
        Path file = temp(bytes);
        try {
            assertThatCode(() -> OnnxImport.looksLikeOnnx(file)).doesNotThrowAnyException();
            tryImport(file);
        } finally {
            Files.delete(file);
        }
    }

    private static void tryImport(Path file) throws IOException {
        try {
            ImportedNetwork network = OnnxImport.read(file, Preprocessing.DEFAULT);
            assertThat(network.graph()).isNotNull();
        } catch (ModelImportException expected) {
            assertThat(expected.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        }
    }

    private static Path temp(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".onnx");
        Files.write(file, bytes);
        return file;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
