package io.github.erroranalysis;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adapters from DL4J models to {@link Classifier}; inference only, in test mode. */
final class ModelAdapters {

    private ModelAdapters() {
    }

    static Classifier of(MultiLayerNetwork network) {
        return new Network(Objects.requireNonNull(network, "network"));
    }

    static Classifier of(ComputationGraph graph) {
        Objects.requireNonNull(graph, "graph");
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("ComputationGraph has " + outputs.size() + " outputs " + outputs
                    + "; error analysis needs a classifier with exactly one softmax output");
        }
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("ComputationGraph has " + inputs.size() + " inputs " + inputs
                    + "; error analysis feeds one features array per batch, so the graph needs exactly one input");
        }
        return new Graph(graph);
    }

    /** A classifier that can fingerprint the model behind it (for {@link Provenance}). */
    interface Fingerprinted extends Classifier {

        /** Gives the fingerprint of the model's parameters as they are now. */
        String fingerprint();
    }

    /** A multi-layer network as a classifier. */
    private record Network(MultiLayerNetwork network) implements Fingerprinted {

        @Override
        public INDArray probabilities(INDArray features) {
            return network.output(features, false);
        }

        @Override
        public String fingerprint() {
            return Fingerprints.ofModel(network);
        }
    }

    /** A single-input, single-output computation graph as a classifier. */
    private record Graph(ComputationGraph graph) implements Fingerprinted {

        @Override
        public INDArray probabilities(INDArray features) {
            return graph.output(false, features)[0];
        }

        @Override
        public String fingerprint() {
            return Fingerprints.ofModel(graph);
        }
    }
}
