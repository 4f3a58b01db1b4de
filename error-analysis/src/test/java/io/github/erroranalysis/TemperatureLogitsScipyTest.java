package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.testing.Schemas;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TemperatureScaling on logits ({@link TemperatureScaling#fitLogits}, {@link TemperatureScaling#applyLogits})
 * against scipy on the logits themselves ({@code fixtures/temperature/temperature_logits_scipy.json}, made by
 * {@code make_temperature_fixtures.py}): logits so sharp that 23 % of their softmax entries lie below 1e-12, where a
 * fit on the floored logarithms of the probabilities gives another T (10.71 instead of 12.42).
 */
class TemperatureLogitsScipyTest {

    /** How close T is to scipy's, relatively (as for the probabilities' fixture). */
    private static final double T_CLOSE = 1e-7;
    /** The tolerance on every score. */
    private static final double SCORE = 1e-9;

    private static JsonNode expected;
    private static NumberArray logits;
    private static ErrorAnalysis analysis;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = TemperatureLogitsScipyTest.class.getResourceAsStream(
                "/fixtures/temperature/temperature_logits_scipy.json")) {
            expected = Schemas.JSON.readTree(in);
        }
        Path folder = Path.of(TemperatureLogitsScipyTest.class.getResource("/fixtures/temperature").toURI());
        logits = NpyFile.readNumbers(folder.resolve(expected.get("logits").asText()));
        NumberArray labels = NpyFile.readNumbers(folder.resolve(expected.get("labels").asText()));
        List<String> names = new ArrayList<>();
        for (int k = 0; k < logits.size(1); k++) {
            names.add("class" + k);
        }
        analysis = ErrorAnalysis.fromLogits(logits, labels, names);
    }

    @Test
    void t_fitted_on_the_logits_is_scipys_on_the_logits_not_the_floored_probabilities_one() {
        // WHEN
        TemperatureScaling onLogits = TemperatureScaling.fitLogits(logits, analysis);
        TemperatureScaling onProbabilities = TemperatureScaling.fit(analysis);
        // THEN
        double t = expected.get("temperature").asDouble();
        assertThat(onLogits.temperature()).isCloseTo(t, within(T_CLOSE * t));
        assertThat(onLogits.negativeLogLikelihoodBefore()).isCloseTo(expected.get("nllBefore").asDouble(),
                within(1e-12));
        assertThat(onLogits.negativeLogLikelihoodAfter()).isCloseTo(expected.get("nllAfter").asDouble(),
                within(SCORE));
        assertThat(onLogits.examples()).isEqualTo(analysis.examples());
        assertThat(onLogits.classes()).isEqualTo(analysis.classNames());
        double floored = expected.get("temperatureOfFlooredProbabilities").asDouble();
        assertThat(onProbabilities.temperature()).isCloseTo(floored, within(T_CLOSE * floored));
        assertThat(Math.abs(onLogits.temperature() - floored)).isGreaterThan(1); // the fixture tells them apart
    }

    @Test
    void t_applied_to_the_logits_gives_numpys_scores_of_softmax_z_over_t() {
        // GIVEN scipy's T (the scores are of softmax(z / T) at that T; ours differs by 1e-7 relatively at most)
        TemperatureScaling scipy = TemperatureScaling.of(expected.get("temperature").asDouble());
        // WHEN
        ErrorAnalysis after = scipy.applyLogits(logits, analysis);
        TemperatureFit fit = TemperatureFit.fit(logits, analysis);
        // THEN
        expectScores(analysis, expected.get("before"));
        expectScores(after, expected.get("after"));
        assertThat(after.accuracy()).isEqualTo(analysis.accuracy());
        // the fit scores itself on the logits too: at its own T, within T's tolerance of scipy's scores
        assertThat(fit.change().eceAfter().estimate()).isCloseTo(expected.at("/after/ece").asDouble(), within(1e-7));
        assertThat(fit.change().logLossAfter().estimate()).isCloseTo(expected.at("/after/logLoss").asDouble(),
                within(SCORE));
    }

    @Test
    void logits_of_another_shape_are_refused_naming_both() {
        NumberArray wrong = NumberArray.ofDoubles(new double[20], 2, 10);
        assertThatThrownBy(() -> TemperatureScaling.fitLogits(wrong, analysis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the logits are [2, 10], but the analysis has 2000 examples of 10 classes");
        assertThatThrownBy(() -> TemperatureScaling.of(2).applyLogits(wrong, analysis))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the logits are [2, 10]");
    }

    private static void expectScores(ErrorAnalysis a, JsonNode scores) {
        assertThat(a.calibration().ece()).isCloseTo(scores.get("ece").asDouble(), within(SCORE));
        assertThat(a.metric(Metrics.logLoss())).isCloseTo(scores.get("logLoss").asDouble(), within(SCORE));
        assertThat(a.metric(Metrics.brierScore())).isCloseTo(scores.get("brierScore").asDouble(), within(SCORE));
    }
}
