package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A temperature so small that ln(p)/T overflows the largest double (finite and above 0, so accepted by
 * {@link TemperatureScaling#of}) is refused by {@link TemperatureScaling#apply} with the true reason, naming T and
 * the example, not a changed prediction or a NaN probability.
 */
class TemperatureOverflowTest {

    /** Two examples of three classes, one probability 0 (floored to 1e-12: ln = -27.6) in each. */
    private static ErrorAnalysis analysis() {
        float[] p = {0.7f, 0.3f, 0f, 0f, 0.4f, 0.6f};
        return AnalysisFactories.create(List.of("a", "b", "c"), 3, p, new int[] {0, 2}, null);
    }

    @Test
    void a_temperature_whose_scaled_logits_overflow_is_refused_naming_it_and_the_example() {
        for (double t : new double[] {1e-307, 1e-320, Double.MIN_VALUE}) {
            assertThatIllegalArgumentException().as("T = %s", t)
                    .isThrownBy(() -> TemperatureScaling.of(t).apply(analysis()))
                    .withMessage("the temperature " + t + " is too small to apply: ln(p)/T overflows at example 0");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> TemperatureScaling.of(1e-307).apply(analysis()))
                .withMessage("the temperature 1.0E-307 is too small to apply: ln(p)/T overflows at example 0");
    }

    @Test
    void a_small_temperature_that_does_not_overflow_still_applies_one_hot() {
        ErrorAnalysis scaled = TemperatureScaling.of(1e-300).apply(analysis());
        assertThat(scaled.context().probs()).containsExactly(1f, 0f, 0f, 0f, 0f, 1f);
        assertThat(scaled.predictedClass(1)).isEqualTo(2);
    }
}
