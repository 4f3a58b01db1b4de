package io.github.erroranalysis.stats.bench;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.Bootstrap;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.Triage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the issue's two speed goals and prints medians: the comparison plus the triage of two 1,000,000-example
 * analyses (goal under 1 s), and a bootstrap of 1,000 resamples over 10,000 examples (goal under 1 s).
 *
 * <p>Run after {@code mvn -pl error-analysis test-compile}:
 * {@code java -Xmx4g -cp error-analysis/target/test-classes:error-analysis/target/classes:$(cat cp.txt)
 * io.github.erroranalysis.stats.bench.StatsBenchmark [repetitions]} with {@code cp.txt} from
 * {@code mvn -pl error-analysis dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class StatsBenchmark {

    private static final List<String> NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private StatsBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optionally the number of timed repetitions (default 7), after two warm-up runs
     */
    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        SplittableRandom random = new SplittableRandom(1);
        int[] truth = labels(1_000_000, random);
        ErrorAnalysis baseline = analysis(truth, 2.5, random);
        ErrorAnalysis candidate = analysis(truth, 3.0, random);
        int[] small = labels(10_000, random);
        ErrorAnalysis tenThousand = analysis(small, 2.5, random);
        double[] compare = new double[repetitions];
        double[] compareOnly = new double[repetitions];
        double[] bootstrap = new double[repetitions];
        double[] statistics = new double[repetitions];
        for (int r = -2; r < repetitions; r++) {
            long t0 = System.nanoTime();
            ModelComparison c = ModelComparison.of(baseline, candidate);
            long tc = System.nanoTime();
            Triage a = Triage.of(baseline);
            Triage b = Triage.of(candidate);
            long t1 = System.nanoTime();
            var ece = Bootstrap.of(1000, r).interval(tenThousand, Metrics.expectedCalibrationError(), 0.95);
            long t2 = System.nanoTime();
            AnalysisStatistics s = AnalysisStatistics.of(tenThousand, 0.95, Bootstrap.of(1000, r));
            long t3 = System.nanoTime();
            if (r >= 0) {
                compare[r] = (t1 - t0) / 1e9;
                compareOnly[r] = (tc - t0) / 1e9;
                bootstrap[r] = (t2 - t1) / 1e9;
                statistics[r] = (t3 - t2) / 1e9;
            }
            if (r == repetitions - 1) {
                System.out.println(c.mcnemar() + "; flips " + c.flips().size() + "; label issues " + a.labelIssues().size()
                        + " and " + b.labelIssues().size() + "; ECE " + ece + "; macro-F1 " + s.macroF1());
            }
        }
        System.out.printf(Locale.ROOT, "comparison + triage of two 1,000,000-example analyses: median %.3f s (min %.3f)%n",
                median(compare), Arrays.stream(compare).min().orElseThrow());
        System.out.printf(Locale.ROOT, "  of which the comparison alone: median %.3f s%n", median(compareOnly));
        System.out.printf(Locale.ROOT, "bootstrap (ECE and macro-F1), 1,000 resamples over 10,000 examples: median %.3f s "
                + "(min %.3f)%n", median(bootstrap), Arrays.stream(bootstrap).min().orElseThrow());
        System.out.printf(Locale.ROOT, "AnalysisStatistics.of, 10,000 examples, 1,000 resamples: median %.3f s%n",
                median(statistics));
    }

    private static int[] labels(int n, SplittableRandom random) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(NAMES.size());
        }
        return labels;
    }

    /** Softmax of uniform noise with the true class's logit raised, and 5 % of the labels flipped. */
    private static ErrorAnalysis analysis(int[] truth, double signal, SplittableRandom random) {
        int classes = NAMES.size();
        float[] p = new float[truth.length * classes];
        double[] z = new double[classes];
        for (int i = 0; i < truth.length; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                z[c] = Math.exp(3 * random.nextDouble() + (c == truth[i] ? signal : 0));
                sum += z[c];
            }
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = (float) (z[c] / sum);
            }
        }
        int[] given = truth.clone();
        for (int i = 0; i < given.length; i += 20) {
            given[i] = (given[i] + 1) % classes;
        }
        return ErrorAnalysis.fromPredictions(Nd4j.create(p, new long[] {truth.length, classes}), given, NAMES);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
