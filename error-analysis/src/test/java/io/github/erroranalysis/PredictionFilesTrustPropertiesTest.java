package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the CSV rules of issue 11 on pandas' files ({@code csv2/p_names.csv}, {@code y_noidx.csv}, first
 * 30 rows): columns named by class in any order read identically; an index column in any order but 0..N-1 is
 * refused naming the file; mutated files read identically, or as a well-formed table, or fail naming the file.
 */
class PredictionFilesTrustPropertiesTest {

    private static final List<String> NAMES = PredictionFilesTrustTest.NAMES;
    private static Path dir;
    private static List<String[]> rows;
    private static List<String> labels;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("csv2-properties");
        rows = new ArrayList<>();
        labels = new ArrayList<>();
        List<String> p = lines("p_names.csv");
        List<String> y = lines("y_noidx.csv");
        for (int i = 1; i <= 30; i++) {
            rows.add(p.get(i).split(","));
            labels.add(y.get(i));
        }
    }

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = PredictionFilesTrustPropertiesTest.class.getResourceAsStream("csv2/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @AfterContainer
    static void removeDir() throws IOException {
        PredictionFilesCsvPropertiesTest.removeFlat(dir);
    }

    private static Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the rows with columns in the given order under their names, with an index column when given. */
    private static String table(int[] columns, int[] index) {
        StringBuilder out = new StringBuilder(index == null ? "" : ",");
        for (int c = 0; c < columns.length; c++) {
            out.append(c > 0 ? "," : "").append(NAMES.get(columns[c]));
        }
        out.append('\n');
        for (int r = 0; r < rows.size(); r++) {
            int row = index == null ? r : index[r];
            if (index != null) {
                out.append(row).append(',');
            }
            for (int c = 0; c < columns.length; c++) {
                out.append(c > 0 ? "," : "").append(rows.get(row)[columns[c]]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static int[] permutation(int n, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static CsvPredictions reference() throws IOException {
        return PredictionFiles.readCsv(write("ref.csv", table(new int[] {0, 1, 2, 3}, null)),
                write("y.csv", "label\n" + String.join("\n", labels) + "\n"), NAMES);
    }

    @Property(tries = 60)
    void class_columns_in_any_order_read_identically(@ForAll long seed, @ForAll boolean index) throws IOException {
        Random random = new Random(seed);
        int[] identity = new int[rows.size()];
        Arrays.setAll(identity, i -> i);
        Path p = write("perm.csv", table(permutation(4, random), index ? identity : null));
        CsvPredictions read = PredictionFiles.readCsv(p, dir.resolve("y.csv"), NAMES);
        CsvPredictions expected = reference();
        assertThat(read.scores()).isEqualTo(expected.scores());
        assertThat(read.labels()).isEqualTo(expected.labels());
    }

    @Property(tries = 60)
    void an_index_other_than_0_to_n_minus_1_in_order_is_refused_naming_the_file(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        int[] shuffled = permutation(rows.size(), random);
        Path p = write("shuf.csv", table(new int[] {0, 1, 2, 3}, shuffled));
        reference();
        int first = 0;
        while (first < shuffled.length && shuffled[first] == first) {
            first++;
        }
        if (first == shuffled.length) {
            assertThat(PredictionFiles.readCsv(p, dir.resolve("y.csv"), NAMES).scores())
                    .isEqualTo(reference().scores());
            return;
        }
        int row = first;
        assertThatThrownBy(() -> PredictionFiles.readCsv(p, dir.resolve("y.csv"), NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(p + ", line " + (row + 2) + ": the index column is not 0..29 in order (row " + row
                        + " has index " + shuffled[row] + "); the rows may have been shuffled or filtered: write the "
                        + "file in the labels' order, or give the labels the same index");
    }

    @Property(tries = 200)
    void mutated_pandas_files_read_alike_or_as_a_table_or_fail_naming_the_file(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int mutations) throws IOException {
        Random random = new Random(seed);
        int[] identity = new int[rows.size()];
        Arrays.setAll(identity, i -> i);
        String valid = table(permutation(4, random), random.nextBoolean() ? identity : null);
        CsvPredictions expected = reference();
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        byte[] interesting = ",\"\n.0123456789catdogfrogship".getBytes(StandardCharsets.US_ASCII);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(bytes.length);
            byte b = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt();
            if (random.nextBoolean()) {
                bytes[at] = b;
            } else {
                byte[] shrunk = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shrunk, 0, at);
                System.arraycopy(bytes, at + 1, shrunk, at, bytes.length - at - 1);
                bytes = shrunk;
            }
        }
        Path bad = dir.resolve("mutated.csv");
        Files.write(bad, bytes);
        try {
            CsvPredictions read = PredictionFiles.readCsv(bad, dir.resolve("y.csv"), NAMES);
            if (!read.scores().equals(expected.scores())) {
                // a mutation of the digits themselves: still one row per label, the classes' columns
                assertThat(read.scores().rows()).isEqualTo(read.labels().length());
            } else {
                assertThat(read.labels()).isEqualTo(expected.labels());
            }
        } catch (IOException | IllegalArgumentException e) {
            assertThat(e.getMessage()).as("message names the file").isNotNull();
            assertThat(e.getMessage().contains(bad.toString()) || e.getMessage().contains(dir.resolve("y.csv")
                    .toString())).as("message names the file: %s", e.getMessage()).isTrue();
        }
    }
}
