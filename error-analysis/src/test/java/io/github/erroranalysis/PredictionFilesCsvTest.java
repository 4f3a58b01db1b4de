package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CSV readers on files written by real pandas ({@code src/test/resources/io/github/erroranalysis/csv}, made by
 * its {@code make_fixtures.py}): 50 examples of 3 classes in every layout pandas writes, all read alike.
 */
class PredictionFilesCsvTest {

    static final int EXAMPLES = 50;

    @TempDir
    Path dir;

    Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = getClass().getResourceAsStream("csv/" + name)) {
                assertThat(in).as("fixture %s", name).isNotNull();
                Files.copy(in, file);
            }
        }
        return file;
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "probs_index_false.csv, labels_index_false.csv",   // pandas to_csv(index=False): headers 0,1,2 and 0
        "probs_index.csv, labels_index.csv",               // pandas to_csv(): headers ,0,1,2 and ,0, index columns
        "probs_bom.csv, labels_bom.csv",                   // encoding='utf-8-sig', no header
        "probs_bom_header.csv, labels_bom_header.csv",     // encoding='utf-8-sig' and headers 0,1,2 and 0
        "probs_named.csv, labels_named.csv",               // headers of names
        "probs_quoted_crlf.csv, labels_quoted_crlf.csv",   // QUOTE_ALL and \r\n
        "probs_index_false.csv, labels_plain.csv",         // a header on one side only
        "probs_plain.csv, labels_index_false.csv",
        "probs_index.csv, labels_named.csv",
        "probs_bom.csv, labels_index.csv"
    })
    void should_read_every_pandas_layout_as_the_plain_files(String probs, String labels) throws IOException {
        // GIVEN the same numbers without header or index
        CsvPredictions plain = PredictionFiles.readCsv(fixture("probs_plain.csv"), fixture("labels_plain.csv"));
        assertThat(plain.scores().shape()).containsExactly(EXAMPLES, 3);
        // WHEN
        CsvPredictions read = PredictionFiles.readCsv(fixture(probs), fixture(labels));
        // THEN
        assertThat(read.scores()).isEqualTo(plain.scores());
        assertThat(read.labels().toLongVector()).containsExactly(plain.labels().toLongVector());
        assertThat(read.labels().getLong(0)).as("the first label, 0, is kept").isZero();
    }

    @Test
    void should_analyse_pandas_files_with_a_bom_and_numeric_headers_as_50_examples() throws IOException {
        ErrorAnalysis plain = ErrorAnalysis.fromCsv(fixture("probs_plain.csv"), fixture("labels_plain.csv"),
                List.of("cat", "dog", "frog"));
        for (String[] pair : new String[][] {{"probs_bom.csv", "labels_bom.csv"},
            {"probs_index_false.csv", "labels_index_false.csv"}, {"probs_index.csv", "labels_index.csv"}}) {
            ErrorAnalysis a = ErrorAnalysis.fromCsv(fixture(pair[0]), fixture(pair[1]), List.of("cat", "dog", "frog"));
            assertThat(a.examples()).as(pair[0]).isEqualTo(EXAMPLES);
            assertThat(a.accuracy()).as(pair[0]).isEqualTo(plain.accuracy());
        }
    }

    @Test
    void should_skip_a_bom_and_a_numeric_header_when_read_alone() throws IOException {
        INDArray plain = PredictionFiles.readCsvMatrix(fixture("probs_plain.csv"));
        assertThat(PredictionFiles.readCsvMatrix(fixture("probs_bom.csv"))).isEqualTo(plain);
        assertThat(PredictionFiles.readCsvMatrix(fixture("probs_index_false.csv"))).isEqualTo(plain);
        assertThat(PredictionFiles.readCsvMatrix(fixture("probs_index.csv"))).isEqualTo(plain);
        assertThat(PredictionFiles.readCsvLabels(fixture("labels_bom.csv"))).hasSize(EXAMPLES);
        assertThat(PredictionFiles.readCsvLabels(fixture("labels_index.csv"))).hasSize(EXAMPLES);
        // a lone 0 alone cannot be told from a label: kept; with the predictions' count it is the header
        assertThat(PredictionFiles.readCsvLabels(fixture("labels_index_false.csv"))).hasSize(EXAMPLES + 1);
        assertThat(PredictionFiles.readCsvLabels(fixture("labels_index_false.csv"), EXAMPLES)).hasSize(EXAMPLES);
        assertThat(PredictionFiles.readCsvLabels(fixture("labels_plain.csv"), EXAMPLES)).hasSize(EXAMPLES);
        assertThat(PredictionFiles.readCsvMatrix(fixture("probs_index_false.csv"), EXAMPLES)).isEqualTo(plain);
    }

    @Test
    void should_keep_a_first_row_equal_to_the_column_indexes_when_the_counts_say_it_is_data() throws IOException {
        // GIVEN one-hot integer scores whose first row is 0,1 and labels whose first is 0, as many lines each
        Path scores = write("s.csv", "0,1\n1,0\n0,1\n");
        Path labels = write("l.csv", "1\n0\n1\n");
        // THEN the labels have no header candidate: the counts say the first row is data
        CsvPredictions read = PredictionFiles.readCsv(scores, labels);
        assertThat(read.scores().rows()).isEqualTo(3);
        // AND a header 0,1 with one label fewer is a header
        assertThat(PredictionFiles.readCsv(scores, write("l2.csv", "1\n0\n")).scores().rows()).isEqualTo(2);
    }

    @Test
    void should_take_a_first_line_of_exactly_the_numeric_class_names_as_a_header_when_they_are_given()
            throws IOException {
        // GIVEN classes named 1..10 and pandas' to_csv(index=False) of a frame with those columns: header 1,2,…,10
        List<String> names = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        String row = "0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1\n";
        Path scores = write("s.csv", "\uFEFF1,2,3,4,5,6,7,8,9,10\n" + row + row + row);
        Path labels = write("l.csv", "label\n0\n4\n9\n");
        // WHEN / THEN with the names it is a header: 3 rows, as the labels have
        assertThat(PredictionFiles.readCsv(scores, labels, names).scores().shape()).containsExactly(3, 10);
        assertThat(PredictionFiles.readCsvMatrix(scores, 3, names).shape()).containsExactly(3, 10);
        assertThat(ErrorAnalysis.fromCsv(scores, labels, names).examples()).isEqualTo(3);
        // AND without the names it is a row of numbers, so the counts differ and the files are refused
        assertThatThrownBy(() -> PredictionFiles.readCsv(scores, labels))
                .hasMessage(scores + " has 4 rows of predictions but " + labels + " has 3 labels");
        // AND a first line that is not exactly the names, in order, stays data
        Path shuffled = write("t.csv", "2,1,3,4,5,6,7,8,9,10\n" + row + row);
        assertThat(PredictionFiles.readCsv(shuffled, labels, names).scores().shape()).containsExactly(3, 10);
    }

    @Test
    void should_refuse_integer_files_whose_first_lines_may_be_headers_or_data() throws IOException {
        Path scores = write("s.csv", "0,1\n1,0\n0,1\n");
        Path labels = write("l.csv", "0\n0\n1\n");
        assertThatThrownBy(() -> PredictionFiles.readCsv(scores, labels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(scores + ", line 1: the first line holds the column indexes 0..1, which may be pandas' "
                        + "default header or a row of integer scores, and " + labels + " starts with 0, a header "
                        + "or a label; give the file a header of names (or none) so that it cannot be mistaken");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(scores)).hasMessageStartingWith(scores + ", line 1: ");
    }

    @Test
    void should_read_quotes_spaces_crlf_blank_lines_and_no_final_newline() throws IOException {
        Path scores = write("s.csv", "\"a\", \"b,c\"\r\n\r\n \"0.25\" , 0.75\r\n\n0.5,\"0.5\"");
        Path labels = write("l.csv", "label\r\n1\r\n\"0\"");
        CsvPredictions read = PredictionFiles.readCsv(scores, labels);
        assertThat(read.scores()).isEqualTo(Nd4j.createFromArray(new double[][] {{0.25, 0.75}, {0.5, 0.5}}));
        assertThat(read.labels().toLongVector()).containsExactly(1, 0);
    }

    @Test
    void should_drop_a_pandas_index_column_of_0_to_n_minus_1_and_refuse_any_other() throws IOException {
        Path scores = write("s.csv", ",0,1\n0,0.25,0.75\n1,0.5,0.5\n");
        assertThat(PredictionFiles.readCsvMatrix(scores))
                .isEqualTo(Nd4j.createFromArray(new double[][] {{0.25, 0.75}, {0.5, 0.5}}));
        Path shuffled = write("t.csv", ",0,1\n7,0.25,0.75\n3,0.5,0.5\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(shuffled))
                .hasMessage(shuffled + ", line 2: the index column is not 0..1 in order (row 0 has index 7); the rows "
                        + "may have been shuffled or filtered: write the file in the labels' order, or give the "
                        + "labels the same index");
    }

    @Test
    void should_name_the_file_and_line_of_latin_1_bytes() throws IOException {
        Path scores = dir.resolve("latin1.csv");
        Files.write(scores, "caf\u00e9,b\n0.5,0.5\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(scores))
                .isInstanceOf(IOException.class)
                .hasMessage(scores + ", line 1: not UTF-8 text (byte 0xE9 at offset 3 does not decode); save it as "
                        + "UTF-8");
    }

    @Test
    void should_name_the_real_line_of_a_latin_1_byte_after_many_good_lines() throws IOException {
        // the reader decoded ahead in blocks and blamed the line after the last one it had returned (line 1)
        Path scores = dir.resolve("late.csv");
        Files.write(scores, ("0.5,0.5\n".repeat(100) + "0.5,0.5 caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(scores))
                .isInstanceOf(IOException.class)
                .hasMessage(scores + ", line 101: not UTF-8 text (byte 0xE9 at offset 811 does not decode); save it as "
                        + "UTF-8");
    }

    @Test
    void should_name_the_file_line_and_cell_of_a_bad_value() throws IOException {
        Path scores = write("s.csv", "a,b\n0.5,0.5\n0.5,x\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(scores))
                .hasMessage(scores + ", line 3, column 2: 'x' is not a number");
        Path ragged = write("r.csv", "0.5,0.5\n1\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(ragged))
                .hasMessage(ragged + ", line 2: 1 values, but line 1 has 2");
        Path header = write("h.csv", "a,b,c\n0.5,0.5\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(header))
                .hasMessage(header + ", line 2: 2 values, but the header has 3 names");
        Path javaOnly = write("j.csv", "0.5,0.5\n0.5f,0.5\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(javaOnly))
                .hasMessage(javaOnly + ", line 2, column 1: '0.5f' is not a number");
        Path empty = write("e.csv", "\uFEFFa,b\n\n");
        assertThatThrownBy(() -> PredictionFiles.readCsvMatrix(empty))
                .hasMessage(empty + ": no rows of numbers (the file is empty or holds only a header)");
    }

    @Test
    void should_report_a_label_beyond_int_with_its_real_value_and_row() throws IOException {
        Path scores = write("s.csv", "0.5,0.5\n0.5,0.5\n");
        Path labels = write("l.csv", "0\n1099511627776\n");
        assertThatThrownBy(() -> ErrorAnalysis.fromCsv(scores, labels, List.of()))
                .hasMessage("example 1: label 1099511627776 is out of range; there are 2 classes (0..1)");
        assertThatThrownBy(() -> PredictionFiles.readCsvLabels(labels))
                .hasMessage(labels + ", example 1: class index 1099511627776 is out of range");
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}}),
                Nd4j.createFromArray(new long[] {1L << 40}), List.of()))
                .hasMessage("example 0: label 1099511627776 is out of range; there are 2 classes (0..1)");
    }

    @Test
    void should_refuse_probabilities_given_as_logits() throws IOException {
        CsvPredictions probs = PredictionFiles.readCsv(fixture("probs_plain.csv"), fixture("labels_plain.csv"));
        assertThatThrownBy(() -> ErrorAnalysis.fromLogits(probs.scores(), probs.labels(), List.of()))
                .isInstanceOfSatisfying(PredictionKindException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PredictionKindException.Kind.LOOKS_LIKE_PROBABILITIES);
                    assertThat(e.problem()).isEqualTo("these look like probabilities, not logits: every one of "
                            + "the 50 rows lies within 1.0E-6 of [0, 1] and sums to 1 within 0.01");
                })
                .hasMessageEndingWith("; analyse probabilities with fromPredictions");
        assertThatThrownBy(() -> ErrorAnalysis.fromLogits(probs.scores(), probs.labels().toIntVector(), List.of()))
                .isInstanceOf(PredictionKindException.class);
        // real logits, even with one row that happens to look like probabilities, are fine
        CsvPredictions logits = PredictionFiles.readCsv(fixture("logits_index_false.csv"), fixture("labels_plain.csv"));
        assertThat(ErrorAnalysis.fromLogits(logits.scores(), logits.labels(), List.of()).examples())
                .isEqualTo(EXAMPLES);
        assertThat(ErrorAnalysis.fromLogits(Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}, {3f, -1f}}),
                new int[] {0, 0}, List.of()).examples()).isEqualTo(2);
    }

    @Test
    void should_refuse_logits_given_as_probabilities_with_the_problem_apart_from_the_advice() throws IOException {
        CsvPredictions logits = PredictionFiles.readCsv(fixture("logits_plain.csv"), fixture("labels_plain.csv"));
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(Nd4j.createFromArray(new float[][] {{0.5f, 0.5f},
            {0.5f, 0.25f}}), new int[] {0, 1}, List.of()))
                .isInstanceOfSatisfying(PredictionKindException.class, e -> {
                    // every value lies in [0, 1]: not logits, whatever the sum
                    assertThat(e.kind()).isEqualTo(PredictionKindException.Kind.UNNORMALISED_PROBABILITIES);
                    assertThat(e.problem()).isEqualTo("example 1: probabilities sum to 0.75, not 1 (tolerance 0.001)");
                })
                .hasMessageNotContaining("fromLogits");
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(Nd4j.createFromArray(new float[][] {{0.5f, 0.5f},
            {1.5f, -0.5f}}), new int[] {0, 1}, List.of()))
                .isInstanceOfSatisfying(PredictionKindException.class, e ->
                        assertThat(e.kind()).isEqualTo(PredictionKindException.Kind.NOT_PROBABILITIES));
        assertThatThrownBy(() -> ErrorAnalysis.fromPredictions(logits.scores(), logits.labels(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("example 0: probability of class ");
    }
}
