package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.cifar.data.Cifar10;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelImport#load}: the sidecar beside the model gives the preprocessing and the references (verified), the
 * options override it, class names come from the options, the sidecar or CIFAR-10's ten, and a wrong preprocessing is
 * refused by the reference check.
 */
class ModelImportLoadTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        URL url = ModelImportLoadTest.class.getResource("fixtures/" + name);
        assumeTrue(url != null, "skipped: the fixture " + name + " is absent");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_sidecar_beside_the_model_verifies_it() throws IOException {
        Path model = fixture("onnx/cnn.onnx");
        ImportedModel imported = ModelImport.load(model, ImportOptions.defaults());
        assertThat(imported.verified()).isTrue();
        assertThat(imported.verification().largestDifference()).isLessThanOrEqualTo(1e-4);
        assertThat(imported.model().classNames()).isEqualTo(Cifar10.CLASS_NAMES);
        assertThat(imported.provenance()).startsWith("cnn.onnx: ").contains(", verified against ")
                .contains(" reference outputs (largest difference ");
        assertThat(imported.model().metadata().architecture()).startsWith("imported an ONNX model: cnn.onnx (");
        assertThat(imported.preprocessing()).isEqualTo(Sidecar.read(Sidecar.beside(model)).preprocessing());
    }

    @Test
    void a_wrong_preprocessing_is_refused_by_the_reference_check() {
        Path model = fixture("onnx/cnn.onnx");
        assertThatThrownBy(() -> ModelImport.load(model, ImportOptions.defaults()
                .withPreprocessing(Preprocessing.DEFAULT))).isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith("cnn.onnx: the import does not reproduce the reference outputs: example ")
                .hasMessageContaining(" in cnn-reference-outputs.npy (difference ");
    }

    @Test
    void without_a_sidecar_it_is_unverified_and_class_names_must_match_the_outputs() throws IOException {
        Path model = dir.resolve("cnn.onnx");
        Files.copy(fixture("onnx/cnn.onnx"), model);
        ImportedModel imported = ModelImport.load(model, ImportOptions.defaults());
        assertThat(imported.verified()).isFalse();
        assertThat(imported.provenance()).endsWith(", " + ImportedModel.UNVERIFIED);
        assertThatThrownBy(() -> ModelImport.load(model, ImportOptions.defaults().withClassNames(List.of("a", "b"))))
                .isInstanceOf(ModelImportException.class).hasMessage(model + ": the network has 10 outputs, but "
                        + "there are 2 class names given: [a, b]");
        assertThatThrownBy(() -> ModelImport.load(model, ImportOptions.defaults().withReference(dir.resolve("x.npy"),
                null))).hasMessageContaining("reference inputs without reference outputs");
        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertThat(ModelImport.load(model, ImportOptions.defaults().withClassNames(names)).model().classNames())
                .isEqualTo(names);
    }
}
