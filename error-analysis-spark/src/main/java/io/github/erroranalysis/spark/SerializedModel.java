package io.github.erroranalysis.spark;

import io.github.erroranalysis.Classifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A DL4J model as {@link ModelSerializer} bytes (configuration and parameters, no updater), the value broadcast to
 * the executors; each executor rebuilds networks from it.
 */
final class SerializedModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final boolean graph;
    private final byte[] bytes;

    private SerializedModel(boolean graph, byte[] bytes) {
        this.graph = graph;
        this.bytes = bytes;
    }

    static SerializedModel of(MultiLayerNetwork network) {
        return of(network, false);
    }

    static SerializedModel of(ComputationGraph graph) {
        return of(graph, true);
    }

    private static SerializedModel of(Model model, boolean graph) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(model, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the " + (graph ? "computation graph" : "network")
                    + " to broadcast it", e);
        }
        return new SerializedModel(graph, out.toByteArray());
    }

    /** Rebuilds the model and adapts it as a classifier (inference in test mode). */
    Classifier restore() {
        try {
            return graph ? Classifier.of(ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false))
                    : Classifier.of(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the broadcast model (" + bytes.length + " bytes)", e);
        }
    }

    int size() {
        return bytes.length;
    }
}
