package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.cifar.data.CifarDataset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Whether a network or graph takes CIFAR images ({@code [n, 3, 32, 32]}, NCHW), read from its configuration before any
 * image is fed, so that a model for another input is refused with the shape it expects instead of DL4J's text.
 */
final class InputShape {

    /** The largest side tried when working out the image size a network expects. */
    private static final int LARGEST_SIDE = 1024;

    private static final String IMAGES = CifarDataset.CHANNELS + "×" + CifarDataset.SIDE + "×" + CifarDataset.SIDE;

    private InputShape() {
    }

    /**
     * Explains why a network cannot take CIFAR images, or returns null when it can.
     *
     * @param network the network
     * @return for example "the model expects input 1×28×28 but the images are 3×32×32", or null
     */
    static String problem(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        if (conf == null || conf.getConfs().isEmpty()
                || takes(conf, InputType.convolutional(CifarDataset.SIDE, CifarDataset.SIDE, CifarDataset.CHANNELS))) {
            return null;
        }
        return "the model expects input " + expected(conf) + " but the images are " + IMAGES;
    }

    /**
     * Explains why a graph of one input cannot take CIFAR images, or returns null when it can.
     *
     * @param graph the graph
     * @return for example "the model expects input 3×64×64 but the images are 3×32×32", or null
     */
    static String problem(ComputationGraph graph) {
        if (types(graph, cifar()) != null) {
            return null;
        }
        return "the model expects input " + expected(graph) + " but the images are " + IMAGES;
    }

    /**
     * The number of values a graph that takes CIFAR images outputs per example.
     *
     * @param graph a graph for which {@link #problem(ComputationGraph)} is null
     * @return the size of its output vector
     * @throws IllegalArgumentException if the output is not a vector (the message says what it is)
     */
    static long outputs(ComputationGraph graph) {
        Map<String, InputType> types = types(graph, cifar());
        String output = graph.getConfiguration().getNetworkOutputs().get(0);
        InputType type = types == null ? null : types.get(output);
        if (type instanceof InputType.InputTypeFeedForward f) {
            return f.getSize();
        }
        throw new IllegalArgumentException("the graph's output '" + output + "' is " + type + ", not one score per "
                + "class");
    }

    private static InputType cifar() {
        return InputType.convolutional(CifarDataset.SIDE, CifarDataset.SIDE, CifarDataset.CHANNELS);
    }

    /**
     * The output type of every vertex of a graph of one input fed {@code input}, checking every layer's recorded
     * input size on the way; null when the input does not fit.
     */
    private static Map<String, InputType> types(ComputationGraph graph, InputType input) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, InputType> types = new HashMap<>();
        types.put(conf.getNetworkInputs().get(0), input);
        try {
            for (int v : graph.topologicalSortOrder()) {
                String name = graph.getVertices()[v].getVertexName();
                if (types.containsKey(name)) {
                    continue;
                }
                GraphVertex vertex = conf.getVertices().get(name);
                List<String> inputs = conf.getVertexInputs().get(name);
                InputType[] in = new InputType[inputs.size()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = types.get(inputs.get(i));
                    if (in[i] == null) {
                        return null;
                    }
                }
                if (vertex instanceof LayerVertex lv) {
                    InputType type = in[0];
                    InputPreProcessor pre = lv.getPreProcessor();
                    if (pre != null) {
                        if (!agrees(pre, type)) {
                            return null;
                        }
                        type = pre.getOutputType(type);
                    }
                    Layer layer = lv.getLayerConf().getLayer();
                    long size = size(type);
                    if (layer instanceof FeedForwardLayer f && f.getNIn() > 0 && size >= 0 && f.getNIn() != size) {
                        return null;
                    }
                    types.put(name, layer.getOutputType(v, type));
                } else {
                    if (vertex instanceof PreprocessorVertex p && !agrees(p.getPreProcessor(), in[0])) {
                        return null;
                    }
                    types.put(name, vertex.getOutputType(v, in));
                }
            }
            return types;
        } catch (RuntimeException e) { // DL4J's way of saying that the input does not fit a vertex
            return null;
        }
    }

    /** Describes the input a graph takes, as far as the first vertex reading its input tells. */
    private static String expected(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String input = conf.getNetworkInputs().get(0);
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (!e.getValue().contains(input)) {
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(e.getKey());
            InputPreProcessor pre = vertex instanceof LayerVertex lv ? lv.getPreProcessor()
                    : vertex instanceof PreprocessorVertex p ? p.getPreProcessor() : null;
            if (pre instanceof CnnToFeedForwardPreProcessor p) {
                return p.getNumChannels() + "×" + p.getInputHeight() + "×" + p.getInputWidth();
            }
            Layer layer = vertex instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
            if (pre == null && layer instanceof ConvolutionLayer c && c.getNIn() > 0) {
                long channels = c.getNIn();
                if (types(graph, InputType.convolutional(CifarDataset.SIDE, CifarDataset.SIDE, channels)) != null) {
                    return "of " + channels + (channels == 1 ? " channel" : " channels") + " (" + channels + "×H×W)";
                }
                for (int side = 1; side <= LARGEST_SIDE; side++) {
                    if (types(graph, InputType.convolutional(side, side, channels)) != null) {
                        return channels + "×" + side + "×" + side;
                    }
                }
                return "of " + channels + (channels == 1 ? " channel" : " channels") + " at another size";
            }
            if (pre == null && layer instanceof FeedForwardLayer f && f.getNIn() > 0) {
                return String.format(Locale.ROOT, "of %d values per example (a flat vector, not an image)",
                        f.getNIn());
            }
            return "of another shape (first vertex '" + e.getKey() + "', a " + (layer != null
                    ? layer.getClass().getSimpleName() : vertex.getClass().getSimpleName()) + ")";
        }
        return "of another shape";
    }

    /** Describes the input a network takes, as far as its configuration tells. */
    private static String expected(MultiLayerConfiguration conf) {
        InputPreProcessor first = conf.getInputPreProcess(0);
        Layer layer = conf.getConf(0).getLayer();
        if (first instanceof CnnToFeedForwardPreProcessor p) {
            return p.getNumChannels() + "×" + p.getInputHeight() + "×" + p.getInputWidth();
        }
        if (first == null && layer instanceof ConvolutionLayer c && c.getNIn() > 0) {
            long channels = c.getNIn();
            if (takes(conf, InputType.convolutional(CifarDataset.SIDE, CifarDataset.SIDE, channels))) {
                return "of " + channels + (channels == 1 ? " channel" : " channels") + " (" + channels + "×H×W)";
            }
            for (int side = 1; side <= LARGEST_SIDE; side++) {
                if (takes(conf, InputType.convolutional(side, side, channels))) {
                    return channels + "×" + side + "×" + side;
                }
            }
            return "of " + channels + (channels == 1 ? " channel" : " channels") + " at another size";
        }
        if (first == null && layer instanceof FeedForwardLayer f && f.getNIn() > 0) {
            return String.format(Locale.ROOT, "of %d values per example (a flat vector, not an image)", f.getNIn());
        }
        return "of another shape (first layer " + layer.getClass().getSimpleName() + ")";
    }

    /** Whether every layer's recorded input size agrees with what an input of this type gives it. */
    private static boolean takes(MultiLayerConfiguration conf, InputType input) {
        InputType type = input;
        try {
            for (int i = 0; i < conf.getConfs().size(); i++) {
                InputPreProcessor pre = conf.getInputPreProcess(i);
                if (pre != null) {
                    if (!agrees(pre, type)) {
                        return false;
                    }
                    type = pre.getOutputType(type);
                }
                Layer layer = conf.getConf(i).getLayer();
                long size = size(type);
                if (layer instanceof FeedForwardLayer f && f.getNIn() > 0 && size >= 0 && f.getNIn() != size) {
                    return false;
                }
                type = layer.getOutputType(i, type);
            }
            return true;
        } catch (RuntimeException e) { // DL4J's way of saying that the input does not fit a layer
            return false;
        }
    }

    private static boolean agrees(InputPreProcessor pre, InputType type) {
        if (pre instanceof CnnToFeedForwardPreProcessor p) {
            return type instanceof InputType.InputTypeConvolutional c && c.getChannels() == p.getNumChannels()
                    && c.getHeight() == p.getInputHeight() && c.getWidth() == p.getInputWidth();
        }
        if (pre instanceof FeedForwardToCnnPreProcessor p) {
            long size = p.getNumChannels() * p.getInputHeight() * p.getInputWidth();
            return type instanceof InputType.InputTypeFeedForward f ? f.getSize() == size
                    : type instanceof InputType.InputTypeConvolutional c && c.getChannels() == p.getNumChannels()
                            && c.getHeight() == p.getInputHeight() && c.getWidth() == p.getInputWidth();
        }
        return true;
    }

    /** The size a layer's nIn must equal: channels for images, values for vectors; -1 when unknown. */
    private static long size(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels();
        }
        if (type instanceof InputType.InputTypeFeedForward f) {
            return f.getSize();
        }
        return -1;
    }
}
