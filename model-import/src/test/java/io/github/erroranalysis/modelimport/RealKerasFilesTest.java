package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Files written by real Keras (not by our h5py script), from public repositories whose licences allow
 * redistribution (fixtures/keras-real/README.md names each one's repository, path, commit and licence): each one is
 * imported or refused with a one-line ModelImportException that names the file and what is unsupported. Real Keras
 * CIFAR-10 CNNs without a licence cannot be committed; {@link #real_cifar_models_in_a_folder_match_numpy} checks such
 * files in a folder given by {@code -Dkeras.real.dir} (NAME.h5, NAME.keras, or NAME.json with NAME-weights.h5) against
 * real_keras_reference.py's outputs.
 */
class RealKerasFilesTest {

    private static final double TOLERANCE = 1e-4;

    private static Path file(String name) {
        try {
            return Path.of(RealKerasFilesTest.class.getResource("fixtures/keras-real/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture missing: " + name, e);
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("dl4j-cnn_batch_norm.h5",
                        "input shape [null,10,10,3], 10×10 images; this library analyses 32×32 CIFAR-10 images"),
                Arguments.of("dl4j-12net.h5", "only models with one input and one output are supported (Keras 2.2.0)"),
                Arguments.of("dl4j-tfkeras-cnn2d_64.h5",
                        "input shape [null,10,10,3], 10×10 images; this library analyses 32×32 CIFAR-10 images"),
                Arguments.of("dl4j-simpleconv2d.hdf5", "a model mixing data formats is not supported (Keras 2.3.1)"),
                Arguments.of("dl4j-conv2d_theano_2.h5", "saved with Keras's Theano backend"),
                Arguments.of("dl4j-conv2d_tensorflow_2.h5", "the model takes 5 channels"),
                Arguments.of("dl4j-flatten_3d.hdf5", "only image models are supported (Keras 2.4.0)"),
                Arguments.of("dl4j-keras-attention.h5", "only image models are supported (Keras 2.11.0)"),
                Arguments.of("fdeep-lstm.h5", "only models with one input and one output are supported (Keras 2.2.5)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void real_keras_files_outside_the_supported_set_are_refused_in_one_line(String name, String expected) {
        assertThatThrownBy(() -> ModelImport.network(file(name), null, Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(name + ": ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void the_real_keras_2_batch_norm_file_is_refused_on_its_declared_image_size() {
        // Keras 2.1.3's Conv2D-BatchNormalization-Activation-Conv2D-Flatten-Dense(1) on 10x10 images: the declared
        // input size is checked first, so the file is refused before its layers are converted, naming the size
        assertThatThrownBy(() -> ModelImport.network(file("dl4j-cnn_batch_norm.h5"), null, Preprocessing.DEFAULT))
                .isInstanceOf(ModelImportException.class)
                .hasMessage("dl4j-cnn_batch_norm.h5: layer 'conv2d_1' (Conv2D): input shape [null,10,10,3], 10×10 "
                        + "images; this library analyses 32×32 CIFAR-10 images (Keras 2.1.3)");
    }

    @Test
    void variable_length_name_arrays_as_keras_2_5_and_3_write_them_import_the_same() throws IOException {
        // Real Keras >= 2.5 / 3.x (h5py 3) write layer_names and weight_names as variable-length UTF-8 string arrays,
        // Keras <= 2.4 and make_keras_fixtures.py as fixed-length bytes; vlen_name_variant.py rewrote only that.
        ImportedNetwork net = ModelImport.network(KerasFixtures.file("functional-keras3-vlen.h5"), null,
                Preprocessing.DEFAULT);
        KerasFixtures.Npy inputs = KerasFixtures.npy(KerasFixtures.file("functional-reference-inputs.npy"));
        KerasFixtures.Npy expected = KerasFixtures.npy(KerasFixtures.file("functional-reference-outputs.npy"));
        INDArray out = net.graph().outputSingle(KerasFixtures.input(KerasFixtures.planar(inputs),
                Preprocessing.DEFAULT));
        int c = expected.shape()[1];
        for (int i = 0; i < expected.shape()[0]; i++) {
            for (int j = 0; j < c; j++) {
                assertThat(out.getDouble(i, j)).as("example " + i + " class " + j)
                        .isCloseTo(expected.values()[i * c + j], org.assertj.core.api.Assertions.within(TOLERANCE));
            }
        }
    }

    @Test
    void real_cifar_models_in_a_folder_match_numpy() throws IOException {
        String dir = System.getProperty("keras.real.dir");
        assumeThat(dir).as("-Dkeras.real.dir=FOLDER (real Keras CIFAR-10 models without a redistribution licence, "
                + "with real_keras_reference.py's NAME-inputs.npy and NAME-outputs.npy; see fixtures/keras-real/"
                + "README.md)").isNotNull();
        List<Path> models = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            s.filter(p -> p.toString().matches(".*\\.(h5|keras|json)") && !p.toString().endsWith("-weights.h5"))
                    .sorted().forEach(models::add);
        }
        assertThat(models).as("models in " + dir).isNotEmpty();
        for (Path model : models) {
            String base = model.getFileName().toString().replaceAll("\\.(h5|keras|json)$", "");
            Path weights = model.toString().endsWith(".json") ? model.resolveSibling(base + "-weights.h5") : null;
            ImportedNetwork net = ModelImport.network(model, weights, Preprocessing.DEFAULT);
            KerasFixtures.Npy inputs = KerasFixtures.npy(model.resolveSibling(base + "-inputs.npy"));
            KerasFixtures.Npy expected = KerasFixtures.npy(model.resolveSibling(base + "-outputs.npy"));
            INDArray out = net.graph().outputSingle(KerasFixtures.input(KerasFixtures.planar(inputs),
                    Preprocessing.DEFAULT));
            int n = expected.shape()[0];
            int c = expected.shape()[1];
            double largest = 0;
            for (int i = 0; i < n; i++) {
                double[] want = new double[c];
                for (int j = 0; j < c; j++) {
                    want[j] = expected.values()[i * c + j];
                }
                if (net.softmaxAppended()) {
                    softmax(want);
                }
                int top = 0;
                int ours = 0;
                for (int j = 0; j < c; j++) {
                    assertThat(out.getDouble(i, j)).as(model.getFileName() + " example " + i + " class " + j)
                            .isCloseTo(want[j], org.assertj.core.api.Assertions.within(TOLERANCE));
                    largest = Math.max(largest, Math.abs(out.getDouble(i, j) - want[j]));
                    top = want[j] > want[top] ? j : top;
                    ours = out.getDouble(i, j) > out.getDouble(i, ours) ? j : ours;
                }
                assertThat(ours).as(model.getFileName() + " top-1 of example " + i).isEqualTo(top);
            }
        }
    }

    private static void softmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.exp(v[j] - max);
            sum += v[j];
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= sum;
        }
    }
}
