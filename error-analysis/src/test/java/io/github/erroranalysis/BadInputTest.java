package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input gets a clear exception that names the example and the value. */
class BadInputTest {

    private static ErrorAnalysis analyse(float[][] p, int[] labels) {
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), labels, List.of());
    }

    @Test
    void nan_probability_is_refused_naming_the_example_and_class() {
        assertThatThrownBy(() -> analyse(new float[][] {{0.5f, 0.5f}, {Float.NaN, 1f}}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("example 1: probability of class 0 is NaN, not a finite number");
    }

    @Test
    void infinite_probability_is_refused() {
        assertThatThrownBy(() -> analyse(new float[][] {{Float.POSITIVE_INFINITY, 0f}}, new int[] {0}))
                .hasMessage("example 0: probability of class 0 is Infinity, not a finite number");
    }

    @Test
    void negative_probability_is_refused() {
        assertThatThrownBy(() -> analyse(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}, {1.25f, -0.25f}}, new int[] {0, 1, 0}))
                .hasMessage("example 2: probability of class 0 is 1.25, which is above 1; "
                        + "if these are logits or unnormalized scores, use fromLogits");
        assertThatThrownBy(() -> analyse(new float[][] {{-0.25f, 1f}}, new int[] {0}))
                .hasMessage("example 0: probability of class 0 is -0.25, which is negative; "
                        + "if these are logits or unnormalized scores, use fromLogits");
    }

    @Test
    void rows_not_summing_to_one_are_refused_with_a_hint_about_logits() {
        assertThatThrownBy(() -> analyse(new float[][] {{0.5f, 0.5f}, {2f, -0.5f}}, new int[] {0, 1}))
                .hasMessage("example 1: probability of class 0 is 2.0, which is above 1; "
                        + "if these are logits or unnormalized scores, use fromLogits");
    }

    @Test
    void rows_in_zero_one_not_summing_to_one_are_refused_without_a_hint_about_logits() {
        assertThatThrownBy(() -> analyse(new float[][] {{0.5f, 0.5f}, {0.5f, 0.25f}}, new int[] {0, 1}))
                .hasMessage("example 1: probabilities sum to 0.75, not 1 (tolerance 0.001); every value lies within "
                        + "1.0E-6 of [0, 1], so these are not logits, but rows do not sum to 1 (one is off by 0.25): "
                        + "give probabilities, each row renormalised to sum to 1");
    }

    @Test
    void rows_within_the_tolerance_are_accepted() {
        org.assertj.core.api.Assertions.assertThat(analyse(new float[][] {{0.5f, 0.4995f}}, new int[] {0}).accuracy())
                .isEqualTo(1.0);
    }

    @Test
    void label_out_of_range_is_refused() {
        assertThatThrownBy(() -> analyse(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}}, new int[] {0, 2}))
                .hasMessage("example 1: label 2 is out of range; there are 2 classes (0..1)");
        assertThatThrownBy(() -> analyse(new float[][] {{0.5f, 0.5f}}, new int[] {-1}))
                .hasMessage("example 0: label -1 is out of range; there are 2 classes (0..1)");
    }

    @Test
    void class_names_must_match_the_number_of_classes() {
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}}),
                new int[] {0}, List.of("cat", "dog", "bird")))
                .hasMessage("there are 3 class names [cat, dog, bird] but the predictions have 2 classes");
    }

    @Test
    void one_hot_labels_must_have_as_many_columns_as_classes() {
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}}),
                Nd4j.createFromArray(new float[][] {{0, 1, 0}}), List.of()))
                .hasMessage("labels have 3 columns (one-hot) but the predictions have 2 classes");
    }

    @Test
    void labels_that_are_not_one_hot_are_refused() {
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}}),
                Nd4j.createFromArray(new float[][] {{0, 1}, {1, 1}}), List.of()))
                .hasMessage("example 1: label row [1.0, 1.0] is not one-hot (exactly one 1, the rest 0)");
    }

    @Test
    void counts_of_predictions_and_labels_must_agree() {
        assertThatThrownBy(() -> analyse(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}}, new int[] {0}))
                .hasMessage("features/labels count mismatch: there are 2 rows of predictions but 1 labels");
    }

    @Test
    void features_and_labels_count_mismatch_in_a_data_set_is_refused() {
        DataSet ds = new DataSet(Nd4j.rand(3, 4), Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}}));
        assertThatThrownBy(() -> ErrorAnalysis.of((Classifier) f -> f, ds))
                .hasMessage("features/labels count mismatch: the features have 3 examples but the labels have 2");
    }

    @Test
    void model_output_must_have_as_many_classes_as_the_labels() {
        DataSet ds = new DataSet(Nd4j.rand(2, 4), Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 1, 0}}));
        Classifier twoClasses = f -> Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}});
        assertThatThrownBy(() -> ErrorAnalysis.of(twoClasses, ds))
                .hasMessage("batch 0 (examples 0..): the model outputs 2 classes but the labels have 3 columns");
    }

    @Test
    void an_empty_test_set_is_refused() {
        assertThatThrownBy(() -> analyse(new float[0][2], new int[0]))
                .hasMessageContaining("the test set is empty");
        assertThatThrownBy(() -> new ErrorAnalysisAccumulator().snapshot())
                .hasMessage("the test set is empty: no examples were evaluated");
        org.assertj.core.api.Assertions.assertThat(new ErrorAnalysisAccumulator().stats()).contains("no examples");
    }

    @Test
    void logits_must_be_finite() {
        assertThatThrownBy(() -> ErrorAnalysis.fromLogits(Nd4j.createFromArray(new float[][] {{1f, 2f}, {Float.NaN, 0f}}),
                new int[] {0, 1}, List.of()))
                .hasMessage("example 1: logit of class 0 is NaN, not a finite number");
    }

    @Test
    void accumulator_names_the_example_in_its_own_sequence() {
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator();
        acc.eval(Nd4j.createFromArray(new float[][] {{1, 0}}), Nd4j.createFromArray(new float[][] {{0.6f, 0.4f}}));
        assertThatThrownBy(() -> acc.eval(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}}),
                Nd4j.createFromArray(new float[][] {{0.6f, 0.4f}, {0.6f, 0.6f}})))
                .hasMessage("example 2: probabilities sum to 1.2000000476837158, not 1 (tolerance 0.001); "
                        + "if these are logits or unnormalized scores, use fromLogits");
        assertThatThrownBy(() -> acc.eval(Nd4j.createFromArray(new float[][] {{1, 0, 0}}),
                Nd4j.createFromArray(new float[][] {{0.5f, 0.25f, 0.25f}})))
                .hasMessage("the predictions have 3 classes but this accumulator has 2");
    }
}
