package io.github.erroranalysis.report;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.stats.Interval;
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
 * diagonally, renormalised at the border), solved exactly for all removed pixels at once as a sparse linear system
 * (a banded Cholesky factorisation of its symmetric form, see {@link Imputer#converge}; should a pivot fail, an
 * onion-peel fill and over-relaxed Gauss–Seidel sweeps until the largest change is below {@value #TOLERANCE} of the
 * channel's range, at most {@value #MAX_SWEEPS}), then Gaussian
 * noise of {@value #NOISE} times the channel's standard deviation is added, so that no artificial edge appears. A
 * curve's area is the mean over the steps of the drop of the explained class's probability from the intact image's.
 * The orders are the map's own (ties broken at random) and R seeded random orders ({@value #RANDOM_ORDERS} by
 * default) of
 * {@value #BLOCK}×{@value #BLOCK} blocks (so random deletion is as spatially coherent as a blob-like map's, not
 * scattered single pixels that imputation restores almost exactly); the random orders are shared by the maps of one
 * image. The score is the map's area minus the random orders' mean area; its interval is the range [min, max] of
 * the map's area minus each of the R random orders' areas, which covers the median difference with probability
 * {@code 1 - 2^(1-R)} (its level): the lower end is above zero exactly when the map beats every random order, which
 * a map no better than random does with probability {@code 1/(R+1)}. Every image of one example (the intact image
 * and each step of each order) goes through one classifier call.
 */
final class Deletion {

    /** The deletion steps: step s removes the first s/(STEPS+1) of the pixels. */
    static final int STEPS = 8;
    /** The random orders each map is compared with, by default. */
    static final int RANDOM_ORDERS = 8;
    /** The side of the blocks a random order removes together. */
    static final int BLOCK = 4;
    /** The most Gauss–Seidel sweeps per step. */
    static final int MAX_SWEEPS = 200;
    /** The sweeps stop when the largest change is below this share of the channel's range. */
    static final double TOLERANCE = 1e-4;
    /** The imputation noise, as a share of the channel's standard deviation over the image. */
    static final double NOISE = 0.05;
    /** The over-relaxation factor of the sweeps. */
    private static final double OMEGA = 1.7;
    /** The level of the per-method bootstrap intervals. */
    static final double LEVEL = 0.95;

    /** The level of a per-map interval from R random orders: the sample range covers the median with 1 - 2^(1-R). */
    static double level(int randomOrders) {
        return 1 - Math.pow(2, 1 - randomOrders);
    }

    /** The chance that a map no better than random beats all R random orders: 1/(R+1). */
    static double chance(int randomOrders) {
        return 1.0 / (randomOrders + 1);
    }

    /** The per-map interval's method, for {@link Interval#method()}. */
    static String method(int randomOrders) {
        return "range [min, max] of the map's deletion area minus each of " + randomOrders + " random orders' (covers "
                + "the median difference with probability 1 - 2^(1-" + randomOrders + "); a map no better than "
                + "random beats all " + randomOrders + " with probability 1/" + (randomOrders + 1) + ")";
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
                double min = Arrays.stream(differences).min().orElseThrow();
                double max = Arrays.stream(differences).max().orElseThrow();
                Interval interval = new Interval(score, min, max, level(randomOrders), method(randomOrders));
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
        private final double[] range;
        private final boolean[] filled;
        private final double[] total;
        private final int[] slot;
        private final int[] rank;
        private double[] band = new double[0];
        private int count;
        private int sweeps;
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
            this.range = new double[channels];
            for (int c = 0; c < channels; c++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < plane; i++) {
                    lo = Math.min(lo, original[c * plane + i]);
                    hi = Math.max(hi, original[c * plane + i]);
                }
                range[c] = plane == 0 ? 0 : hi - lo;
            }
            this.filled = new boolean[plane];
            this.total = new double[plane];
            this.slot = new int[plane];
            this.rank = new int[plane];
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
            Arrays.fill(filled, false);
            count = 0;
            noise = random;
        }

        /**
         * Removes one pixel: notes its in-image neighbours with their weights normalised to sum 1; its value is
         * filled in by the next {@link #solve}.
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
            this.total[count] = total;
            slot[pixel] = count;
            degree[count] = used;
            unknown[count++] = pixel;
        }

        /**
         * Onion-peel fill of the pixels removed since the last solve: repeatedly, each such pixel with a known (or
         * already filled) neighbour takes the mean of those neighbours, until none is left (the channel's mean when
         * no pixel is known at all).
         */
        private void fill() {
            List<Integer> open = new ArrayList<>();
            for (int u = 0; u < count; u++) {
                if (!filled[unknown[u]]) {
                    open.add(u);
                }
            }
            while (!open.isEmpty()) {
                List<Integer> ring = new ArrayList<>();
                List<Integer> rest = new ArrayList<>();
                for (int u : open) {
                    int at = u * 8;
                    boolean any = false;
                    for (int k = 0; k < degree[u] && !any; k++) {
                        int q = neighbour[at + k];
                        any = !removed[q] || filled[q];
                    }
                    (any ? ring : rest).add(u);
                }
                if (ring.isEmpty()) {
                    for (int u : rest) {
                        for (int c = 0; c < channels; c++) {
                            values[c * plane + unknown[u]] = mean[c];
                        }
                        filled[unknown[u]] = true;
                    }
                    return;
                }
                double[] next = new double[ring.size() * channels];
                for (int r = 0; r < ring.size(); r++) {
                    int u = ring.get(r);
                    int at = u * 8;
                    for (int c = 0; c < channels; c++) {
                        double sum = 0;
                        double known = 0;
                        for (int k = 0; k < degree[u]; k++) {
                            int q = neighbour[at + k];
                            if (!removed[q] || filled[q]) {
                                sum += weight[at + k] * values[c * plane + q];
                                known += weight[at + k];
                            }
                        }
                        next[r * channels + c] = sum / known;
                    }
                }
                for (int r = 0; r < ring.size(); r++) {
                    int pixel = unknown[ring.get(r)];
                    for (int c = 0; c < channels; c++) {
                        values[c * plane + pixel] = next[r * channels + c];
                    }
                    filled[pixel] = true;
                }
                open = rest;
            }
        }

        /**
         * Solves the linear system of the removed pixels: exactly, by a banded Cholesky factorisation of the symmetric
         * form {@code t_i x_i - sum_j w_ij x_j = sum_k w_ik x_k} (t_i the sum of the pixel's raw neighbour weights;
         * the unknowns in row-major order, so the band is at most the image's width + 1); should a pivot fail, by an
         * onion-peel fill and over-relaxed Gauss–Seidel sweeps to the tolerance (at most {@value #MAX_SWEEPS}).
         */
        void converge() {
            if (count == 0 || direct()) {
                sweeps = 0;
                Arrays.fill(filled, false);
                for (int u = 0; u < count; u++) {
                    filled[unknown[u]] = true;
                }
                return;
            }
            fill();
            sweeps = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * plane;
                double tolerance = TOLERANCE * (range[c] > 0 ? range[c] : 1);
                for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
                    double largest = 0;
                    for (int u = 0; u < count; u++) {
                        int at = u * 8;
                        double target = 0;
                        for (int k = 0; k < degree[u]; k++) {
                            target += weight[at + k] * values[base + neighbour[at + k]];
                        }
                        int i = base + unknown[u];
                        double change = OMEGA * (target - values[i]);
                        values[i] += change;
                        largest = Math.max(largest, Math.abs(change));
                    }
                    sweeps = Math.max(sweeps, sweep + 1);
                    if (largest < tolerance) {
                        break;
                    }
                }
            }
        }

        /** The banded Cholesky solve of {@link #converge}; false (nothing changed) when a pivot is not positive. */
        private boolean direct() {
            int n = count;
            int[] sorted = Arrays.copyOf(unknown, n);
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) {
                rank[sorted[i]] = i;
            }
            int b = 0;
            for (int i = 0; i < n; i++) {
                int u = slot[sorted[i]];
                for (int k = 0; k < degree[u]; k++) {
                    int q = neighbour[u * 8 + k];
                    if (removed[q] && rank[q] < i) {
                        b = Math.max(b, i - rank[q]);
                    }
                }
            }
            int wide = b + 1;
            if (band.length < n * wide) {
                band = new double[n * wide];
            }
            double[] l = band;
            Arrays.fill(l, 0, n * wide, 0);
            for (int i = 0; i < n; i++) {
                int u = slot[sorted[i]];
                int row = i * wide - i + b;
                l[row + i] = total[u];
                for (int k = 0; k < degree[u]; k++) {
                    int q = neighbour[u * 8 + k];
                    if (removed[q] && rank[q] < i) {
                        l[row + rank[q]] = -weight[u * 8 + k] * total[u];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                int lo = Math.max(0, i - b);
                int row = i * wide - i + b;
                for (int j = lo; j <= i; j++) {
                    int other = j * wide - j + b;
                    double s = l[row + j];
                    for (int k = Math.max(lo, j - b); k < j; k++) {
                        s -= l[row + k] * l[other + k];
                    }
                    if (j == i) {
                        if (!(s > 0)) {
                            return false;
                        }
                        l[row + i] = Math.sqrt(s);
                    } else {
                        l[row + j] = s / l[other + j];
                    }
                }
            }
            double[] x = new double[n];
            for (int c = 0; c < channels; c++) {
                int base = c * plane;
                for (int i = 0; i < n; i++) {
                    int u = slot[sorted[i]];
                    double s = 0;
                    for (int k = 0; k < degree[u]; k++) {
                        int q = neighbour[u * 8 + k];
                        if (!removed[q]) {
                            s += weight[u * 8 + k] * total[u] * original[base + q];
                        }
                    }
                    int row = i * wide - i + b;
                    for (int k = Math.max(0, i - b); k < i; k++) {
                        s -= l[row + k] * x[k];
                    }
                    x[i] = s / l[row + i];
                }
                for (int i = n - 1; i >= 0; i--) {
                    double s = x[i];
                    for (int k = i + 1; k <= Math.min(n - 1, i + b); k++) {
                        s -= l[k * wide - k + b + i] * x[k];
                    }
                    x[i] = s / l[i * wide - i + b + i];
                }
                for (int i = 0; i < n; i++) {
                    values[base + sorted[i]] = x[i];
                }
            }
            return true;
        }

        /** The noise-free imputed image, {@code [channels, height, width]} row-major (after {@link #converge}). */
        double[] imputed() {
            return values.clone();
        }

        /** The most sweeps the last {@link #converge} took over the channels. */
        int sweeps() {
            return sweeps;
        }

        /** Solves for the removed pixels and writes the noisy imputed image into {@code out} at {@code offset}. */
        void solve(float[] out, int offset) {
            converge();
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
