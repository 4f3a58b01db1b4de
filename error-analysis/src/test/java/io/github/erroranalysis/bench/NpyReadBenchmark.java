package io.github.erroranalysis.bench;

import io.github.erroranalysis.NpyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reading predictions from {@code .npy}, side by side with NumPy in one run: NumPy writes a 10,000 × 1,000 float32
 * array in C order, in Fortran order and big-endian and times its own {@code np.load} (made C-contiguous and
 * native-endian, as the analysis needs it); then {@link NpyFile#read} and ND4J's native
 * {@code Nd4j.createFromNpyFile} (C order only: it misreads the others) read the same files. Medians of 15 reads,
 * the files in the page cache.
 *
 * <p>Run after {@code mvn -B package -DskipTests}: {@code java -cp
 * error-analysis/target/test-classes:examples/target/cifar-errors.jar io.github.erroranalysis.bench.NpyReadBenchmark}.
 */
public final class NpyReadBenchmark {

    private static final int ROUNDS = 15;

    private NpyReadBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional python executable (default {@code python3})
     * @throws Exception if NumPy or a read fails
     */
    public static void main(String[] args) throws Exception {
        String python = args.length > 0 ? args[0] : "python3";
        Path dir = Files.createTempDirectory("npy-bench");
        String script = String.join("\n",
                "import numpy as np, time, statistics, sys",
                "d = sys.argv[1]",
                "a = np.random.default_rng(1).random((10000, 1000), dtype=np.float32)",
                "np.save(d + '/c.npy', a); np.save(d + '/f.npy', np.asfortranarray(a))",
                "np.save(d + '/be.npy', a.astype('>f4'))",
                "for f in ['c', 'f', 'be']:",
                "    ts = []",
                "    for i in range(" + ROUNDS + "):",
                "        t = time.perf_counter(); x = np.load(d + '/' + f + '.npy')",
                "        x = np.ascontiguousarray(x, dtype=x.dtype.newbyteorder('=')); ts.append(time.perf_counter() - t)",
                "    print(f, statistics.median(ts) * 1000)");
        Process p = new ProcessBuilder(python, "-c", script, dir.toString()).redirectErrorStream(true).start();
        String numpy = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("NumPy failed: " + numpy);
        }
        for (String line : numpy.strip().split("\n")) {
            String[] cells = line.split(" ");
            String name = cells[0] + ".npy";
            double java = median(() -> NpyFile.read(dir.resolve(name)));
            double plain = median(() -> NpyFile.readNumbers(dir.resolve(name)));
            String nd4j = "";
            if (name.equals("c.npy")) {
                nd4j = String.format(Locale.ROOT, ", ND4J native %.1f ms",
                        median(() -> Nd4j.createFromNpyFile(dir.resolve(name).toFile())));
            }
            double np = Double.parseDouble(cells[1]);
            System.out.printf(Locale.ROOT, "%-7s NpyFile %.1f ms, numpy %.1f ms (%.2fx numpy), readNumbers (plain"
                    + " array) %.1f ms (%.2fx numpy)%s%n", name, java, np, java / np, plain, plain / np, nd4j);
        }
        for (String f : new String[] {"c.npy", "f.npy", "be.npy"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
    }

    private interface Read {
        Object run() throws IOException;
    }

    private static double median(Read read) throws IOException {
        long[] t = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            read.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[ROUNDS / 2] / 1e6;
    }
}
