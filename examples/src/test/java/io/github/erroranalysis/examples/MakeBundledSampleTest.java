package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample is exactly what {@link MakeBundledSample} draws from the validation pile of the real archive:
 * reproducible byte for byte, so never an image the bundled models trained on.
 */
class MakeBundledSampleTest {

    @TempDir
    Path dir;

    @Test
    void the_bundled_sample_is_remade_byte_for_byte_from_the_validation_pile() throws Exception {
        // GIVEN the real training archive
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz");
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        // WHEN
        Path remade = dir.resolve(BundledSample.RESOURCE);
        MakeBundledSample.main(new String[] {archive.toString(), remade.toString()});
        // THEN
        try (InputStream bundled = BundledSample.class.getResourceAsStream(BundledSample.RESOURCE)) {
            assertThat(bundled).isNotNull();
            assertThat(Files.readAllBytes(remade)).isEqualTo(bundled.readAllBytes());
        }
    }
}
