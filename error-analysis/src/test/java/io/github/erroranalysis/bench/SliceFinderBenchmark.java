package io.github.erroranalysis.bench;

import io.github.erroranalysis.SliceAttribute;
import io.github.erroranalysis.SliceFinder;
import io.github.erroranalysis.SliceSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Times the slice search at the size, 10,000 examples of 10 classes with 8 numeric attributes and a
 * 16-cluster attribute (median of timed runs after warm-up), then counts the null runs (correctness independent of
 * everything) with any discovery at the default FDR.
 *
 * <p>Run after {@code mvn -pl error-analysis test-compile}: {@code java -cp
 * error-analysis/target/test-classes:error-analysis/target/classes:$(cat cp.txt)
 * io.github.erroranalysis.bench.SliceFinderBenchmark [repetitions] [null runs]} with {@code cp.txt} from
 * {@code mvn -pl error-analysis dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class SliceFinderBenchmark {

    private static final List<String> NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private SliceFinderBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optionally the timed repetitions (default 9) and the null runs (default 200)
     */
    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int nullRuns = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int n = 10_000;
        SplittableRandom random = new SplittableRandom(18);
        int[] labels = new int[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
            correct[i] = random.nextDouble() < 0.7;
        }
        List<SliceAttribute> attributes = attributes(n, random);
        double[] seconds = new double[repetitions];
        SliceSearch last = null;
        for (int r = -3; r < repetitions; r++) {
            long t0 = System.nanoTime();
            last = SliceFinder.find(correct, labels, NAMES, attributes, SliceFinder.Settings.DEFAULTS);
            long t1 = System.nanoTime();
            if (r >= 0) {
                seconds[r] = (t1 - t0) / 1e9;
            }
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "slice search, %,d examples, 8 numeric attributes + 16 clusters: %d slices tried, "
                + "%d found; median %.3f s (min %.3f, max %.3f) over %d runs%n", n, last.tried(), last.found(),
                seconds[repetitions / 2], seconds[0], seconds[repetitions - 1], repetitions);
        int withDiscovery = 0;
        int found = 0;
        long t0 = System.nanoTime();
        for (int run = 0; run < nullRuns; run++) {
            SplittableRandom r = new SplittableRandom(1000 + run);
            int m = 2000;
            int[] l = new int[m];
            boolean[] c = new boolean[m];
            for (int i = 0; i < m; i++) {
                l[i] = i % 10;
                c[i] = r.nextDouble() < 0.7;
            }
            SliceSearch s = SliceFinder.find(c, l, NAMES, attributes(m, r), SliceFinder.Settings.DEFAULTS);
            found += s.found();
            withDiscovery += s.found() > 0 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "null runs (2,000 examples, correctness independent, FDR 0.05): %d of %d with a "
                + "discovery (%.3f), %d slices found in all; %.1f s%n", withDiscovery, nullRuns,
                (double) withDiscovery / nullRuns, found, (System.nanoTime() - t0) / 1e9);
    }

    /** 8 numeric attributes (uniform, normal, skewed, and two with heavy ties) and a 16-cluster category. */
    private static List<SliceAttribute> attributes(int n, SplittableRandom random) {
        List<SliceAttribute> out = new ArrayList<>();
        for (int a = 0; a < 8; a++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (a % 4) {
                    case 0 -> random.nextDouble();
                    case 1 -> random.nextGaussian();
                    case 2 -> Math.exp(2 * random.nextGaussian());
                    default -> Math.floor(random.nextDouble() * 12); // ties
                };
            }
            out.add(SliceAttribute.numeric("attribute " + a, v));
        }
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = random.nextInt(16);
        }
        out.add(SliceAttribute.category("embedding cluster", cluster,
                IntStream.range(0, 16).mapToObj(Integer::toString).toList()));
        return out;
    }
}
