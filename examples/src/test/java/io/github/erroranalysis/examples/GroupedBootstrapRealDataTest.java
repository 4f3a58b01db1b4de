package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.Bootstrap;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.stats.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The grouped Poisson bootstrap on real data: the bundled baseline's predictions on the 5,000 real CIFAR-10 images
 * of the standard validation pile give intervals equal to the classic 1,000-resample bootstrap's within its Monte
 * Carlo error, for every metric the analysis resamples by groups (STATISTICS.md, "The grouped bootstrap").
 */
class GroupedBootstrapRealDataTest {

    private static final int SEEDS = 10;

    @Test
    void grouped_intervals_equal_the_classic_bootstrap_within_its_monte_carlo_error_on_real_predictions()
            throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        assumeTrue(BundledModels.isAvailable(BundledModels.BASELINE), "the bundled baseline model is not built");
        // GIVEN the baseline's real predictions on the validation pile
        CifarDataset validation = Piles.standardSplit(archive).validation();
        CifarModel model = BundledModels.baseline();
        ErrorAnalysis analysis = ErrorAnalysis.of(model.network(), model.iterator(validation, 256));
        assertThat(analysis.examples()).isEqualTo(5000);
        List<Metric<? extends Number>> metrics = List.of(Metrics.expectedCalibrationError(), Metrics.macroF1(),
                Metrics.accuracy(), Metrics.topKAccuracy(3), Metrics.weightedF1(), Metrics.maxCalibrationError(),
                Metrics.brierScore(), Metrics.logLoss());
        // WHEN each scheme runs with ten seeds
        List<List<Interval>> classic = new ArrayList<>();
        List<List<Interval>> grouped = new ArrayList<>();
        for (int s = 0; s < SEEDS; s++) {
            Bootstrap b = Bootstrap.of(Bootstrap.DEFAULT_RESAMPLES, 1000 + s);
            classic.add(b.withScheme(Bootstrap.Scheme.EXAMPLES).intervals(analysis, metrics, 0.95));
            grouped.add(b.withScheme(Bootstrap.Scheme.GROUPED).intervals(analysis, metrics, 0.95));
        }
        // THEN every end agrees: the grouped default-seed end lies within 4 Monte Carlo errors of the classic mean,
        // and the means over the seeds within 4 standard errors of their difference
        Bootstrap defaults = Bootstrap.defaults();
        List<Interval> groupedDefault = defaults.withScheme(Bootstrap.Scheme.GROUPED).intervals(analysis, metrics, 0.95);
        for (int m = 0; m < metrics.size(); m++) {
            assertThat(groupedDefault.get(m).method()).startsWith("percentile bootstrap (Poisson, grouped counts)");
            for (boolean lower : new boolean[] {true, false}) {
                double[] c = ends(classic, m, lower);
                double[] g = ends(grouped, m, lower);
                double monteCarlo = Math.sqrt(variance(c));
                String what = String.format(Locale.ROOT, "%s %s end: classic %.5f ± %.5f, grouped %.5f ± %.5f",
                        metrics.get(m).name(), lower ? "lower" : "upper", mean(c), monteCarlo, mean(g),
                        Math.sqrt(variance(g)));
                System.out.println(what); // the figures STATISTICS.md quotes
                double end = lower ? groupedDefault.get(m).lower() : groupedDefault.get(m).upper();
                // (1e-6 absolute: an end that every resample puts on the same value has no Monte Carlo error)
                assertThat(end).as(what)
                        .isCloseTo(mean(c), within(4 * monteCarlo * Math.sqrt(1 + 1.0 / SEEDS) + 1e-6));
                assertThat(mean(g)).as(what)
                        .isCloseTo(mean(c), within(4 * Math.sqrt((variance(c) + variance(g)) / SEEDS) + 1e-6));
            }
        }
    }

    private static double[] ends(List<List<Interval>> runs, int metric, boolean lower) {
        double[] out = new double[runs.size()];
        for (int r = 0; r < out.length; r++) {
            Interval i = runs.get(r).get(metric);
            out[r] = lower ? i.lower() : i.upper();
        }
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
