package io.github.erroranalysis;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Adapters from DL4J models to {@link Classifier}; inference only, in test mode. */
final class ModelAdapters {

    private ModelAdapters() {
    }

    static Classifier of(MultiLayerNetwork network) {
        Objects.requireNonNull(network, "network");
        return features -> network.output(features, false);
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
        return features -> graph.output(false, features)[0];
    }
}
