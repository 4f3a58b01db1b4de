package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.stats.Interval;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The deletion-curve faithfulness: the true importance of a linear model beats random orders, a random map not. */
class DeletionTest {

    private static final int SIDE = 16;
    private static final int PLANE = SIDE * SIDE;

    /** An image of independent noise (which imputation cannot restore) and a linear model reading one region. */
    private static final class Linear {
        final float[] image = new float[3 * PLANE];
        final double[] weights = new double[3 * PLANE];
        final double bias;

        Linear(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double logit = 0;
            for (int i = 0; i < image.length; i++) {
                image[i] = (float) Deletion.gaussian(random);
            }
            for (int y = 4; y < 10; y++) {
                for (int x = 5; x < 11; x++) {
                    int p = y * SIDE + x;
                    weights[p] = 0.3 * Math.signum(image[p]);
                    logit += weights[p] * image[p];
                }
            }
            bias = 2.5 - logit;
        }

        INDArray features() {
            return Nd4j.create(image, new long[] {1, 3, SIDE, SIDE}, 'c');
        }

        /** p(class 1) = sigmoid(w . x + b), p(class 0) = 1 - p(class 1). */
        Classifier classifier() {
            return features -> {
                int n = (int) features.size(0);
                double[] x = features.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                double[] p = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    double z = bias;
                    for (int k = 0; k < 3 * PLANE; k++) {
                        z += weights[k] * x[i * 3 * PLANE + k];
                    }
                    p[2 * i + 1] = 1 / (1 + Math.exp(-z));
                    p[2 * i] = 1 - p[2 * i + 1];
                }
                return Nd4j.create(p, new long[] {n, 2}, 'c');
            };
        }

        /** Each pixel's contribution to the logit, over the channels. */
        double[] importance() {
            double[] m = new double[PLANE];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < PLANE; p++) {
                    m[p] += weights[c * PLANE + p] * image[c * PLANE + p];
                }
            }
            return m;
        }
    }

    @Test
    void theTrueImportanceOfALinearModelBeatsRandomOrders() {
        for (long seed = 1; seed <= 5; seed++) {
            Linear model = new Linear(seed);
            Faithfulness f = Deletion.score(model.classifier(), model.features(), 1, List.of(model.importance()), seed)
                    .get(0);
            assertThat(f.steps()).isEqualTo(Deletion.STEPS);
            assertThat(f.randomOrders()).isEqualTo(Deletion.RANDOM_ORDERS);
            assertThat(f.deletionArea()).isGreaterThan(f.randomDeletionArea());
            assertThat(f.score()).isEqualTo(f.deletionArea() - f.randomDeletionArea(),
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(f.betterThanRandom()).as("seed %d: %s", seed, f).isTrue();
        }
    }

    @Test
    void randomMapsAreNoBetterThanRandomOrders() {
        Linear model = new Linear(11);
        int maps = 40;
        double[] scores = new double[maps];
        int better = 0;
        SplittableRandom random = new SplittableRandom(99);
        for (int k = 0; k < maps; k++) {
            double[] map = new double[PLANE];
            for (int p = 0; p < PLANE; p++) {
                map[p] = random.nextDouble();
            }
            Faithfulness f = Deletion.score(model.classifier(), model.features(), 1, List.of(map), 1000 + k).get(0);
            scores[k] = f.score();
            better += f.betterThanRandom() ? 1 : 0;
        }
        Interval mean = SaliencyMaps.meanInterval(scores, 42);
        assertThat(mean.lower()).as("the mean faithfulness of random maps: %s", mean).isLessThanOrEqualTo(0.0);
        assertThat(mean.upper()).as("the mean faithfulness of random maps: %s", mean).isGreaterThanOrEqualTo(0.0);
        assertThat(better).as("random maps called better than random").isLessThanOrEqualTo(maps / 5);
    }

    @Test
    void aMapsIntervalIsTheRangeOverItsRandomOrdersWithTheOrderStatisticLevel() {
        int randomOrders = 4;
        int images = 1 + (1 + randomOrders) * Deletion.STEPS;
        Deletion.Plan plan = new Deletion.Plan(new float[0], images, 1, 1, 1, 1, randomOrders);
        double[] p = new double[images];
        p[0] = 1;
        double[] drop = {0.5, 0.1, 0.3, 0.2, 0.45}; // the map's, then each random order's, per step
        for (int o = 0; o <= randomOrders; o++) {
            for (int s = 0; s < Deletion.STEPS; s++) {
                p[1 + o * Deletion.STEPS + s] = 1 - drop[o];
            }
        }
        Faithfulness f = plan.score(p, 1, 0, 0).get(0);
        assertThat(f.interval().lower()).isCloseTo(0.5 - 0.45, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.interval().upper()).isCloseTo(0.5 - 0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.interval().level()).isEqualTo(1 - Math.pow(2, 1 - randomOrders));
        assertThat(f.interval().method()).contains("range [min, max]").contains("1/5");
        assertThat(f.betterThanRandom()).as("beat all 4 random orders").isTrue();
        assertThat(f.chanceRate()).isEqualTo(0.2);
        drop[4] = 0.55;
        for (int s = 0; s < Deletion.STEPS; s++) {
            p[1 + 4 * Deletion.STEPS + s] = 1 - drop[4];
        }
        assertThat(plan.score(p, 1, 0, 0).get(0).betterThanRandom()).as("lost to one random order").isFalse();
    }

    @Test
    void imputationOfABlobRemovalMatchesTheExactSolveOfItsLinearSystem() {
        int side = 32;
        int plane = side * side;
        int channels = 3;
        float[] image = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    image[c * plane + y * side + x] = (float) (Math.sin(0.15 * y + c) + Math.cos(0.1 * x - 0.5 * c));
                }
            }
        }
        // a blob-shaped order (what a saliency map gives): pixels by their distance from one point, removed in the
        // plan's steps to 8/9 = 89 %, solving (warm-started) after each step as Deletion.plan does
        Integer[] blob = new Integer[plane];
        for (int i = 0; i < plane; i++) {
            blob[i] = i;
        }
        java.util.Arrays.sort(blob, java.util.Comparator.comparingDouble(i -> Math.hypot(i / side - 12.3, i % side - 14.1)));
        Deletion.Imputer imputer = new Deletion.Imputer(image, channels, side, side);
        imputer.reset(new SplittableRandom(3));
        int removed = 0;
        float[] out = new float[channels * plane];
        for (int s = 1; s <= Deletion.STEPS; s++) {
            int until = (int) Math.round((double) s * plane / (Deletion.STEPS + 1));
            for (; removed < until; removed++) {
                imputer.remove(blob[removed]);
            }
            imputer.solve(out, 0);
        }
        assertThat(removed).isEqualTo(910);
        double[] imputed = imputer.imputed();
        boolean[] unknown = new boolean[plane];
        for (int k = 0; k < removed; k++) {
            unknown[blob[k]] = true;
        }
        double error = 0;
        for (int c = 0; c < channels; c++) {
            double[] exact = exactSolve(image, c, side, unknown);
            for (int i = 0; i < plane; i++) {
                if (unknown[i]) {
                    error += Math.abs(imputed[c * plane + i] - exact[i]) / (channels * removed);
                }
            }
        }
        assertThat(error).as("mean absolute error against the exact solve (image range about 4)").isLessThan(0.01);
    }

    /** The exact solution of x_i = sum_j w_ij x_j over the unknown pixels of one channel, by dense elimination. */
    private static double[] exactSolve(float[] image, int channel, int side, boolean[] unknown) {
        int plane = side * side;
        int[] index = new int[plane];
        int n = 0;
        for (int i = 0; i < plane; i++) {
            index[i] = unknown[i] ? n++ : -1;
        }
        double[][] a = new double[n][n + 1];
        int[] dy = {-1, -1, -1, 0, 0, 1, 1, 1};
        int[] dx = {-1, 0, 1, -1, 1, -1, 0, 1};
        double[] w = {1.0 / 12, 1.0 / 6, 1.0 / 12, 1.0 / 6, 1.0 / 6, 1.0 / 12, 1.0 / 6, 1.0 / 12};
        for (int i = 0; i < plane; i++) {
            if (!unknown[i]) {
                continue;
            }
            int r = index[i];
            int y = i / side;
            int x = i % side;
            double total = 0;
            for (int k = 0; k < 8; k++) {
                if (y + dy[k] >= 0 && y + dy[k] < side && x + dx[k] >= 0 && x + dx[k] < side) {
                    total += w[k];
                }
            }
            a[r][r] = 1;
            for (int k = 0; k < 8; k++) {
                int yy = y + dy[k];
                int xx = x + dx[k];
                if (yy >= 0 && yy < side && xx >= 0 && xx < side) {
                    int j = yy * side + xx;
                    if (unknown[j]) {
                        a[r][index[j]] -= w[k] / total;
                    } else {
                        a[r][n] += w[k] / total * image[channel * plane + j];
                    }
                }
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] solution = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double v = a[r][n];
            for (int k = r + 1; k < n; k++) {
                v -= a[r][k] * solution[k];
            }
            solution[r] = v / a[r][r];
        }
        double[] out = new double[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = unknown[i] ? solution[index[i]] : image[channel * plane + i];
        }
        return out;
    }

    @Test
    void imputationFillsASmoothImageWithoutEdges() {
        float[] ramp = new float[PLANE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                ramp[y * SIDE + x] = (float) (0.2 * y + 0.1 * x);
            }
        }
        Deletion.Imputer imputer = new Deletion.Imputer(ramp, 1, SIDE, SIDE);
        imputer.reset(new SplittableRandom(1));
        for (int y = 5; y < 11; y++) {
            for (int x = 4; x < 10; x++) {
                imputer.remove(y * SIDE + x);
            }
        }
        float[] out = new float[PLANE];
        imputer.solve(out, 0);
        double sd = 0;
        double mean = 0;
        for (float v : ramp) {
            mean += v / PLANE;
        }
        for (float v : ramp) {
            sd += (v - mean) * (v - mean) / PLANE;
        }
        sd = Math.sqrt(sd);
        double error = 0;
        double meanFill = 0;
        for (int y = 5; y < 11; y++) {
            for (int x = 4; x < 10; x++) {
                error += Math.abs(out[y * SIDE + x] - ramp[y * SIDE + x]) / 36;
                meanFill += Math.abs(mean - ramp[y * SIDE + x]) / 36;
            }
        }
        assertThat(error).as("mean absolute error of the imputed hole").isLessThan(Deletion.NOISE * sd + 0.03);
        assertThat(error).isLessThan(meanFill / 5);
        assertThat(out[0]).as("known pixels are kept").isEqualTo(ramp[0]);
    }

    @Test
    void randomOrdersRemoveWholeBlocksAndEveryPixelOnce() {
        int[] order = Deletion.blockOrder(SIDE, SIDE, new SplittableRandom(3));
        assertThat(order).hasSize(PLANE);
        assertThat(java.util.Arrays.stream(order).distinct().count()).isEqualTo(PLANE);
        int first = order[0];
        for (int k = 0; k < Deletion.BLOCK * Deletion.BLOCK; k++) {
            assertThat(order[k] / SIDE / Deletion.BLOCK).isEqualTo(first / SIDE / Deletion.BLOCK);
            assertThat(order[k] % SIDE / Deletion.BLOCK).isEqualTo(first % SIDE / Deletion.BLOCK);
        }
    }
}
