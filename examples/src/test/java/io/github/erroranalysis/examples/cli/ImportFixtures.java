package io.github.erroranalysis.examples.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model-import module's fixtures, used by path from this module's tests: the PyTorch ONNX CNN and the Keras
 * Sequential {@code .h5}, each with its sidecar and the original framework's probabilities on the bundled sample.
 * A test skips with a message when a fixture is absent.
 */
final class ImportFixtures {

    /** The fixtures' folder, relative to this module's folder (where the tests run). */
    static final Path FOLDER = Path.of("../model-import/src/test/resources/io/github/erroranalysis/modelimport/"
            + "fixtures").toAbsolutePath().normalize();

    private ImportFixtures() {
    }

    /**
     * Gives a fixture file, skipping the test when it is absent.
     *
     * @param relative the path below the fixtures folder, such as {@code onnx/cnn.onnx}
     * @return the file
     */
    static Path file(String relative) {
        Path file = FOLDER.resolve(relative);
        assumeTrue(Files.isRegularFile(file), "skipped: the model-import fixture " + file + " is absent");
        return file;
    }

    /**
     * Copies a model and its sidecar into a folder (the sidecar's reference paths then no longer resolve, which
     * options given on the command line override).
     *
     * @param model the model fixture
     * @param folder the folder
     * @return the copy of the model
     * @throws IOException if a file cannot be copied
     */
    static Path copy(Path model, Path folder) throws IOException {
        Path copy = folder.resolve(model.getFileName());
        Files.copy(model, copy);
        Path sidecar = model.resolveSibling(model.getFileName() + ".json");
        if (Files.isRegularFile(sidecar)) {
            Files.copy(sidecar, folder.resolve(sidecar.getFileName()));
        }
        return copy;
    }
}
