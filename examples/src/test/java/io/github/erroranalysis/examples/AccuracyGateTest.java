package io.github.erroranalysis.examples;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A quality gate a CI pipeline can copy: the model must stay good enough on a fixed, held-out test set, checked
 * with the analysis assertions. Lower bounds of intervals keep the gate from being flaky.
 */
class AccuracyGateTest {

    private static ErrorAnalysis analysis;

    @BeforeAll
    static void analyseOnce() throws IOException {
        assumeTrue(BundledModels.isAvailable(BundledModels.BASELINE),
                "the bundled baseline model is not in this build yet (it is still being trained)");
        CifarModel model = BundledModels.baseline();
        CifarDataset heldOut = BundledSample.load();
        analysis = ErrorAnalysis.of(model.network(), model.iterator(heldOut, 128));
    }

    @Test
    void accuracy_is_clearly_above_60_percent() {
        assertThat(analysis).hasAccuracyLowerBoundAtLeast(0.60);
    }

    @Test
    void no_class_is_left_behind() {
        assertThat(analysis).hasEveryClassAccuracyAtLeast(0.35);
        assertThat(analysis).classAccuracy("cat").isGreaterThan(0.35);
    }

    @Test
    void confidence_can_be_trusted() {
        assertThat(analysis).hasExpectedCalibrationErrorAtMost(0.15).hasAtMostConfidentMistakes(100, 0.95);
    }

    @Test
    void a_product_can_answer_its_most_confident_third_with_at_most_5_percent_errors() {
        // selective prediction: the coverage at risk 5 % is 40.1 % [33.3 %, 47.0 %], the AURC 0.1133 [0.0939, 0.1348]
        assertThat(analysis).hasCoverageAtRiskLowerBoundAtLeast(0.05, 0.30).hasAurcUpperBoundAtMost(0.15);
    }
}
