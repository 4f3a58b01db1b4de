package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the CSV readers: a valid file rewritten in any way CSV allows (byte-order mark, {@code \r\n},
 * blank lines, spaces, quotes, a header, the class names 1..C as a header, no final newline) reads identically;
 * random bytes and randomly mutated files give a result or an exception that names the file, never an
 * {@link Error} or another exception.
 */
class PredictionFilesCsvPropertiesTest {

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("csv-properties");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        removeFlat(dir);
    }

    /** Deletes a folder of plain files that a property class made for its tries. */
    static void removeFlat(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(folder);
    }

    /** A small valid pair: rows of probabilities (decimals, as pandas writes floats) and labels. */
    record Valid(List<String[]> rows, List<String> labels) {

        static Valid random(long seed) {
            Random random = new Random(seed);
            int n = 1 + random.nextInt(8);
            int c = 2 + random.nextInt(3);
            List<String[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String[] row = new String[c];
                double rest = 1;
                for (int k = 0; k < c - 1; k++) {
                    double p = Math.round(rest * random.nextDouble() * 1000) / 1000.0;
                    row[k] = Double.toString(p);
                    rest -= p;
                }
                row[c - 1] = Double.toString(Math.round(rest * 1000) / 1000.0);
                rows.add(row);
                labels.add(Integer.toString(random.nextInt(c)));
            }
            return new Valid(rows, labels);
        }
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes rows as CSV in one of the many ways CSV allows. */
    private static String render(List<String[]> rows, String header, Random random) {
        String newline = switch (random.nextInt(3)) {
            case 0 -> "\n";
            case 1 -> "\r\n";
            default -> "\r";
        };
        boolean quote = random.nextBoolean();
        boolean spaces = random.nextBoolean();
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            out.append('\uFEFF');
        }
        if (header != null) {
            out.append(header).append(newline);
        }
        for (String[] row : rows) {
            if (random.nextInt(4) == 0) {
                out.append(random.nextBoolean() ? "" : "  ").append(newline);
            }
            for (int c = 0; c < row.length; c++) {
                String cell = quote && random.nextBoolean() ? "\"" + row[c] + "\"" : row[c];
                out.append(c > 0 ? "," : "").append(spaces ? " " + cell + " " : cell);
            }
            out.append(newline);
        }
        String text = out.toString();
        return random.nextBoolean() ? text.stripTrailing() : text;
    }

    @Property(tries = 150)
    void a_valid_pair_written_any_way_csv_allows_reads_identically(@ForAll long seed) throws IOException {
        Valid valid = Valid.random(seed);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int c = valid.rows().get(0).length;
        Path plainScores = write("plain-s.csv", render(valid.rows(), null, new Random(0)).replace("\uFEFF", "")
                .getBytes(StandardCharsets.UTF_8));
        Path plainLabels = write("plain-l.csv", String.join("\n", valid.labels()).getBytes(StandardCharsets.UTF_8));
        CsvPredictions expected = PredictionFiles.readCsv(plainScores, plainLabels);
        // the classes are named 1..C: a header of exactly those numeric names is a header when the names are given
        List<String> names = java.util.stream.IntStream.rangeClosed(1, c).mapToObj(Integer::toString).toList();
        String scoresHeader = switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> String.join(",", java.util.stream.IntStream.range(0, c).mapToObj(Integer::toString).toList());
            case 2 -> String.join(",", java.util.stream.IntStream.range(0, c).mapToObj(k -> "class " + k).toList());
            case 3 -> String.join(",", names);
            default -> "\"a\"" + ",b".repeat(c - 1);
        };
        String labelsHeader = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> "0";
            default -> "label";
        };
        List<String[]> labelRows = valid.labels().stream().map(l -> new String[] {l}).toList();
        Path scores = write("s.csv", render(valid.rows(), scoresHeader, random).getBytes(StandardCharsets.UTF_8));
        Path labels = write("l.csv", render(labelRows, labelsHeader, random).getBytes(StandardCharsets.UTF_8));
        CsvPredictions read = PredictionFiles.readCsv(scores, labels, names);
        assertThat(read.scores()).isEqualTo(expected.scores());
        assertThat(read.labels().toLongVector()).containsExactly(expected.labels().toLongVector());
    }

    @Property(tries = 300)
    void random_bytes_give_a_result_or_an_exception_naming_the_file(@ForAll @Size(max = 200) byte[] bytes,
            @ForAll boolean asLabels) {
        Path file = write("random.csv", bytes);
        Path other = write("other.csv", "0.5,0.5\n".getBytes(StandardCharsets.UTF_8));
        readOrNameTheFile(file, () -> {
            if (asLabels) {
                PredictionFiles.readCsvLabels(file);
                PredictionFiles.readCsv(other, file);
            } else {
                PredictionFiles.readCsvMatrix(file);
                PredictionFiles.readCsv(file, write("labels.csv", "0\n".getBytes(StandardCharsets.UTF_8)));
            }
        }, other);
    }

    @Property(tries = 300)
    void mutated_valid_files_read_alike_or_give_an_exception_naming_the_file(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int mutations) throws IOException {
        Valid valid = Valid.random(seed);
        Random random = new Random(seed);
        byte[] scores = render(valid.rows(), null, random).getBytes(StandardCharsets.UTF_8);
        byte[] labels = String.join("\n", valid.labels()).getBytes(StandardCharsets.UTF_8);
        Path validScores = write("valid-s.csv", scores);
        Path validLabels = write("valid-l.csv", labels);
        CsvPredictions expected = PredictionFiles.readCsv(validScores, validLabels);
        boolean mutateLabels = random.nextBoolean();
        byte[] mutated = mutate(mutateLabels ? labels : scores, mutations, random);
        Path bad = write("mutated.csv", mutated);
        Path scoresFile = mutateLabels ? validScores : bad;
        Path labelsFile = mutateLabels ? bad : validLabels;
        readOrNameTheFile(bad, () -> {
            CsvPredictions read = PredictionFiles.readCsv(scoresFile, labelsFile);
            if (read.scores().equals(expected.scores())
                    && Arrays.equals(read.labels().toLongVector(), expected.labels().toLongVector())) {
                return;
            }
            // a different result must come from a mutation that changed the numbers themselves, which is then
            // still a well-formed table: as many labels as rows
            assertThat(read.labels().length()).isEqualTo(read.scores().rows());
        }, validScores, validLabels);
    }

    private static byte[] mutate(byte[] bytes, int mutations, Random random) {
        byte[] out = bytes;
        byte[] interesting = ",\"\r\n \t.-e0123456789".getBytes(StandardCharsets.US_ASCII);
        for (int m = 0; m < mutations; m++) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length);
            byte b = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt();
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (out.length > 0) {
                        out[at] = b;
                    }
                }
                case 1 -> {
                    byte[] grown = new byte[out.length + 1];
                    System.arraycopy(out, 0, grown, 0, at);
                    grown[at] = b;
                    System.arraycopy(out, at, grown, at + 1, out.length - at);
                    out = grown;
                }
                case 2 -> {
                    if (out.length > 0) {
                        byte[] shrunk = new byte[out.length - 1];
                        System.arraycopy(out, 0, shrunk, 0, at);
                        System.arraycopy(out, at + 1, shrunk, at, out.length - at - 1);
                        out = shrunk;
                    }
                }
                default -> out = Arrays.copyOf(out, at);
            }
        }
        return out;
    }

    /** A read that may throw. */
    interface Read {
        void run() throws IOException;
    }

    private static void readOrNameTheFile(Path file, Read read, Path... others) {
        try {
            read.run();
        } catch (IOException | IllegalArgumentException e) {
            // the message names the mutated file (or, when it is fine on its own, a valid partner it disagrees with)
            assertThat(e.getMessage()).isNotNull();
            boolean named = e.getMessage().contains(file.toString())
                    || Arrays.stream(others).anyMatch(o -> e.getMessage().contains(o.toString()));
            assertThat(named).as("message names the file: %s", e.getMessage()).isTrue();
        }
    }
}
