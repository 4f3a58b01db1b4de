package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.testing.Schemas;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled temperatures are what {@code calibrate --model NAME --data ARCHIVE} fits on the real archive's
 * validation pile without the bundled sample: refitted, every key but the date is the same (the data source names
 * the archive by its file name, not this machine's path).
 */
class BundledTemperatureTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {BundledModels.BASELINE, BundledModels.AUGMENTED})
    void the_bundled_temperature_is_refitted_the_same_on_the_validation_pile_without_the_bundled_sample(String model)
            throws Exception {
        // GIVEN the real training archive
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        // WHEN
        Cli.Result result = Cli.run(dir, "calibrate", "--model", model, "--data", archive.toString(), "--out",
                "t.json", "--quiet");
        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("left out the 1,000 images of the bundled sample (the main job's report "
                + "scores them): fitting on the other 4,000 of 5,000\n");
        JsonNode refitted = Schemas.tree(Files.readString(dir.resolve("t.json")));
        JsonNode bundled;
        try (InputStream in = BundledModels.class.getResourceAsStream(model + ".temperature.json")) {
            bundled = Schemas.JSON.readTree(in);
        }
        // the data source is the archive's file name, not this machine's path (the file ships in the jar)
        assertThat(bundled.at("/provenance/dataSource").asText()).isEqualTo("cifar-10-binary-train.tar.gz, split "
                + "validation without the 1,000 images of the bundled sample");
        ((ObjectNode) refitted.get("provenance")).remove("date");
        ((ObjectNode) bundled.get("provenance")).remove("date");
        assertThat(refitted).isEqualTo(bundled);
        assertThat(BundledModels.temperature(model).temperature()).isEqualTo(refitted.get("temperature").asDouble());
        assertThat(bundled.at("/provenance/dataFingerprint").asText()).startsWith("sha256:");
    }
}
