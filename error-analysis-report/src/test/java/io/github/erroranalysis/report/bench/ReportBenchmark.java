package io.github.erroranalysis.report.bench;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.Figures;
import io.github.erroranalysis.report.Occlusion;
import io.github.erroranalysis.report.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the full report of a 10,000-example analysis (every figure, the three renderings, the atomic write) and
 * one occlusion map; a plain main method, never run by {@code mvn verify}.
 *
 * <p>On a shared, loaded machine compare the CPU time of the thread (the report is drawn on one thread) as well as
 * the wall time. Run: {@code mvn -pl error-analysis test-compile}, then
 * {@code java -cp <test classpath> io.github.erroranalysis.report.bench.ReportBenchmark [examples] [rounds]}.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: the number of examples (10,000) and of measured rounds (5)
     * @throws Exception if writing fails
     */
    public static void main(String[] args) throws Exception {
        int examples = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ErrorAnalysis analysis = ReportFixtures.analysis(examples, ReportFixtures.CIFAR, 1);
        ErrorAnalysis second = ReportFixtures.analysis(examples, ReportFixtures.CIFAR, 2);
        Path out = Files.createTempDirectory("report-bench");
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int round = -2; round < 2 * rounds; round++) {
            boolean compare = round % 2 != 0;
            long c0 = threads.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ErrorReport.Builder builder = ErrorReport.builder(analysis).images(ReportFixtures.images(0))
                    .provenance(ReportFixtures.provenance()).trainingHistory(ReportFixtures.history());
            if (compare) {
                builder.comparison("baseline", second, "candidate");
            }
            ErrorReport report = builder.build();
            long t1 = System.nanoTime();
            report.writeTo(out.resolve("report"));
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            long p2 = os.getProcessCpuTime();
            System.out.printf(Locale.ROOT, "%s %d examples%s: build (figures) %.0f ms, render + write %.0f ms, total %.0f ms"
                    + " wall; CPU %.0f ms this thread, %.0f ms whole process%n", round < 0 ? "warm-up" : "round  ",
                    examples, compare ? " + comparison" : "", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6,
                    (c2 - c0) / 1e6, (p2 - p0) / 1e6);
        }
        INDArray image = Nd4j.rand(3, 32, 32);
        for (int round = -2; round < rounds; round++) {
            long t0 = System.nanoTime();
            Occlusion.map(features -> {
                INDArray logits = features.reshape(features.size(0), -1).get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10));
                return org.nd4j.linalg.factory.Nd4j.getExecutioner().exec(
                        new org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax(logits.dup()))[0];
            }, image);
            System.out.printf(Locale.ROOT, "%s occlusion map (1 pass of 226 images, trivial classifier): %.1f ms%n",
                    round < 0 ? "warm-up" : "round  ", (System.nanoTime() - t0) / 1e6);
        }
        long t0 = System.nanoTime();
        Figures.png(Figures.confusionMatrix(analysis.confusion()));
        System.out.printf(Locale.ROOT, "one heat map PNG: %.0f ms; report in %s%n", (System.nanoTime() - t0) / 1e6, out);
    }
}
