package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.modelimport.ModelImportException;
import io.github.erroranalysis.modelimport.Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelLoader.Sidecars}: a run of a command reads each model's sidecar once, for the files it must not replace
 * and for loading the model, and keeps what reading it gave or threw.
 */
class ModelImportSidecarsTest {

    @TempDir
    Path dir;

    @Test
    void a_sidecar_is_read_once_per_run_and_its_failure_kept() throws IOException {
        // GIVEN a model with a sidecar, one with a malformed sidecar and one with none
        Path model = dir.resolve("cnn.onnx");
        Files.writeString(model, "not read here");
        Files.writeString(Sidecar.beside(model), "{\"schemaVersion\": 2, \"type\": \"modelImport\", "
                + "\"inputScale\": 1}");
        Path bad = dir.resolve("bad.onnx");
        Files.writeString(Sidecar.beside(bad), "{\"schemaVersion\": 2, \"type\": \"modelImport\", \"scale\": 1}");
        ModelLoader.Sidecars sidecars = new ModelLoader.Sidecars();

        // WHEN the sidecar is read, changed on disk and asked for again (as sidecarInputs and load do)
        Sidecar first = sidecars.sidecar(Sidecar.beside(model));
        Files.writeString(Sidecar.beside(model), "{\"schemaVersion\": 2, \"type\": \"modelImport\", "
                + "\"inputScale\": 255}");
        Sidecar second = sidecars.sidecar(dir.resolve("./cnn.onnx.json"));

        // THEN the run keeps its one reading; a new run reads the file anew
        assertThat(first.inputScale()).isEqualTo(1.0);
        assertThat(second).isSameAs(first);
        assertThat(new ModelLoader.Sidecars().sidecar(Sidecar.beside(model)).inputScale()).isEqualTo(255.0);
        assertThatThrownBy(() -> sidecars.sidecar(Sidecar.beside(bad))).isInstanceOf(ModelImportException.class)
                .hasMessageContaining("unknown key 'scale'");
        Files.delete(Sidecar.beside(bad));
        assertThatThrownBy(() -> sidecars.sidecar(Sidecar.beside(bad))).as("the failure is kept for the run")
                .isInstanceOf(ModelImportException.class);
        assertThat(sidecars.sidecar(dir.resolve("none.onnx.json"))).isNull();
        assertThat(ModelLoader.sidecarInputs(new Console(dir, System.out, System.err, false), "cnn.onnx", sidecars))
                .containsExactly("the sidecar of cnn.onnx", Sidecar.beside(model).toString());
    }
}
