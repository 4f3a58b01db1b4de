package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The plain-array reader {@link NpyFile#readNumbers} against the ND4J reader {@link NpyFile#read} on every fixture
 * NumPy wrote: the same shape and values (exactly, in double), floats for the dtypes every value of which is a
 * float, and the same refusal, word for word, of every bad file; and the early row-count check of
 * {@link PredictionFiles#checkNpyRows}.
 */
class NpyNumbersTest {

    static Stream<Path> validFiles() throws IOException {
        try (Stream<Path> files = Files.list(NpyFileTest.fixtures().resolve("valid"))) {
            return files.filter(p -> p.toString().endsWith(".npy")).sorted().toList().stream();
        }
    }

    static Stream<Path> badFiles() throws IOException {
        try (Stream<Path> files = Files.list(NpyFileTest.fixtures().resolve("bad"))) {
            return files.filter(p -> p.toString().endsWith(".npy")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void should_read_the_same_shape_and_values_as_the_nd4j_reader(Path file) throws IOException {
        // GIVEN a valid file NumPy wrote, read by both readers
        INDArray expected = NpyFile.read(file);
        // WHEN it is read into a plain array
        NumberArray actual = NpyFile.readNumbers(file);
        // THEN the shape and every value (in double, as the analysis checks them) are the same
        assertThat(actual.shape()).as("shape of %s", file).isEqualTo(expected.shape());
        double[] values = expected.length() == 0 ? new double[0]
                : expected.castTo(DataType.DOUBLE).reshape(expected.length()).toDoubleVector();
        double[] read = new double[actual.length()];
        for (int i = 0; i < read.length; i++) {
            read[i] = actual.get(i);
        }
        assertThat(read).as("the values of %s", file).containsExactly(values);
        // and the values are floats exactly when every value of the dtype is a float
        String dtype = NpyFile.readHeader(file).descr().substring(1);
        assertThat(actual.isFloat()).as("floats for %s", dtype)
                .isEqualTo(List.of("b1", "i1", "u1", "i2", "u2", "f2", "f4").contains(dtype));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void should_refuse_a_bad_file_with_the_nd4j_readers_message(Path file) {
        // GIVEN a file the ND4J reader refuses
        Throwable expected = catchThrowable(() -> NpyFile.read(file));
        assertThat(expected).as("the ND4J reader's refusal of %s", file).isInstanceOf(IOException.class);
        // WHEN it is read into a plain array THEN it is refused with the same one-line message
        assertThatThrownBy(() -> NpyFile.readNumbers(file)).isInstanceOf(expected.getClass())
                .hasMessage(expected.getMessage());
    }

    @Test
    void should_refuse_labels_whose_row_count_differs_from_the_headers_alone(@TempDir Path dir) throws IOException {
        // GIVEN 3×2 predictions and 2 labels
        Path predictions = npy(dir.resolve("p.npy"), "<f4", "(3, 2)", 4 * 6);
        Path labels = npy(dir.resolve("y.npy"), "<i8", "(2,)", 8 * 2);
        // WHEN the row counts are checked THEN the counts are refused from the headers, naming both files
        assertThatThrownBy(() -> PredictionFiles.checkNpyRows(predictions, labels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(predictions + " has 3 rows of predictions but " + labels + " has 2 labels");
    }

    @Test
    void should_refuse_rows_before_the_bodies_when_analysing_npy_files(@TempDir Path dir) throws IOException {
        // GIVEN predictions of NaN and labels out of range whose row counts differ (3 and 4)
        Path predictions = NpyFileTest.write(dir.resolve("p.npy"),
                "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", filled(6, Double.NaN));
        Path labels = NpyFileTest.write(dir.resolve("y.npy"),
                "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 1), }", filled(4, 99));
        // WHEN they are analysed THEN the row counts are refused, not the values: no body was checked first
        assertThatThrownBy(() -> ErrorAnalysis.fromNpy(predictions, labels, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(predictions + " has 3 rows of predictions but " + labels + " has 4 labels");
    }

    @Test
    void should_pass_row_counts_that_agree_and_shapes_refused_later(@TempDir Path dir) throws IOException {
        Path predictions = npy(dir.resolve("p.npy"), "<f4", "(3, 2)", 4 * 6);
        // one-hot rows, an N×1 column and a vector of the same count pass
        assertThatCode(() -> {
            PredictionFiles.checkNpyRows(predictions, npy(dir.resolve("a.npy"), "<i8", "(3,)", 8 * 3));
            PredictionFiles.checkNpyRows(predictions, npy(dir.resolve("b.npy"), "<i8", "(3, 1)", 8 * 3));
            PredictionFiles.checkNpyRows(predictions, npy(dir.resolve("c.npy"), "<i8", "(3, 2)", 8 * 6));
        }).doesNotThrowAnyException();
        // labels of another width, and predictions that are not a matrix, are left to the analysis's own messages
        Path wide = npy(dir.resolve("w.npy"), "<i8", "(4, 5)", 8 * 20);
        Path vector = npy(dir.resolve("v.npy"), "<f4", "(4,)", 4 * 4);
        assertThatCode(() -> {
            PredictionFiles.checkNpyRows(predictions, wide);
            PredictionFiles.checkNpyRows(vector, npy(dir.resolve("d.npy"), "<i8", "(3,)", 8 * 3));
        }).doesNotThrowAnyException();
        Path half = NpyFileTest.write(dir.resolve("h.npy"),
                "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", filled(6, 0.5));
        assertThatThrownBy(() -> ErrorAnalysis.fromNpy(half, wide, List.of()))
                .hasMessage("labels have 5 columns (one-hot) but the predictions have 2 classes");
    }

    @Test
    void should_analyse_npy_files_as_the_nd4j_arrays_read_from_them(@TempDir Path dir) throws IOException {
        // GIVEN float32 probabilities and int64 labels
        float[] p = {0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f, 0.25f, 0.5f, 0.25f, 0.9f, 0.05f, 0.05f};
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * p.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : p) {
            b.putFloat(v);
        }
        Path predictions = NpyFileTest.write(dir.resolve("p.npy"),
                "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3), }", b.array());
        java.nio.ByteBuffer l = java.nio.ByteBuffer.allocate(8 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : new long[] {0, 2, 2, 1}) {
            l.putLong(v);
        }
        Path labels = NpyFileTest.write(dir.resolve("y.npy"),
                "{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }", l.array());
        // WHEN they are analysed from the files and from the ND4J arrays
        ErrorAnalysis fromFiles = ErrorAnalysis.fromNpy(predictions, labels, List.of("a", "b", "c"));
        ErrorAnalysis fromArrays = ErrorAnalysis.fromPredictions(NpyFile.read(predictions), NpyFile.read(labels),
                List.of("a", "b", "c"));
        // THEN the analyses are equal, as are the logits' softmax from plain arrays and from ND4J
        assertThat(fromFiles).isEqualTo(fromArrays);
        Path logits = NpyFileTest.write(dir.resolve("l.npy"),
                "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3), }", logits(p));
        assertThat(ErrorAnalysis.fromLogits(NpyFile.readNumbers(logits), NpyFile.readNumbers(labels), List.of()))
                .isEqualTo(ErrorAnalysis.fromLogits(NpyFile.read(logits), NpyFile.read(labels), List.of()));
    }

    /** A file with a valid header and a zero body of the given size. */
    private static Path npy(Path file, String descr, String shape, int bytes) throws IOException {
        return NpyFileTest.write(file, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }",
                new byte[bytes]);
    }

    /** Logits of the probabilities: 3 ln(p) + 1, float32, little-endian. */
    private static byte[] logits(float[] p) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * p.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : p) {
            b.putFloat((float) (3 * Math.log(v) + 1));
        }
        return b.array();
    }

    private static byte[] filled(int n, double value) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putDouble(value);
        }
        return b.array();
    }
}
