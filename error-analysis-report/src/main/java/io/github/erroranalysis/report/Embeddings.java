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
        return embed(model, inputs, indexes, null, listener).matrix();
    }

    /**
     * Decides from its model input whether a fetched example is embedded, for the few examples it checks (the
     * others are embedded unread).
     */
    interface RowFilter {

        /**
         * Says whether an example's input must be looked at before it is embedded.
         *
         * @param index the example's index
         * @return true to call {@link #keep} with its input
         */
        boolean checks(int index);

        /**
         * Says whether a checked example is embedded.
         *
         * @param index the example's index
         * @param row its model input, flattened, as floats
         * @return true to embed it, false to leave it out
         */
        boolean keep(int index, float[] row);
    }

    /**
     * The embeddings of the examples a {@link RowFilter} kept.
     *
     * @param indexes the examples embedded, increasing: row {@code r} of the matrix is example {@code indexes[r]}
     * @param matrix their embeddings
     */
    record Embedded(int[] indexes, Matrix matrix) {
    }

    /**
     * Embeds the examples of the inputs that a filter keeps, in the given order of increasing indexes, reading the
     * inputs once.
     *
     * @param model a {@code MultiLayerNetwork} or {@code ComputationGraph}
     * @param inputs the examples as the model takes them
     * @param indexes the examples to embed, strictly increasing
     * @param filter decides for the examples it checks whether they are embedded, or null to embed them all
     * @param listener hears the progress
     * @return the examples kept and one row of embedding each
     */
    static Embedded embed(Model model, ModelInputs inputs, int[] indexes, RowFilter filter, Listener listener) {
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
        int done = 0;
        int[] keptIndexes = new int[indexes.length];
        int kept = 0;
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
            long[] shape = x.shape();
            int width = (int) (x.length() / Math.max(1, shape[0]));
            float[] span = null;
            boolean[] leftOut = null;
            int n = q - p;
            if (filter != null) {
                for (int r = p; r < q; r++) {
                    if (filter.checks(indexes[r])) {
                        if (span == null) {
                            span = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
                            leftOut = new boolean[q - p];
                        }
                        int off = (indexes[r] - start) * width;
                        if (!filter.keep(indexes[r], java.util.Arrays.copyOfRange(span, off, off + width))) {
                            leftOut[r - p] = true;
                            n--;
                        }
                    }
                }
            }
            if (n == 0) {
                done += q - p;
                listener.embedded(done, indexes.length);
                p = q;
                continue;
            }
            if (end - start != n) { // keep only the wanted rows before the forward pass, in one copy
                if (span == null) {
                    span = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
                }
                float[] picked = new float[Math.multiplyExact(n, width)];
                int at = 0;
                for (int r = 0; r < q - p; r++) {
                    if (leftOut == null || !leftOut[r]) {
                        System.arraycopy(span, (indexes[p + r] - start) * width, picked, at * width, width);
                        at++;
                    }
                }
                long[] pickedShape = shape.clone();
                pickedShape[0] = n;
                x = Nd4j.create(picked, pickedShape, 'c');
            }
            for (int r = 0; r < q - p; r++) {
                if (leftOut == null || !leftOut[r]) {
                    keptIndexes[kept++] = indexes[p + r];
                }
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
            System.arraycopy(batch, 0, values, (kept - n) * dimension, n * dimension);
            done += q - p;
            listener.embedded(done, indexes.length);
            p = q;
        }
        int[] embedded = java.util.Arrays.copyOf(keptIndexes, kept);
        if (values == null) {
            return new Embedded(embedded, new Matrix(0, 0, new float[0]));
        }
        return new Embedded(embedded, new Matrix(kept, dimension, kept == indexes.length ? values
                : java.util.Arrays.copyOf(values, kept * dimension)));
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
