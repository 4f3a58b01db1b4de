package io.github.erroranalysis.modelimport;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;

/**
 * The one converter into DL4J: both front-ends ({@code OnnxImport}, {@code KerasImport}) describe the model op by op
 * in the library's layout (NCHW, weights in PyTorch/ONNX order), and this builds the {@link ComputationGraph} and
 * sets its parameters.
 *
 * <p>Tensors are named by strings; every op takes its input tensors' names and returns the name of its output tensor
 * (an op that is the identity at inference returns its input's name). The shape of every tensor is tracked
 * ({@link #shape}), so ops check their inputs and a front-end can ask, for example, the shape before a flatten.
 * Every failure is a {@link ModelImportException} naming the source file and the node ("model.onnx: node
 * 'Conv_3': ...").
 *
 * <p>Not thread-safe; one builder builds one graph.
 */
final class GraphBuilder {

    private final String source;

    /**
     * Starts a graph.
     *
     * @param source the file being converted, for messages
     */
    GraphBuilder(String source) {
        this.source = source;
    }

    /**
     * Declares the one input: {@code [n, channels, height, width]} images, RGB and normalised by the library; with
     * {@code bgr} the channels are reversed right after the input (a 1×1 convolution of ones and zeros, exact), so
     * that the rest of the graph sees BGR as the original model did.
     *
     * @param name the input's name in the file
     * @param channels channels (3 for colour images)
     * @param height image height
     * @param width image width
     * @param bgr whether the original model takes BGR
     * @return the name of the tensor the graph's first op reads
     * @throws ModelImportException if a size is not positive
     */
    String input(String name, long channels, long height, long width, boolean bgr) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.input is being written");
    }

    /**
     * Returns the shape of one example of a tensor.
     *
     * @param tensor the tensor's name
     * @return its shape
     * @throws ModelImportException if no op made it
     */
    TensorShape shape(String tensor) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.shape is being written");
    }

    /**
     * A 2-D convolution (groups 1), cross-correlation as in PyTorch, ONNX and Keras.
     *
     * @param node the node's name, for the graph and messages
     * @param input the input tensor (an image)
     * @param weights {@code [out, in, kernelHeight, kernelWidth]} in C order (OIHW)
     * @param outChannels output channels
     * @param kernelHeight kernel height
     * @param kernelWidth kernel width
     * @param bias {@code out} values, or null for none
     * @param strides {height, width}
     * @param pads {top, left, bottom, right}; asymmetric padding is a zero-padding layer before the convolution
     * @param dilations {height, width}
     * @return the output tensor
     * @throws ModelImportException if the shapes do not agree
     */
    String conv2d(String node, String input, float[] weights, long outChannels, long kernelHeight, long kernelWidth,
                  float[] bias, int[] strides, int[] pads, int[] dilations) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.conv2d is being written");
    }

    /**
     * A fully connected layer {@code y = x W + b} on a flat tensor.
     *
     * @param node the node's name
     * @param input the input tensor (flat)
     * @param weights {@code [in, out]} in C order
     * @param out output features
     * @param bias {@code out} values, or null for none
     * @return the output tensor
     * @throws ModelImportException if the input is not flat or its size is not {@code weights.length / out}
     */
    String dense(String node, String input, float[] weights, long out, float[] bias) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.dense is being written");
    }

    /**
     * Max pooling; padded positions never win (as in PyTorch, ONNX and Keras).
     *
     * @param node the node's name
     * @param input the input tensor (an image)
     * @param kernel {height, width}
     * @param strides {height, width}
     * @param pads {top, left, bottom, right}
     * @return the output tensor
     * @throws ModelImportException if the shapes do not agree
     */
    String maxPool(String node, String input, int[] kernel, int[] strides, int[] pads) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.maxPool is being written");
    }

    /**
     * Average pooling.
     *
     * @param node the node's name
     * @param input the input tensor (an image)
     * @param kernel {height, width}
     * @param strides {height, width}
     * @param pads {top, left, bottom, right}
     * @param countIncludePad whether padded zeros count in the divisor (ONNX {@code count_include_pad}; Keras never)
     * @return the output tensor
     * @throws ModelImportException if the shapes do not agree
     */
    String averagePool(String node, String input, int[] kernel, int[] strides, int[] pads, boolean countIncludePad)
            throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.averagePool is being written");
    }

    /**
     * Global average pooling over height and width; the output is flat ({@code channels} features), which is what
     * a following flatten sees too (ONNX's {@code [n, c, 1, 1]} is the same values).
     *
     * @param node the node's name
     * @param input the input tensor (an image)
     * @return the output tensor (flat)
     * @throws ModelImportException if the input is flat
     */
    String globalAveragePool(String node, String input) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.globalAveragePool is being written");
    }

    /**
     * Batch normalisation in inference form, {@code gamma (x - mean) / sqrt(variance + epsilon) + beta}, per channel
     * of an image or per feature of a flat tensor.
     *
     * @param node the node's name
     * @param input the input tensor
     * @param gamma the scale, one per channel
     * @param beta the shift, one per channel
     * @param mean the running mean, one per channel
     * @param variance the running variance, one per channel
     * @param epsilon the epsilon
     * @return the output tensor
     * @throws ModelImportException if the lengths are not the channel count
     */
    String batchNorm(String node, String input, float[] gamma, float[] beta, float[] mean, float[] variance,
                     double epsilon) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.batchNorm is being written");
    }

    /**
     * An element-wise activation, or softmax over the features of a flat tensor.
     *
     * @param node the node's name
     * @param input the input tensor
     * @param activation DL4J's activation ({@code ActivationReLU}, {@code ActivationSoftmax},
     *                   {@code ActivationLReLU(alpha)}, {@code ActivationSigmoid}, {@code ActivationTanH}, ...)
     * @return the output tensor
     * @throws ModelImportException if a softmax is asked of an image tensor
     */
    String activation(String node, String input, IActivation activation) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.activation is being written");
    }

    /**
     * A per-channel affine map {@code x * scale + shift} (Keras {@code Rescaling}/{@code Normalization}, ONNX
     * {@code Mul}/{@code Add}/{@code Sub}/{@code Div} by constants).
     *
     * @param node the node's name
     * @param input the input tensor
     * @param scale one value, or one per channel
     * @param shift one value, or one per channel
     * @return the output tensor
     * @throws ModelImportException if the lengths are neither 1 nor the channel count
     */
    String affine(String node, String input, float[] scale, float[] shift) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.affine is being written");
    }

    /**
     * The element-wise sum of two tensors of one shape (a residual connection).
     *
     * @param node the node's name
     * @param a one tensor
     * @param b the other
     * @return the output tensor
     * @throws ModelImportException if the shapes differ (both are named)
     */
    String add(String node, String a, String b) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.add is being written");
    }

    /**
     * Concatenates images along channels, or flat tensors along features.
     *
     * @param node the node's name
     * @param inputs the tensors, in order
     * @return the output tensor
     * @throws ModelImportException if the other dimensions differ
     */
    String concat(String node, List<String> inputs) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.concat is being written");
    }

    /**
     * Flattens an image in channel, row, column order (PyTorch's and ONNX's); a flat tensor is returned as it is.
     *
     * @param node the node's name
     * @param input the input tensor
     * @return the output tensor
     * @throws ModelImportException never for a known tensor
     */
    String flatten(String node, String input) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.flatten is being written");
    }

    /**
     * Builds the graph whose output is {@code output}: a final dense layer (with or without the softmax after it)
     * becomes DL4J's {@code OutputLayer} with softmax, so that saliency and embeddings find the classifier; an output
     * without a softmax gets one appended ({@link #softmaxAppended()}).
     *
     * @param output the model's output tensor (flat)
     * @return the initialised network with the file's weights
     * @throws ModelImportException if the output is not flat or the graph cannot be built
     */
    ComputationGraph build(String output) throws ModelImportException {
        throw new UnsupportedOperationException("GraphBuilder.build is being written");
    }

    /**
     * Whether {@link #build} appended a softmax because the model ended in logits.
     *
     * @return true when the outputs were logits
     */
    boolean softmaxAppended() {
        return false;
    }

    /**
     * The notes made while building (one line each), such as ops that are the identity at inference.
     *
     * @return the notes
     */
    List<String> notes() {
        return List.of();
    }

    /** The file being converted, for messages. */
    String source() {
        return source;
    }
}
