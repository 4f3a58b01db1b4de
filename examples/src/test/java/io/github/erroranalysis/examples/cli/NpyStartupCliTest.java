package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code --predictions} run of {@code .npy} files does before the analysis: the row counts are checked from
 * the headers before either body is read (a huge wrong file fails at once, in little memory), and ND4J's native
 * libraries are never loaded (the files are read into plain Java arrays).
 */
class NpyStartupCliTest {

    @TempDir
    Path dir;

    @Test
    void should_exit_2_naming_both_files_and_counts_when_npy_row_counts_differ() throws IOException {
        // GIVEN 4×3 predictions of NaN (refused if they were read) and 5 labels
        npy(dir.resolve("p.npy"), "<f4", "(4, 3)", floats(12, Float.NaN));
        npy(dir.resolve("y.npy"), "<i8", "(5,)", new byte[8 * 5]);
        Files.writeString(dir.resolve("classes.txt"), "cat\ndog\nfrog\n");
        // WHEN
        Cli.Result r = Cli.run(dir, "analyze", "--predictions", "p.npy", "--labels", "y.npy", "--classes",
                "classes.txt", "--out", "report");
        // THEN the row counts are refused, not the values, in one line naming both files and both counts
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("cifar-errors analyze: --predictions p.npy with --labels y.npy and "
                + "--classes classes.txt: " + dir.resolve("p.npy").toRealPath() + " has 4 rows of predictions but "
                + dir.resolve("y.npy").toRealPath() + " has 5 labels");
        assertThat(dir.resolve("report")).doesNotExist();
    }

    @Test
    void should_refuse_a_huge_npy_file_of_another_row_count_without_reading_it() throws Exception {
        // GIVEN 50,000,000 × 10 float32 predictions (2 GB, a sparse file) and 3 labels, for a 48 MB heap
        Path predictions = dir.resolve("big.npy");
        npy(predictions, "<f4", "(50000000, 10)", new byte[0]);
        try (RandomAccessFile f = new RandomAccessFile(predictions.toFile(), "rw")) {
            f.setLength(f.length() + 4L * 50_000_000 * 10);
        }
        npy(dir.resolve("y.npy"), "<i8", "(3,)", new byte[8 * 3]);
        Files.writeString(dir.resolve("classes.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        // WHEN
        Child child = child("-Xmx48m", "analyze", "--predictions", "big.npy", "--labels", "y.npy", "--classes",
                "classes.txt", "--out", "report");
        // THEN one line naming both files and counts, exit 2: not "not enough memory", so no body was read
        assertThat(child.code()).as(child.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(child.err().strip()).isEqualTo("cifar-errors analyze: --predictions big.npy with --labels y.npy "
                + "and --classes classes.txt: " + predictions.toRealPath() + " has 50000000 rows of predictions but "
                + dir.resolve("y.npy").toRealPath() + " has 3 labels");
    }

    @Test
    void should_analyse_npy_predictions_without_loading_nd4j() throws Exception {
        // GIVEN 300 float32 probabilities of 3 classes and int64 labels
        float[] p = new float[300 * 3];
        byte[] labels = new byte[8 * 300];
        ByteBuffer l = ByteBuffer.wrap(labels).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 300; i++) {
            p[3 * i + i % 3] = 0.8f;
            p[3 * i + (i + 1) % 3] = 0.15f;
            p[3 * i + (i + 2) % 3] = 0.05f;
            l.putLong(i % 7 == 0 ? (i + 1) % 3 : i % 3);
        }
        npy(dir.resolve("p.npy"), "<f4", "(300, 3)", floats(p));
        npy(dir.resolve("y.npy"), "<i8", "(300,)", labels);
        Files.writeString(dir.resolve("classes.txt"), "cat\ndog\nfrog\n");
        Path log = dir.resolve("classes.log");
        // WHEN the command runs in a JVM that logs every class it loads
        Child child = child("-Xlog:class+load=info:file=" + log, "analyze", "--predictions", "p.npy", "--labels",
                "y.npy", "--classes", "classes.txt", "--out", "report", "--quiet");
        // THEN it analysed the files and wrote the report, and loaded neither ND4J's factory nor JavaCPP's loader
        assertThat(child.code()).as(child.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(dir.resolve("report").resolve("report.json")).exists();
        String loaded = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(loaded).contains("io.github.erroranalysis.NpyFile ")
                .doesNotContain("org.nd4j.linalg.factory.Nd4j ").doesNotContain("org.bytedeco.javacpp.Loader ");
    }

    private record Child(int code, String err) {
    }

    /** Runs the command line in a child JVM with the test's class path, standard error to a file (120 s at most). */
    private Child child(String jvmOption, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, jvmOption, "-XX:-UsePerfData",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                CifarErrors.class.getName()));
        command.addAll(List.of(args));
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(exited).as("the child JVM exited within 120 s").isTrue();
        return new Child(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void npy(Path file, String descr, String shape, byte[] body) throws IOException {
        byte[] text = ("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text)
                .put(body);
        Files.write(file, b.array());
    }

    private static byte[] floats(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return floats(v);
    }

    private static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
