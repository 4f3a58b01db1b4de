package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.testing.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TemperatureScaling against its scipy/NumPy peer ({@code fixtures/temperature/make_temperature_fixtures.py}):
 * the bundled models' real validation-pile probabilities (fitted on the 4,000 rows outside the bundled sample,
 * scored on its 1,000) and synthetic over- and under-confident cases and cases whose fit runs into a bound.
 */
class TemperatureScipyFixtureTest {

    /** The tolerance on T; the fit does far better (see {@link #T_CLOSE}). */
    private static final double T_CONTRACT = 1e-3;
    /** How close T is to scipy's, relatively (measured: 3e-8 at most; scipy's bounded Brent at xatol 1e-10). */
    private static final double T_CLOSE = 1e-7;
    /** The tolerance on every score. */
    private static final double SCORE = 1e-9;

    static Stream<JsonNode> cases() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        fixture().get("cases").forEach(cases::add);
        return cases.stream();
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = TemperatureScipyFixtureTest.class.getResourceAsStream(
                "/fixtures/temperature/temperature_scipy.json")) {
            return Schemas.JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_fitted_temperature_and_the_scores_after_scaling_match_scipy_and_numpy(JsonNode c) throws Exception {
        // GIVEN the fit rows and the scored rows of the case
        ErrorAnalysis[] parts = analyses(c);
        ErrorAnalysis fitData = parts[0];
        ErrorAnalysis scored = parts[1];
        double scipyT = c.get("temperature").asDouble();
        // WHEN
        TemperatureScaling fitted = TemperatureScaling.fit(fitData);
        ErrorAnalysis after = TemperatureScaling.of(scipyT).apply(scored);
        // THEN T is scipy's (within the contract's 1e-3, and far closer), so is the NLL of the fit data
        assertThat(fitted.temperature()).isCloseTo(scipyT, within(T_CONTRACT));
        assertThat(fitted.temperature()).isCloseTo(scipyT, within(T_CLOSE * scipyT));
        assertThat(fitted.examples()).isEqualTo(c.get("fitExamples").asInt());
        assertThat(fitted.negativeLogLikelihoodBefore()).isCloseTo(c.get("nllBefore").asDouble(), within(1e-12));
        assertThat(fitted.negativeLogLikelihoodAfter()).isCloseTo(c.get("nllAfter").asDouble(), within(SCORE));
        assertThat(fitted.negativeLogLikelihoodAfter()).isLessThanOrEqualTo(c.get("nllAfter").asDouble() + 1e-12);
        // AND a fit runs into a bound exactly when scipy's T lies at it
        boolean bound = c.get("name").asText().endsWith("_bound");
        assertThat(fitted.boundReached()).isEqualTo(bound);
        if (bound) {
            assertThat(fitted.temperature()).isIn(TemperatureScaling.MIN_TEMPERATURE,
                    TemperatureScaling.MAX_TEMPERATURE);
        }
        // AND the scores before and after scaling are NumPy's on the float32-rounded scaled probabilities
        expectScores(scored, c.get("before"));
        expectScores(after, c.get("after"));
        // AND the predicted classes, so the accuracy, are unchanged
        for (int i = 0; i < scored.examples(); i++) {
            assertThat(after.predictedClass(i)).as("example %d", i).isEqualTo(scored.predictedClass(i));
        }
        assertThat(after.accuracy()).isEqualTo(scored.accuracy()).isEqualTo(c.get("after").get("accuracy").asDouble());
    }

    private static void expectScores(ErrorAnalysis a, JsonNode expected) {
        assertThat(a.calibration().ece()).isCloseTo(expected.get("ece").asDouble(), within(SCORE));
        assertThat(a.metric(Metrics.logLoss())).isCloseTo(expected.get("logLoss").asDouble(), within(SCORE));
        assertThat(a.metric(Metrics.brierScore())).isCloseTo(expected.get("brierScore").asDouble(), within(SCORE));
    }

    /** The case's fit rows and scored rows as two analyses. */
    static ErrorAnalysis[] analyses(JsonNode c) throws IOException, URISyntaxException {
        Path folder = Path.of(TemperatureScipyFixtureTest.class.getResource("/fixtures/temperature").toURI());
        JsonNode inputs = c.get("inputs");
        NumberArray p = NpyFile.readNumbers(folder.resolve(inputs.get("probabilities").asText()));
        NumberArray y = NpyFile.readNumbers(folder.resolve(inputs.get("labels").asText()));
        int classes = (int) p.size(1);
        List<String> names = new ArrayList<>();
        if (inputs.get("fit").asText().equals("all")) {
            for (int k = 0; k < classes; k++) {
                names.add("class" + k);
            }
            ErrorAnalysis all = rows(p, y, names, null, true);
            return new ErrorAnalysis[] {all, all};
        }
        names.addAll(Files.readAllLines(folder.resolve("../real/classes.txt"), StandardCharsets.UTF_8));
        NumberArray sample = NpyFile.readNumbers(folder.resolve("../real/in_bundled_sample.npy"));
        return new ErrorAnalysis[] {rows(p, y, names, sample, false), rows(p, y, names, sample, true)};
    }

    /** The rows whose mark is {@code inSample} (every row without marks) as an analysis. */
    static ErrorAnalysis rows(NumberArray p, NumberArray y, List<String> names, NumberArray marks, boolean inSample) {
        int classes = names.size();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < y.length(); i++) {
            if (marks == null || (marks.get(i) == 1) == inSample) {
                kept.add(i);
            }
        }
        float[] probs = new float[kept.size() * classes];
        int[] labels = new int[kept.size()];
        for (int r = 0; r < kept.size(); r++) {
            int i = kept.get(r);
            labels[r] = (int) y.get(i);
            for (int k = 0; k < classes; k++) {
                probs[r * classes + k] = (float) p.get(i * classes + k);
            }
        }
        return AnalysisFactories.create(names, classes, probs, labels, null);
    }
}
