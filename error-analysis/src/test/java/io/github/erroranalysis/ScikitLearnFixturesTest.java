package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Compares every metric with fixtures computed by scikit-learn and NumPy (see fixtures/make_sklearn_fixtures.py). */
class ScikitLearnFixturesTest {

    private static final double TOLERANCE = 1e-9;

    static Stream<String> fixtures() {
        return Stream.of("sklearn_n200_c4", "sklearn_n500_c10_absent_and_never_predicted", "sklearn_n1000_c3_sharp",
                "sklearn_n37_c2");
    }

    private static JsonNode load(String name) throws IOException {
        try (InputStream in = ScikitLearnFixturesTest.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static ErrorAnalysis analyse(JsonNode fixture) {
        JsonNode rows = fixture.get("probabilities");
        int classes = fixture.get("classes").asInt();
        float[][] p = new float[rows.size()][classes];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < classes; c++) {
                p[i][c] = (float) rows.get(i).get(c).asDouble();
            }
        }
        int[] labels = new int[fixture.get("labels").size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = fixture.get("labels").get(i).asInt();
        }
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), labels, List.of());
    }

    private static double value(JsonNode node) {
        return node.isNull() ? Double.NaN : node.asDouble();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void accuracy_topK_and_confusion_match_sklearn(String name) throws IOException {
        JsonNode fixture = load(name);
        JsonNode e = fixture.get("expected");
        ErrorAnalysis a = analyse(fixture);
        assertThat(a.accuracy()).isCloseTo(e.get("accuracy").asDouble(), within(TOLERANCE));
        assertThat(a.topKAccuracy(3)).isCloseTo(e.get("top3Accuracy").asDouble(), within(TOLERANCE));
        long[][] counts = a.confusion().counts();
        for (int t = 0; t < a.classCount(); t++) {
            for (int p = 0; p < a.classCount(); p++) {
                assertThat(counts[t][p]).as("confusion[%d][%d]", t, p).isEqualTo(e.get("confusion").get(t).get(p).asLong());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void precision_recall_f1_and_averages_match_sklearn(String name) throws IOException {
        JsonNode fixture = load(name);
        JsonNode e = fixture.get("expected");
        PrecisionRecallF1 scores = analyse(fixture).precisionRecallF1();
        for (ClassScores s : scores.perClass()) {
            int c = s.classIndex();
            assertClose(s.precision(), value(e.get("precision").get(c)), "precision of class " + c);
            assertClose(s.recall(), value(e.get("recall").get(c)), "recall of class " + c);
            assertClose(s.f1(), value(e.get("f1").get(c)), "f1 of class " + c);
            assertThat(s.support()).isEqualTo(e.get("support").get(c).asLong());
        }
        assertClose(scores.macro().precision(), value(e.get("macroPrecision")), "macro precision");
        assertClose(scores.macro().recall(), value(e.get("macroRecall")), "macro recall");
        assertClose(scores.macro().f1(), value(e.get("macroF1")), "macro f1");
        assertClose(scores.weighted().precision(), value(e.get("weightedPrecision")), "weighted precision");
        assertClose(scores.weighted().recall(), value(e.get("weightedRecall")), "weighted recall");
        assertClose(scores.weighted().f1(), value(e.get("weightedF1")), "weighted f1");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void calibration_log_loss_and_brier_match_sklearn_and_numpy(String name) throws IOException {
        JsonNode fixture = load(name);
        JsonNode e = fixture.get("expected");
        Calibration cal = analyse(fixture).calibration();
        assertThat(cal.logLoss()).isCloseTo(e.get("logLoss").asDouble(), within(TOLERANCE));
        assertThat(cal.brierScore()).isCloseTo(e.get("brier").asDouble(), within(TOLERANCE));
        assertThat(cal.ece()).isCloseTo(e.get("ece15").asDouble(), within(TOLERANCE));
        assertThat(cal.maxCalibrationError()).isCloseTo(e.get("mce15").asDouble(), within(TOLERANCE));
        for (ReliabilityBin bin : cal.bins()) {
            assertThat(bin.count()).as("bin %d", bin.index()).isEqualTo(e.get("binCounts").get(bin.index()).asLong());
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void built_in_metrics_match_sklearn(String name) throws IOException {
        JsonNode fixture = load(name);
        JsonNode e = fixture.get("expected");
        ErrorAnalysis a = analyse(fixture);
        assertClose(a.metric(Metrics.accuracy()), value(e.get("accuracy")), "accuracy");
        assertClose(a.metric(Metrics.topKAccuracy(3)), value(e.get("top3Accuracy")), "top3Accuracy");
        assertClose(a.metric(Metrics.macroPrecision()), value(e.get("macroPrecision")), "macroPrecision");
        assertClose(a.metric(Metrics.macroRecall()), value(e.get("macroRecall")), "macroRecall");
        assertClose(a.metric(Metrics.macroF1()), value(e.get("macroF1")), "macroF1");
        assertClose(a.metric(Metrics.weightedF1()), value(e.get("weightedF1")), "weightedF1");
        assertClose(a.metric(Metrics.logLoss()), value(e.get("logLoss")), "logLoss");
        assertClose(a.metric(Metrics.brierScore()), value(e.get("brier")), "brierScore");
        assertClose(a.metric(Metrics.expectedCalibrationError()), value(e.get("ece15")), "ece");
        assertClose(a.metric(Metrics.maxCalibrationError()), value(e.get("mce15")), "maxCalibrationError");
    }

    private static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(TOLERANCE));
        }
    }
}
