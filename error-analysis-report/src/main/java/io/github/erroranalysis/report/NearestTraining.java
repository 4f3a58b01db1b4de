package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the nearest training examples of explained examples in the model's penultimate-layer embedding
 * ({@link Embeddings}): the training data is embedded once, in batches, and searched by brute force, the squared
 * Euclidean distances of a block of queries to every training embedding being one matrix product
 * ({@code ||a||² + ||b||² - 2 a·b}, clamped at 0); the exact distances of the few best candidates decide the
 * {@code k} nearest, ties by the lower training index. A training record is left out (and counted) when it is an
 * analysed example (any of them, not only the explained ones): its origin is that example's and its model input is
 * exactly the same (so two image folders with the same relative file names leave nothing out, but a validation pile
 * read from the training batches is left out of them). A neighbour whose model input is exactly the explained
 * example's is marked {@link TrainingNeighbour#identical()}: the analysed data then leaks into the training data.
 *
 * <p>Memory: the training embeddings are held twice (a float array and the matrix product's off-heap copy), for
 * 50,000 × 512 floats 2 × 100 MB; the products are computed for blocks of queries of at most {@value #BLOCK_VALUES}
 * floats.
 */
final class NearestTraining {

    /** The most floats one block of query-to-training products holds. */
    static final int BLOCK_VALUES = 1 << 23;

    /** Candidates beyond {@code k} whose exact distances are computed, against the rounding of the product form. */
    static final int EXTRA_CANDIDATES = 8;

    private static final Logger LOG = LoggerFactory.getLogger(NearestTraining.class);

    /**
     * The neighbours of each explained example, and how many training records were left out.
     *
     * @param neighbours the neighbours of each example, nearest first
     * @param excluded the training records left out because the analysed data holds the same origin and input
     */
    record Result(Map<Integer, List<TrainingNeighbour>> neighbours, int excluded) {

        /** No neighbours. */
        static final Result EMPTY = new Result(Map.of(), 0);
    }

    /**
     * One nearest neighbour found by {@link #nearest}.
     *
     * @param row the row of the training matrix
     * @param distance the exact Euclidean distance
     */
    record Hit(int row, double distance) {
    }

    private NearestTraining() {
    }

    /**
     * Finds the {@code k} nearest training examples of each explained example.
     *
     * @param model the model whose penultimate layer embeds the examples
     * @param inputs the analysed examples
     * @param analysis the analysis (for origins the inputs do not give)
     * @param training the training data
     * @param examples the explained examples
     * @param k how many neighbours each gets
     * @return the neighbours by example, and how many training records were left out
     */
    static Result search(Model model, ModelInputs inputs, ErrorAnalysis analysis, ModelInputs training,
            List<Integer> examples, int k) {
        Map<String, Integer> analysed = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Optional<String> o = inputs.origin(i);
            if (o.isEmpty() && i < analysis.examples()) {
                o = analysis.origin(i);
            }
            if (o.isPresent()) {
                analysed.putIfAbsent(o.get(), i);
            }
        }
        Map<Integer, Integer> sameOrigin = new HashMap<>();
        for (int t = 0; t < training.size(); t++) {
            Optional<String> o = training.origin(t);
            Integer a = o.isEmpty() ? null : analysed.get(o.get());
            if (a != null) {
                sameOrigin.put(t, a);
            }
        }
        int[] queries = examples.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        if (queries.length == 0 || training.size() == 0 || k == 0) {
            return new Result(Map.of(), 0);
        }
        long started = System.nanoTime();
        LOG.debug("embedding {} training examples ({} of them share an origin with an analysed example: left out "
                + "when their input is the analysed one's too)", training.size(), sameOrigin.size());
        int[] kept = java.util.stream.IntStream.range(0, training.size())
                .filter(t -> !sameOrigin.containsKey(t)
                        || !java.util.Arrays.equals(row(training, t), row(inputs, sameOrigin.get(t))))
                .toArray();
        Embeddings.Matrix trainAll = Embeddings.all(model, training, Embeddings.Listener.NONE);
        Embeddings.Matrix trainKept = kept.length == training.size() ? trainAll : Embeddings.rows(trainAll, kept);
        int excluded = training.size() - kept.length;
        LOG.info("left out {} of {} training examples: the same input as the analysed example of the same origin",
                excluded, training.size());
        if (2L * excluded > training.size()) {
            LOG.warn("{} of {} training examples are left out as the same images as analysed ones: the nearest "
                    + "training examples come from the other {}", excluded, training.size(), kept.length);
        }
        long embedded = System.nanoTime();
        Embeddings.Matrix query = Embeddings.embed(model, inputs, queries, Embeddings.Listener.NONE);
        List<List<Hit>> hits = kept.length == 0 ? java.util.Collections.nCopies(queries.length, List.of())
                : nearest(query, trainKept, k);
        Map<Integer, List<TrainingNeighbour>> byExample = new LinkedHashMap<>();
        for (int q = 0; q < queries.length; q++) {
            List<TrainingNeighbour> list = new ArrayList<>();
            float[] own = hits.get(q).isEmpty() ? null : row(inputs, queries[q]);
            for (Hit h : hits.get(q)) {
                int t = kept[h.row()];
                boolean identical = java.util.Arrays.equals(own, row(training, t));
                list.add(new TrainingNeighbour(t, training.origin(t), training.label(t), h.distance(), identical));
            }
            byExample.put(queries[q], List.copyOf(list));
        }
        LOG.info("nearest training examples of {} examples among {} training examples: embedding {} ms, search {} ms",
                queries.length, kept.length, (embedded - started) / 1_000_000,
                (System.nanoTime() - embedded) / 1_000_000);
        return new Result(byExample, excluded);
    }

    /** One example's model input, flattened, as floats. */
    static float[] row(ModelInputs in, int index) {
        return in.inputs(index, index + 1).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /**
     * Finds the {@code k} nearest training rows of each query row by Euclidean distance, nearest first, ties by the
     * lower row.
     *
     * @param queries the query embeddings
     * @param train the training embeddings, of the same width
     * @param k how many neighbours each query gets (fewer when there are fewer training rows)
     * @return one list per query row
     */
    static List<List<Hit>> nearest(Embeddings.Matrix queries, Embeddings.Matrix train, int k) {
        int d = train.dimension();
        int n = train.rows();
        int m = queries.rows();
        if (m > 0 && n > 0 && queries.dimension() != d) {
            throw new IllegalArgumentException("the queries have embeddings of width " + queries.dimension()
                    + " but the training data " + d);
        }
        List<List<Hit>> out = new ArrayList<>(m);
        if (n == 0 || k <= 0) {
            for (int q = 0; q < m; q++) {
                out.add(List.of());
            }
            return out;
        }
        float[] t = train.values();
        float[] qv = queries.values();
        float[] trainNorms = new float[n];
        for (int j = 0; j < n; j++) {
            trainNorms[j] = (float) squaredNorm(t, j * d, d);
        }
        int candidates = Math.min(n, k + EXTRA_CANDIDATES);
        int block = Math.max(1, Math.min(m, BLOCK_VALUES / n));
        INDArray trainMatrix = Nd4j.create(t, new long[] {n, d}, 'c');
        INDArray trainT = trainMatrix.transpose();
        int[] bestRow = new int[candidates];
        float[] bestD2 = new float[candidates];
        for (int from = 0; from < m; from += block) {
            int to = Math.min(m, from + block);
            float[] qBlock = java.util.Arrays.copyOfRange(qv, from * d, to * d);
            INDArray products = Nd4j.create(qBlock, new long[] {to - from, d}, 'c').mmul(trainT);
            float[] dots = products.castTo(DataType.FLOAT).dup('c').data().asFloat();
            products.close();
            for (int q = from; q < to; q++) {
                float qNorm = (float) squaredNorm(qv, q * d, d);
                int size = 0;
                int off = (q - from) * n;
                for (int j = 0; j < n; j++) {
                    float d2 = qNorm + trainNorms[j] - 2 * dots[off + j];
                    if (d2 < 0) {
                        d2 = 0;
                    }
                    if (size < candidates || d2 < bestD2[size - 1]) {
                        // insert after every candidate at most as far: equal distances keep the lower row first
                        int at = size < candidates ? size : size - 1;
                        while (at > 0 && bestD2[at - 1] > d2) {
                            bestD2[at] = bestD2[at - 1];
                            bestRow[at] = bestRow[at - 1];
                            at--;
                        }
                        bestD2[at] = d2;
                        bestRow[at] = j;
                        if (size < candidates) {
                            size++;
                        }
                    }
                }
                List<Hit> exact = new ArrayList<>(size);
                for (int c = 0; c < size; c++) {
                    exact.add(new Hit(bestRow[c], distance(qv, q * d, t, bestRow[c] * d, d)));
                }
                exact.sort(java.util.Comparator.comparingDouble(Hit::distance).thenComparingInt(Hit::row));
                out.add(List.copyOf(exact.subList(0, Math.min(k, exact.size()))));
            }
        }
        trainMatrix.close();
        return out;
    }

    private static double squaredNorm(float[] v, int off, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double x = v[off + i];
            s += x * x;
        }
        return s;
    }

    /** The exact Euclidean distance of two rows, accumulated in double. */
    static double distance(float[] a, int aOff, float[] b, int bOff, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double x = (double) a[aOff + i] - b[bOff + i];
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
