package io.github.erroranalysis.cifar.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared CIFAR-10 training archive, skipping a test with a message when it is absent. */
final class SharedData {

    private SharedData() {
    }

    /** Returns the shared training archive, or skips the calling test when it is absent. */
    static Path trainArchive() {
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared"));
        Path archive = shared.resolve("cifar10/cifar-10-binary-train.tar.gz").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(archive),
                () -> "skipped: the shared CIFAR-10 archive is absent at " + archive);
        return archive;
    }
}
