package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.Measurement;
import io.github.erroranalysis.gate.QualityGate;
import io.github.erroranalysis.stats.Interval;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line never gives a silently wrong number and never exit 1 for anything but a gate: CSV files as pandas
 * writes them, probabilities given as logits, ignored option combinations, errors that are not exceptions, class
 * lists, huge labels and gates on classes without examples.
 */
class CliTrustTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writePredictions() throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
    }

    private Cli.Result analyze(String predictions, String labels, String classes, String... more) {
        String[] base = {"analyze", "--predictions", predictions, "--labels", labels, "--classes", classes,
            "--out", "report"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(dir, args);
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The 20 rows as logits: the log of each probability (softmax gives the probabilities back). */
    private void writeLogits(String name) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : read("p.csv").strip().split("\n")) {
            String[] cells = line.split(",");
            for (int c = 0; c < cells.length; c++) {
                out.append(c > 0 ? "," : "").append(Math.log(Double.parseDouble(cells[c])) + 2);
            }
            out.append('\n');
        }
        write(name, out.toString());
    }

    @Test
    void should_read_all_20_examples_of_csv_files_with_a_bom() throws IOException {
        // GIVEN both files as pandas writes them with encoding='utf-8-sig'
        write("p-bom.csv", "\uFEFF" + read("p.csv"));
        write("l-bom.csv", "\uFEFF" + read("labels.csv"));
        // WHEN
        Cli.Result result = analyze("p-bom.csv", "l-bom.csv", "classes.txt");
        // THEN all 20, not 19
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).startsWith("Analysed 20 images of l-bom.csv");
    }

    @Test
    void should_skip_pandas_numeric_headers_of_logits_and_labels() throws IOException {
        // GIVEN logits and labels with pandas' to_csv(index=False) headers 0,1,2 and 0, and Windows line ends
        writeLogits("logits.csv");
        write("logits-h.csv", ("0,1,2\n" + read("logits.csv")).replace("\n", "\r\n"));
        write("labels-h.csv", ("0\n" + read("labels.csv")).replace("\n", "\r\n"));
        // WHEN
        Cli.Result plain = analyze("logits.csv", "labels.csv", "classes.txt", "--logits");
        Cli.Result headed = analyze("logits-h.csv", "labels-h.csv", "classes.txt", "--logits");
        // THEN 20 examples, not 21, with the same accuracy
        assertThat(headed.exitCode()).as(headed.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(headed.out()).startsWith("Analysed 20 images");
        assertThat(headed.out().lines().skip(1).findFirst())
                .isEqualTo(plain.out().lines().skip(1).findFirst()).hasValueSatisfying(
                        l -> assertThat(l).startsWith("accuracy 0.7500"));
    }

    @Test
    void should_take_a_lone_0_first_label_as_the_header_when_the_row_counts_say_so() throws IOException {
        // GIVEN labels with pandas' header 0 and predictions whose row count (20) says the 0 is the header
        write("labels-h.csv", "0\n" + read("labels.csv"));
        // THEN
        Cli.Result result = analyze("p.csv", "labels-h.csv", "classes.txt");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).startsWith("Analysed 20 images");
    }

    @Test
    void should_decide_a_csv_header_beside_a_npy_file_by_the_npy_row_count() throws IOException {
        // GIVEN the predictions and labels as .npy files, and CSV files with pandas' headers 0,1,2 and 0
        float[][] rows = read("p.csv").strip().lines().map(l -> l.split(",")).map(cells -> {
            float[] row = new float[cells.length];
            for (int c = 0; c < cells.length; c++) {
                row[c] = Float.parseFloat(cells[c]);
            }
            return row;
        }).toArray(float[][]::new);
        long[] labels = read("labels.csv").strip().lines().mapToLong(Long::parseLong).toArray();
        org.nd4j.linalg.factory.Nd4j.writeAsNumpy(org.nd4j.linalg.factory.Nd4j.createFromArray(rows),
                dir.resolve("p.npy").toFile());
        org.nd4j.linalg.factory.Nd4j.writeAsNumpy(org.nd4j.linalg.factory.Nd4j.createFromArray(labels),
                dir.resolve("labels.npy").toFile());
        write("labels-h.csv", "0\n" + read("labels.csv"));
        write("p-h.csv", "0,1,2\n" + read("p.csv"));
        // THEN each CSV file loses its header line and keeps its 20 rows
        Cli.Result npyScores = analyze("p.npy", "labels-h.csv", "classes.txt");
        assertThat(npyScores.exitCode()).as(npyScores.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(npyScores.out()).startsWith("Analysed 20 images");
        Cli.Result npyLabels = analyze("p-h.csv", "labels.npy", "classes.txt");
        assertThat(npyLabels.exitCode()).as(npyLabels.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(npyLabels.out()).startsWith("Analysed 20 images");
        // AND without a header line nothing is dropped
        Cli.Result plain = analyze("p.npy", "labels.csv", "classes.txt");
        assertThat(plain.out()).startsWith("Analysed 20 images");
    }

    @Test
    void should_take_a_first_line_of_exactly_the_numeric_class_names_as_a_header() throws IOException {
        // GIVEN classes named 1, 2 and 3, and predictions with the header pandas writes for those columns
        write("numbered.txt", "1\n2\n3\n");
        write("p-named.csv", "1,2,3\n" + read("p.csv"));
        write("p-npy-named.csv", "1,2,3\n" + read("p.csv"));
        long[] labels = read("labels.csv").strip().lines().mapToLong(Long::parseLong).toArray();
        org.nd4j.linalg.factory.Nd4j.writeAsNumpy(org.nd4j.linalg.factory.Nd4j.createFromArray(labels),
                dir.resolve("labels.npy").toFile());
        // WHEN
        Cli.Result csv = analyze("p-named.csv", "labels.csv", "numbered.txt");
        Cli.Result npyLabels = analyze("p-npy-named.csv", "labels.npy", "numbered.txt");
        // THEN 20 examples, not 21 (a refusal: 21 rows of predictions, 20 labels)
        assertThat(csv.exitCode()).as(csv.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(csv.out()).startsWith("Analysed 20 images");
        assertThat(npyLabels.exitCode()).as(npyLabels.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(npyLabels.out()).startsWith("Analysed 20 images");
    }

    @Test
    void should_refuse_probabilities_given_with_logits_in_cli_words() {
        Cli.Result result = analyze("p.csv", "labels.csv", "classes.txt", "--logits");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --predictions p.csv with --logits: "
                + "these look like probabilities, not logits: every one of the 20 rows lies within 1.0E-6 of [0, 1] "
                + "and sums to 1 within 0.01; leave out --logits");
        assertThat(dir.resolve("report")).doesNotExist();
    }

    @Test
    void should_say_add_logits_never_use_fromlogits() throws IOException {
        writeLogits("logits.csv");
        Cli.Result result = analyze("logits.csv", "labels.csv", "classes.txt");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("cifar-errors analyze: --predictions logits.csv: example 0: ")
                .endsWith("; if these are logits or unnormalized scores, add --logits")
                .doesNotContain("fromLogits");
    }

    @Test
    void should_refuse_a_model_with_predictions_and_every_other_ignored_option() {
        assertThat(analyze("p.csv", "labels.csv", "classes.txt", "--model", "augmented").errLines())
                .containsExactly("cifar-errors analyze: --model augmented and --predictions p.csv: give a model to "
                        + "run or precomputed predictions, not both (--predictions replaces --model)");
        assertThat(analyze("p.csv", "labels.csv", "classes.txt", "--data", "x").exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Cli.run(dir, "analyze", "--gate-on-lower-bound").errLines()).containsExactly(
                "cifar-errors analyze: --gate-on-lower-bound applies only with a gate (--min-accuracy, "
                        + "--min-class-accuracy, --max-ece, --min-metric, --max-metric, --max-aurc or "
                        + "--min-coverage-at-risk)");
        assertThat(Cli.run(dir, "analyze", "--labels", "labels.csv").errLines()).containsExactly(
                "cifar-errors analyze: --labels applies only with --predictions FILE");
        Cli.Result compare = Cli.run(dir, "compare", "--model", "baseline", "--predictions", "p.csv",
                "--predictions-b", "p.csv", "--labels", "labels.csv", "--classes", "classes.txt");
        assertThat(compare.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(compare.errLines()).containsExactly("cifar-errors compare: --predictions replaces --model, "
                + "--model-b, --data and --split; give one or the other");
        assertThat(Cli.run(dir, "compare", "--model-b", "augmented", "--logits").errLines()).containsExactly(
                "cifar-errors compare: --logits applies only with --predictions A --predictions-b B");
        assertThat(Cli.run(dir, "compare", "--model-b", "augmented", "--classes", "classes.txt").errLines())
                .containsExactly("cifar-errors compare: --classes applies only with --predictions A "
                        + "--predictions-b B");
    }

    /** Standard output that fails with an {@link Error} at the first write, as a JVM out of memory or stack would. */
    static final class FailingOut extends PrintStream {

        private final Supplier<Error> error;

        FailingOut(Supplier<Error> error) {
            super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            this.error = error;
        }

        @Override
        public void write(int b) {
            throw error.get();
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            throw error.get();
        }

        @Override
        public void write(byte[] buf) {
            throw error.get();
        }

        @Override
        public void print(String s) {
            throw error.get();
        }

        @Override
        public void println(String s) {
            throw error.get();
        }
    }

    @Test
    void should_exit_2_with_one_line_when_the_jvm_runs_out_of_memory() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] args = {"analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes", "classes.txt",
            "--out", "report"};
        // WHEN the Error comes while the analysis prints its result (picocli passes Errors through, unlike exceptions)
        int code = CifarErrors.run(new Console(dir, new FailingOut(() -> new OutOfMemoryError("Java heap space")), e,
                false), args);
        int deep = CifarErrors.run(new Console(dir, new FailingOut(StackOverflowError::new), e, false), args);
        // THEN
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(deep).isEqualTo(ExitCodes.BAD_INPUT);
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("cifar-errors analyze: not enough memory to finish (Java heap space) with "
                        + "at most ")
                .endsWith(" of Java heap; give Java more with -Xmx, for example java -Xmx8g ...");
        assertThat(lines.get(1)).isEqualTo("cifar-errors analyze: the input is nested too deeply to process "
                + "(StackOverflowError; --verbose shows where)");
    }

    @Test
    void should_name_the_file_being_read_when_memory_runs_out() {
        Path file = dir.resolve("p.csv");
        assertThatThrownBy(() -> Inputs.read("--predictions p.csv", file, () -> {
            throw new OutOfMemoryError("Java heap space");
        }))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--predictions p.csv: not enough memory to read " + file + " (")
                .hasMessageContaining(" bytes) with at most ")
                .hasMessageEndingWith(" of Java heap; give Java more with -Xmx, for example java -Xmx8g ...");
    }

    @Test
    void should_read_class_names_with_a_bom_and_keep_names_starting_with_a_hash() throws IOException {
        write("bom.txt", "\uFEFFcat\r\ndog\r\n\r\nfrog\r\n");
        assertThat(Inputs.classNames(dir.resolve("bom.txt"))).containsExactly("cat", "dog", "frog");
        write("hash.txt", "#1\n#2\n#3\n");
        assertThat(Inputs.classNames(dir.resolve("hash.txt"))).containsExactly("#1", "#2", "#3");
        write("list.txt", "cat, dog,frog\n");
        assertThat(Inputs.classNames(dir.resolve("list.txt"))).containsExactly("cat", "dog", "frog");
        // and a gate names the class without the BOM
        assertThat(analyze("p.csv", "labels.csv", "bom.txt", "--min-class-accuracy", "cat=0.1").exitCode())
                .isEqualTo(ExitCodes.PASSED);
    }

    @Test
    void should_say_that_a_comment_line_is_a_class_name_when_the_count_differs() throws IOException {
        write("commented.txt", "# CIFAR classes\ncat\ndog\nfrog\n");
        assertThat(analyze("p.csv", "labels.csv", "commented.txt").errLines()).containsExactly(
                "cifar-errors analyze: --classes commented.txt: 4 class names, but --predictions p.csv has 3 columns "
                        + "(one per class); note that lines starting with # are class names too, not comments");
    }

    @Test
    void should_name_the_file_and_line_of_a_class_list_that_is_not_utf_8() throws IOException {
        Files.write(dir.resolve("latin1.txt"), "cat\ncaf\u00e9\nfrog\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(analyze("p.csv", "labels.csv", "latin1.txt").errLines()).containsExactly("cifar-errors analyze: "
                + "--classes " + dir.resolve("latin1.txt") + ", line 2: not UTF-8 text (byte 0xE9 at offset 7 does not "
                + "decode); save it as UTF-8");
    }

    @Test
    void should_refuse_a_class_list_with_a_repeated_name_or_a_control_character_by_the_rule_of_batches_meta_txt()
            throws IOException {
        // the CLI accepted both (a control character silently, a repeat failing later without the file or line)
        write("twice.txt", "cat\ndog\ncat\n");
        write("control.txt", "cat\nd\u0001g\nfrog\n");
        write("twice-list.txt", "cat, dog, cat\n");
        assertThat(analyze("p.csv", "labels.csv", "twice.txt").errLines()).containsExactly("cifar-errors analyze: "
                + "--classes " + dir.resolve("twice.txt") + ", line 3: class name 'cat' repeats line 1; class names "
                + "must be distinct");
        assertThat(analyze("p.csv", "labels.csv", "control.txt").errLines()).containsExactly("cifar-errors analyze: "
                + "--classes " + dir.resolve("control.txt") + ", line 2: class name has the control character U+0001; "
                + "expected one printable class name a line");
        assertThat(analyze("p.csv", "labels.csv", "twice-list.txt").errLines()).containsExactly("cifar-errors "
                + "analyze: --classes " + dir.resolve("twice-list.txt") + ", line 1, name 3: class name 'cat' repeats "
                + "line 1, name 1; class names must be distinct");
    }

    @Test
    void should_report_a_huge_label_with_its_real_value_and_row() throws IOException {
        write("huge.csv", read("labels.csv").replaceFirst("\n[0-9]+\n", "\n1099511627776\n"));
        Cli.Result result = analyze("p.csv", "huge.csv", "classes.txt");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --predictions p.csv with --labels "
                + "huge.csv and --classes classes.txt: example 1: label 1099511627776 is out of range; there are 3 "
                + "classes (0..2)");
    }

    @Test
    void should_explain_a_gate_on_a_class_without_examples_in_a_sentence() {
        GateResult result = new GateResult(QualityGate.classAccuracyAtLeast("d", 0.5)
                .named("--min-class-accuracy d=0.5").onPessimisticBound(),
                new Measurement(Interval.undefined(0.95, "Wilson"), "0 of 0 right"));
        assertThat(result.passed()).isFalse();
        assertThat(result).hasToString("FAILED --min-class-accuracy d=0.5: there are no examples, so the accuracy "
                + "of class d cannot be measured and the gate fails; required at least 0.5000");
    }
}
