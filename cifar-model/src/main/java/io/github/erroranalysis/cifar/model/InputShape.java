package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.cifar.data.CifarDataset;
import java.util.Locale;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Whether a network takes CIFAR images ({@code [n, 3, 32, 32]}, NCHW), read from its configuration before any
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
