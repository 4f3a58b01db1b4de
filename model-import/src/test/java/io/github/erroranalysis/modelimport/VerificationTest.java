package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Verification's refusal tells its numbers apart and hints at the preprocessing when most examples disagree. */
class VerificationTest {

    @Test
    void two_probabilities_that_five_decimals_show_alike_get_more_digits() {
        double here = 0.72554004f;
        double reference = 0.72554040f;
        Verification v = new Verification("y.npy", 64, 10, 0, Math.abs(here - reference), 14, 1, "automobile", here,
                reference, 0, -1, null, null);
        assertThat(v.refusal()).contains("class 'automobile': 0.725540042 here vs 0.7255404 in y.npy (difference "
                + "3.58e-7 > tolerance 0)").doesNotContain("0.72554 here vs 0.72554 in");
        assertThat(Verification.precise(here)).isNotEqualTo(Verification.precise(reference));
        Verification apart = new Verification("y.npy", 64, 10, 1e-4, 0.5, 1, 2, "bird", 0.1, 0.6, 0, -1, null, null);
        assertThat(apart.refusal()).contains("0.10000 here vs 0.60000 in y.npy");
    }

    @Test
    void most_examples_disagreeing_hint_at_the_preprocessing_and_a_few_do_not() {
        String hint = "most examples disagree: check the preprocessing (--input-scale, --input-mean, --input-std, "
                + "--bgr, --input-layout)";
        Verification most = new Verification("y.npy", 64, 10, 1e-4, 0.8, 29, 9, "truck", 0.01, 0.82, 61, 0, "bird",
                "dog");
        assertThat(most.refusal()).endsWith("61 of 64 examples disagree on the top class (first: example 0, 'bird' "
                + "here vs 'dog'); " + hint);
        Verification few = new Verification("y.npy", 64, 10, 1e-4, 0.8, 29, 9, "truck", 0.01, 0.82, 32, 0, "bird",
                "dog");
        assertThat(few.refusal()).doesNotContain("most examples");
    }
}
