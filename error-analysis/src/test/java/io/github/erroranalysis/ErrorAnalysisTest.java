package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** The fluent steps and typed accessors on a small hand-made analysis whose answers are known. */
class ErrorAnalysisTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird", "frog");

    /**
     * Six examples: 0 cat right, 1 cat as dog (0.6), 2 dog right, 3 dog as cat (0.95), 4 bird as dog (0.4),
     * 5 cat as dog (0.8); frog has no examples and is never predicted.
     */
    static ErrorAnalysis small() {
        float[][] p = {
            {0.7f, 0.2f, 0.1f, 0.0f},
            {0.3f, 0.6f, 0.1f, 0.0f},
            {0.1f, 0.8f, 0.1f, 0.0f},
            {0.95f, 0.03f, 0.02f, 0.0f},
            {0.3f, 0.4f, 0.3f, 0.0f},
            {0.1f, 0.8f, 0.05f, 0.05f},
        };
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), new int[] {0, 0, 1, 1, 2, 0}, NAMES);
    }

    @Test
    void the_design_card_chain_finds_the_hardest_class() {
        ErrorAnalysis analysis = small();
        HardestClass hardest = analysis.wrong().perClassAccuracy().hardest();
        assertThat(hardest.name()).isEqualTo("bird");
        assertThat(hardest.accuracy()).isEqualTo(0.0);
        assertThat(hardest.support()).isEqualTo(1);
        assertThat(analysis.hardest()).isEqualTo(hardest);
    }

    @Test
    void accuracy_and_top_k_count_correct_examples() {
        ErrorAnalysis a = small();
        assertThat(a.examples()).isEqualTo(6);
        assertThat(a.accuracy()).isCloseTo(2.0 / 6, within(1e-15));
        assertThat(a.topKAccuracy(1)).isEqualTo(a.accuracy());
        assertThat(a.topKAccuracy(2)).isCloseTo(5.0 / 6, within(1e-15));
        assertThat(a.topKAccuracy(4)).isEqualTo(1.0);
    }

    @Test
    void wrong_predictions_come_by_index_first_and_carry_their_details() {
        WrongPredictions wrong = small().wrong();
        assertThat(wrong.indexes()).containsExactly(1, 3, 4, 5);
        List<WrongPrediction> firstThree = wrong.first(3);
        assertThat(firstThree).extracting(WrongPrediction::index).containsExactly(1, 3, 4);
        WrongPrediction w = firstThree.get(1);
        assertThat(w.trueClassName()).isEqualTo("dog");
        assertThat(w.predictedClassName()).isEqualTo("cat");
        assertThat(w.confidence()).isCloseTo(0.95, within(1e-6));
        assertThat(w.trueClassProbability()).isCloseTo(0.03, within(1e-6));
        assertThat(w.margin()).isCloseTo(0.92, within(1e-6));
        assertThat(w.top()).extracting(ClassProbability::className).containsExactly("cat", "dog", "bird");
        assertThat(w.origin()).isEmpty();
    }

    @Test
    void ordering_by_confidence_puts_the_most_confident_wrong_first() {
        WrongPredictions byConfidence = small().wrong().byConfidence();
        assertThat(byConfidence.indexes()).containsExactly(3, 5, 1, 4);
        assertThat(byConfidence.byIndex().indexes()).containsExactly(1, 3, 4, 5);
    }

    @Test
    void ties_in_confidence_are_broken_by_index() {
        float[][] p = {{0.2f, 0.8f}, {0.8f, 0.2f}, {0.2f, 0.8f}};
        ErrorAnalysis a = ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), new int[] {0, 1, 0}, List.of());
        assertThat(a.wrong().byConfidence().indexes()).containsExactly(0, 1, 2);
        assertThat(a.classNames()).containsExactly("class 0", "class 1");
    }

    @Test
    void grouping_and_filtering_by_class_and_pair() {
        WrongPredictions wrong = small().wrong();
        assertThat(wrong.byClass().indexes()).containsExactly(1, 5, 3, 4);
        assertThat(wrong.ofClass("cat").indexes()).containsExactly(1, 5);
        assertThat(wrong.ofPair("cat", "dog").indexes()).containsExactly(1, 5);
        assertThat(wrong.ofPair(1, 0).indexes()).containsExactly(3);
        assertThat(wrong.ofPair(0, 2).isEmpty()).isTrue();
    }

    @Test
    void a_class_with_no_examples_has_nan_accuracy_and_reads_no_examples() {
        PerClassAccuracy perClass = small().perClassAccuracy();
        ClassAccuracy frog = perClass.get("frog");
        assertThat(frog.support()).isZero();
        assertThat(frog.accuracy()).isNaN();
        assertThat(frog.toString()).isEqualTo("frog: no examples");
        assertThat(perClass.get("cat").accuracy()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(perClass.toString()).contains("cat: 0.3333 (1/3)");
        assertThat(small().summary()).contains("frog: no examples");
    }

    @Test
    void confusion_matrix_has_true_rows_and_predicted_columns() {
        ConfusionMatrix m = small().confusion();
        assertThat(m.count(0, 1)).isEqualTo(2);
        assertThat(m.count(1, 0)).isEqualTo(1);
        assertThat(m.count(2, 1)).isEqualTo(1);
        assertThat(m.support(0)).isEqualTo(3);
        double[][] normalized = m.rowNormalized();
        assertThat(normalized[0][1]).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(normalized[3][0]).isNaN();
        List<ConfusedPair> pairs = m.mostConfused(2);
        assertThat(pairs).extracting(ConfusedPair::trueClassName, ConfusedPair::predictedClassName, ConfusedPair::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cat", "dog", 2L),
                        org.assertj.core.groups.Tuple.tuple("dog", "cat", 1L));
        long[][] copy = m.counts();
        copy[0][1] = 99;
        assertThat(m.count(0, 1)).isEqualTo(2);
        assertThat(m.toString()).startsWith("rows: true class, columns: predicted class");
    }

    @Test
    void precision_of_a_class_never_predicted_is_nan_not_zero() {
        PrecisionRecallF1 scores = small().precisionRecallF1();
        ClassScores frog = scores.perClass().get(3);
        assertThat(frog.precision()).isNaN();
        assertThat(frog.recall()).isNaN();
        assertThat(frog.f1()).isNaN();
        ClassScores bird = scores.perClass().get(2);
        assertThat(bird.precision()).isNaN();
        assertThat(bird.recall()).isEqualTo(0.0);
        assertThat(bird.f1()).isEqualTo(0.0);
        // macro precision over cat (1/2) and dog (1/4) only
        assertThat(scores.macro().precision()).isCloseTo(0.375, within(1e-15));
    }

    @Test
    void confidence_bands_count_wrong_predictions_and_pick_examples_deterministically() {
        ConfidenceBands bands = small().confidenceBands();
        assertThat(bands.bands()).extracting(ConfidenceBand::wrong).containsExactly(1L, 1L, 1L, 1L);
        assertThat(bands.bands()).extracting(ConfidenceBand::predictions).containsExactly(1L, 1L, 3L, 1L);
        assertThat(bands.bands().get(2).example()).get().extracting(WrongPrediction::index).isEqualTo(5);
        assertThat(bands.mostConfidentWrong()).get().extracting(WrongPrediction::index).isEqualTo(3);
        assertThat(bands.leastConfidentWrong()).get().extracting(WrongPrediction::index).isEqualTo(4);
        ConfidenceBands two = small().confidenceBands(0, 0.9, 1);
        assertThat(two.bands()).extracting(ConfidenceBand::wrong).containsExactly(3L, 1L);
    }

    @Test
    void calibration_has_fifteen_bins_with_nan_for_empty_ones() {
        Calibration cal = small().calibration();
        assertThat(cal.bins()).hasSize(15);
        assertThat(cal.bins().get(0).meanConfidence()).isNaN();
        assertThat(cal.bins().get(0).toString()).contains("no examples");
        // 0.95 lies in (14/15, 1]
        assertThat(cal.bins().get(14).count()).isEqualTo(1);
    }

    @Test
    void logits_are_softmaxed_only_when_asked() {
        float[][] logits = {{2f, 0f, -1f}, {0f, 3f, 0f}};
        ErrorAnalysis a = ErrorAnalysis.fromLogits(Nd4j.createFromArray(logits), new int[] {0, 2}, List.of());
        double z = Math.exp(2) + 1 + Math.exp(-1);
        assertThat(a.probability(0, 0)).isCloseTo(Math.exp(2) / z, within(1e-7));
        assertThat(a.accuracy()).isEqualTo(0.5);
    }

    @Test
    void labels_may_be_one_hot_or_a_column_of_indexes() {
        float[][] p = {{0.9f, 0.1f}, {0.3f, 0.7f}};
        ErrorAnalysis oneHot = ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p),
                Nd4j.createFromArray(new float[][] {{0, 1}, {0, 1}}), List.of());
        ErrorAnalysis column = ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p),
                Nd4j.createFromArray(new int[] {1, 1}), List.of());
        assertThat(oneHot).isEqualTo(column);
        assertThat(oneHot.accuracy()).isEqualTo(0.5);
    }

    @Test
    void csv_and_npy_files_give_the_same_analysis(@TempDir Path dir) throws IOException {
        Path probs = dir.resolve("p.csv");
        Path labels = dir.resolve("y.csv");
        Files.writeString(probs, "cat,dog\n0.9,0.1\n0.25,0.75\n0.4,0.6\n");
        Files.writeString(labels, "label\n0\n1\n0\n");
        ErrorAnalysis fromCsv = ErrorAnalysis.fromCsv(probs, labels, List.of("cat", "dog"));
        assertThat(fromCsv.accuracy()).isCloseTo(2.0 / 3, within(1e-15));
        Path npyP = dir.resolve("p.npy");
        Path npyY = dir.resolve("y.npy");
        Nd4j.writeAsNumpy(Nd4j.createFromArray(new float[][] {{0.9f, 0.1f}, {0.25f, 0.75f}, {0.4f, 0.6f}}), npyP.toFile());
        Nd4j.writeAsNumpy(Nd4j.createFromArray(new long[] {0, 1, 0}), npyY.toFile());
        assertThat(ErrorAnalysis.fromNpy(npyP, npyY, List.of("cat", "dog"))).isEqualTo(fromCsv);
    }

    @Test
    void the_metric_context_exposes_per_example_data_for_extensions() {
        ErrorAnalysis a = small();
        MetricContext context = a.context();
        assertThat(context.examples() * context.classCount()).isEqualTo(24);
        assertThat((double) context.probability(5, 3)).isEqualTo(a.probability(5, 3));
        assertThat(context.trueClass(4)).isEqualTo(2);
        assertThat(context.predictedClass(4)).isEqualTo(1);
        assertThat(a.confidence(3)).isCloseTo(0.95, within(1e-6));
    }

    @Test
    void text_uses_a_dot_as_decimal_separator_whatever_the_default_locale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(small().summary()).contains("accuracy 0.3333").doesNotContain("0,3333");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void json_has_schema_version_camel_case_keys_and_null_for_undefined() {
        String json = small().toJson();
        assertThat(json).startsWith("{\"schemaVersion\":2,\"type\":\"errorAnalysis\"");
        assertThat(json).contains("\"topKAccuracy\":{\"1\":", "\"3\":", "\"logLoss\":", "\"maxCalibrationError\":");
        String undefined = "{\"estimate\":null,\"lower\":null,\"upper\":null,\"level\":0.95,\"method\":\"Wilson\"}";
        assertThat(json).contains("{\"index\":3,\"name\":\"frog\",\"support\":0,\"correct\":0,\"predicted\":0,"
                + "\"accuracy\":null,\"accuracyInterval\":" + undefined + ",\"precision\":null,\"precisionInterval\":"
                + undefined + ",\"recall\":null,\"recallInterval\":" + undefined + ",\"f1\":null}");
        assertThat(ErrorAnalysis.fromJson(json)).isEqualTo(small());
    }
}
