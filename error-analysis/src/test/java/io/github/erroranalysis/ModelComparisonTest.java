package io.github.erroranalysis;

import io.github.erroranalysis.stats.ExactTests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelComparisonTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird");
    private static final int[] LABELS = {0, 0, 0, 1, 1, 2};
    private static final ErrorAnalysis BASELINE = Analyses.predicting(new int[] {0, 1, 0, 1, 0, 2}, LABELS, NAMES);
    private static final ErrorAnalysis CANDIDATE = Analyses.predicting(new int[] {0, 0, 1, 1, 1, 2}, LABELS, NAMES);

    @Test
    void counts_flips_mcnemar_and_confusion_changes() {
        ModelComparison c = ModelComparison.of(BASELINE, CANDIDATE);
        assertThat(c.baselineAccuracy().estimate()).isEqualTo(4.0 / 6);
        assertThat(c.candidateAccuracy().estimate()).isEqualTo(5.0 / 6);
        assertThat(c.accuracyChange().estimate()).isCloseTo(1.0 / 6, within(1e-15));
        assertThat(c.mcnemar().rightToWrong()).isEqualTo(1);
        assertThat(c.mcnemar().wrongToRight()).isEqualTo(2);
        assertThat(c.mcnemar().pValue()).isEqualTo(1.0);
        assertThat(c.flips()).extracting(FlippedExample::index).containsExactly(1, 2, 4);
        assertThat(c.flips(Flip.RIGHT_TO_WRONG)).extracting(FlippedExample::index).containsExactly(2);
        assertThat(c.flips().get(0).toString()).isEqualTo("#1 cat: wrong → right; baseline dog 0.9000, candidate cat 0.9000");
        // cat→dog: example 1 for the baseline, example 2 for the candidate; dog→cat: example 4, fixed
        assertThat(c.confusionChanges()).extracting(Object::toString).containsExactly(
                "dog→cat errors fell from 1 to 0", "cat→dog errors unchanged at 1");
        ClassChange cat = c.get("cat");
        assertThat(cat.baselineAccuracy()).isEqualTo(2.0 / 3);
        assertThat(cat.candidateAccuracy()).isEqualTo(2.0 / 3);
        assertThat(cat.change().estimate()).isEqualTo(0.0);
        assertThat(cat.rightToWrong()).isEqualTo(1);
        assertThat(cat.wrongToRight()).isEqualTo(1);
        assertThat(c.get("bird").change().lower()).isEqualTo(0.0);
        assertThat(c.toString()).contains("exact McNemar: 1 right → wrong, 2 wrong → right, p = 1.000 (not significant at 95%)");
        assertThat(c.toJson()).contains("\"mcnemar\":{\"rightToWrong\":1,\"wrongToRight\":2,\"pValue\":1.0");
    }

    @Test
    void a_big_improvement_is_significant_and_intervals_are_reproducible() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 3000;
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(3);
        }
        ErrorAnalysis weak = Analyses.of(Analyses.simulate(truth, 3, 1.0, random), truth, NAMES);
        ErrorAnalysis strong = Analyses.of(Analyses.simulate(truth, 3, 2.0, random), truth, NAMES);
        ModelComparison c = ModelComparison.of(weak, strong, 5);
        assertThat(c.mcnemar().significant()).isTrue();
        assertThat(c.mcnemar().pValue()).isLessThan(1e-10)
                .isCloseTo(ExactTests.mcnemar(c.mcnemar().rightToWrong(), c.mcnemar().wrongToRight()), within(0.0));
        assertThat(c.accuracyChange().lower()).isGreaterThan(0);
        assertThat(c.accuracyChange().contains(c.accuracyChange().estimate())).isTrue();
        for (ClassChange k : c.perClass()) {
            assertThat(k.change().contains(k.change().estimate())).isTrue();
            assertThat(k.change().estimate()).isCloseTo(k.candidateAccuracy() - k.baselineAccuracy(), within(1e-15));
        }
        assertThat(ModelComparison.of(weak, strong, 5)).isEqualTo(c);
        assertThat(ModelComparison.of(weak, strong, 6).accuracyChange()).isNotEqualTo(c.accuracyChange());
        assertThat(c.flips()).hasSize((int) (c.mcnemar().rightToWrong() + c.mcnemar().wrongToRight()));
    }

    @Test
    void paired_bootstrap_has_the_multinomial_mean_and_spread() {
        // both regimes of the binomial draw: exact (small counts) and normal (large counts)
        for (long[] bcn : new long[][] {{3, 9, 200}, {900, 1300, 100_000}}) {
            double b = bcn[0];
            double c = bcn[1];
            double n = bcn[2];
            double[] x = PairedBootstrap.changes(bcn[2], bcn[0], bcn[1], 20_000, new SplittableRandom(1));
            double mean = java.util.Arrays.stream(x).average().orElseThrow();
            double var = java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
            double expectedMean = (c - b) / n;
            double expectedVar = ((b + c) / n - expectedMean * expectedMean) / n;
            assertThat(mean).isCloseTo(expectedMean, within(4 * Math.sqrt(expectedVar / x.length)));
            assertThat(var).isCloseTo(expectedVar, within(0.05 * expectedVar));
        }
    }

    @Test
    void refuses_test_sets_of_different_sizes() {
        ErrorAnalysis shorter = Analyses.predicting(new int[] {0, 1, 0, 1, 0}, new int[] {0, 0, 0, 1, 1}, NAMES);
        assertThatThrownBy(() -> ModelComparison.of(BASELINE, shorter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compare analyses of different test sets: the baseline has 6 examples but the "
                        + "candidate has 5");
    }

    @Test
    void refuses_different_classes() {
        ErrorAnalysis other = Analyses.predicting(new int[] {0, 1, 0, 1, 0, 2}, LABELS, List.of("cat", "dog", "frog"));
        assertThatThrownBy(() -> ModelComparison.of(BASELINE, other))
                .hasMessage("cannot compare analyses of different test sets: the baseline's classes are [cat, dog, bird] "
                        + "but the candidate's are [cat, dog, frog]");
    }

    @Test
    void refuses_different_labels_naming_the_first_example() {
        ErrorAnalysis other = Analyses.predicting(new int[] {0, 1, 0, 1, 0, 2}, new int[] {0, 0, 1, 1, 1, 2}, NAMES);
        assertThatThrownBy(() -> ModelComparison.of(BASELINE, other))
                .hasMessageStartingWith("cannot compare analyses of different test sets: example 2 is labelled cat in the "
                        + "baseline but dog in the candidate (fingerprints labels ");
    }

    @Test
    void refuses_different_origins_naming_the_first_example() {
        ErrorAnalysis a = ErrorAnalysis.fromJson(json("a.png", "b.png"));
        ErrorAnalysis b = ErrorAnalysis.fromJson(json("a.png", "c.png"));
        assertThat(ModelComparison.of(a, ErrorAnalysis.fromJson(json("a.png", "b.png"))).testSet())
                .matches("labels [0-9a-f]{16}, origins [0-9a-f]{16}");
        assertThatThrownBy(() -> ModelComparison.of(a, b))
                .hasMessageStartingWith("cannot compare analyses of different test sets: example 1 comes from b.png in "
                        + "the baseline but from c.png in the candidate");
    }

    private static String json(String origin0, String origin1) {
        return "{\"schemaVersion\":1,\"type\":\"errorAnalysis\",\"classNames\":[\"cat\",\"dog\"],\"classCount\":2,"
                + "\"examples\":{\"shard\":0,\"trueClasses\":[0,1],\"probabilities\":[[0.8,0.2],[0.3,0.7]],"
                + "\"origins\":[\"" + origin0 + "\",\"" + origin1 + "\"]}}";
    }

    @Test
    void refuses_bad_levels_and_resamples() {
        assertThatThrownBy(() -> ModelComparison.of(BASELINE, CANDIDATE, 2.0, Bootstrap.defaults()))
                .hasMessageContaining("but is 2.0");
        assertThatThrownBy(() -> ModelComparison.of(BASELINE, CANDIDATE, 0.95, Bootstrap.of(0, 1)))
                .hasMessageContaining("resamples is 0");
    }
}
