package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.WrongPrediction;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example grids' picks: the core's one most/least confident wrong selection, ties to the lowest index. */
class ExamplePicksTest {

    @Test
    void should_pick_the_most_and_least_confident_wrong_as_the_confidence_bands_do() {
        ErrorAnalysis a = ReportFixtures.analysis(500, ReportFixtures.CIFAR, 21);
        Integer[] wrong = Arrays.stream(a.wrong().indexes()).boxed().toArray(Integer[]::new);
        Comparator<Integer> byConfidence = Comparator.<Integer>comparingDouble(a::confidence).thenComparingInt(i -> i);
        List<Integer> least = Arrays.stream(wrong).sorted(byConfidence).limit(7).toList();
        List<Integer> most = Arrays.stream(wrong).sorted(Comparator.<Integer>comparingDouble(a::confidence).reversed()
                .thenComparingInt(i -> i)).limit(7).toList();
        assertThat(ExamplePicks.leastConfidentWrong(a, 7)).isEqualTo(least);
        assertThat(ExamplePicks.mostConfidentWrong(a, 7)).isEqualTo(most);
        assertThat(ExamplePicks.mostConfidentWrong(a, 1)).containsExactly(
                a.confidenceBands().mostConfidentWrong().map(WrongPrediction::index).orElseThrow());
        assertThat(ExamplePicks.leastConfidentWrong(a, 1)).containsExactly(
                a.confidenceBands().leastConfidentWrong().map(WrongPrediction::index).orElseThrow());
        assertThat(ExamplePicks.leastConfidentWrong(a, 0)).isEmpty();
        assertThat(ExamplePicks.leastConfidentWrong(a, 10_000)).hasSize(wrong.length);
        assertThatThrownBy(() -> ExamplePicks.leastConfidentWrong(a, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
