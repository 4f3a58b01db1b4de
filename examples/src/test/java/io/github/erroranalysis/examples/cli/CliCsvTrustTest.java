package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on CSV files that used to give a wrong number or a wrong hint (issue 11, findings 2, 3, 5 and 9):
 * class-name headers in another order, shuffled pandas indexes, rounded probabilities, one-hot labels.
 */
class CliCsvTrustTest {

    @TempDir
    Path dir;

    List<String> rows;

    @BeforeEach
    void writePredictions() throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        rows = Files.readAllLines(dir.resolve("p.csv"));
    }

    private Cli.Result analyze(String predictions, String labels, String... more) {
        String[] base = {"analyze", "--predictions", predictions, "--labels", labels, "--classes", "classes.txt",
            "--out", "report-" + predictions};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(dir, args);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The accuracy line of a run's summary. */
    private static String accuracy(Cli.Result result) {
        return result.out().lines().filter(l -> l.startsWith("accuracy")).findFirst().orElseThrow();
    }

    @Test
    void should_take_columns_by_class_name_in_any_order() throws IOException {
        StringBuilder reversed = new StringBuilder("frog,dog,cat\n");
        for (String row : rows) {
            String[] c = row.split(",");
            reversed.append(c[2]).append(',').append(c[1]).append(',').append(c[0]).append('\n');
        }
        write("p-reversed.csv", reversed.toString());
        Cli.Result plain = analyze("p.csv", "labels.csv");
        Cli.Result result = analyze("p-reversed.csv", "labels.csv");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(accuracy(result)).isEqualTo(accuracy(plain));
    }

    @Test
    void should_refuse_a_shuffled_pandas_index() throws IOException {
        StringBuilder shuffled = new StringBuilder(",cat,dog,frog\n");
        for (int i = rows.size() - 1; i >= 0; i--) {
            shuffled.append(i).append(',').append(rows.get(i)).append('\n');
        }
        write("p-shuffled.csv", shuffled.toString());
        Cli.Result result = analyze("p-shuffled.csv", "labels.csv");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("cifar-errors analyze: --predictions p-shuffled.csv: ")
                .contains("line 2: the index column is not 0..19 in order (row 0 has index 19); the rows may have "
                        + "been shuffled");
    }

    @Test
    void should_call_rounded_probabilities_rounded_with_and_without_logits() throws IOException {
        // every row sums to 0.996: off by more than 0.001, within 0.01
        StringBuilder rounded = new StringBuilder();
        for (String row : rows) {
            String[] c = row.split(",");
            for (int k = 0; k < c.length; k++) {
                rounded.append(k > 0 ? "," : "")
                        .append(String.format(Locale.ROOT, "%.3f", Double.parseDouble(c[k]) - (k == 0 ? 0.004 : 0)));
            }
            rounded.append('\n');
        }
        write("p-rounded.csv", rounded.toString());
        Cli.Result result = analyze("p-rounded.csv", "labels.csv");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("cifar-errors analyze: --predictions p-rounded.csv: example 0: probabilities sum to ")
                .contains("these look like rounded probabilities")
                .doesNotContain("--logits");
        Cli.Result logits = analyze("p-rounded.csv", "labels.csv", "--logits");
        assertThat(logits.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(logits.errLines()).singleElement().asString()
                .endsWith("sums to 1 within 0.01; leave out --logits");
    }

    @Test
    void should_read_one_hot_csv_labels() throws IOException {
        StringBuilder oneHot = new StringBuilder("0,1,2\n");
        for (String label : Files.readAllLines(dir.resolve("labels.csv"))) {
            int y = Integer.parseInt(label.strip());
            oneHot.append(y == 0 ? 1 : 0).append(',').append(y == 1 ? 1 : 0).append(',').append(y == 2 ? 1 : 0)
                    .append('\n');
        }
        write("labels-onehot.csv", oneHot.toString());
        Cli.Result plain = analyze("p.csv", "labels.csv");
        Cli.Result result = analyze("p.csv", "labels-onehot.csv");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(accuracy(result)).isEqualTo(accuracy(plain));
    }
}
