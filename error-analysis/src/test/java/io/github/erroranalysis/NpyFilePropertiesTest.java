package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fuzzing the {@code .npy} reader: random bytes and mutated valid files (bytes flipped, replaced, inserted or
 * deleted, in the header and in the body) give the valid file's array, the array those bytes mean, or an
 * IOException whose message starts with the file's path; never another exception, an Error or a JVM crash.
 */
class NpyFilePropertiesTest {

    /** Valid NumPy files covering C and Fortran order, both byte orders, 1- to 3-D, 1- to 8-byte items. */
    private static final List<String> VALID = List.of("f4_le_f_2x3x2.npy", "i8_le_c_2x3.npy", "f8_be_f_2x3_v3.npy",
            "u1_na_f_2x3x2.npy", "f2_be_c_2x3.npy", "b1_na_c_2x3.npy", "u8_le_c_2x3.npy", "i2_be_c_2x3.npy",
            "f4_le_c_scalar.npy", "u4_be_c_2x3.npy");

    private static Path dir;
    private static byte[][] bytes;
    private static INDArray[] arrays;
    private static NpyFile.Header[] headers;

    @BeforeContainer
    static void load() throws IOException {
        dir = Files.createTempDirectory("npy-fuzz");
        bytes = new byte[VALID.size()][];
        arrays = new INDArray[VALID.size()];
        headers = new NpyFile.Header[VALID.size()];
        for (int i = 0; i < VALID.size(); i++) {
            Path p = NpyFileTest.valid(VALID.get(i));
            bytes[i] = Files.readAllBytes(p);
            arrays[i] = NpyFile.read(p);
            headers[i] = NpyFile.readHeader(p);
        }
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** What reading gave: an array, or an IOException that names the file; anything else fails the property. */
    private record Outcome(INDArray array, IOException error) {
    }

    private static Outcome read(byte[] content) throws IOException {
        Path p = Files.createTempFile(dir, "fuzz", ".npy");
        Files.write(p, content);
        try {
            return new Outcome(NpyFile.read(p), null);
        } catch (IOException e) {
            assertThat(e.getMessage()).as("the message of %s", e).startsWith(p + ": ").doesNotContain("\n");
            return new Outcome(null, e);
        } catch (Throwable t) {
            return fail("reading %s threw %s instead of an IOException naming the file", Arrays.toString(content), t);
        } finally {
            Files.delete(p);
        }
    }

    @Property(tries = 300)
    void random_bytes_are_refused_naming_the_file(@ForAll @Size(max = 300) byte[] content) throws IOException {
        assertThat(read(content).error()).isNotNull();
    }

    @Property(tries = 500)
    void random_headers_after_a_valid_preamble_never_crash(@ForAll @IntRange(min = 1, max = 3) int major,
            @ForAll("headerText") String header, @ForAll @Size(max = 64) byte[] body) throws IOException {
        byte[] text = header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Outcome o = read(NpyFileTest.npyBytes(major, text, body));
        assertThat(o.array() != null || o.error() != null).isTrue();
    }

    @Provide
    Arbitrary<String> headerText() {
        Arbitrary<String> pieces = Arbitraries.of("{", "}", "(", ")", "[", "]", ",", ":", " ", "\n", "'descr'",
                "'fortran_order'", "'shape'", "'<f4'", "'>i8'", "'|b1'", "'<U4'", "True", "False", "None", "0", "3",
                "-1", "9223372036854775807", "99999999999999999999", "'", "\"", "L", "\\", "\u00e9");
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 1000)
    void a_mutated_header_gives_the_same_array_or_an_error_unless_the_dtype_itself_changed(
            @ForAll("file") int file, @ForAll("kind") String kind, @ForAll @IntRange(max = 1000) int where,
            @ForAll byte value) throws IOException {
        byte[] original = bytes[file];
        int offset = (int) headers[file].dataOffset();
        int at = where % offset;
        byte[] mutated = mutate(original, kind, at, value);
        if (Arrays.equals(mutated, original)) {
            return;
        }
        Outcome o = read(mutated);
        if (o.array() == null || same(o.array(), arrays[file])) {
            return;
        }
        // a valid but different file: only a change to the dtype string ('<f4' -> '>f4', '<i4', ...) does that
        String text = new String(original, 0, offset, java.nio.charset.StandardCharsets.ISO_8859_1);
        int descr = text.indexOf("'" + headers[file].descr() + "'") + 1;
        assertThat(kind).as("only a changed byte, not an inserted or deleted one, keeps the sizes valid")
                .isIn("flip", "replace");
        assertThat(at).as("the changed byte is in the dtype '%s'", headers[file].descr())
                .isBetween(descr, descr + headers[file].descr().length() - 1);
        assertThat(o.array().shape()).containsExactly(arrays[file].shape());
    }

    @Property(tries = 500)
    void a_changed_body_byte_changes_at_most_its_own_element(@ForAll("file") int file,
            @ForAll @IntRange(max = 100_000) int where, @ForAll @IntRange(min = 1, max = 255) int mask)
            throws IOException {
        byte[] original = bytes[file];
        int offset = (int) headers[file].dataOffset();
        int at = offset + where % (original.length - offset);
        byte[] mutated = original.clone();
        mutated[at] ^= (byte) mask;
        Outcome o = read(mutated);
        if (o.array() == null) {
            assertThat(headers[file].descr()).as("only a uint64 above the int64 maximum is refused: %s", o.error())
                    .isEqualTo("<u8");
            assertThat(o.error()).hasMessageContaining("of the uint64 array is");
            return;
        }
        INDArray expected = arrays[file];
        assertThat(o.array().dataType()).isEqualTo(expected.dataType());
        assertThat(o.array().shape()).containsExactly(expected.shape());
        int item = (int) (original.length - offset) / (int) Math.max(1, expected.length());
        int changed = cIndex((at - offset) / item, headers[file]);
        if (expected.dataType().isFPType()) {
            double[] a = NpyFileTest.doubles(o.array());
            double[] e = NpyFileTest.doubles(expected);
            for (int i = 0; i < e.length; i++) {
                if (i != changed) {
                    assertThat(Double.compare(a[i], e[i])).as("element %d: %s, was %s", i, a[i], e[i]).isZero();
                }
            }
        } else {
            long[] a = NpyFileTest.longs(o.array());
            long[] e = NpyFileTest.longs(expected);
            for (int i = 0; i < e.length; i++) {
                if (i != changed) {
                    assertThat(a[i]).as("element %d", i).isEqualTo(e[i]);
                }
            }
            if (!headers[file].descr().equals("|b1")) {
                assertThat(a[changed]).as("the changed element %d", changed).isNotEqualTo(e[changed]);
            }
        }
    }

    /** The C-order index of the element stored at position k of a body in the header's order. */
    private static int cIndex(int k, NpyFile.Header h) {
        List<Long> shape = h.shape();
        if (!h.fortranOrder() || shape.size() < 2) {
            return k;
        }
        long[] index = new long[shape.size()];
        long rest = k;
        for (int j = 0; j < index.length; j++) { // Fortran: the first index varies fastest
            index[j] = rest % shape.get(j);
            rest /= shape.get(j);
        }
        long c = 0;
        for (int j = 0; j < index.length; j++) {
            c = c * shape.get(j) + index[j];
        }
        return (int) c;
    }

    @Property(tries = 300)
    void a_byte_inserted_or_deleted_anywhere_in_the_body_is_a_size_error(@ForAll("file") int file,
            @ForAll boolean insert, @ForAll @IntRange(max = 100_000) int where, @ForAll byte value)
            throws IOException {
        byte[] original = bytes[file];
        int offset = (int) headers[file].dataOffset();
        int at = offset + where % (original.length - offset + (insert ? 1 : 0));
        byte[] mutated = mutate(original, insert ? "insert" : "delete", at, value);
        Outcome o = read(mutated);
        assertThat(o.error()).isNotNull();
        assertThat(o.error()).hasMessageContaining("bytes of data, but the file has " + (mutated.length - offset)
                + " bytes after its " + offset + "-byte header");
    }

    @Property(tries = 1000)
    void the_plain_array_reader_agrees_with_the_nd4j_reader_on_any_mutated_file(@ForAll("file") int file,
            @ForAll("kind") String kind, @ForAll @IntRange(max = 100_000) int where, @ForAll byte value)
            throws IOException {
        byte[] original = bytes[file];
        byte[] mutated = mutate(original, kind, where % (original.length + (kind.equals("insert") ? 1 : 0)), value);
        Path p = Files.createTempFile(dir, "fuzz", ".npy");
        Files.write(p, mutated);
        try {
            INDArray array = null;
            IOException refusal = null;
            try {
                array = NpyFile.read(p);
            } catch (IOException e) {
                refusal = e;
            }
            Outcome nd4j = new Outcome(array, refusal);
            NumberArray plain;
            try {
                plain = NpyFile.readNumbers(p);
            } catch (IOException e) {
                assertThat(nd4j.error()).as("the ND4J reader's outcome when the plain reader says %s", e.getMessage())
                        .isNotNull();
                assertThat(e).hasMessage(nd4j.error().getMessage());
                return;
            }
            assertThat(nd4j.array()).as("the ND4J reader's array when the plain reader gives one").isNotNull();
            assertThat(plain.shape()).containsExactly(nd4j.array().shape());
            double[] expected = nd4j.array().length() == 0 ? new double[0] : NpyFileTest.doubles(nd4j.array());
            double[] actual = new double[plain.length()];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = plain.get(i);
            }
            assertThat(actual).containsExactly(expected);
        } catch (Throwable t) {
            if (t instanceof AssertionError a) {
                throw a;
            }
            fail("the plain reader threw %s on %s", t, Arrays.toString(mutated));
        } finally {
            Files.delete(p);
        }
    }

    @Provide
    Arbitrary<Integer> file() {
        return Arbitraries.integers().between(0, VALID.size() - 1);
    }

    @Provide
    Arbitrary<String> kind() {
        return Arbitraries.of("flip", "replace", "insert", "delete");
    }

    private static byte[] mutate(byte[] original, String kind, int at, byte value) {
        switch (kind) {
            case "flip": {
                byte[] m = original.clone();
                m[at] ^= (byte) (1 << ((value & 0xff) % 8));
                return m;
            }
            case "replace": {
                byte[] m = original.clone();
                m[at] = value;
                return m;
            }
            case "insert": {
                byte[] m = new byte[original.length + 1];
                System.arraycopy(original, 0, m, 0, at);
                m[at] = value;
                System.arraycopy(original, at, m, at + 1, original.length - at);
                return m;
            }
            default: {
                byte[] m = new byte[original.length - 1];
                System.arraycopy(original, 0, m, 0, at);
                System.arraycopy(original, at + 1, m, at, original.length - at - 1);
                return m;
            }
        }
    }

    private static boolean same(INDArray a, INDArray b) {
        if (a.dataType() != b.dataType() || !Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        return a.dataType().isFPType() ? Arrays.equals(NpyFileTest.doubles(a), NpyFileTest.doubles(b))
                : Arrays.equals(NpyFileTest.longs(a), NpyFileTest.longs(b));
    }
}
