package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    @Test
    void a_zip_is_recognised_by_its_central_directory_with_a_cap_on_its_entries(@TempDir Path dir) throws IOException {
        Path many = dir.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i <= ModelFormat.MAX_ZIP_ENTRIES; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.closeEntry();
            }
        }
        assertThatThrownBy(() -> ModelFormat.detect(many)).isInstanceOf(ModelImportException.class)
                .hasMessage(many + ": a zip file of 10001 entries; a saved model or a Keras 3 .keras file has a few "
                        + "(at most 10000 are read)");
        // a .keras file without its central directory (cut before its end record) is refused, not streamed
        byte[] keras = Files.readAllBytes(KerasFixtures.file("sequential.keras"));
        Path cut = dir.resolve("cut.keras");
        Files.write(cut, java.util.Arrays.copyOf(keras, keras.length - 22));
        assertThatThrownBy(() -> ModelFormat.detect(cut)).isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(cut + ": starts like a zip file but its entries cannot be read (")
                .hasMessageNotContaining("\n");
        assertThat(ModelFormat.detect(KerasFixtures.file("sequential.keras"))).isEqualTo(ModelFormat.KERAS_ZIP);
    }

    @Test
    void the_hdf5_deadline_grows_with_the_file_so_a_big_model_on_a_busy_machine_is_read() {
        assertThat(KerasHdf5.deadlineNanos(0)).isEqualTo(Duration.ofSeconds(60).toNanos());
        assertThat(KerasHdf5.deadlineNanos(4L << 20)).isEqualTo(Duration.ofSeconds(61).toNanos());
        assertThat(KerasHdf5.deadlineNanos(KerasHdf5.MAX_FILE_BYTES)).isEqualTo(Duration.ofSeconds(60 + 256)
                .toNanos());
    }

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
