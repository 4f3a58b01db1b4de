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
 * {@value #STEPS} steps (step s of S removes the first s/(S+1) of the pixels: 11 %, 22 %, ..., 89 % for S = 8);
 * "removed" means ROAD's noisy linear imputation
 * (Rong et al. 2022): each removed pixel takes the weighted mean of its 8 neighbours (weight 1/6 across, 1/12
 * diagonally, renormalised at the border), solved for all removed pixels at once as a sparse linear system by
 * {@value #SWEEPS} over-relaxed Gauss–Seidel sweeps per step (warm-started from the previous step), then Gaussian
 * noise of {@value #NOISE} times the channel's standard deviation is added, so that no artificial edge appears. A
 * curve's area is the mean over the steps of the drop of the explained class's probability from the intact image's.
 * The orders are the map's own (ties broken at random) and R seeded random orders ({@value #RANDOM_ORDERS} by
 * default) of
 * {@value #BLOCK}×{@value #BLOCK} blocks (so random deletion is as spatially coherent as a blob-like map's, not
 * scattered single pixels that imputation restores almost exactly); the random orders are shared by the maps of one
 * image. The score is the map's area minus the random orders' mean area; its interval runs between the 2.5 % and
 * 97.5 % quantiles of the map's area minus each random order's area, so its lower end is above zero when the map
 * beats nearly every random order. Every image of one example (the intact image and each step of each order) goes
 * through one classifier call.
 */
final class Deletion {

    /** The deletion steps: step s removes the first s/(STEPS+1) of the pixels. */
    static final int STEPS = 8;
    /** The random orders each map is compared with, by default. */
    static final int RANDOM_ORDERS = 8;
    /** The side of the blocks a random order removes together. */
    static final int BLOCK = 4;
    /** The Gauss–Seidel sweeps per step. */
    static final int SWEEPS = 10;
    /** The imputation noise, as a share of the channel's standard deviation over the image. */
    static final double NOISE = 0.05;
    /** The over-relaxation factor of the sweeps. */
    private static final double OMEGA = 1.5;
    /** The interval's level. */
    static final double LEVEL = 0.95;
    /** The interval's method, for {@link Interval#method()}. */
    static String method(int randomOrders) {
        return "2.5-97.5 % range of the map's deletion area minus each of " + randomOrders + " random orders'";
    }

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
    static List<Faithfulness> score(Classifier classifier, INDArray image, int classIndex, List<double[]> maps,
            long seed) {
        return score(classifier, image, classIndex, maps, RANDOM_ORDERS, seed);
    }

    /**
     * Scores maps of one image against a given number of random orders.
     *
     * @param classifier the classifier
     * @param image the image
     * @param classIndex the explained class
     * @param maps the maps
     * @param randomOrders the number of random orders, at least 2
     * @param seed the seed
     * @return one faithfulness per map, in order
     */
    static List<Faithfulness> score(Classifier classifier, INDArray image, int classIndex, List<double[]> maps,
            int randomOrders, long seed) {
        Objects.requireNonNull(classifier, "classifier");
        Plan plan = plan(image, maps, randomOrders, seed);
        INDArray features = Nd4j.create(plan.batch(), new long[] {plan.images(), plan.channels(), plan.height(),
                plan.width()}, 'c');
        if (image.dataType() != DataType.FLOAT) {
            features = features.castTo(image.dataType());
        }
        INDArray probabilities = classifier.probabilities(features);
        double[] p = probabilities.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return plan.score(p, (int) probabilities.size(1), 0, classIndex);
    }

    /**
     * The images of one example's deletion curves, ready for the classifier (several plans may share one call):
     * the intact image first, then each order's steps.
     *
     * @param batch the images, {@code [images, channels, height, width]} in row-major order
     * @param images the number of images
     * @param channels the channels
     * @param height the height
     * @param width the width
     * @param maps the number of maps
     * @param randomOrders the number of random orders
     */
    record Plan(float[] batch, int images, int channels, int height, int width, int maps, int randomOrders) {

        /**
         * Scores the maps from the classifier's probabilities of this plan's images.
         *
         * @param p the probabilities, row-major {@code [rows, classes]}
         * @param classes the number of classes
         * @param firstRow the row of this plan's first image
         * @param classIndex the explained class
         * @return one faithfulness per map
         */
        List<Faithfulness> score(double[] p, int classes, int firstRow, int classIndex) {
            Objects.checkIndex(classIndex, classes);
            int orders = maps + randomOrders;
            double base = p[firstRow * classes + classIndex];
            double[] areas = new double[orders];
            for (int o = 0; o < orders; o++) {
                double sum = 0;
                for (int s = 0; s < STEPS; s++) {
                    sum += base - p[(firstRow + 1 + o * STEPS + s) * classes + classIndex];
                }
                areas[o] = sum / STEPS;
            }
            double randomMean = 0;
            for (int r = 0; r < randomOrders; r++) {
                randomMean += areas[maps + r];
            }
            randomMean /= randomOrders;
            List<Faithfulness> out = new ArrayList<>();
            for (int m = 0; m < maps; m++) {
                double[] differences = new double[randomOrders];
                for (int r = 0; r < randomOrders; r++) {
                    differences[r] = areas[m] - areas[maps + r];
                }
                double score = areas[m] - randomMean;
                Interval interval = Intervals.percentile(score, differences, LEVEL, method(randomOrders));
                out.add(new Faithfulness(score, interval, areas[m], randomMean, STEPS, randomOrders));
            }
            return List.copyOf(out);
        }
    }

    /**
     * Makes the deletion images of one example.
     *
     * @param image the image, {@code [1, channels, height, width]} or {@code [channels, height, width]}
     * @param maps the maps, each row-major {@code height × width}
     * @param randomOrders the number of random orders, at least 2
     * @param seed the seed of the random orders, the ties and the noise
     * @return the plan
     */
    static Plan plan(INDArray image, List<double[]> maps, int randomOrders, long seed) {
        if (randomOrders < 2) {
            throw new IllegalArgumentException("a deletion check needs at least 2 random orders, but was given "
                    + randomOrders);
        }
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
        for (int r = 0; r < randomOrders; r++) {
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
        return new Plan(batch, images, channels, height, width, maps.size(), randomOrders);
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
        private final int[] degree;
        private final int[] neighbour;
        private final double[] weight;
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
            this.degree = new int[plane];
            this.neighbour = new int[plane * 8];
            this.weight = new double[plane * 8];
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

        /**
         * Removes one pixel: notes its in-image neighbours with their weights normalised to sum 1, and starts it at
         * the weighted mean of its known neighbours (the channel's mean when none is known).
         */
        void remove(int pixel) {
            if (removed[pixel]) {
                return;
            }
            removed[pixel] = true;
            int y = pixel / width;
            int x = pixel % width;
            int at = count * 8;
            double total = 0;
            int used = 0;
            for (int k = 0; k < 8; k++) {
                int yy = y + DY[k];
                int xx = x + DX[k];
                if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                    neighbour[at + used] = yy * width + xx;
                    weight[at + used] = W[k];
                    total += W[k];
                    used++;
                }
            }
            for (int k = 0; k < used; k++) {
                weight[at + k] /= total;
            }
            degree[count] = used;
            unknown[count++] = pixel;
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                double known = 0;
                for (int k = 0; k < used; k++) {
                    int q = neighbour[at + k];
                    if (!removed[q]) {
                        sum += weight[at + k] * values[c * plane + q];
                        known += weight[at + k];
                    }
                }
                values[c * plane + pixel] = known > 0 ? sum / known : mean[c];
            }
        }

        /** Solves for the removed pixels and writes the noisy imputed image into {@code out} at {@code offset}. */
        void solve(float[] out, int offset) {
            for (int sweep = 0; sweep < SWEEPS; sweep++) {
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    for (int u = 0; u < count; u++) {
                        int at = u * 8;
                        double target = 0;
                        for (int k = 0; k < degree[u]; k++) {
                            target += weight[at + k] * values[base + neighbour[at + k]];
                        }
                        int i = base + unknown[u];
                        values[i] += OMEGA * (target - values[i]);
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
