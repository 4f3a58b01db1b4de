package io.github.erroranalysis.spark.bench;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.spark.PredictionRow;
import io.github.erroranalysis.spark.SparkErrorAnalysis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Precomputed predictions through Spark {@code local[2]} against the one-machine path
 * ({@code ErrorAnalysis.fromPredictions}): medians of several timed runs after a warm-up, and the overhead.
 *
 * <p>Arguments: {@code [rows=1000000] [repeats=5] [partitions=4]}. The RDD is generated on the executors and cached
 * before timing, so the times are the analysis (collect into per-partition accumulators, {@code treeAggregate},
 * snapshot), not data generation. Both paths analyse the same rows; the results are checked to be equal.
 */
public final class SparkAnalysisBenchmark {

    private static final int CLASSES = 10;
    private static final long SEED = 2026;
    /** The cached RDDs, without and with ids. */
    private static final Map<Boolean, JavaRDD<PredictionRow>> CACHE = new HashMap<>();

    private SparkAnalysisBenchmark() {
    }

    /**
     * Runs the benchmark and prints the medians.
     *
     * @param args rows, repeats and partitions, all optional
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<String> names = IntStream.range(0, CLASSES).mapToObj(c -> "class " + c).toList();

        int[] labels = new int[rows];
        float[] probs = new float[rows * CLASSES];
        for (int i = 0; i < rows; i++) {
            PredictionRow r = row(i, false);
            labels[i] = r.label();
            System.arraycopy(r.probabilities(), 0, probs, i * CLASSES, CLASSES);
        }
        INDArray probabilities = Nd4j.create(probs, new long[] {rows, CLASSES}, 'c');
        Timing single = time("one machine, ErrorAnalysis.fromPredictions", repeats,
                () -> ErrorAnalysis.fromPredictions(probabilities, labels, names));

        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkAnalysisBenchmark")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Timing spark = time("Spark local[2], " + partitions + " partitions, no ids", repeats,
                    () -> SparkErrorAnalysis.fromPredictions(generated(sc, rows, partitions, false), names));
            Timing withIds = time("Spark local[2], " + partitions + " partitions, with ids", repeats,
                    () -> SparkErrorAnalysis.fromPredictions(generated(sc, rows, partitions, true), names));
            if (!spark.result.equals(single.result)) {
                throw new IllegalStateException("the Spark analysis differs from the one-machine analysis");
            }
            System.out.printf(Locale.ROOT, "%nrows %,d, %d classes, %d repeats; cores %d%n", rows, CLASSES, repeats,
                    Runtime.getRuntime().availableProcessors());
            for (Timing t : List.of(single, spark, withIds)) {
                System.out.printf(Locale.ROOT, "%-50s median %8.1f ms  (%,.0f rows/s)  runs %s%n", t.name,
                        t.median(), rows / (t.median() / 1e3), t.runsText());
            }
            System.out.printf(Locale.ROOT, "overhead of Spark: %.1fx the one-machine time (%+.0f ms); with ids %.1fx%n",
                    spark.median() / single.median(), spark.median() - single.median(),
                    withIds.median() / single.median());
        }
    }

    /** One row, a pure function of its index: random probabilities (normalized in float) and a random label. */
    static PredictionRow row(long index, boolean withId) {
        SplittableRandom random = new SplittableRandom(SEED * 1_000_003L + index);
        float[] p = new float[CLASSES];
        float sum = 0;
        for (int k = 0; k < CLASSES; k++) {
            p[k] = (float) random.nextDouble();
            sum += p[k];
        }
        for (int k = 0; k < CLASSES; k++) {
            p[k] /= sum;
        }
        return PredictionRow.of(withId ? "img-" + index + ".png" : null, random.nextInt(CLASSES), p);
    }

    /** The rows generated on the executors, cached and counted once before the first timed run. */
    private static JavaRDD<PredictionRow> generated(JavaSparkContext sc, int rows, int partitions, boolean withIds) {
        return CACHE.computeIfAbsent(withIds, ids -> {
            List<Integer> parts = IntStream.range(0, partitions).boxed().toList();
            long per = (rows + partitions - 1L) / partitions;
            JavaRDD<PredictionRow> rdd = sc.parallelize(parts, partitions).mapPartitions(it -> {
                List<PredictionRow> out = new ArrayList<>();
                while (it.hasNext()) {
                    long p = it.next();
                    for (long i = p * per; i < Math.min(rows, (p + 1) * per); i++) {
                        out.add(row(i, ids));
                    }
                }
                return out.iterator();
            }).persist(StorageLevel.MEMORY_ONLY());
            rdd.count();
            return rdd;
        });
    }

    private static Timing time(String name, int repeats, Supplier<ErrorAnalysis> run) {
        ErrorAnalysis result = run.get();
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            ErrorAnalysis a = run.get();
            ms[r] = (System.nanoTime() - start) / 1e6;
            if (a.examples() != result.examples()) {
                throw new IllegalStateException("runs disagree");
            }
        }
        return new Timing(name, ms, result);
    }

    private record Timing(String name, double[] ms, ErrorAnalysis result) {
        double median() {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        String runsText() {
            return Arrays.toString(Arrays.stream(ms).map(Math::rint).toArray());
        }
    }
}
