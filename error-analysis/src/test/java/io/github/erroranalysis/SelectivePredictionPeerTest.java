package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares selective prediction with a NumPy implementation of the definitions (fixtures/make_selective_fixtures.py):
 * synthetic cases with ties, all correct, all wrong, one example, and the bundled models' real probabilities on the
 * validation pile; AURC, optimal and excess AURC, risks, coverages and thresholds to 1e-12, counts exactly.
 */
class SelectivePredictionPeerTest {

    private static final double TOLERANCE = 1e-12;
    private static JsonNode fixtures;

    static synchronized JsonNode fixtures() throws IOException {
        if (fixtures == null) {
            try (InputStream in = SelectivePredictionPeerTest.class.getResourceAsStream(
                    "/fixtures/selective_fixtures.json")) {
                fixtures = new ObjectMapper().readTree(in);
            }
        }
        return fixtures;
    }

    static Stream<String> cases() throws IOException {
        List<String> names = new ArrayList<>();
        fixtures().get("cases").forEach(c -> names.add(c.get("name").asText()));
        return names.stream();
    }

    static JsonNode find(String name) throws IOException {
        for (JsonNode c : fixtures().get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static ErrorAnalysis analyse(JsonNode c) throws IOException {
        if (c.has("probabilitiesFile")) {
            return ErrorAnalysis.fromNpy(resource(c.get("probabilitiesFile").asText()),
                    resource(c.get("labelsFile").asText()), List.of());
        }
        JsonNode rows = c.get("probabilities");
        int classes = c.get("classes").asInt();
        float[][] p = new float[rows.size()][classes];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < classes; k++) {
                p[i][k] = (float) rows.get(i).get(k).asDouble();
            }
            labels[i] = c.get("labels").get(i).asInt();
        }
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), labels, List.of());
    }

    static Path resource(String name) {
        try {
            return Path.of(SelectivePredictionPeerTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Double> numbers(String key) throws IOException {
        List<Double> out = new ArrayList<>();
        fixtures().get(key).forEach(v -> out.add(v.asDouble()));
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void every_number_matches_numpy(String name) throws IOException {
        JsonNode c = find(name);
        JsonNode e = c.get("expected");
        ErrorAnalysis a = analyse(c);
        SelectivePrediction s = SelectivePrediction.of(a, 0.95, Bootstrap.of(50, 1), numbers("coverages"),
                numbers("risks"));
        assertThat(s.examples()).isEqualTo(e.get("examples").asInt());
        assertThat(s.errors()).isEqualTo(e.get("errors").asLong());
        assertThat(s.aurc()).as("AURC").isCloseTo(e.get("aurc").asDouble(), within(TOLERANCE));
        assertThat(s.optimalAurc()).as("optimal AURC").isCloseTo(e.get("optimalAurc").asDouble(), within(TOLERANCE));
        assertThat(s.excessAurc()).as("excess AURC").isCloseTo(e.get("excessAurc").asDouble(), within(TOLERANCE));
        JsonNode order = e.get("order");
        for (int k = 0; k < order.size(); k++) {
            assertThat(a.riskCoverage().example(k + 1)).as("sorted position %d", k + 1).isEqualTo(order.get(k).asInt());
        }
        for (int i = 0; i < s.riskAtCoverage().size(); i++) {
            RiskAtCoverage r = s.riskAtCoverage().get(i);
            JsonNode x = e.get("riskAtCoverage").get(i);
            assertThat(r.coverage()).isEqualTo(x.get("coverage").asDouble());
            assertThat(r.answered()).as("answered at coverage %s", r.coverage()).isEqualTo(x.get("answered").asInt());
            assertThat(r.risk()).as("risk at coverage %s", r.coverage()).isCloseTo(x.get("risk").asDouble(),
                    within(TOLERANCE));
            assertThat(r.threshold()).as("threshold at coverage %s", r.coverage())
                    .isCloseTo(x.get("threshold").asDouble(), within(TOLERANCE));
            assertThat(r.answeredAtThreshold()).as("answered at or above the threshold at coverage %s", r.coverage())
                    .isEqualTo(x.get("answeredAtThreshold").asInt());
            assertThat(r.riskAtThreshold()).as("risk at or above the threshold at coverage %s", r.coverage())
                    .isCloseTo(x.get("riskAtThreshold").asDouble(), within(TOLERANCE));
        }
        for (int i = 0; i < s.coverageAtRisk().size(); i++) {
            CoverageAtRisk r = s.coverageAtRisk().get(i);
            JsonNode x = e.get("coverageAtRisk").get(i);
            assertThat(r.risk()).isEqualTo(x.get("risk").asDouble());
            assertThat(r.answered()).as("answered at risk %s", r.risk()).isEqualTo(x.get("answered").asInt());
            assertThat(r.coverage()).as("coverage at risk %s", r.risk()).isCloseTo(x.get("coverage").asDouble(),
                    within(TOLERANCE));
            assertThat(r.coverageInterval().estimate()).isEqualTo(r.coverage());
            assertThat(r.answeredAtThreshold()).as("answered at or above the threshold at risk %s", r.risk())
                    .isEqualTo(x.get("answeredAtThreshold").asInt());
            if (x.get("threshold").isNull()) {
                assertThat(r.threshold()).as("threshold at risk %s", r.risk()).isNaN();
                assertThat(r.riskAtThreshold()).isNaN();
                assertThat(r.achievable()).isFalse();
            } else {
                assertThat(r.threshold()).as("threshold at risk %s", r.risk())
                        .isCloseTo(x.get("threshold").asDouble(), within(TOLERANCE));
                assertThat(r.riskAtThreshold()).as("risk at or above the threshold at risk %s", r.risk())
                        .isCloseTo(x.get("riskAtThreshold").asDouble(), within(TOLERANCE));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void a_threshold_shared_beyond_k_is_told_in_words_with_what_the_rule_really_answers() throws IOException {
        // saturatedTies: 30 confidences of exactly 1.0f, the last three of them (by example index) wrong; at risk
        // 5 % the first 29 are answered, but "confidence >= 1.0" answers all 30 at 6.7 % errors
        SelectivePrediction s = SelectivePrediction.of(analyse(find("saturatedTies")), 0.95, Bootstrap.of(50, 1),
                List.of(0.001, 0.5, 0.8, 1.0), List.of(0.05));
        CoverageAtRisk c = s.coverageAt(0.05);
        assertThat(c.answered()).isEqualTo(29);
        assertThat(c.tiedBeyond()).isEqualTo(1);
        assertThat(c.whichInWords()).isEqualTo("the most confident down to confidence 1.0000, ties by example index; "
                + "1 more example shares this confidence: answering every input at or above it answers 30 at 6.7 % "
                + "risk");
        assertThat(s.inWords()).contains("of inputs (the most confident down to confidence 1.0000, ties by example "
                + "index; 1 more example shares").doesNotContain("those with confidence at least");
        // the 50 % coverage stops at the last of the 0.99999994f ties: a true rule, said as before, its threshold
        // printed so that it does not read as 1.0000
        RiskAtCoverage half = s.riskAtCoverage().get(1);
        assertThat(half.answeredAtThreshold()).isEqualTo(half.answered());
        assertThat(half.whichInWords()).isEqualTo("those with confidence at least 0.99999994");
        assertThat(s.riskAtCoverage().get(0).whichInWords()).contains("29 more examples share this confidence");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void a_resample_that_draws_every_example_once_walks_to_the_exact_values(String name) throws IOException {
        ErrorAnalysis a = analyse(find(name));
        RiskCoverageCurve curve = a.riskCoverage();
        int n = curve.examples();
        int[] once = new int[n];
        boolean[] wrong = new boolean[n];
        java.util.Arrays.fill(once, 1);
        for (int k = 1; k <= n; k++) {
            wrong[k - 1] = curve.wrong(k);
        }
        double[] risks = numbers("risks").stream().mapToDouble(Double::doubleValue).toArray();
        double[] walked = RiskCoverageBootstrap.classicValues(once, wrong, risks, new RiskCoverageBootstrap.Harmonic(n));
        assertThat(walked[0]).isCloseTo(SelectivePrediction.aurc(curve), within(TOLERANCE));
        for (int r = 0; r < risks.length; r++) {
            assertThat(walked[1 + r]).as("coverage at risk %s", risks[r])
                    .isEqualTo((double) SelectivePrediction.answeredAtRisk(curve, risks[r]) / n);
        }
        // blocks of the examples' own correct and wrong counts: blocks of one example are the examples themselves
        long[] correct = new long[n];
        long[] wrongs = new long[n];
        for (int k = 0; k < n; k++) {
            correct[k] = wrong[k] ? 0 : 1;
            wrongs[k] = wrong[k] ? 1 : 0;
        }
        double[] blocked = RiskCoverageBootstrap.blockedValues(correct, wrongs, risks,
                new RiskCoverageBootstrap.Harmonic(16));
        for (int v = 0; v < walked.length; v++) {
            assertThat(blocked[v]).isCloseTo(walked[v], within(TOLERANCE));
        }
    }

    @org.junit.jupiter.api.Test
    void in_words_when_refusing_changes_nothing_and_when_no_coverage_qualifies() throws IOException {
        assertThat(analyse(find("allWrong")).selectivePrediction().inWords()).isEqualTo("Refusing the 20 % least "
                + "confident answers leaves the error rate at 100.0 %. No share of the inputs keeps the error rate at "
                + "most 5.0 %: even the most confident answer is wrong.");
        assertThat(analyse(find("real-augmented")).selectivePrediction().inWords())
                .startsWith("Refusing the 20 % least confident answers cuts the error rate from 22.8 % to ");
    }
}
