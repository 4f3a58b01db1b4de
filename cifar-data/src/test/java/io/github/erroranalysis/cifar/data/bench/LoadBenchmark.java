package io.github.erroranalysis.cifar.data.bench;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures, side by side in one run, loading the whole CIFAR-10 training archive from {@code .tar.gz}
 * ({@code CifarArchive.train()}) against {@code gzip -dc archive > /dev/null}, and the heap the 50,000 images take.
 *
 * <p>Not a unit test: run it with {@code mvn -B -o -pl cifar-data -Pbench verify} (see the module README) or
 * directly with {@code java -cp ... LoadBenchmark [archive] [repetitions]}. Goals: loading takes at most 2× the
 * time of {@code gzip -dc}; the images need less than 400 MB of heap (checked by loading them in a child JVM run
 * with {@code -Xmx400m}).
 */
public final class LoadBenchmark {

    private static final double MB = 1024.0 * 1024.0;

    private LoadBenchmark() {
    }

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args optional: the archive (default: the shared training archive) and the number of repetitions (5);
     *             {@code --child-load <archive>} loads once and prints the retained heap (used by the -Xmx400m check)
     * @throws Exception if the archive cannot be read or gzip cannot be run
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--child-load")) {
            childLoad(Path.of(args[1]));
            return;
        }
        Path archive = Path.of(args.length > 0 ? args[0]
                : System.getProperty("shared.dir", "../../shared") + "/cifar10/cifar-10-binary-train.tar.gz")
                .toAbsolutePath().normalize();
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.isRegularFile(archive)) {
            System.out.println("no archive at " + archive + "; pass its path as the first argument");
            return;
        }
        System.out.printf(Locale.ROOT, "archive %s (%,d bytes), %d repetitions after one warm-up, %d CPUs, "
                        + "java %s, -Xmx %.0f MB%n", archive, Files.size(archive), repetitions,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / MB);

        List<Double> gzipSeconds = new ArrayList<>();
        List<Double> loadSeconds = new ArrayList<>();
        for (int rep = 0; rep <= repetitions; rep++) {
            double gzip = gzip(archive);
            long start = System.nanoTime();
            CifarDataset train = Cifar10.open(archive).train();
            double load = (System.nanoTime() - start) / 1e9;
            if (train.size() != 50_000) {
                throw new IllegalStateException("expected 50,000 images, read " + train.size());
            }
            System.out.printf(Locale.ROOT, "%s %d: gzip -dc %.3f s, CifarArchive.train() %.3f s, ratio %.2f%n",
                    rep == 0 ? "warm-up" : "rep", rep, gzip, load, load / gzip);
            if (rep > 0) {
                gzipSeconds.add(gzip);
                loadSeconds.add(load);
            }
        }
        double gzipMedian = median(gzipSeconds);
        double loadMedian = median(loadSeconds);
        System.out.printf(Locale.ROOT, "median: gzip -dc %.3f s, CifarArchive.train() %.3f s, ratio %.2f (goal <= 2)%n",
                gzipMedian, loadMedian, loadMedian / gzipMedian);

        Memory memory = measureHeap(archive);
        System.out.printf(Locale.ROOT, "heap in this JVM: %.1f MB retained by the 50,000 images after GC, "
                + "%.1f MB peak heap during the load (sum of pool peaks, an upper bound)%n",
                memory.retainedMb(), memory.peakMb());

        childCheck(archive);
    }

    private static double gzip(Path archive) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("gzip", "-dc", archive.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IOException("gzip -dc " + archive + " exited with " + exit);
        }
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Heap figures of one load, in MB. */
    private record Memory(double retainedMb, double peakMb) {
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Memory measureHeap(Path archive) throws IOException {
        long before = usedAfterGc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        CifarDataset train = Cifar10.open(archive).train();
        long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long after = usedAfterGc();
        if (train.size() != 50_000) {
            throw new IllegalStateException("expected 50,000 images");
        }
        return new Memory((after - before) / MB, peak / MB);
    }

    private static void childLoad(Path archive) throws IOException {
        long before = usedAfterGc();
        long start = System.nanoTime();
        CifarDataset train = Cifar10.open(archive).train();
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "child: %d images in %.3f s, %.1f MB retained after GC, max heap %.0f MB%n",
                train.size(), seconds, (after - before) / MB, Runtime.getRuntime().maxMemory() / MB);
    }

    private static void childCheck(Path archive) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx400m", "-cp", System.getProperty("java.class.path"),
                LoadBenchmark.class.getName(), "--child-load", archive.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        }
        int exit = process.waitFor();
        lines.stream().filter(line -> line.startsWith("child:") || line.contains("OutOfMemoryError"))
                .forEach(line -> System.out.println("  " + line));
        System.out.println("-Xmx400m suffices for loading the 50,000 images: " + (exit == 0 ? "yes" : "NO (exit "
                + exit + ")"));
    }
}
