package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's real peer fixture ({@code error-analysis/src/test/resources/fixtures/real}) is exactly what
 * {@link MakeModelOutputs} writes from the real archive's validation pile: remade byte for byte.
 */
class MakeModelOutputsTest {

    @TempDir
    Path dir;

    @Test
    void the_real_fixture_is_remade_byte_for_byte_from_the_validation_pile() throws Exception {
        // GIVEN the real training archive and the committed fixture
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz");
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        Path committed = Path.of("../error-analysis/src/test/resources/fixtures/real");
        assumeTrue(Files.isDirectory(committed), "the core's fixture folder is not at " + committed);
        // WHEN
        MakeModelOutputs.main(new String[] {archive.toString(), dir.toString()});
        // THEN
        for (String file : List.of("baseline_probabilities.npy", "augmented_probabilities.npy", "labels.npy",
                "in_bundled_sample.npy", "origins.txt", "classes.txt")) {
            assertThat(Files.readAllBytes(dir.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(committed.resolve(file)));
        }
        assertThat(Files.size(dir.resolve("baseline_probabilities.npy"))).isEqualTo(128 + 5000 * 10 * 4);
    }
}
