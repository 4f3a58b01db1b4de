package io.github.erroranalysis.report;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The deletion-curve faithfulness of saliency maps (RISE-style deletion, with ROAD's noisy linear imputation).
 *
 * <p>For one image and its explained class: the pixels are removed in an order, most salient first, in
 * {@value #STEPS} steps (10 %, 20 %, ..., 90 % of the pixels removed); "removed" means ROAD's noisy linear imputation
 * (Rong et al. 2022): each removed pixel takes the weighted mean of its 8 neighbours (weight 1/6 across, 1/12
 * diagonally, renormalised at the border), solved for all removed pixels at once as a sparse linear system by
 * {@value #SWEEPS} over-relaxed Gauss–Seidel sweeps per step (warm-started from the previous step), then Gaussian
 * noise of {@value #NOISE} times the channel's standard deviation is added, so that no artificial edge appears. A
 * curve's area is the mean over the steps of the drop of the explained class's probability from the intact image's.
 * The orders are the map's own (ties broken at random) and {@value #RANDOM_ORDERS} seeded random orders of
 * {@value #BLOCK}×{@value #BLOCK} blocks (so random deletion is as spatially coherent as a blob-like map's, not
 * scattered single pixels that imputation restores almost exactly); the random orders are shared by the maps of one
 * image. The score is the map's area minus the random orders' mean area; its interval runs between the 2.5 % and
 * 97.5 % quantiles of the map's area minus each random order's area, so its lower end is above zero when the map
 * beats nearly every random order. Every image of one example (the intact image and each step of each order) goes
 * through one classifier call.
 */
final class Deletion {

    /** The deletion steps: 10 %, 20 %, ..., 90 % of the pixels removed. */
    static final int STEPS = 9;
    /** The random orders each map is compared with. */
    static final int RANDOM_ORDERS = 8;
    /** The side of the blocks a random order removes together. */
    static final int BLOCK = 4;
    /** The Gauss–Seidel sweeps per step. */
    static final int SWEEPS = 12;
    /** The imputation noise, as a share of the channel's standard deviation over the image. */
    static final double NOISE = 0.05;
    /** The over-relaxation factor of the sweeps. */
    private static final double OMEGA = 1.5;
    /** The interval's level. */
    static final double LEVEL = 0.95;
    /** The interval's method, for {@link Interval#method()}. */
    static final String METHOD = "2.5-97.5 % range of the map's deletion area minus each of " + RANDOM_ORDERS
            + " random orders'";

    private Deletion() {
    }

    /**
     * Scores maps of one image by their deletion curves against random orders.
     *
     * @param classifier the classifier (the analysis's path)
     * @param image the image as the classifier takes it, {@code [1, channels, height, width]} or {@code [channels,
     *              height, width]}
     * @param classIndex the explained class
     * @param maps the maps, each row-major {@code height × width}, larger is more salient
     * @param seed the seed of the random orders, the ties and the noise
     * @return one faithfulness per map, in order
     */
    static List<Faithfulness> score(Classifier classifier, INDArray image, int classIndex, List<double[]> maps, long seed) {
        Objects.requireNonNull(classifier, "classifier");
        long[] shape = image.shape();
        int channels = (int) shape[shape.length - 3];
        int height = (int) shape[shape.length - 2];
        int width = (int) shape[shape.length - 1];
        int plane = height * width;
        float[] pixels = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> orders = new ArrayList<>();
        for (double[] m : maps) {
            if (m.length != plane) {
                throw new IllegalArgumentException("a map of " + m.length + " values for a " + height + "×" + width
                        + " image");
            }
            orders.add(order(m, random.split()));
        }
        for (int r = 0; r < RANDOM_ORDERS; r++) {
            orders.add(blockOrder(height, width, random.split()));
        }
        int images = 1 + orders.size() * STEPS;
        float[] batch = new float[images * channels * plane];
        System.arraycopy(pixels, 0, batch, 0, channels * plane);
        Imputer imputer = new Imputer(pixels, channels, height, width);
        for (int o = 0; o < orders.size(); o++) {
            int[] order = orders.get(o);
            imputer.reset(random.split());
            int removed = 0;
            for (int s = 1; s <= STEPS; s++) {
                int until = (int) Math.round((double) s * plane / (STEPS + 1));
                for (; removed < until; removed++) {
                    imputer.remove(order[removed]);
                }
                imputer.solve(batch, (1 + o * STEPS + (s - 1)) * channels * plane);
            }
        }
        INDArray features = Nd4j.create(batch, new long[] {images, channels, height, width}, 'c');
        if (image.dataType() != DataType.FLOAT) {
            features = features.castTo(image.dataType());
        }
        INDArray probabilities = classifier.probabilities(features);
        int classes = (int) probabilities.size(1);
        Objects.checkIndex(classIndex, classes);
        double[] p = probabilities.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double base = p[classIndex];
        double[] areas = new double[orders.size()];
        for (int o = 0; o < orders.size(); o++) {
            double sum = 0;
            for (int s = 0; s < STEPS; s++) {
                sum += base - p[(1 + o * STEPS + s) * classes + classIndex];
            }
            areas[o] = sum / STEPS;
        }
        double randomMean = 0;
        for (int r = 0; r < RANDOM_ORDERS; r++) {
            randomMean += areas[maps.size() + r];
        }
        randomMean /= RANDOM_ORDERS;
        List<Faithfulness> out = new ArrayList<>();
        for (int m = 0; m < maps.size(); m++) {
            double[] differences = new double[RANDOM_ORDERS];
            for (int r = 0; r < RANDOM_ORDERS; r++) {
                differences[r] = areas[m] - areas[maps.size() + r];
            }
            double score = areas[m] - randomMean;
            Interval interval = Intervals.percentile(score, differences, LEVEL, METHOD);
            out.add(new Faithfulness(score, interval, areas[m], randomMean, STEPS, RANDOM_ORDERS));
        }
        return List.copyOf(out);
    }

    /** The pixels by decreasing saliency, ties in random order. */
    static int[] order(double[] map, SplittableRandom random) {
        int n = map.length;
        double[] tie = new double[n];
        Integer[] index = new Integer[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            tie[i] = random.nextDouble();
        }
        Arrays.sort(index, (a, b) -> {
            int c = Double.compare(map[b], map[a]);
            return c != 0 ? c : Double.compare(tie[a], tie[b]);
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = index[i];
        }
        return out;
    }

    /** A random order of {@value #BLOCK}×{@value #BLOCK} blocks, the pixels of each block in random order. */
    static int[] blockOrder(int height, int width, SplittableRandom random) {
        int rows = (height + BLOCK - 1) / BLOCK;
        int columns = (width + BLOCK - 1) / BLOCK;
        int[] blocks = shuffled(rows * columns, random);
        int[] out = new int[height * width];
        int k = 0;
        for (int b : blocks) {
            int top = (b / columns) * BLOCK;
            int left = (b % columns) * BLOCK;
            List<Integer> inside = new ArrayList<>();
            for (int y = top; y < Math.min(height, top + BLOCK); y++) {
                for (int x = left; x < Math.min(width, left + BLOCK); x++) {
                    inside.add(y * width + x);
                }
            }
            int[] within = shuffled(inside.size(), random);
            for (int i : within) {
                out[k++] = inside.get(i);
            }
        }
        return out;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /**
     * ROAD's noisy linear imputation of one image as pixels are removed: the removed pixels solve
     * {@code x_i = sum_j w_ij x_j / sum_j w_ij} over their 8 neighbours (known or removed).
     */
    static final class Imputer {

        private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};
        private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
        private static final double[] W = {1.0 / 12, 1.0 / 6, 1.0 / 12, 1.0 / 6, 1.0 / 6, 1.0 / 12, 1.0 / 6, 1.0 / 12};

        private final float[] original;
        private final int channels;
        private final int height;
        private final int width;
        private final int plane;
        private final double[] mean;
        private final double[] sd;
        private final double[] values;
        private final boolean[] removed;
        private final int[] unknown;
        private int count;
        private SplittableRandom noise;

        Imputer(float[] original, int channels, int height, int width) {
            this.original = original;
            this.channels = channels;
            this.height = height;
            this.width = width;
            this.plane = height * width;
            this.mean = new double[channels];
            this.sd = new double[channels];
            for (int c = 0; c < channels; c++) {
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < plane; i++) {
                    double v = original[c * plane + i];
                    s += v;
                    s2 += v * v;
                }
                mean[c] = s / plane;
                sd[c] = Math.sqrt(Math.max(0, s2 / plane - mean[c] * mean[c]));
            }
            this.values = new double[channels * plane];
            this.removed = new boolean[plane];
            this.unknown = new int[plane];
        }

        /** Starts a new order: nothing removed. */
        void reset(SplittableRandom random) {
            for (int i = 0; i < values.length; i++) {
                values[i] = original[i];
            }
            Arrays.fill(removed, false);
            count = 0;
            noise = random;
        }

        /** Removes one pixel (its first guess: the mean of its known neighbours, or the channel's mean). */
        void remove(int pixel) {
            if (removed[pixel]) {
                return;
            }
            removed[pixel] = true;
            unknown[count++] = pixel;
            int y = pixel / width;
            int x = pixel % width;
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                double weight = 0;
                for (int k = 0; k < 8; k++) {
                    int yy = y + DY[k];
                    int xx = x + DX[k];
                    if (yy >= 0 && yy < height && xx >= 0 && xx < width && !removed[yy * width + xx]) {
                        sum += W[k] * values[c * plane + yy * width + xx];
                        weight += W[k];
                    }
                }
                values[c * plane + pixel] = weight > 0 ? sum / weight : mean[c];
            }
        }

        /** Solves for the removed pixels and writes the noisy imputed image into {@code out} at {@code offset}. */
        void solve(float[] out, int offset) {
            for (int sweep = 0; sweep < SWEEPS; sweep++) {
                for (int u = 0; u < count; u++) {
                    int pixel = unknown[u];
                    int y = pixel / width;
                    int x = pixel % width;
                    for (int c = 0; c < channels; c++) {
                        double sum = 0;
                        double weight = 0;
                        int base = c * plane;
                        for (int k = 0; k < 8; k++) {
                            int yy = y + DY[k];
                            int xx = x + DX[k];
                            if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                                sum += W[k] * values[base + yy * width + xx];
                                weight += W[k];
                            }
                        }
                        double target = sum / weight;
                        values[base + pixel] += OMEGA * (target - values[base + pixel]);
                    }
                }
            }
            for (int i = 0; i < values.length; i++) {
                out[offset + i] = (float) values[i];
            }
            for (int u = 0; u < count; u++) {
                int pixel = unknown[u];
                for (int c = 0; c < channels; c++) {
                    out[offset + c * plane + pixel] += (float) (NOISE * sd[c] * gaussian(noise));
                }
            }
        }
    }

    /** A standard normal draw (Box–Muller), the one used by the imputation noise and the randomised model. */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
