package io.github.erroranalysis.report;

import io.github.erroranalysis.SliceAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Model;

/**
 * Groups the test examples by the model's own view of them: seeded k-means++ (Arthur and Vassilvitskii, 2007) on the
 * L2-normalised penultimate-layer embeddings ({@link Embeddings}), then Lloyd's iterations until no example changes
 * cluster or {@value #MAX_ITERATIONS} iterations, then a last assignment to the final centres. The same seed gives
 * the same clusters of the same embeddings; the embeddings are floats computed by ND4J, so they (and the clusters) can
 * differ in their last bits between backends or thread counts. A cluster left empty takes the example farthest from
 * its centre; a cluster still empty at the end (duplicate embeddings) is dropped, so that every cluster has members.
 * Clusters are numbered by size from 1, the largest; the categories are the numbers alone, so that the core's words read "embedding cluster 7" (the attribute's name, then the category).
 */
final class EmbeddingClusters {

    /** The name of the categorical attribute of the cluster. */
    static final String ATTRIBUTE = "embedding cluster";

    /** The most Lloyd iterations. */
    static final int MAX_ITERATIONS = 100;

    private EmbeddingClusters() {
    }

    /**
     * Gives how many clusters are made: the clusters asked for, but at most one per {@code minSupport} examples, so
     * that an average cluster can be a slice.
     *
     * @param clusters the clusters asked for
     * @param examples the examples
     * @param minSupport the fewest examples in a slice
     * @return the number of clusters, below 2 when there are too few examples to cluster
     */
    static int count(int clusters, int examples, int minSupport) {
        return Math.min(clusters, examples / Math.max(1, minSupport));
    }

    /**
     * Clusters the embeddings of an analysis's examples into a categorical attribute.
     *
     * @param model the model whose penultimate layer embeds the examples
     * @param inputs the examples as the model takes them, in the analysis's order
     * @param examples the number of examples
     * @param clusters the clusters asked for
     * @param minSupport the fewest examples in a slice
     * @param seed the seed of k-means++
     * @return the attribute with categories "1" .. "k" (1 the largest, every one with members), or empty when fewer
     *     than 2 clusters fit
     */
    static Optional<SliceAttribute> attribute(Model model, ModelInputs inputs, int examples, int clusters,
            int minSupport, long seed) {
        int k = count(clusters, examples, minSupport);
        if (k < 2) {
            return Optional.empty();
        }
        if (inputs.size() < examples) {
            throw new IllegalArgumentException("the test inputs have " + inputs.size() + " examples but the analysis "
                    + "has " + examples);
        }
        int[] all = new int[examples];
        Arrays.setAll(all, i -> i);
        Embeddings.Matrix embedded = Embeddings.all(model, inputs, Embeddings.Listener.NONE);
        return attribute(embedded.rows() == examples ? embedded : Embeddings.rows(embedded, all), clusters, minSupport,
                seed);
    }

    /**
     * Clusters already computed embeddings of an analysis's examples into a categorical attribute.
     *
     * @param embeddings the examples' penultimate-layer embeddings, one row each, in the analysis's order
     * @param clusters the clusters asked for
     * @param minSupport the fewest examples in a slice
     * @param seed the seed of k-means++
     * @return the attribute with categories "1" .. "k" (1 the largest, every one with members), or empty when fewer
     *     than 2 clusters fit
     */
    static Optional<SliceAttribute> attribute(Embeddings.Matrix embeddings, int clusters, int minSupport, long seed) {
        Objects.requireNonNull(embeddings, "embeddings");
        int k = count(clusters, embeddings.rows(), minSupport);
        if (k < 2) {
            return Optional.empty();
        }
        int[] cluster = assign(embeddings, k, seed);
        int made = Arrays.stream(cluster).max().orElse(-1) + 1;
        if (made < 2) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= made; c++) {
            names.add(Integer.toString(c));
        }
        return Optional.of(SliceAttribute.category(ATTRIBUTE, cluster, names));
    }

    /**
     * Clusters the rows of an embedding matrix after normalising each to unit length.
     *
     * @param matrix the embeddings, one row per example
     * @param k the number of clusters, from 1 to the number of rows
     * @param seed the seed of k-means++
     * @return each row's cluster, 0 the largest; fewer than {@code k} clusters when some stay empty (duplicate
     *     rows), numbered without gaps
     */
    static int[] assign(Embeddings.Matrix matrix, int k, long seed) {
        Objects.requireNonNull(matrix, "matrix");
        int n = matrix.rows();
        int d = matrix.dimension();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k-means needs 1 to " + n + " clusters (the rows), but was asked for "
                    + k);
        }
        double[][] x = new double[n][d];
        float[] v = matrix.values();
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = v[i * d + j];
                norm += x[i][j] * x[i][j];
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int j = 0; j < d; j++) {
                    x[i][j] /= norm;
                }
            }
        }
        double[][] centres = seeds(x, k, new SplittableRandom(seed));
        int[] label = new int[n];
        Arrays.fill(label, -1);
        double[] distance = new double[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (!nearestCentres(x, centres, label, distance)) {
                return bySize(label, k);
            }
            int[] size = new int[k];
            double[][] sum = new double[k][d];
            for (int i = 0; i < n; i++) {
                size[label[i]]++;
                for (int j = 0; j < d; j++) {
                    sum[label[i]][j] += x[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (size[c] == 0) { // the example farthest from its centre starts the empty cluster
                    int far = 0;
                    for (int i = 1; i < n; i++) {
                        if (distance[i] > distance[far]) {
                            far = i;
                        }
                    }
                    centres[c] = x[far].clone();
                    distance[far] = 0;
                } else {
                    for (int j = 0; j < d; j++) {
                        centres[c][j] = sum[c][j] / size[c];
                    }
                }
            }
        }
        nearestCentres(x, centres, label, distance); // the labels of the last centres (a re-seeded one included)
        return bySize(label, k);
    }

    /** Assigns each row to its nearest centre (ties: the first), noting the distance; says whether a label changed. */
    private static boolean nearestCentres(double[][] x, double[][] centres, int[] label, double[] distance) {
        boolean changed = false;
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double dc = squaredDistance(x[i], centres[c]);
                if (dc < bestDistance) {
                    bestDistance = dc;
                    best = c;
                }
            }
            distance[i] = bestDistance;
            if (label[i] != best) {
                label[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    private static double[][] seeds(double[][] x, int k, SplittableRandom random) {
        int n = x.length;
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)].clone();
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(x[i], centres[c - 1]));
                total += nearest[i];
            }
            int pick = -1;
            if (total > 0) {
                double u = random.nextDouble() * total;
                for (int i = 0; i < n && pick < 0; i++) {
                    u -= nearest[i];
                    if (u < 0) {
                        pick = i;
                    }
                }
                for (int i = n - 1; pick < 0; i--) { // rounding left u >= 0: the last row of positive weight
                    if (nearest[i] > 0) {
                        pick = i;
                    }
                }
            } else {
                pick = random.nextInt(n);
            }
            centres[c] = x[pick].clone();
        }
        return centres;
    }

    /**
     * Renumbers clusters by size, largest first (ties: the one whose first example comes first), empty ones dropped.
     */
    private static int[] bySize(int[] label, int k) {
        int[] size = new int[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < label.length; i++) {
            size[label[i]]++;
            first[label[i]] = Math.min(first[label[i]], i);
        }
        Integer[] order = new Integer[k];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a])
                : Integer.compare(first[a], first[b]));
        int[] rank = new int[k];
        for (int r = 0; r < k; r++) {
            rank[order[r]] = r; // the empty clusters come last, so no label is ranked after one
        }
        int[] out = new int[label.length];
        for (int i = 0; i < label.length; i++) {
            out[i] = rank[label[i]];
        }
        return out;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
