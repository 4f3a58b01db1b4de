package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An analysis from predictions takes its examples' origins afterwards, as saved predictions carry them. */
class WithOriginsTest {

    private static ErrorAnalysis analysis() {
        NumberArray probabilities = NumberArray.ofFloats(new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.7f, 0.3f}, 3, 2);
        return ErrorAnalysis.fromPredictions(probabilities, NumberArray.ofInts(new int[] {0, 0, 1}),
                List.of("a", "b"));
    }

    @Test
    void origins_are_kept_per_example_an_empty_one_unknown_and_the_numbers_unchanged() {
        ErrorAnalysis plain = analysis().withData("p.npy", "sha256:00");
        ErrorAnalysis with = plain.withOrigins(Arrays.asList("batch#0", "", "batch#2"));
        assertThat(with.origin(0)).contains("batch#0");
        assertThat(with.origin(1)).isEqualTo(Optional.empty());
        assertThat(with.wrong().first(10)).extracting(WrongPrediction::origin)
                .containsExactly(Optional.empty(), Optional.of("batch#2"));
        assertThat(with.accuracy()).isEqualTo(plain.accuracy());
        assertThat(with.provenance()).isEqualTo(plain.provenance());
        assertThat(plain.origin(0)).isEmpty();
    }

    @Test
    void another_count_of_origins_is_refused() {
        assertThatThrownBy(() -> analysis().withOrigins(List.of("x", "y"))).isInstanceOf(
                IllegalArgumentException.class).hasMessage("2 origins for 3 examples; give one per example");
    }
}
