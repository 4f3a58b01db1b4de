package com.example.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.assertj.ErrorAnalysisSoftAssertions;
import io.github.erroranalysis.gate.GateEvaluator;
import io.github.erroranalysis.gate.QualityGate;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A user's accuracy gate: the AssertJ assertions of error-analysis, once passing and once failing as expected. */
public final class Main {

    private Main() {
    }

    /**
     * Gates an analysis with 6 of 8 examples right: at least 0.7 passes, at least 0.8 fails with the documented
     * message, and soft assertions collect both failures of two failing gates.
     *
     * @param args unused
     * @throws IOException if the assertions' jar cannot be read
     */
    public static void main(String[] args) throws IOException {
        int[] predicted = {0, 1, 2, 0, 1, 2, 0, 1};
        int[] truth = {0, 2, 2, 0, 0, 2, 0, 1};
        INDArray probabilities = Nd4j.zeros(predicted.length, 3);
        for (int i = 0; i < predicted.length; i++) {
            for (int c = 0; c < 3; c++) {
                probabilities.putScalar(i, c, c == predicted[i] ? 0.8 : 0.1);
            }
        }
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(probabilities, truth, List.of("cat", "dog", "frog"));

        assertThat(analysis).hasAccuracyAtLeast(0.7).hasClassAccuracyAtLeast("dog", 1.0);
        assertThat(analysis).classAccuracy("cat").isEqualTo(0.75);
        System.out.println("consumer-assertj: the gate at accuracy 0.7 passed");

        AssertionError failure = null;
        try {
            assertThat(analysis).hasAccuracyAtLeast(0.8);
        } catch (AssertionError expected) {
            failure = expected;
        }
        if (failure == null) {
            throw new IllegalStateException("the gate at accuracy 0.8 passed on an accuracy of 0.75");
        }
        String message = failure.getMessage();
        if (!message.contains("to be at least:") || !message.contains("0.8") || !message.contains("0.75")) {
            throw new IllegalStateException("the failed gate's message does not give both numbers: " + message);
        }
        System.out.println("consumer-assertj: the gate at accuracy 0.8 failed as expected:" + message);

        // the core's gate model, as the CLI's --min-accuracy 0.7 --gate-on-lower-bound: the Wilson interval of 6 of
        // 8 reaches well below 0.7, so the gate on its lower bound fails where the estimate passes
        QualityGate onBound = QualityGate.accuracyAtLeast(0.7).onPessimisticBound();
        assertThat(analysis).passes(QualityGate.accuracyAtLeast(0.7));
        AssertionError boundFailure = null;
        try {
            assertThat(analysis).passes(onBound);
        } catch (AssertionError expected) {
            boundFailure = expected;
        }
        String cli = GateEvaluator.of(analysis).evaluate(onBound).message();
        if (boundFailure == null || !boundFailure.getMessage().contains("lower bound of accuracy")
                || !cli.startsWith("FAILED accuracy at least 0.7000: lower bound of accuracy ")) {
            throw new IllegalStateException("the gate on the lower bound did not fail in the gate's words: "
                    + boundFailure + " / " + cli);
        }
        System.out.println("consumer-assertj: the gate on the lower bound failed as expected: " + cli);

        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        softly.assertThat(analysis).hasAccuracyAtLeast(0.8);
        softly.assertThat(analysis).hasAccuracyAtLeast(0.7);
        softly.assertThat(analysis).hasClassAccuracyAtLeast("frog", 0.9);
        int collected = softly.errorsCollected().size();
        if (collected != 2) {
            throw new IllegalStateException("soft assertions collected " + collected + " failures instead of 2: "
                    + softly.errorsCollected());
        }
        System.out.println("consumer-assertj: soft assertions collected both failing gates");

        // selective prediction, as the CLI's --min-coverage-at-risk 0.25=1 --max-aurc 0.3: every confidence is 0.8,
        // so the answers rank by example index; at most 25 % errors still answers all 8 (6 right), at most 10 %
        // only the first (1 of 8), so a coverage of at least 0.5 there fails in the gate's words
        assertThat(analysis).hasCoverageAtRiskAtLeast(0.25, 1.0).hasAurcAtMost(0.3);
        AssertionError coverageFailure = null;
        try {
            assertThat(analysis).hasCoverageAtRiskAtLeast(0.1, 0.5);
        } catch (AssertionError expected) {
            coverageFailure = expected;
        }
        if (coverageFailure == null || !coverageFailure.getMessage().contains("Expecting the coverage at risk 10.0 %")
                || !coverageFailure.getMessage().contains("1 of 8 answered")) {
            throw new IllegalStateException("the coverage gate at risk 10 % did not fail in the gate's words: "
                    + coverageFailure);
        }
        System.out.println("consumer-assertj: the coverage gate at risk 10 % failed as expected:"
                + coverageFailure.getMessage());

        // any number-valued metric is a gate too: macro-F1 here, on its bootstrap interval
        assertThat(analysis).hasMetricAtLeast(io.github.erroranalysis.Metrics.macroF1(), 0.5);
        checkModuleName(ErrorAnalysisSoftAssertions.class, "io.github.erroranalysis.assertj");
        System.out.println("consumer-assertj: a macro-F1 gate passed; the jar's Automatic-Module-Name is "
                + "io.github.erroranalysis.assertj");
    }

    /** Checks that the jar a class was loaded from names its module as documented. */
    private static void checkModuleName(Class<?> type, String expected) throws IOException {
        Path file;
        try {
            file = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName() + ": " + e.getMessage(), e);
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            String name = jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            if (!expected.equals(name)) {
                throw new IllegalStateException("expected Automatic-Module-Name " + expected + " in " + file
                        + ", but got " + name);
            }
        }
    }
}
