package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predictions that must not be analysed wrongly (issue 11's outside-in findings 2-5, 8 and 9), on files written by
 * real numpy and pandas ({@code src/test/resources/io/github/erroranalysis/csv2}, made by its
 * {@code make_fixtures.py}): 200 examples of 4 classes, float64 throughout.
 */
class PredictionFilesTrustTest {

    static final List<String> NAMES = List.of("cat", "dog", "frog", "ship");

    @TempDir
    Path dir;

    Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = getClass().getResourceAsStream("csv2/" + name)) {
                assertThat(in).as("fixture %s", name).isNotNull();
                Files.copy(in, file);
            }
        }
        return file;
    }

    Map<String, Double> expected() throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (String line : Files.readAllLines(fixture("expected.txt"), StandardCharsets.UTF_8)) {
            String[] kv = line.split(" ");
            out.put(kv[0], Double.parseDouble(kv[1]));
        }
        return out;
    }

    ErrorAnalysis reference() throws IOException {
        return ErrorAnalysis.fromCsv(fixture("p_names.csv"), fixture("y_noidx.csv"), NAMES);
    }

    // ---------------------------------------------------------------- finding 2: class-name headers in any order

    @Test
    void should_take_columns_by_name_when_the_header_names_the_classes_in_another_order() throws IOException {
        ErrorAnalysis permuted = ErrorAnalysis.fromCsv(fixture("p_perm.csv"), fixture("y_noidx.csv"), NAMES);
        assertThat(permuted.accuracy()).isEqualTo(reference().accuracy());
        assertThat(permuted).isEqualTo(reference());
        assertThat(PredictionFiles.readCsvMatrix(fixture("p_perm.csv"), 200, NAMES))
                .isEqualTo(PredictionFiles.readCsvMatrix(fixture("p_names.csv"), 200, NAMES));
    }

    @Test
    void should_refuse_a_header_that_names_a_class_twice_or_an_unknown_one_naming_them() throws IOException {
        Path repeat = fixture("p_repeat.csv");
        assertThatThrownBy(() -> PredictionFiles.readCsv(repeat, fixture("y_noidx.csv"), NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(repeat + ", line 1: the header names classes, but not each of the 4 class names exactly "
                        + "once: missing: 'ship'; repeated: 'frog'; columns are matched to the classes by name");
        Path unknown = fixture("p_unknown.csv");
        assertThatThrownBy(() -> PredictionFiles.readCsv(unknown, fixture("y_noidx.csv"), NAMES))
                .hasMessage(unknown + ", line 1: the header names classes, but not each of the 4 class names exactly "
                        + "once: not a class name: 'boat'; missing: 'ship'; columns are matched to the classes by "
                        + "name");
    }

    // ---------------------------------------------------------------- finding 3: pandas index columns

    @Test
    void should_refuse_a_shuffled_index_when_the_labels_have_none() throws IOException {
        Path shuffled = fixture("p_shuf_idx.csv");
        assertThatThrownBy(() -> PredictionFiles.readCsv(shuffled, fixture("y_noidx.csv"), NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(shuffled + ", line 2: the index column is not 0..199 in order (row 0 has "
                        + "index 40); the rows may have been shuffled or filtered");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(shuffled, 200, NAMES))
                .hasMessageContaining("the index column is not 0..199 in order");
    }

    @Test
    void should_pair_rows_when_both_indexes_are_the_same_sequence_and_refuse_when_they_differ() throws IOException {
        ErrorAnalysis both = ErrorAnalysis.fromCsv(fixture("p_shuf_idx.csv"), fixture("y_shuf_idx.csv"), NAMES);
        assertThat(both.accuracy()).isEqualTo(reference().accuracy());
        assertThat(ErrorAnalysis.fromCsv(fixture("p_idx.csv"), fixture("y_idx.csv"), NAMES)).isEqualTo(reference());
        Path labels = fixture("y_idx.csv");
        assertThatThrownBy(() -> PredictionFiles.readCsv(fixture("p_shuf_idx.csv"), labels, NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("p_shuf_idx.csv") + ", line 2 has index 40 but " + labels + ", line 2 has "
                        + "index 0: the files' index columns differ (row 0), so their rows do not pair up");
    }

    @Test
    void should_hint_at_an_index_named_id() throws IOException {
        Path id = fixture("p_id.csv");
        assertThatThrownBy(() -> PredictionFiles.readCsv(id, fixture("y_noidx.csv"), NAMES))
                .hasMessageContaining(id + ", line 1: ")
                .hasMessageContaining("not a class name: 'id'")
                .hasMessageContaining("the first column 'id' looks like a pandas index with a name; write the file "
                        + "with index=False");
        Path labels = Files.writeString(dir.resolve("y_id.csv"), "id,label\n0,3\n1,0\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvLabels(labels))
                .hasMessage(labels + ", line 2: 2 values '0,3' are neither one class index nor a one-hot row (exactly "
                        + "one 1, the rest 0); if the first column is pandas' index (the header names it 'id'), "
                        + "write the file with index=False, or with an unnamed index (an empty first header cell)");
        Path numbered = Files.writeString(dir.resolve("p_id_numbered.csv"), "id,0,1,2,3\n0,0.1,0.2,0.3,0.4\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(numbered, 1, NAMES))
                .hasMessageContaining("looks like pandas' column indexes after an index column named 'id'");
    }

    // ---------------------------------------------------------------- one-hot labels in CSV, as in .npy

    @Test
    void should_read_one_hot_csv_labels_like_class_indexes() throws IOException {
        assertThat(ErrorAnalysis.fromCsv(fixture("p_names.csv"), fixture("y_onehot.csv"), NAMES))
                .isEqualTo(reference());
        // one-hot columns named by class, in another order, are taken by name as the predictions' are
        assertThat(ErrorAnalysis.fromCsv(fixture("p_names.csv"), fixture("y_onehot_perm.csv"), NAMES))
                .isEqualTo(reference());
        assertThat(PredictionFiles.readCsvLabels(fixture("y_onehot_perm.csv"), 200, NAMES))
                .containsExactly(PredictionFiles.readCsvLabels(fixture("y_noidx.csv"), 200));
        Path bad = Files.writeString(dir.resolve("y_bad.csv"), "0,1,0,1\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvLabels(bad))
                .hasMessage(bad + ", line 1: 4 values '0,1,0,1' are neither one class index nor a one-hot row "
                        + "(exactly one 1, the rest 0)");
    }

    // ---------------------------------------------------------------- finding 8: separator and decimal hints

    @Test
    void should_hint_that_the_separator_must_be_a_comma_and_the_decimal_mark_a_point() throws IOException {
        Path semicolon = fixture("p_semicolon.csv");
        assertThatThrownBy(() -> PredictionFiles.readCsv(semicolon, fixture("y_noidx.csv"), NAMES))
                .hasMessageStartingWith(semicolon + ", line 2, column 1: '")
                .hasMessageEndingWith("is not a number; the cells seem separated by ';', but the separator must be "
                        + "','");
        Path decimal = fixture("p_decimal.csv");
        assertThatThrownBy(() -> PredictionFiles.readCsv(decimal, fixture("y_noidx.csv"), NAMES))
                .hasMessage(decimal + ", line 2: 5 values, but the header has 1 names; if the file uses ';' as "
                        + "separator and ',' as decimal mark (pandas' sep=';', decimal=','), write it with ',' between "
                        + "cells and '.' as decimal mark");
        Path comma = Files.writeString(dir.resolve("p_comma.csv"), "a,b\n\"0,5\",\"0,5\"\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(comma))
                .hasMessage(comma + ", line 2, column 1: '0,5' is not a number; the decimal mark seems to be ',', "
                        + "but it must be '.'");
    }

    // ---------------------------------------------------------------- finding 4: float64 kept

    @Test
    void should_take_the_softmax_of_float64_logits_in_double_as_numpy_does() throws IOException {
        double numpy = expected().get("lg_shift");
        INDArray confidences = PredictionFiles.readNpy(fixture("conf_shift.npy"));
        for (INDArray logits : List.of(PredictionFiles.readNpy(fixture("lg_shift.npy")),
                PredictionFiles.readCsvMatrix(fixture("lg_shift.csv"), 200))) {
            ErrorAnalysis a = ErrorAnalysis.fromLogits(logits, PredictionFiles.readNpy(fixture("y.npy")), NAMES);
            assertThat(a.accuracy()).isEqualTo(numpy);
            for (int i = 0; i < a.examples(); i++) {
                assertThat(a.confidence(i)).as("example %d", i).isCloseTo(confidences.getDouble(i), within(1e-6));
            }
        }
    }

    @Test
    void should_analyse_huge_finite_float64_logits_without_an_infinity_that_is_not_in_the_file() throws IOException {
        ErrorAnalysis a = ErrorAnalysis.fromLogits(PredictionFiles.readNpy(fixture("lg_huge.npy")),
                PredictionFiles.readNpy(fixture("y.npy")), NAMES);
        assertThat(a.accuracy()).isEqualTo(expected().get("lg_huge"));
    }

    @Test
    void should_refuse_float64_probabilities_whose_argmax_float_cannot_keep() throws IOException {
        assertThat(expected().get("p_ties64")).isEqualTo(1.0);
        INDArray ties = PredictionFiles.readNpy(fixture("p_ties64.npy"));
        INDArray labels = PredictionFiles.readNpy(fixture("y.npy"));
        int first = -1;
        for (int i = 0; first < 0; i++) {
            if (labels.getInt(i) == 3) {
                first = i;
            }
        }
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(ties, labels, NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("example " + first + ": the probabilities of class 3 (0.500000001) and class 0 "
                        + "(0.499999999) differ by less than float precision, which the analysis stores; it would "
                        + "predict class 0 instead of class 3");
    }

    // ---------------------------------------------------------------- finding 5: rounded probabilities

    @Test
    void should_refuse_rounded_probabilities_as_rounded_never_suggesting_logits() throws IOException {
        for (String name : List.of("p_round3.csv", "p_round2.csv")) {
            CsvPredictions csv = PredictionFiles.readCsv(fixture(name), fixture("y_plain.csv"), NAMES);
            assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(csv.scores(), csv.labels(), NAMES))
                    .as(name)
                    .isInstanceOfSatisfying(PredictionKindException.class, e -> assertThat(e.kind())
                            .isEqualTo(PredictionKindException.Kind.UNNORMALISED_PROBABILITIES))
                    .hasMessageContaining("these look like rounded probabilities")
                    .hasMessageContaining("write them with more digits")
                    .hasMessageNotContaining("fromLogits");
            assertThatThrownBy(() -> ErrorAnalysis.fromLogits(csv.scores(), csv.labels(), NAMES))
                    .as(name)
                    .isInstanceOfSatisfying(PredictionKindException.class, e -> assertThat(e.kind())
                            .isEqualTo(PredictionKindException.Kind.LOOKS_LIKE_PROBABILITIES))
                    .hasMessage("these look like probabilities, not logits: every one of the 200 rows lies within "
                            + "1.0E-6 of [0, 1] and sums to 1 within 0.01; analyse probabilities with "
                            + "fromPredictions");
        }
    }

    @Test
    void should_refuse_probabilities_a_hair_below_zero_as_probabilities_and_as_logits() throws IOException {
        INDArray p = PredictionFiles.readNpy(fixture("p_negtiny.npy"));
        INDArray y = PredictionFiles.readNpy(fixture("y.npy"));
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(p, y, NAMES))
                .isInstanceOfSatisfying(PredictionKindException.class, e -> assertThat(e.kind())
                        .isEqualTo(PredictionKindException.Kind.UNNORMALISED_PROBABILITIES))
                .hasMessageStartingWith("example 0: probability of class ")
                .hasMessageContaining("is -1.0E-9, which is negative; these look like rounded probabilities")
                .hasMessageNotContaining("fromLogits");
        assertThatThrownBy(() -> ErrorAnalysis.fromLogits(p, y, NAMES))
                .isInstanceOfSatisfying(PredictionKindException.class, e -> assertThat(e.kind())
                        .isEqualTo(PredictionKindException.Kind.LOOKS_LIKE_PROBABILITIES));
    }

    @Test
    void should_still_suggest_logits_for_scores_outside_zero_one() throws IOException {
        INDArray logits = PredictionFiles.readNpy(fixture("lg_shift.npy"));
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(logits, PredictionFiles.readNpy(fixture("y.npy")),
                NAMES))
                .isInstanceOfSatisfying(PredictionKindException.class, e -> assertThat(e.kind())
                        .isEqualTo(PredictionKindException.Kind.NOT_PROBABILITIES))
                .hasMessageEndingWith("; if these are logits or unnormalized scores, use fromLogits");
    }
}
