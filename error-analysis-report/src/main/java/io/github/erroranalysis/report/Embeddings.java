package io.github.erroranalysis.report;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model's own embedding of examples: the activations its output layer takes as input (the penultimate layer),
 * computed in inference mode (no dropout, batch normalization with its running statistics), in batches, as floats.
 * For a {@code MultiLayerNetwork} it is the last activation of {@code feedForwardToLayer(layers - 2, x, false)}; for
 * a {@code ComputationGraph} the output of the vertex that feeds its (first) output layer vertex.
 */
final class Embeddings {

    /** Examples per forward pass. */
    static final int BATCH = 256;

    /**
     * The widest run of example indexes fetched at once from the inputs to embed fewer of them (the rows not wanted
     * are dropped before the forward pass).
     */
    static final int SPAN = 4 * BATCH;

    /**
     * The embeddings of some examples, one row each.
     *
     * @param rows the number of examples embedded
     * @param dimension the length of each embedding
     * @param values the embeddings, row after row ({@code rows * dimension} floats)
     */
    record Matrix(int rows, int dimension, float[] values) {

        Matrix {
            Objects.requireNonNull(values, "values");
            if (rows < 0 || dimension < 0 || (long) rows * dimension != values.length) {
                throw new IllegalArgumentException("an embedding matrix of " + rows + " x " + dimension + " needs "
                        + (long) rows * dimension + " values, but has " + values.length);
            }
        }
    }

    /** Hears how many examples are embedded. */
    @FunctionalInterface
    interface Listener {

        /** Hears nothing. */
        Listener NONE = (done, total) -> {
        };

        /**
         * Hears that more examples are embedded.
         *
         * @param done the examples embedded so far
         * @param total all examples to embed
         */
        void embedded(int done, int total);
    }

    private Embeddings() {
    }

    /**
     * Embeds examples of the inputs, in the given order of increasing indexes.
     *
     * @param model a {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @param inputs the examples as the model takes them
     * @param indexes the examples to embed, strictly increasing
     * @param listener hears the progress
     * @return one row per index, in the order given
     */
    static Matrix embed(Model model, ModelInputs inputs, int[] indexes, Listener listener) {
        Objects.requireNonNull(model, "model");
        for (int i = 0; i < indexes.length; i++) {
            if (indexes[i] < 0 || indexes[i] >= inputs.size() || (i > 0 && indexes[i] <= indexes[i - 1])) {
                throw new IllegalArgumentException("the examples to embed must be increasing indexes below "
                        + inputs.size() + ", but position " + i + " is " + indexes[i]);
            }
        }
        Forward forward = forward(model);
        float[] values = null;
        int dimension = -1;
        for (int p = 0; p < indexes.length;) {
            int start = indexes[p];
            int q = p + 1;
            while (q < indexes.length && q - p < BATCH && indexes[q] - start < SPAN) {
                q++;
            }
            int end = indexes[q - 1] + 1;
            INDArray x = inputs.inputs(start, end);
            if (x.size(0) != end - start) {
                throw new IllegalStateException("the inputs gave " + x.size(0) + " rows for examples " + start + " to "
                        + (end - 1) + ", expected " + (end - start));
            }
            int n = q - p;
            if (end - start != n) { // keep only the wanted rows before the forward pass, in one copy
                long[] shape = x.shape();
                int width = (int) (x.length() / Math.max(1, shape[0]));
                float[] span = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
                float[] picked = new float[Math.multiplyExact(n, width)];
                for (int r = 0; r < n; r++) {
                    System.arraycopy(span, (indexes[p + r] - start) * width, picked, r * width, width);
                }
                long[] pickedShape = shape.clone();
                pickedShape[0] = n;
                x = Nd4j.create(picked, pickedShape, 'c');
            }
            INDArray e = forward.apply(x);
            int d = (int) (e.length() / n);
            if (values == null) {
                dimension = d;
                values = new float[Math.multiplyExact(indexes.length, d)];
            } else if (d != dimension) {
                throw new IllegalStateException("the embedding changed width from " + dimension + " to " + d);
            }
            float[] batch = e.castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(batch, 0, values, p * dimension, n * dimension);
            listener.embedded(q, indexes.length);
            p = q;
        }
        return values == null ? new Matrix(0, 0, new float[0]) : new Matrix(indexes.length, dimension, values);
    }

    /** The most full embeddings {@link #all} keeps. */
    static final int CACHED = 4;

    /** A full embedding computed lately: by the identity of the model and inputs, and the model's parameters. */
    private record Cached(java.lang.ref.WeakReference<Model> model, java.lang.ref.WeakReference<ModelInputs> inputs,
            int size, long parameters, Matrix matrix) {

        boolean of(Model m, ModelInputs in, long fingerprint) {
            return model.get() == m && inputs.get() == in && size == in.size() && parameters == fingerprint;
        }
    }

    private static final java.util.ArrayDeque<Cached> CACHE = new java.util.ArrayDeque<>();

    /**
     * Embeds every example of the inputs, once per run: the last {@value #CACHED} full embeddings are kept by the
     * identity of the model and the inputs and by a fingerprint of the model's parameters (so a model trained further
     * is embedded again), and dropped when either is no longer reachable. The near-duplicate search, the embedding
     * clusters and the nearest training examples of one analysis thus embed the test and training data once each.
     *
     * @param model a {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @param inputs the examples as the model takes them (the same object gives the same inputs)
     * @param listener hears the progress (once, at the end, when the embedding was kept)
     * @return one row per example, in index order
     */
    static Matrix all(Model model, ModelInputs inputs, Listener listener) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputs, "inputs");
        long fingerprint = parameters(model);
        synchronized (CACHE) {
            CACHE.removeIf(c -> c.model().get() == null || c.inputs().get() == null);
            for (Cached c : CACHE) {
                if (c.of(model, inputs, fingerprint)) {
                    listener.embedded(inputs.size(), inputs.size());
                    return c.matrix();
                }
            }
        }
        Matrix m = embed(model, inputs, java.util.stream.IntStream.range(0, inputs.size()).toArray(), listener);
        synchronized (CACHE) {
            CACHE.addFirst(new Cached(new java.lang.ref.WeakReference<>(model),
                    new java.lang.ref.WeakReference<>(inputs), inputs.size(), fingerprint, m));
            while (CACHE.size() > CACHED) {
                CACHE.removeLast();
            }
        }
        return m;
    }

    /**
     * Gives some rows of an embedding matrix.
     *
     * @param matrix the embeddings
     * @param rows the rows wanted, each below {@code matrix.rows()}
     * @return a matrix of those rows, in the order given
     */
    static Matrix rows(Matrix matrix, int[] rows) {
        int d = matrix.dimension();
        float[] v = new float[Math.multiplyExact(rows.length, d)];
        float[] all = matrix.values();
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(all, Math.multiplyExact(rows[r], d), v, r * d, d);
        }
        return new Matrix(rows.length, d, v);
    }

    private static long parameters(Model model) {
        INDArray p = model.params();
        if (p == null || p.isEmpty()) {
            return 0;
        }
        float[] f = p.castTo(DataType.FLOAT).dup('c').data().asFloat();
        long h = 1125899906842597L;
        for (float x : f) {
            h = 31 * h + Float.floatToRawIntBits(x);
        }
        return h ^ f.length;
    }

    /** One batch through the model to its penultimate layer. */
    @FunctionalInterface
    private interface Forward {
        INDArray apply(INDArray x);
    }

    private static Forward forward(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            int layers = net.getnLayers();
            if (layers < 2) {
                throw new IllegalArgumentException("the network has " + layers + " layer(s); an embedding needs a "
                        + "layer before the output layer");
            }
            DataType type = net.getLayerWiseConfigurations().getDataType();
            return x -> {
                synchronized (net) {
                    List<INDArray> acts = net.feedForwardToLayer(layers - 2, x.castTo(type), false);
                    return acts.get(acts.size() - 1);
                }
            };
        }
        if (model instanceof ComputationGraph graph) {
            ComputationGraphConfiguration conf = graph.getConfiguration();
            if (conf.getNetworkInputs().size() != 1) {
                throw new IllegalArgumentException("the graph has " + conf.getNetworkInputs().size() + " inputs; "
                        + "the embedding needs a graph with one");
            }
            String output = conf.getNetworkOutputs().get(0);
            List<String> feeding = conf.getVertexInputs().get(output);
            if (feeding == null || feeding.size() != 1 || conf.getNetworkInputs().contains(feeding.get(0))) {
                throw new IllegalArgumentException("the graph's output vertex '" + output + "' takes " + feeding
                        + "; the embedding needs one vertex before it");
            }
            String vertex = feeding.get(0);
            int till = graph.getVertex(vertex).getVertexIndex();
            DataType type = conf.getDataType();
            return x -> {
                synchronized (graph) {
                    // (M2.1's output(List<String>, ...) of a vertex that is not an output leaves a workspace open;
                    // its 3-argument feedForward takes a layer's index, not a vertex's: this one takes the vertex's)
                    return graph.feedForward(new INDArray[] {x.castTo(type)}, till, false, true).get(vertex);
                }
            };
        }
        throw new IllegalArgumentException("the model is a " + model.getClass().getName() + "; embeddings need a "
                + "MultiLayerNetwork or a ComputationGraph");
    }
}
