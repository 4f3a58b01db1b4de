package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pure-Java {@code .npy} reader against files written by real NumPy (fixtures/npy/make_fixtures.py): every
 * accepted dtype, both byte orders, C and Fortran order, ranks 0 to 3, versions 1.0 to 3.0, and the files it must
 * refuse (each an IOException naming the file, never a JVM crash).
 */
class NpyFileTest {

    static Path fixtures() {
        try {
            return Path.of(NpyFileTest.class.getResource("/fixtures/npy/expected.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path valid(String name) {
        return fixtures().resolve("valid").resolve(name);
    }

    static Path bad(String name) {
        return fixtures().resolve("bad").resolve(name);
    }

    /** One line of expected.tsv: what NumPy wrote. */
    record Expected(String name, String descr, long[] shape, String[] values) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Expected> expected() throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(fixtures().resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            long[] shape = cells[2].isEmpty() ? new long[0]
                    : Arrays.stream(cells[2].split(",")).mapToLong(Long::parseLong).toArray();
            String[] values = cells[3].isEmpty() ? new String[0] : cells[3].split(",");
            out.add(new Expected(cells[0], cells[1], shape, values));
        }
        return out.stream();
    }

    @SuppressWarnings("deprecation")
    private static final Map<Character, DataType[]> TYPES = Map.of(
            'b', new DataType[] {DataType.BOOL},
            'i', new DataType[] {DataType.BYTE, DataType.SHORT, null, DataType.INT, null, null, null, DataType.LONG},
            'u', new DataType[] {DataType.UBYTE, DataType.INT, null, DataType.LONG, null, null, null, DataType.LONG},
            'f', new DataType[] {null, DataType.FLOAT, null, DataType.FLOAT, null, null, null, DataType.DOUBLE});

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void reads_every_dtype_byte_order_rank_and_order_as_numpy_wrote_it(Expected e) throws IOException {
        INDArray a = NpyFile.read(valid(e.name()));
        assertThat(a.shape()).as("shape").containsExactly(e.shape());
        assertThat(a.ordering()).isEqualTo('c');
        DataType type = TYPES.get(e.descr().charAt(1))[e.descr().charAt(2) - '1'];
        assertThat(a.dataType()).isEqualTo(type);
        assertThat(a.length()).isEqualTo(e.values().length);
        if (type.isFPType()) {
            double[] actual = doubles(a);
            for (int i = 0; i < actual.length; i++) {
                double want = python(e.values()[i]);
                assertThat(Double.compare(actual[i], want)).as("element %d: %s, numpy wrote %s", i, actual[i], want)
                        .isZero();
            }
        } else {
            long[] actual = longs(a);
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("element %d", i).isEqualTo(Long.parseLong(e.values()[i]));
            }
        }
    }

    /** A float as Python's repr wrote it. */
    static double python(String repr) {
        return switch (repr) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(repr);
        };
    }

    static double[] doubles(INDArray a) {
        return a.length() == 0 ? new double[0] : a.reshape(a.length()).toDoubleVector();
    }

    @SuppressWarnings("deprecation")
    static long[] longs(INDArray a) {
        return a.length() == 0 ? new long[0] : a.castTo(DataType.LONG).reshape(a.length()).toLongVector();
    }

    @ParameterizedTest
    @ValueSource(strings = {"f4_le_%s_2x3", "f4_le_%s_2x3x2", "f8_be_%s_2x3", "f8_be_%s_2x3x2", "i8_le_%s_2x3",
        "i8_le_%s_2x3x2", "u1_na_%s_2x3", "u1_na_%s_2x3x2", "f2_be_%s_2x3", "f2_be_%s_2x3x2"})
    void a_fortran_order_file_reads_as_its_c_order_twin(String pattern) throws IOException {
        Path c = valid(String.format(pattern, "c") + ".npy");
        Path f = valid(String.format(pattern, "f") + ".npy");
        assertThat(NpyFile.readHeader(f).fortranOrder()).isTrue();
        assertThat(NpyFile.readHeader(c).fortranOrder()).isFalse();
        assertIdentical(NpyFile.read(f), NpyFile.read(c));
    }

    static void assertIdentical(INDArray actual, INDArray expected) {
        assertThat(actual.dataType()).isEqualTo(expected.dataType());
        assertThat(actual.shape()).containsExactly(expected.shape());
        if (expected.dataType().isFPType()) {
            assertThat(doubles(actual)).containsExactly(doubles(expected));
        } else {
            assertThat(longs(actual)).containsExactly(longs(expected));
        }
    }

    @Test
    void fortran_order_is_transposed_for_any_rank_and_dimensions_of_one(@TempDir Path dir) throws IOException {
        // the body of a Fortran-order 2x3 array, declared as 2x1x3 and as 3 in Fortran order
        Path f23 = valid("f8_be_f_2x3.npy");
        byte[] body = body(f23);
        INDArray a = NpyFile.read(f23);
        Path f213 = write(dir.resolve("f213.npy"), "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 1, 3), }", body);
        assertIdentical(NpyFile.read(f213), a.reshape(2, 1, 3));
        Path f6 = write(dir.resolve("f6.npy"), "{'descr': '>f8', 'fortran_order': True, 'shape': (6,), }", body);
        Path c6 = write(dir.resolve("c6.npy"), "{'descr': '>f8', 'fortran_order': False, 'shape': (6,), }", body);
        assertIdentical(NpyFile.read(f6), NpyFile.read(c6));
        // 3x2 in C order is the transpose of 2x3 in Fortran order
        Path c32 = write(dir.resolve("c32.npy"), "{'descr': '>f8', 'fortran_order': False, 'shape': (3, 2), }", body);
        assertIdentical(NpyFile.read(c32), a.transpose().dup('c'));
    }

    @Test
    void bodies_of_several_read_chunks_are_read_whole_in_both_orders(@TempDir Path dir) throws IOException {
        int a = 301;
        int b = 2;
        int c = 500; // 301,000 doubles: 2.4 MB, three 1 MiB chunks, the last one partial
        java.nio.ByteBuffer cBody = java.nio.ByteBuffer.allocate(a * b * c * 8).order(java.nio.ByteOrder.BIG_ENDIAN);
        java.nio.ByteBuffer fBody = java.nio.ByteBuffer.allocate(a * b * c * 8).order(java.nio.ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    cBody.putDouble(((i * b + j) * c + k) * 8, value(i, j, k));
                    fBody.putDouble((i + a * (j + b * k)) * 8, value(i, j, k));
                }
            }
        }
        String shape = "'shape': (" + a + ", " + b + ", " + c + "), }";
        INDArray fromC = NpyFile.read(write(dir.resolve("c.npy"), "{'descr': '>f8', 'fortran_order': False, " + shape,
                cBody.array()));
        INDArray fromF = NpyFile.read(write(dir.resolve("f.npy"), "{'descr': '>f8', 'fortran_order': True, " + shape,
                fBody.array()));
        double[] expected = new double[a * b * c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    expected[(i * b + j) * c + k] = value(i, j, k);
                }
            }
        }
        assertThat(doubles(fromC)).isEqualTo(expected);
        assertThat(doubles(fromF)).isEqualTo(expected);
        assertThat(fromF.getDouble(300, 1, 499)).isEqualTo(value(300, 1, 499));
    }

    private static double value(int i, int j, int k) {
        return i * 1000.0 + j * 0.5 + k * 1e-4;
    }

    @Test
    void header_dicts_in_any_key_order_with_any_spacing_quotes_and_commas_read_alike(@TempDir Path dir)
            throws IOException {
        Path original = valid("i8_le_c_2x3.npy");
        INDArray expected = NpyFile.read(original);
        byte[] body = body(original);
        String[] headers = {
            "{'shape': (2, 3), 'fortran_order': False, 'descr': '<i8'}",
            "{\"descr\": \"<i8\", \"fortran_order\": False, \"shape\": (2, 3,)}",
            " {'descr':'<i8','fortran_order':False,'shape':(2,3)}",
            "{\n  'descr' : '<i8' ,\n\t'fortran_order' : False ,\n  'shape' : ( 2 , 3 ) ,\n}",
            "{'descr': '<i8', 'fortran_order': False, 'shape': (2L, 3L), }",
            "{'descr': '<i8', 'fortran_order': False, 'shape': (+2, 3), }",
        };
        for (int i = 0; i < headers.length; i++) {
            Path p = write(dir.resolve("h" + i + ".npy"), headers[i], body);
            assertIdentical(NpyFile.read(p), expected);
        }
        // version 2.0 and 3.0 preambles (4-byte header length), UTF-8 in 3.0
        assertIdentical(NpyFile.read(write(dir.resolve("v2.npy"), 2, headers[0], body)), expected);
        assertIdentical(NpyFile.read(write(dir.resolve("v3.npy"), 3, headers[0], body)), expected);
    }

    @Test
    void a_version_3_header_that_is_not_utf_8_names_the_file_and_the_offset_of_the_bad_byte(@TempDir Path dir)
            throws IOException {
        Path file = write(dir.resolve("v3.npy"), 3, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                new byte[4]);
        byte[] bytes = Files.readAllBytes(file);
        bytes[14] = (byte) 0xE9;   // the 'd' of 'descr': the header starts at offset 12, after its 4-byte length
        Files.write(file, bytes);

        assertThatThrownBy(() -> NpyFile.read(file)).isExactlyInstanceOf(IOException.class)
                .hasMessage(file + ": the version 3.0 .npy header is not valid UTF-8 (byte 0xE9 at offset 14 does "
                        + "not decode)");
    }

    @Test
    void scalars_and_empty_arrays_keep_their_shape() throws IOException {
        INDArray scalar = NpyFile.read(valid("f4_le_c_scalar.npy"));
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.getDouble(0)).isEqualTo(2.5);
        INDArray empty = NpyFile.read(valid("f4_le_c_0x3.npy"));
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.shape()).containsExactly(0, 3);
        assertThat(NpyFile.read(valid("i8_le_c_0.npy")).shape()).containsExactly(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f4_le_c_2x3", "f8_le_c_2x3", "i1_na_c_2x3", "i2_le_c_2x3", "i4_le_c_2x3", "i8_le_c_2x3",
        "u1_na_c_2x3", "b1_na_c_2x3", "f4_le_c_scalar", "f4_le_c_0x3", "f4_le_c_2x3x2", "i8_le_c_5",
        "probabilities_c", "labels"})
    void c_order_little_endian_files_read_as_the_old_native_reader_read_them(String name) throws IOException {
        Path file = valid(name + ".npy");
        assertIdentical(NpyFile.read(file), Nd4j.createFromNpyFile(file.toFile()));
    }

    @Test
    void files_written_by_nd4j_read_back_unchanged(@TempDir Path dir) throws IOException {
        INDArray[] arrays = {
            Nd4j.createFromArray(new float[][] {{0.9f, 0.1f}, {0.25f, 0.75f}, {0.4f, 0.6f}}),
            Nd4j.createFromArray(new double[][] {{1e-300, -2}, {Double.MAX_VALUE, 0.5}}),
            Nd4j.createFromArray(new long[] {0, 1, Long.MAX_VALUE}),
            Nd4j.createFromArray(new int[] {0, -1, 7}),
        };
        for (int i = 0; i < arrays.length; i++) {
            Path p = dir.resolve(i + ".npy");
            Nd4j.writeAsNumpy(arrays[i], p.toFile());
            assertIdentical(NpyFile.read(p), arrays[i]);
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("unicode_U4.npy", "the .npy dtype '<U4' (unicode strings) is not supported"),
                Arguments.of("complex64.npy", "the .npy dtype '<c8' (complex numbers) is not supported"),
                Arguments.of("object.npy", "the .npy dtype '|O' (Python objects) is not supported"),
                Arguments.of("bytes_S3.npy", "the .npy dtype '|S3' (byte strings) is not supported"),
                Arguments.of("datetime.npy", "the .npy dtype '<M8[D]' (dates or time spans) is not supported"),
                Arguments.of("longdouble_f16.npy", "the .npy dtype '<f16' (extended precision floats) is not supported"),
                Arguments.of("structured.npy", "the .npy dtype [('a', '<f4'), ('b', '<i4')] is a structured (record)"
                        + " dtype, which is not supported"),
                Arguments.of("u8_above_int64.npy", "element 1 of the uint64 array is 9223372036854775813, more than"
                        + " the int64 maximum"),
                Arguments.of("truncated_body.npy", ".npy shape (3, 4) of dtype '<f4' needs 48 bytes of data, but the"
                        + " file has 43 bytes after its 128-byte header (truncated)"),
                Arguments.of("trailing_bytes.npy", ".npy shape (6,) of dtype '<i4' needs 24 bytes of data, but the"
                        + " file has 28 bytes after its 128-byte header (trailing bytes)"),
                Arguments.of("shape_2pow63.npy", ".npy shape (9223372036854775807, 10) of dtype '<f4' needs"
                        + " 368934881474191032280 bytes of data, but the file has 40 bytes"),
                Arguments.of("shape_negative.npy", "the .npy shape (-10000, 10) has a negative dimension -10000"),
                Arguments.of("shape_larger_than_file.npy", ".npy shape (1000, 1000) of dtype '<f8' needs 8000000 bytes"
                        + " of data, but the file has 64 bytes after its 128-byte header (truncated)"),
                Arguments.of("not_a_dict.npy", "the .npy header is not a dict but [1, 2, 3]"),
                Arguments.of("missing_shape.npy", "the .npy header has the keys ['descr', 'fortran_order']; expected"
                        + " exactly 'descr', 'fortran_order' and 'shape'"),
                Arguments.of("extra_key.npy", "the .npy header has the keys ['descr', 'fortran_order', 'shape', 'x']"),
                Arguments.of("fortran_order_not_bool.npy", "the .npy header's 'fortran_order' is 0, not True or False"),
                Arguments.of("shape_not_tuple.npy", "the .npy header's 'shape' is 3, not a tuple of integers"),
                Arguments.of("unterminated.npy", "the .npy header is not a valid Python literal: the header ends"
                        + " before its value is closed"),
                Arguments.of("nested_deep.npy", "values are nested more than 16 deep"),
                Arguments.of("version_9.npy", ".npy format version 9.0 is not supported (1.0, 2.0 and 3.0 are)"),
                Arguments.of("not_npy.npy", "not a .npy file: it does not start with the magic bytes \\x93NUMPY"),
                Arguments.of("empty_file.npy", "not a .npy file: it does not start with the magic bytes \\x93NUMPY"
                        + " (the file is empty)"),
                Arguments.of("header_length_beyond_file.npy", "the .npy header declares 5000 bytes, but the file has"
                        + " only 15 after the 12-byte preamble (truncated)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void malformed_and_unsupported_files_are_one_line_io_errors_that_name_the_file(String name, String message) {
        Path file = bad(name);
        assertThatThrownBy(() -> NpyFile.read(file)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> PredictionFiles.readNpy(file)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(message);
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("{'descr': '|f4', 'fortran_order': False, 'shape': (1,), }",
                        "the .npy dtype '|f4' has no explicit byte order ('<' little-endian or '>' big-endian)"),
                Arguments.of("{'descr': 'f4', 'fortran_order': False, 'shape': (1,), }",
                        "the .npy dtype 'f4' has no explicit byte order"),
                Arguments.of("{'descr': '=i4', 'fortran_order': False, 'shape': (1,), }",
                        "the .npy dtype '=i4' has no explicit byte order"),
                Arguments.of("{'descr': '<f3', 'fortran_order': False, 'shape': (1,), }",
                        "the .npy dtype '<f3' (floats of this size) is not supported"),
                Arguments.of("{'descr': '<i16', 'fortran_order': False, 'shape': (1,), }",
                        "the .npy dtype '<i16' (integers of this size) is not supported"),
                Arguments.of("{'descr': '', 'fortran_order': False, 'shape': (1,), }",
                        "the .npy dtype '' (an unknown dtype) is not supported"),
                Arguments.of("{'descr': '<f4', 'fortran_order': None, 'shape': (1,), }",
                        "the .npy header's 'fortran_order' is None, not True or False"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (1), }",
                        "the .npy header's 'shape' is 1, not a tuple of integers"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': ('1',), }",
                        "the .npy header's 'shape' is ('1',), not a tuple of integers"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': [1], }",
                        "the .npy header's 'shape' is [1], not a tuple of integers"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (1.0,), }",
                        "a number is not a plain integer at character 51"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (" + "1, ".repeat(33) + "), }",
                        "the .npy shape has 33 dimensions, more than the 32 ND4J supports"),
                Arguments.of("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                        "the key 'descr' appears twice"),
                Arguments.of("{'descr': '<f\\x34', 'fortran_order': False, 'shape': (1,), }",
                        "escape sequences in strings are not supported"),
                Arguments.of("{'descr': '<f4', 'fortran_order': false, 'shape': (1,), }", "unknown name 'false'"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } # comment",
                        "unexpected '#' after the header's value"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 3: 4}",
                        "a dict key is 3, not a string"),
                Arguments.of("{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}",
                        "expected ',' but found '''"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }",
                        "has a dimension 99999999999999999999, more than a 64-bit integer holds"),
                Arguments.of("{'descr': '<f4', 'fortran_order': False, 'shape': (01,), }",
                        "an integer has a leading zero"),
                Arguments.of("'descr'", "the .npy header is not a dict but 'descr'"),
                Arguments.of("", "the header ends where a value should be"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void malformed_headers_are_named_precisely(String header, String message, @TempDir Path dir) throws IOException {
        Path p = write(dir.resolve("h.npy"), header, new byte[4]);
        assertThatThrownBy(() -> NpyFile.read(p)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith(p + ": ").hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void one_byte_dtypes_need_no_byte_order(@TempDir Path dir) throws IOException {
        for (String descr : List.of("u1", "<u1", ">b1", "=i1", "|i1")) {
            Path p = write(dir.resolve("b.npy"), "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2,)}",
                    new byte[] {1, 0});
            assertThat(longs(NpyFile.read(p))).as(descr).containsExactly(1, 0);
        }
    }

    @Test
    void a_header_longer_than_a_mebibyte_is_refused_before_it_is_read(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("long.npy");
        Files.write(p, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, (byte) 0x80, 0, '{'});
        assertThatThrownBy(() -> NpyFile.read(p)).isExactlyInstanceOf(IOException.class)
                .hasMessage(p + ": the .npy header declares 8388608 bytes, more than the 1048576 this reader accepts");
    }

    @Test
    void declared_shapes_past_a_java_array_are_refused_before_any_allocation(@TempDir Path dir) throws IOException {
        // 2^31 one-byte elements, the file as long as that needs (sparse), and no OutOfMemoryError
        long n = 1L << 31;
        Path p = write(dir.resolve("big.npy"), "{'descr': '|u1', 'fortran_order': False, 'shape': (" + n + ",), }",
                new byte[0]);
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), Files.size(p) + n - 1);
        }
        assertThatThrownBy(() -> NpyFile.read(p)).isExactlyInstanceOf(IOException.class)
                .hasMessage(p + ": .npy shape (2147483648,) has 2147483648 elements, more than a Java array holds"
                        + " (2147483639)");
    }

    @Test
    void every_truncation_of_every_valid_file_is_an_error_naming_the_file_and_the_sizes() throws IOException {
        for (String name : List.of("f4_le_f_2x3x2.npy", "u1_na_c_5.npy", "f8_be_f_2x3_v3.npy", "f4_le_c_scalar.npy")) {
            byte[] whole = Files.readAllBytes(valid(name));
            long offset = NpyFile.readHeader(valid(name)).dataOffset();
            Path dir = Files.createTempDirectory("npy-truncated");
            Path p = dir.resolve(name);
            try {
                for (int length = 0; length < whole.length; length++) {
                    Files.write(p, Arrays.copyOf(whole, length));
                    int at = length;
                    var thrown = assertThatThrownBy(() -> NpyFile.read(p)).as("%s cut at %d", name, at)
                            .isExactlyInstanceOf(IOException.class).hasMessageStartingWith(p + ": ");
                    if (length >= offset) {
                        thrown.hasMessageContaining("but the file has " + (length - offset) + " bytes after its "
                                + offset + "-byte header (truncated)");
                    }
                }
            } finally {
                Files.deleteIfExists(p);
                Files.delete(dir);
            }
        }
    }

    @Test
    void a_missing_file_is_no_such_file_naming_it(@TempDir Path dir) {
        Path p = dir.resolve("nothing.npy");
        assertThatThrownBy(() -> NpyFile.read(p)).isInstanceOf(NoSuchFileException.class).hasMessage(p.toString());
        assertThatThrownBy(() -> PredictionFiles.readNpy(p)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(p.toString());
    }

    @Test
    void the_header_is_reported_without_reading_the_data() throws IOException {
        NpyFile.Header h = NpyFile.readHeader(valid("f8_be_f_2x3_v3.npy"));
        assertThat(h).isEqualTo(new NpyFile.Header("3.0", ">f8", true, List.of(2L, 3L), 128));
        assertThat(h.elements()).isEqualTo(6);
    }

    @Test
    void half_precision_converts_exactly() {
        assertThat(NpyFile.halfToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(NpyFile.halfToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(NpyFile.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(NpyFile.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(NpyFile.halfToFloat((short) 0x8000)).isEqualTo(-0f);
        assertThat(Float.floatToRawIntBits(NpyFile.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
        assertThat(NpyFile.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(NpyFile.halfToFloat((short) 0x7e00)).isNaN();
    }

    // ---------------------------------------------------------------- end to end

    @Test
    void fortran_order_probabilities_give_the_accuracy_of_the_c_order_ones() throws IOException {
        Path labels = valid("labels.npy");
        ErrorAnalysis c = ErrorAnalysis.fromNpy(valid("probabilities_c.npy"), labels, List.of());
        ErrorAnalysis f = ErrorAnalysis.fromNpy(valid("probabilities_f.npy"), labels, List.of());
        assertThat(c.accuracy()).isEqualTo(34 / 40.0); // NumPy: (p.argmax(1) == y).mean()
        assertThat(f).isEqualTo(c);
        ErrorAnalysis logits = ErrorAnalysis.fromLogits(PredictionFiles.readNpy(valid("logits_f.npy")),
                PredictionFiles.readNpy(labels), List.of());
        assertThat(logits.accuracy()).isEqualTo(34 / 40.0);
    }

    @Test
    void big_endian_predictions_analyse_as_little_endian_ones(@TempDir Path dir) throws IOException {
        Path le = valid("probabilities_c.npy");
        INDArray p = NpyFile.read(le);
        Path be = dir.resolve("be.npy");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) p.length() * 4).order(java.nio.ByteOrder.BIG_ENDIAN);
        for (double v : doubles(p)) {
            b.putFloat((float) v);
        }
        write(be, "{'descr': '>f4', 'fortran_order': False, 'shape': (40, 4), }", b.array());
        Path labels = valid("labels.npy");
        assertThat(ErrorAnalysis.fromNpy(be, labels, List.of())).isEqualTo(ErrorAnalysis.fromNpy(le, labels, List.of()));
    }

    // ---------------------------------------------------------------- helpers

    static byte[] body(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) NpyFile.readHeader(file).dataOffset(), all.length);
    }

    static Path write(Path file, String header, byte[] body) throws IOException {
        return write(file, 1, header, body);
    }

    static Path write(Path file, int major, String header, byte[] body) throws IOException {
        byte[] text = (header + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Files.write(file, npyBytes(major, text, body));
        return file;
    }

    /** The bytes of a {@code .npy} file: magic, version {@code major}.0, header length, header text and body. */
    static byte[] npyBytes(int major, byte[] text, byte[] body) {
        int lengthBytes = major == 1 ? 2 : 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + lengthBytes + text.length + body.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        b.put(text).put(body);
        return b.array();
    }
}
