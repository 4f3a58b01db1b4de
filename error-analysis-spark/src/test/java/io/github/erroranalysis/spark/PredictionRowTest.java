package io.github.erroranalysis.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PredictionRowTest {

    @Test
    void isAnImmutableValue() {
        float[] p = {0.25f, 0.75f};
        PredictionRow row = PredictionRow.of("a.png", 1, p);
        p[0] = 9f;
        row.probabilities()[1] = 9f;

        assertThat(row.probabilities()).containsExactly(0.25f, 0.75f);
        assertThat(row).isEqualTo(PredictionRow.of("a.png", 1, 0.25f, 0.75f))
                .hasSameHashCodeAs(PredictionRow.of("a.png", 1, 0.25f, 0.75f))
                .isNotEqualTo(PredictionRow.of("b.png", 1, 0.25f, 0.75f));
        assertThat(row.classCount()).isEqualTo(2);
        assertThat(row).hasToString("PredictionRow(id a.png, label 1, probabilities [0.25, 0.75])");
    }
}
