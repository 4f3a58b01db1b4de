package com.example.modelimport;

import io.github.erroranalysis.modelimport.ImportOptions;
import io.github.erroranalysis.modelimport.ImportedModel;
import io.github.erroranalysis.modelimport.ModelImport;
import io.github.erroranalysis.modelimport.ModelImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A user's program that depends on model-import alone: imports a PyTorch CNN exported to ONNX and a Keras Sequential
 * {@code .h5}, each verified through its sidecar against the original framework's probabilities, and checks that an
 * import whose preprocessing is wrong is refused.
 */
public final class Main {

    private Main() {
    }

    /**
     * Imports the fixtures and checks them.
     *
     * @param args the model-import fixtures folder
     * @throws IOException if a fixture cannot be read or an import fails
     */
    public static void main(String[] args) throws IOException {
        Path fixtures = Path.of(args[0]).toAbsolutePath().normalize();
        for (String fixture : List.of("onnx/cnn.onnx", "keras/sequential.h5")) {
            Path model = fixtures.resolve(fixture);
            if (!Files.isRegularFile(model)) {
                System.out.println("consumer-model-import: SKIPPED " + fixture + ": " + model + " is absent");
                continue;
            }
            ImportedModel imported = ModelImport.load(model, ImportOptions.defaults());
            if (!imported.verified() || imported.verification().largestDifference() > 1e-4
                    || imported.verification().topDisagreements() != 0) {
                throw new IllegalStateException(fixture + ": not verified to 1e-4: " + imported.provenance());
            }
            if (imported.model().classNames().size() != 10) {
                throw new IllegalStateException(fixture + ": " + imported.model().classNames());
            }
            System.out.println("consumer-model-import: " + imported.provenance());
            // the same model read with the wrong preprocessing (no standardisation, BGR) is refused, not analysed
            try {
                ModelImport.load(model, ImportOptions.defaults().withPreprocessing(
                        new io.github.erroranalysis.modelimport.Preprocessing(null, 1, new double[] {0},
                                new double[] {1}, true)));
                throw new IllegalStateException(fixture + ": a wrong preprocessing was not refused");
            } catch (ModelImportException e) {
                System.out.println("consumer-model-import: refused as it should be: " + e.getMessage());
            }
        }
    }
}
