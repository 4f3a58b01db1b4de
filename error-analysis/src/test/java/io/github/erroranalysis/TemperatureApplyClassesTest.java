package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fitted temperature applies only to an analysis of the classes it was fitted on (the library's own check, not
 * only the CLI's): applied to other classes, or another number of them, it is refused naming both lists; a
 * temperature given by hand applies to any analysis.
 */
class TemperatureApplyClassesTest {

    private static ErrorAnalysis analysis(List<String> classes) {
        int c = classes.size();
        float[] p = new float[4 * c];
        int[] labels = new int[4];
        for (int i = 0; i < 4; i++) {
            int predicted = i % 2;
            for (int k = 0; k < c; k++) {
                p[i * c + k] = k == predicted ? 0.8f : 0.2f / (c - 1);
            }
            labels[i] = i < 3 ? predicted : 1 - predicted;
        }
        return AnalysisFactories.create(classes, c, p, labels, null);
    }

    @Test
    void a_fitted_temperature_refuses_an_analysis_of_other_classes_naming_both() {
        // GIVEN T fitted on the classes a, b
        TemperatureScaling t = TemperatureScaling.fit(analysis(List.of("a", "b")));
        // WHEN / THEN
        assertThatIllegalArgumentException().isThrownBy(() -> t.apply(analysis(List.of("cat", "dog"))))
                .withMessage("temperature T = " + t.temperature() + " was fitted on the classes a, b, but the "
                        + "analysis has the classes cat, dog");
        assertThatIllegalArgumentException().isThrownBy(() -> t.apply(analysis(List.of("a", "b", "c"))))
                .withMessageContaining("but the analysis has the classes a, b, c");
    }

    @Test
    void a_fitted_temperature_applies_to_its_classes_and_a_given_one_to_any() {
        TemperatureScaling t = TemperatureScaling.fit(analysis(List.of("a", "b")));
        assertThat(t.apply(analysis(List.of("a", "b"))).examples()).isEqualTo(4);
        assertThat(TemperatureScaling.of(2).apply(analysis(List.of("x", "y", "z"))).examples()).isEqualTo(4);
    }
}
