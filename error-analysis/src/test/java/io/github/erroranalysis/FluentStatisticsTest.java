package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The statistics steps are reachable from the analysis itself and agree with the stats package's factories. */
class FluentStatisticsTest {

    private static final List<String> CLASSES = List.of("cat", "dog", "ship");

    private static ErrorAnalysis analysis(float[][] probabilities, int[] labels) {
        return ErrorAnalysis.fromPredictions(Nd4j.create(probabilities), labels, CLASSES);
    }

    private final ErrorAnalysis baseline = analysis(new float[][] {
            {0.8f, 0.1f, 0.1f}, {0.6f, 0.3f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.1f, 0.8f}, {0.05f, 0.05f, 0.9f},
            {0.3f, 0.6f, 0.1f}}, new int[] {0, 1, 1, 2, 0, 0});
    private final ErrorAnalysis candidate = analysis(new float[][] {
            {0.8f, 0.1f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.1f, 0.8f}, {0.6f, 0.2f, 0.2f},
            {0.7f, 0.2f, 0.1f}}, new int[] {0, 1, 1, 2, 0, 0});

    @Test
    void statistics_steps_equal_the_stats_factories() {
        assertThat(baseline.statistics()).isEqualTo(AnalysisStatistics.of(baseline));
        assertThat(baseline.statistics(0.9)).isEqualTo(AnalysisStatistics.of(baseline, 0.9));
        assertThat(baseline.hardestHonestly()).isEqualTo(HonestHardest.of(baseline));
        assertThat(baseline.triage()).isEqualTo(Triage.of(baseline));
        assertThat(baseline.labelIssues()).isEqualTo(Triage.of(baseline).labelIssues());
    }

    @Test
    void compare_to_treats_this_as_the_baseline() {
        ModelComparison comparison = baseline.compareWith(candidate, 7);
        assertThat(comparison).isEqualTo(ModelComparison.of(baseline, candidate, 7));
        assertThat(comparison.mcnemar().wrongToRight()).isEqualTo(3);
        assertThat(comparison.mcnemar().rightToWrong()).isZero();
    }
}
