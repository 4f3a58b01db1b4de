package io.github.erroranalysis;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Any classifier seen by the analysis: a function from a batch of features to class probabilities.
 */
@FunctionalInterface
public interface Classifier {

    /**
     * Predicts class probabilities for a batch of examples, without changing the model.
     *
     * @param features a batch of features whose first dimension is the example
     * @return an N×C matrix of probabilities, one row per example, each row summing to 1
     */
    INDArray probabilities(INDArray features);

    /**
     * Adapts a DL4J network whose output layer is a softmax; inference runs in test mode
     * ({@code output(features, false)}) and never trains or otherwise changes the network.
     *
     * @param network a trained network with a softmax output layer
     * @return a classifier backed by the network
     */
    static Classifier of(MultiLayerNetwork network) {
        return ModelAdapters.of(network);
    }

    /**
     * Adapts a DL4J computation graph with exactly one input and one softmax output; inference runs
     * in test mode and never trains or otherwise changes the graph.
     *
     * @param graph a trained graph with one input and one softmax output
     * @return a classifier backed by the graph
     * @throws IllegalArgumentException if the graph has more than one input or output
     */
    static Classifier of(ComputationGraph graph) {
        return ModelAdapters.of(graph);
    }
}
