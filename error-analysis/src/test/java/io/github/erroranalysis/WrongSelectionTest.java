package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one selection rule of the most and least confident wrong predictions, and the one top-k. */
class WrongSelectionTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird");

    /** Eight examples of true class 0; the confidence of each (wrong unless predicted 0). */
    private static ErrorAnalysis analysis() {
        float[][] p = {
            Analyses.row(3, 1, 0.6f), Analyses.row(3, 0, 0.9f), Analyses.row(3, 2, 0.8f), Analyses.row(3, 1, 0.6f),
            Analyses.row(3, 2, 0.8f), Analyses.row(3, 1, 0.5f), Analyses.row(3, 2, 0.5f), Analyses.row(3, 1, 0.7f)};
        return Analyses.of(p, new int[8], NAMES);
    }

    private static List<Integer> indexes(List<WrongPrediction> list) {
        return list.stream().map(WrongPrediction::index).toList();
    }

    @Test
    void most_confident_wrong_first_with_the_lowest_index_on_ties() {
        WrongPredictions wrong = analysis().wrong();
        assertThat(indexes(wrong.mostConfident(3))).containsExactly(2, 4, 7);
        assertThat(indexes(wrong.mostConfident(10))).containsExactly(2, 4, 7, 0, 3, 5, 6);
        assertThat(indexes(wrong.mostConfident(3))).isEqualTo(indexes(wrong.byConfidence().first(3)));
        assertThat(wrong.mostConfident(0)).isEmpty();
        assertThat(wrong.byConfidence().first(0)).isEmpty();
    }

    @Test
    void least_confident_wrong_first_with_the_lowest_index_on_ties() {
        WrongPredictions wrong = analysis().wrong();
        assertThat(indexes(wrong.leastConfident(3))).containsExactly(5, 6, 0);
        assertThat(indexes(wrong.leastConfident(10))).containsExactly(5, 6, 0, 3, 7, 2, 4);
        assertThat(indexes(wrong.ofClass("cat").leastConfident(1))).containsExactly(5);
        assertThatThrownBy(() -> wrong.leastConfident(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must not be negative, but is -1");
    }

    @Test
    void confidence_bands_pick_by_the_same_rule() {
        ErrorAnalysis a = analysis();
        ConfidenceBands bands = a.confidenceBands();
        assertThat(bands.mostConfidentWrong().map(WrongPrediction::index)).contains(2);
        assertThat(bands.leastConfidentWrong().map(WrongPrediction::index)).contains(5);
        assertThat(bands.leastConfidentWrong()).isEqualTo(a.wrong().leastConfident(1).stream().findFirst());
    }

    @Test
    void top_k_ranks_the_most_probable_first_and_the_lowest_index_on_ties() {
        float[] row = {0.1f, 0.3f, 0.3f, 0.2f, 0.1f};
        List<String> names = List.of("a", "b", "c", "d", "e");
        assertThat(ClassProbability.top(row, 0, 5, 3, names)).extracting(ClassProbability::classIndex)
                .containsExactly(1, 2, 3);
        assertThat(ClassProbability.top(row, 0, 5, 9, names)).extracting(ClassProbability::classIndex)
                .containsExactly(1, 2, 3, 0, 4);
        float[] two = {0.9f, 0.1f, 0.25f, 0.75f};
        assertThat(ClassProbability.top(two, 2, 2, 1, List.of("x", "y")))
                .containsExactly(new ClassProbability(1, "y", 0.75f));
        assertThatThrownBy(() -> ClassProbability.top(row, 0, 5, 0, names)).hasMessage("k must be at least 1, but is 0");
        assertThatThrownBy(() -> ClassProbability.top(row, 3, 5, 1, names))
                .hasMessage("a row of 5 classes at offset 3 does not fit in 5 probabilities");
        assertThatThrownBy(() -> ClassProbability.top(row, 0, 5, 1, List.of("a")))
                .hasMessage("there are 1 class names but 5 classes");
        WrongPrediction w = analysis().wrong().get(0);
        assertThat(w.top()).isEqualTo(ClassProbability.top(new float[] {(float) analysis().probability(w.index(), 0),
            (float) analysis().probability(w.index(), 1), (float) analysis().probability(w.index(), 2)}, 0, 3, 3, NAMES));
    }
}
