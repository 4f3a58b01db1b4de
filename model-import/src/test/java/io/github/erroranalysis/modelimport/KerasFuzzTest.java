package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random bytes, truncated and byte-mutated Keras files (.h5 of Keras 2 and 3, .keras, a weights .h5 beside its
 * model JSON) give the valid result or a {@link ModelImportException}: never another exception, an allocation
 * failure or a hang.
 */
class KerasFuzzTest {

    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final String[] MODELS = {"functional.h5", "functional-keras3.h5", "functional.keras",
        "sequential.h5", "sequential.keras"};

    @Property(tries = 60)
    void random_bytes_after_an_hdf5_or_zip_signature_are_refused(@ForAll @Size(max = 4096) byte[] body,
                                                                 @ForAll boolean zip) throws IOException {
        byte[] bytes = new byte[body.length + 8];
        System.arraycopy(zip ? new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0} : HDF5, 0, bytes, 0, 8);
        System.arraycopy(body, 0, bytes, 8, body.length);
        importOrRefuse(bytes, "random", null);
    }

    @Property(tries = 60)
    void truncated_files_are_refused(@ForAll @IntRange(min = 0, max = MODELS_LAST) int which,
                                     @ForAll @IntRange(min = 0, max = 999) int permille) throws IOException {
        byte[] valid = Files.readAllBytes(KerasFixtures.file(MODELS[which]));
        byte[] cut = java.util.Arrays.copyOf(valid, (int) ((long) valid.length * permille / 1000));
        importOrRefuse(cut, MODELS[which], null);
    }

    private static final int MODELS_LAST = 4;

    @Property(tries = 120)
    void byte_mutated_files_import_or_are_refused(@ForAll @IntRange(min = 0, max = MODELS_LAST) int which,
                                                  @ForAll long seed,
                                                  @ForAll @IntRange(min = 1, max = 8) int mutations)
            throws IOException {
        byte[] bytes = Files.readAllBytes(KerasFixtures.file(MODELS[which]));
        mutate(bytes, seed, mutations);
        importOrRefuse(bytes, MODELS[which], null);
    }

    @Property(tries = 40)
    void a_byte_mutated_weights_file_beside_its_json_imports_or_is_refused(@ForAll long seed,
                                                                          @ForAll @IntRange(min = 1, max = 8)
                                                                          int mutations) throws IOException {
        byte[] bytes = Files.readAllBytes(KerasFixtures.file("functional-weights.h5"));
        mutate(bytes, seed, mutations);
        importOrRefuse(bytes, "functional-weights.h5", KerasFixtures.file("functional.json"));
    }

    /** Changes bytes, half of them in the first 4 KiB where HDF5's superblock and root structures are. */
    private static void mutate(byte[] bytes, long seed, int mutations) {
        Random random = new Random(seed);
        for (int i = 0; i < mutations; i++) {
            int at = random.nextBoolean() ? random.nextInt(Math.min(bytes.length, 4096)) : random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                default -> bytes[at] = (byte) (random.nextBoolean() ? 0xff : 0x7f);
            }
        }
    }

    /** Writes the bytes as a model (or as the weights of {@code json}) and imports it. */
    private static void importOrRefuse(byte[] bytes, String name, Path json) throws IOException {
        Path file = Files.createTempFile("keras-fuzz-", "-" + name);
        try {
            Files.write(file, bytes);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try {
                    ImportedNetwork net = json == null ? ModelImport.network(file, null, Preprocessing.DEFAULT)
                            : ModelImport.network(json, file, Preprocessing.DEFAULT);
                    assertThat(net.graph()).isNotNull();
                } catch (ModelImportException e) {
                    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                } catch (IOException e) {
                    fail("an IOException that is not a ModelImportException: " + e, e);
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
