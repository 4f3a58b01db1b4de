package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.TemperatureFit;
import io.github.erroranalysis.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calibrate --logits} fits T on the logits themselves and {@code analyze --logits --temperature*} applies it
 * as softmax(z / T): on the core's sharp-logits scipy fixture (23 % of the softmax entries below 1e-12, where the
 * floored logarithms of the probabilities give T = 10.71 instead of 12.42).
 */
class TemperatureLogitsCliTest {

    /** The core's scipy fixture of logits, from the examples module's folder. */
    private static final Path FIXTURE = Path.of("../error-analysis/src/test/resources/fixtures/temperature");

    @TempDir
    Path dir;

    private JsonNode expected;

    @BeforeEach
    void copyTheFixture() throws Exception {
        expected = Schemas.tree(Files.readString(FIXTURE.resolve("temperature_logits_scipy.json")));
        Files.copy(FIXTURE.resolve(expected.get("logits").asText()), dir.resolve("z.npy"));
        Files.copy(FIXTURE.resolve(expected.get("labels").asText()), dir.resolve("y.npy"));
        Files.writeString(dir.resolve("classes.txt"), IntStream.range(0, 10).mapToObj(k -> "class" + k)
                .collect(Collectors.joining("\n", "", "\n")));
    }

    @Test
    void calibrate_with_logits_fits_t_on_the_logits_as_scipy_does() throws Exception {
        // WHEN
        Cli.Result result = Cli.run(dir, "calibrate", "--predictions", "z.npy", "--logits", "--labels", "y.npy",
                "--classes", "classes.txt", "--out", "t.json");
        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        double t = expected.get("temperature").asDouble();
        TemperatureFit fit = TemperatureFit.read(dir.resolve("t.json"));
        assertThat(fit.temperature()).isCloseTo(t, within(1e-7 * t));
        assertThat(fit.scaling().negativeLogLikelihoodAfter()).isCloseTo(expected.get("nllAfter").asDouble(),
                within(1e-9));
    }

    @Test
    void analyze_with_logits_applies_t_as_softmax_of_z_over_t() throws Exception {
        // WHEN scipy's T, given by hand
        Cli.Result result = Cli.run(dir, "analyze", "--predictions", "z.npy", "--logits", "--labels", "y.npy",
                "--classes", "classes.txt", "--temperature", expected.get("temperature").asText(), "--out", "r");
        // THEN every score of the report is NumPy's of softmax(z / T)
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = Schemas.tree(Files.readString(dir.resolve("r/report.json")));
        assertThat(json.at("/calibration/ece").asDouble()).isCloseTo(expected.at("/after/ece").asDouble(),
                within(1e-9));
        assertThat(json.at("/temperatureScaling/calibrationChange/logLossAfter").asDouble())
                .isCloseTo(expected.at("/after/logLoss").asDouble(), within(1e-9));
        assertThat(json.at("/temperatureScaling/calibrationChange/brierScoreAfter").asDouble())
                .isCloseTo(expected.at("/after/brierScore").asDouble(), within(1e-9));
        assertThat(json.at("/temperatureScaling/calibrationChange/eceBefore").asDouble())
                .isCloseTo(expected.at("/before/ece").asDouble(), within(1e-9));
    }
}
