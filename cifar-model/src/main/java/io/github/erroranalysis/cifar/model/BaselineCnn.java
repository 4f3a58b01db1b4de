package io.github.erroranalysis.cifar.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The classic small CIFAR-10 network of the course (Stage 4–5): conv 32 3×3 ReLU, max-pool 2, conv 64 3×3 ReLU,
 * max-pool 2, conv 64 3×3 ReLU, dense 64 ReLU, softmax over the classes — 122,570 parameters for 10 classes.
 *
 * <p>Inputs are NCHW {@code [n, 3, 32, 32]} floats as produced by the {@code cifar-data} iterator. Training uses
 * Adam with the learning rate given (Keras' default is 0.001) and weights initialised from the seed.
 */
public final class BaselineCnn {

    /** The architecture name recorded in saved models. */
    public static final String ARCHITECTURE = "baseline-cnn";

    private BaselineCnn() {
    }

    /**
     * Returns the network configuration: NCHW inputs, workspaces enabled.
     *
     * @param classes      the number of classes (10 for CIFAR-10)
     * @param seed         the seed for weight initialisation
     * @param learningRate Adam's learning rate
     * @return the configuration, ready for {@code new MultiLayerNetwork(conf)}
     */
    public static MultiLayerConfiguration configuration(int classes, long seed, double learningRate) {
        return configuration(classes, seed, learningRate, CNN2DFormat.NCHW, WorkspaceMode.ENABLED);
    }

    /**
     * Returns the network configuration for another input layout or workspace mode (for speed studies); the layers
     * and the parameter count are the same in every layout.
     *
     * <p>Saved models, {@link CifarModel} and the {@code cifar-data} iterator use NCHW; an NHWC network needs
     * features {@code [n, 32, 32, 3]}.
     *
     * @param classes       the number of classes
     * @param seed          the seed for weight initialisation
     * @param learningRate  Adam's learning rate
     * @param format        the input layout of every convolution and pooling layer, NCHW or NHWC
     * @param workspaceMode the workspace mode for training and inference
     * @return the configuration
     */
    public static MultiLayerConfiguration configuration(int classes, long seed, double learningRate,
                                                        CNN2DFormat format, WorkspaceMode workspaceMode) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(workspaceMode)
                .inferenceWorkspaceMode(workspaceMode)
                .list()
                .layer(conv(32, format))
                .layer(pool(format))
                .layer(conv(64, format))
                .layer(pool(format))
                .layer(conv(64, format))
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 3, format))
                .build();
    }

    /**
     * Creates and initialises the network.
     *
     * @param classes      the number of classes
     * @param seed         the seed for weight initialisation
     * @param learningRate Adam's learning rate
     * @return a new, initialised network
     */
    public static MultiLayerNetwork create(int classes, long seed, double learningRate) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(classes, seed, learningRate));
        network.init();
        return network;
    }

    private static ConvolutionLayer conv(int filters, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.RELU).dataFormat(format)
                .build();
    }

    private static SubsamplingLayer pool(CNN2DFormat format) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .dataFormat(format).build();
    }

    /**
     * One row of a model summary: a layer, the shape of its output and its number of parameters.
     *
     * @param layer       the layer's index and kind, for example {@code 0 ConvolutionLayer}
     * @param outputShape the output shape of one example, for example {@code 32x30x30}
     * @param parameters  the number of trainable parameters
     */
    public record SummaryRow(String layer, String outputShape, long parameters) {
    }

    /**
     * Describes each layer of a network (layer, output shape, parameter count), as Keras' {@code model.summary()}.
     *
     * @param network an initialised network with an input type
     * @return one row per layer
     */
    public static List<SummaryRow> summaryRows(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        InputType type = InputType.convolutional(32, 32, 3, inputFormat(conf));
        List<SummaryRow> rows = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer();
            if (conf.getInputPreProcess(i) != null) {
                type = conf.getInputPreProcess(i).getOutputType(type);
            }
            type = layer.getOutputType(i, type);
            rows.add(new SummaryRow(i + " " + layer.getClass().getSimpleName(), shape(type),
                    network.getLayer(i).numParams()));
        }
        return List.copyOf(rows);
    }

    private static CNN2DFormat inputFormat(MultiLayerConfiguration conf) {
        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (conf.getConf(i).getLayer() instanceof ConvolutionLayer conv) {
                return conv.getCnn2dDataFormat();
            }
        }
        return CNN2DFormat.NCHW;
    }

    private static String shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels() + "x" + c.getHeight() + "x" + c.getWidth();
        }
        return String.valueOf(type.arrayElementsPerExample());
    }

    /**
     * Formats the model summary as a table with a total line.
     *
     * @param network an initialised network
     * @return the printable summary
     */
    public static String summary(MultiLayerNetwork network) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-28s %-14s %10s%n",
                "Layer", "Output shape", "Params"));
        long total = 0;
        for (SummaryRow row : summaryRows(network)) {
            out.append(String.format(Locale.ROOT, "%-28s %-14s %,10d%n", row.layer(), row.outputShape(),
                    row.parameters()));
            total += row.parameters();
        }
        out.append(String.format(Locale.ROOT, "Total parameters: %,d%n", total));
        return out.toString();
    }
}
