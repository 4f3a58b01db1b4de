package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TemperatureScaling's bad input, its direction on over- and under-confident data, and the predictions it keeps. */
class TemperatureScalingTest {

    private static final List<String> AB = List.of("a", "b");

    @Test
    void a_temperature_that_is_not_a_finite_number_above_zero_is_refused_naming_it() {
        for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0}) {
            assertThatIllegalArgumentException().isThrownBy(() -> TemperatureScaling.of(t))
                    .withMessage("a temperature must be a finite number above 0, but is " + t);
        }
        assertThat(TemperatureScaling.of(1e-300).temperature()).isEqualTo(1e-300);
        assertThat(TemperatureScaling.of(2).boundReached()).isFalse();
        assertThat(TemperatureScaling.of(2)).hasToString("T = 2.0000 (given)");
    }

    @Test
    void a_fit_on_one_class_present_is_refused_naming_the_class() {
        ErrorAnalysis oneClass = AnalysisFactories.create(AB, 2, new float[] {0.9f, 0.1f, 0.3f, 0.7f},
                new int[] {0, 0}, null);
        assertThatIllegalArgumentException().isThrownBy(() -> TemperatureScaling.fit(oneClass))
                .withMessage("a temperature is fitted on examples of at least 2 classes, but only class 'a' is "
                        + "present among the 2 examples");
    }

    @Test
    void over_confident_probabilities_get_a_temperature_above_one_and_under_confident_ones_below() {
        // GIVEN 90 % confident predictions right 60 % of the time, and 60 % confident ones right 90 % of the time
        ErrorAnalysis over = confidence(0.9f, 6, 4);
        ErrorAnalysis under = confidence(0.6f, 9, 1);
        // WHEN
        TemperatureScaling soft = TemperatureScaling.fit(over);
        TemperatureScaling sharp = TemperatureScaling.fit(under);
        // THEN the scaled confidence is the accuracy (the exact minimum of the NLL for one confidence level)
        assertThat(soft.temperature()).isGreaterThan(1);
        assertThat(sharp.temperature()).isLessThan(1);
        assertThat(soft.apply(over).confidence(0)).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(sharp.apply(under).confidence(0)).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(soft.negativeLogLikelihoodAfter()).isLessThan(soft.negativeLogLikelihoodBefore());
        assertThat(soft.examples()).isEqualTo(10);
        assertThat(soft.classes()).isEqualTo(AB);
        assertThat(soft.boundReached()).isFalse();
    }

    @Test
    void a_fit_whose_nll_still_falls_at_a_bound_returns_the_bound_and_says_so() {
        ErrorAnalysis allRight = confidence(0.7f, 10, 0);
        ErrorAnalysis allWrong = confidence(0.7f, 0, 10);
        TemperatureScaling low = TemperatureScaling.fit(allRight);
        TemperatureScaling high = TemperatureScaling.fit(allWrong);
        assertThat(low.temperature()).isEqualTo(TemperatureScaling.MIN_TEMPERATURE);
        assertThat(high.temperature()).isEqualTo(TemperatureScaling.MAX_TEMPERATURE);
        assertThat(low.boundReached()).isTrue();
        assertThat(high.boundReached()).isTrue();
        assertThat(high.toString()).endsWith("; the bound of the fit: the NLL still falls beyond it)");
    }

    @Test
    void a_temperature_that_would_change_a_predicted_class_is_refused_naming_the_example_and_both_classes() {
        // GIVEN class b ahead of class a by one float step: a high T makes them equal in float
        ErrorAnalysis close = AnalysisFactories.create(AB, 2, new float[] {0.9f, 0.1f, 0.49999997f, 0.50000003f},
                new int[] {0, 1}, new String[] {"x#0", "x#1"});
        assertThat(close.predictedClass(1)).isEqualTo(1);
        // WHEN / THEN
        assertThatIllegalArgumentException().isThrownBy(() -> TemperatureScaling.of(100).apply(close))
                .withMessage("temperature T = 100.0 would change the predicted class of example 1 (x#1) from b to a "
                        + "(their scaled probabilities are equal in float, which the analysis stores); temperature "
                        + "scaling must keep every prediction, so T is refused");
        // AND T = 1 keeps it
        assertThat(TemperatureScaling.of(1).apply(close).predictedClass(1)).isEqualTo(1);
    }

    @Test
    void applying_keeps_labels_origins_class_names_and_provenance() {
        ErrorAnalysis a = AnalysisFactories.create(AB, 2, new float[] {0.9f, 0.1f, 0.3f, 0.7f}, new int[] {0, 0},
                new String[] {"f#1", "f#2"}).withData("src", "sha256:ab");
        ErrorAnalysis b = TemperatureScaling.of(2).apply(a);
        assertThat(b.classNames()).isEqualTo(AB);
        assertThat(b.origin(1)).contains("f#2");
        assertThat(b.trueClass(1)).isZero();
        assertThat(b.provenance()).isEqualTo(a.provenance());
        // softmax(ln p / 2) of (0.9, 0.1) is (3, 1) / 4
        assertThat(b.probability(0, 0)).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(TemperatureScaling.of(1).apply(a).probability(1, 1)).isEqualTo(0.7f);
    }

    /** Ten examples of two classes, each predicting its class with the given confidence, right then wrong. */
    private static ErrorAnalysis confidence(float p, int right, int wrong) {
        int n = right + wrong;
        float[] probs = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int predicted = i % 2;
            probs[2 * i + predicted] = p;
            probs[2 * i + 1 - predicted] = 1 - p;
            labels[i] = i < right ? predicted : 1 - predicted;
        }
        return AnalysisFactories.create(AB, 2, probs, labels, null);
    }
}
