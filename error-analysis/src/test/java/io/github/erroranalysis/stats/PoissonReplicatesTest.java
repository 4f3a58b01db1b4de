package io.github.erroranalysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Poisson bootstrap over groups: each group's count is Poisson with the group's size as mean, reproducibly. */
class PoissonReplicatesTest {

    @Test
    void each_group_count_has_the_mean_and_variance_of_a_poisson_of_its_size() {
        long[] sizes = {1, 3, 40, 1000, 250_000};
        int resamples = 20_000;
        double[][] counts = Resampling.poissonReplicates(sizes, 5, resamples, (c, random) -> {
            double[] v = new double[c.length];
            for (int g = 0; g < c.length; g++) {
                v[g] = c[g];
            }
            return v;
        });
        for (int g = 0; g < sizes.length; g++) {
            double mean = 0;
            for (double[] c : counts) {
                mean += c[g];
            }
            mean /= resamples;
            double variance = 0;
            for (double[] c : counts) {
                variance += (c[g] - mean) * (c[g] - mean);
            }
            variance /= resamples - 1;
            double lambda = sizes[g];
            // 5 standard errors: of the mean sqrt(lambda / R), of the variance about lambda sqrt(2 / R) (+ lambda / R)
            assertThat(mean).as("mean of group " + g).isCloseTo(lambda, within(5 * Math.sqrt(lambda / resamples)));
            assertThat(variance).as("variance of group " + g)
                    .isCloseTo(lambda, within(5 * lambda * Math.sqrt(2.0 / resamples) + 5 * Math.sqrt(lambda / resamples)));
        }
    }

    @Test
    void the_same_seed_gives_the_same_counts_and_the_generator_goes_on_after_them() {
        long[] sizes = {2, 7, 9};
        double[][] a = Resampling.poissonReplicates(sizes, 3, 50, (c, r) -> new double[] {c[0], c[1], c[2], r.nextLong()});
        double[][] b = Resampling.poissonReplicates(sizes, 3, 50, (c, r) -> new double[] {c[0], c[1], c[2], r.nextLong()});
        double[][] other = Resampling.poissonReplicates(sizes, 4, 50, (c, r) -> new double[] {c[0], c[1], c[2], 0});
        assertThat(a).isDeepEqualTo(b);
        assertThat(a).isNotEqualTo(other);
    }

    @Test
    void the_counts_do_not_depend_on_how_the_resamples_are_split_into_runs() {
        long[] sizes = {1, 5, 39, 41, 700, 5000, 90_000};
        java.util.function.BiFunction<long[], java.util.random.RandomGenerator, double[]> keep = (c, r) -> {
            double[] v = new double[c.length + 1];
            for (int g = 0; g < c.length; g++) {
                v[g] = c[g];
            }
            v[c.length] = r.nextGaussian(); // what the statistic draws after the counts
            return v;
        };
        double[][] one = Resampling.poissonReplicates(sizes, 11, 300, 1, keep);
        for (int runs : new int[] {2, 7, 300}) {
            assertThat(Resampling.poissonReplicates(sizes, 11, 300, runs, keep)).as(runs + " runs").isDeepEqualTo(one);
        }
    }

    @Test
    void empty_groups_and_no_resamples_are_refused_by_name() {
        assertThatThrownBy(() -> Resampling.poissonReplicates(new long[] {4, 0}, 1, 10, (c, r) -> new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 1 has 0");
        assertThatThrownBy(() -> Resampling.poissonReplicates(new long[] {4}, 1, 0, (c, r) -> new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resamples is 0");
        assertThat(Resampling.describePoisson(1000, 42))
                .isEqualTo("percentile bootstrap (Poisson, grouped counts), 1000 resamples, seed 42");
    }

    @Test
    void the_fast_counts_have_the_poisson_mean_variance_and_skewness_and_are_reproducible() {
        // below normalFrom exact by inversion, from it on the skew-corrected normal
        long[] sizes = {1, 3, 40, 63, 64, 500, 250_000};
        int resamples = 40_000;
        java.util.function.BiFunction<long[], java.util.random.RandomGenerator, double[]> keep = (c, random) -> {
            double[] v = new double[c.length];
            for (int g = 0; g < c.length; g++) {
                v[g] = c[g];
            }
            return v;
        };
        double[][] counts = Resampling.poissonReplicates(sizes, 9, resamples, 64L, keep);
        for (int g = 0; g < sizes.length; g++) {
            double mu = sizes[g];
            double mean = 0;
            for (double[] c : counts) {
                mean += c[g];
            }
            mean /= resamples;
            double m2 = 0;
            double m3 = 0;
            for (double[] c : counts) {
                double d = c[g] - mean;
                m2 += d * d;
                m3 += d * d * d;
            }
            m2 /= resamples - 1;
            m3 /= resamples;
            double skewness = m3 / Math.pow(m2, 1.5);
            // standard errors: sqrt(mu/R) for the mean, about mu*sqrt(2/R) for the variance, sqrt(6/R) for skewness
            assertThat(mean).as("mean of group %d", g).isCloseTo(mu, within(5 * Math.sqrt(mu / resamples)));
            assertThat(m2).as("variance of group %d", g).isCloseTo(mu, within(5 * mu * Math.sqrt(2.0 / resamples)
                    * Math.sqrt(1 + 1 / (2 * mu))));
            assertThat(skewness).as("skewness of group %d", g).isCloseTo(1 / Math.sqrt(mu),
                    within(5 * Math.sqrt(6.0 / resamples) * (1 + 2 / mu)));
        }
        assertThat(Resampling.poissonReplicates(sizes, 9, 300, 64L, keep))
                .isDeepEqualTo(Resampling.poissonReplicates(sizes, 9, 300, 64L, keep));
        assertThat(Resampling.poissonReplicates(sizes, 9, 300, 64L, keep)[0])
                .isNotEqualTo(Resampling.poissonReplicates(sizes, 10, 300, 64L, keep)[0]);
        assertThatThrownBy(() -> Resampling.poissonReplicates(sizes, 9, 10, 0L, keep))
                .hasMessage("normalFrom must be at least 1, but is 0");
    }
}
