package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.io.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

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
 * <p>How ops become DL4J layers, exactly: a convolution is a {@code ConvolutionLayer} in {@code Truncate} mode
 * (asymmetric padding: a {@code ZeroPaddingLayer} before it); a pooling with asymmetric padding is a symmetric one
 * followed by a {@code Cropping2D} when the windows line up, else DL4J's {@code Same} mode when the pads are
 * TensorFlow's "same" pads, else it is refused (padded cells never count for a maximum, and count in an average's
 * divisor only with {@code countIncludePad}); an affine map is a 1×1 convolution (or a dense layer) with a diagonal
 * weight; a flatten is a {@code PreprocessorVertex} of DL4J's {@code CnnToFeedForwardPreProcessor} (C, H, W order).
 * {@link #build} turns the final dense layer into an {@code OutputLayer} (softmax, {@code MCXENT}); a model whose
 * output is made by something else gets an identity output layer, so that DL4J's output layer always has weights.
 *
 * <p>Tensor names are the builder's own (DL4J vertex names, made from the file's node names with characters other
 * than letters, digits, '_', '-' and '.' replaced and made unique); messages name the file's nodes.
 *
 * <p>Not thread-safe; one builder builds one graph.
 */
final class GraphBuilder {

    /** The largest size of one dimension accepted (a declared size beyond it is a malformed file). */
    static final long MAX_SIZE = 1 << 20;
    /** The most channels a per-channel affine map may have (its diagonal weight is channels² floats). */
    static final long MAX_AFFINE_CHANNELS = 4096;

    private final String source;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, TensorShape> shapes = new HashMap<>();
    private final Map<String, String> originals = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private String inputName;
    private String inputVertex;
    private TensorShape inputShape;
    private boolean softmaxAppended;
    private boolean built;

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
        if (inputVertex != null) {
            throw new ModelImportException(source + ": input '" + name + "': a second input; only models of one "
                    + "input are imported (the first is '" + inputName + "')");
        }
        if (channels <= 0 || height <= 0 || width <= 0 || channels > MAX_SIZE || height > MAX_SIZE
                || width > MAX_SIZE) {
            throw new ModelImportException(source + ": input '" + name + "': shape [" + channels + ", " + height
                    + ", " + width + "] is not that of images (every size must be from 1 to " + MAX_SIZE + ")");
        }
        inputName = name;
        inputVertex = unique(name);
        inputShape = new TensorShape(channels, height, width);
        shapes.put(inputVertex, inputShape);
        originals.put(inputVertex, name);
        if (!bgr) {
            return inputVertex;
        }
        int c = (int) channels;
        float[] w = new float[c * c];
        for (int o = 0; o < c; o++) {
            w[o * c + (c - 1 - o)] = 1f;
        }
        Node node = new Node(unique(name + "/bgr"), name + " (RGB to BGR)", "Input", List.of(inputVertex),
                conv(1, 1, c, c, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, false), inputShape);
        node.param("W", w, c, c, 1, 1);
        add(node);
        notes.add("the model takes BGR: a channel-reversing 1×1 convolution follows the input");
        return node.vertex;
    }

    /**
     * Returns the shape of one example of a tensor.
     *
     * @param tensor the tensor's name
     * @return its shape
     * @throws ModelImportException if no op made it
     */
    TensorShape shape(String tensor) throws ModelImportException {
        TensorShape shape = shapes.get(tensor);
        if (shape == null) {
            throw new ModelImportException(source + ": tensor '" + tensor + "' is made by no op before it");
        }
        return shape;
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
        String op = "Conv";
        TensorShape in = image(node, op, input);
        int[] s = pair(node, op, "strides", strides, 1);
        int[] d = pair(node, op, "dilations", dilations, 1);
        int[] p = pads(node, op, pads);
        checkPositive(node, op, "output channels", outChannels);
        checkPositive(node, op, "kernel height", kernelHeight);
        checkPositive(node, op, "kernel width", kernelWidth);
        if (weights == null) {
            throw error(node, op, "no weights");
        }
        if (weights.length != product(outChannels, in.channels(), kernelHeight, kernelWidth)) {
            throw error(node, op, "weights of " + weights.length + " values are not [" + outChannels + ", "
                    + in.channels() + ", " + kernelHeight + ", " + kernelWidth + "] for input " + in);
        }
        if (bias != null && bias.length != outChannels) {
            throw error(node, op, "bias of " + bias.length + " values for " + outChannels + " output channels");
        }
        long outH = outSize(in.height(), p[0] + p[2], kernelHeight, s[0], d[0]);
        long outW = outSize(in.width(), p[1] + p[3], kernelWidth, s[1], d[1]);
        if (outH < 1 || outW < 1) {
            throw error(node, op, "kernel " + kernelHeight + "×" + kernelWidth + " (dilations " + d[0] + ", " + d[1]
                    + ", pads " + Arrays.toString(p) + ") is larger than the padded input " + in);
        }
        String from = input;
        boolean symmetric = p[0] == p[2] && p[1] == p[3];
        if (!symmetric) {
            from = zeroPad(node, op, input, in, p);
        }
        int[] convPad = symmetric ? new int[] {p[0], p[1]} : new int[] {0, 0};
        TensorShape outShape = new TensorShape(outChannels, outH, outW);
        Node n = new Node(unique(node), node, op, List.of(from),
                conv((int) kernelHeight, (int) kernelWidth, in.channels(), outChannels, s, convPad, d, bias != null),
                outShape);
        n.param("W", weights, outChannels, in.channels(), kernelHeight, kernelWidth);
        if (bias != null) {
            n.param("b", bias, outChannels);
        }
        return add(n);
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
        String op = "Dense";
        TensorShape in = flat(node, op, input);
        checkPositive(node, op, "output features", out);
        if (weights == null) {
            throw error(node, op, "no weights");
        }
        if (weights.length != product(in.channels(), out)) {
            throw error(node, op, "weights of " + weights.length + " values are not [" + in.channels() + ", " + out
                    + "] for input " + in);
        }
        if (bias != null && bias.length != out) {
            throw error(node, op, "bias of " + bias.length + " values for " + out + " output features");
        }
        Node n = new Node(unique(node), node, op, List.of(input), dense(in.channels(), out, true),
                TensorShape.flat(out));
        n.param("W", weights, in.channels(), out);
        n.param("b", bias != null ? bias : new float[(int) out], out);
        n.dense = true;
        return add(n);
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
        return pool(node, "MaxPool", input, kernel, strides, pads, PoolingType.MAX, false);
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
        return pool(node, "AveragePool", input, kernel, strides, pads, PoolingType.AVG, countIncludePad);
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
        String op = "GlobalAveragePool";
        TensorShape in = image(node, op, input);
        Node n = new Node(unique(node), node, op, List.of(input),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(),
                TensorShape.flat(in.channels()));
        return add(n);
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
        String op = "BatchNormalization";
        TensorShape in = shape(node, op, input);
        long c = in.channels();
        checkLength(node, op, "gamma", gamma, c);
        checkLength(node, op, "beta", beta, c);
        checkLength(node, op, "mean", mean, c);
        checkLength(node, op, "variance", variance, c);
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw error(node, op, "epsilon " + epsilon + " is not a finite value ≥ 0");
        }
        for (int i = 0; i < c; i++) {
            if (!(variance[i] >= 0) || Float.isInfinite(variance[i])) {
                throw error(node, op, "variance " + variance[i] + " of channel " + i + " is not a finite value ≥ 0");
            }
        }
        BatchNormalization.Builder b = new BatchNormalization.Builder().useLogStd(false).eps(epsilon).nIn(c).nOut(c);
        if (!in.isFlat()) {
            b.dataFormat(CNN2DFormat.NCHW);
        }
        Node n = new Node(unique(node), node, op, List.of(input), b.build(), in);
        n.param(BatchNormalizationParamInitializer.GAMMA, gamma, c);
        n.param(BatchNormalizationParamInitializer.BETA, beta, c);
        n.param(BatchNormalizationParamInitializer.GLOBAL_MEAN, mean, c);
        n.param(BatchNormalizationParamInitializer.GLOBAL_VAR, variance, c);
        return add(n);
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
        return activation(node, input, activation, null);
    }

    /**
     * An element-wise activation, or softmax over the features of a flat tensor, with the words that name its
     * layer in the one-line refusal of a model ending in it (such as {@code layer 'dense_1'}).
     *
     * @param node the node's name
     * @param input the input tensor
     * @param activation DL4J's activation
     * @param owner how messages name the layer or node it belongs to; null for {@code node 'NAME'}
     * @return the output tensor
     * @throws ModelImportException if a softmax is asked of an image tensor
     */
    String activation(String node, String input, IActivation activation, String owner) throws ModelImportException {
        String op = activation == null ? "Activation" : activation.getClass().getSimpleName();
        TensorShape in = shape(node, op, input);
        if (activation == null) {
            throw error(node, op, "no activation");
        }
        if (activation instanceof ActivationIdentity) {
            return input;
        }
        if (activation instanceof ActivationSoftmax && !in.isFlat()) {
            throw error(node, op, "softmax of image tensor " + in + "; only a softmax over the features of a flat "
                    + "tensor is supported");
        }
        Node n = new Node(unique(node), node, op, List.of(input),
                new ActivationLayer.Builder().activation(activation).build(), in);
        n.softmax = activation instanceof ActivationSoftmax;
        n.activation = activationName(activation);
        n.owner = owner != null ? owner : "node '" + node + "'";
        return add(n);
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
        String op = "Affine";
        TensorShape in = shape(node, op, input);
        long c = in.channels();
        float[] sc = perChannel(node, op, "scale", scale, c);
        float[] sh = perChannel(node, op, "shift", shift, c);
        if (c > MAX_AFFINE_CHANNELS) {
            throw error(node, op, "a per-channel affine map of " + c + " channels (at most " + MAX_AFFINE_CHANNELS
                    + " are supported)");
        }
        int k = (int) c;
        float[] w = new float[k * k];
        for (int i = 0; i < k; i++) {
            w[i * k + i] = sc[i];
        }
        Node n;
        if (in.isFlat()) {
            n = new Node(unique(node), node, op, List.of(input), dense(c, c, true), in);
            n.param("W", w, c, c);
        } else {
            n = new Node(unique(node), node, op, List.of(input),
                    conv(1, 1, c, c, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, true), in);
            n.param("W", w, c, c, 1, 1);
        }
        n.param("b", sh, c);
        return add(n);
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
        String op = "Add";
        TensorShape sa = shape(node, op, a);
        TensorShape sb = shape(node, op, b);
        if (!sa.equals(sb)) {
            throw error(node, op, "tensors '" + original(a) + "' " + sa + " and '" + original(b) + "' " + sb
                    + " differ in shape (broadcasting is not supported)");
        }
        return add(new Node(unique(node), node, op, List.of(a, b), new ElementWiseVertex(ElementWiseVertex.Op.Add),
                sa));
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
        String op = "Concat";
        if (inputs == null || inputs.isEmpty()) {
            throw error(node, op, "no inputs");
        }
        TensorShape first = shape(node, op, inputs.get(0));
        long channels = 0;
        for (String t : inputs) {
            TensorShape s = shape(node, op, t);
            if (s.isFlat() != first.isFlat() || s.height() != first.height() || s.width() != first.width()) {
                throw error(node, op, "tensors '" + original(inputs.get(0)) + "' " + first + " and '" + original(t)
                        + "' " + s + " differ in more than " + (first.isFlat() ? "features" : "channels"));
            }
            channels += s.channels();
        }
        if (inputs.size() == 1) {
            return inputs.get(0);
        }
        TensorShape out = new TensorShape(channels, first.height(), first.width());
        return add(new Node(unique(node), node, op, List.copyOf(inputs), new MergeVertex(), out));
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
        String op = "Flatten";
        TensorShape in = shape(node, op, input);
        if (in.isFlat()) {
            return input;
        }
        return add(new Node(unique(node), node, op, List.of(input),
                new PreprocessorVertex(new CnnToFeedForwardPreProcessor(in.height(), in.width(), in.channels(),
                        CNN2DFormat.NCHW)),
                TensorShape.flat(in.size())));
    }

    /**
     * Builds the graph whose output is {@code output}: a final dense layer (with or without the softmax after it)
     * becomes DL4J's {@code OutputLayer} with softmax, so that saliency and embeddings find the classifier; an output
     * made by a linear op (logits) gets a softmax appended ({@link #softmaxAppended()}); one made by another
     * activation (sigmoid, relu, tanh, ...) is refused, as it is no logits.
     *
     * @param output the model's output tensor (flat)
     * @return the initialised network with the file's weights
     * @throws ModelImportException if the output is not flat, ends in an activation other than softmax, or the graph
     *                              cannot be built
     */
    ComputationGraph build(String output) throws ModelImportException {
        if (built) {
            throw new IllegalStateException("GraphBuilder.build was called twice");
        }
        built = true;
        if (inputVertex == null) {
            throw new ModelImportException(source + ": the model declares no input");
        }
        TensorShape outShape = shapes.get(output);
        if (outShape == null) {
            throw new ModelImportException(source + ": output '" + output + "' is made by no op");
        }
        if (!outShape.isFlat()) {
            throw new ModelImportException(source + ": output '" + original(output) + "' is an image tensor "
                    + outShape + ", not one score per class");
        }
        Set<String> kept = ancestors(output);
        Node last = nodes.get(output);
        String classifierInput;   // the tensor the output layer reads
        Node dense = null;        // the model's final dense layer, made the output layer
        boolean softmax = last != null && last.softmax;
        Node beforeSoftmax = softmax ? nodes.get(last.inputs.get(0)) : last;
        if (beforeSoftmax != null && beforeSoftmax.dense && consumers(beforeSoftmax.vertex, kept) <= (softmax ? 1 : 0)) {
            dense = beforeSoftmax;
            classifierInput = dense.inputs.get(0);
        } else {
            classifierInput = softmax ? last.inputs.get(0) : output;
        }
        softmaxAppended = !softmax;
        if (softmaxAppended) {
            Node end = last;
            while (end != null && end.graphVertex instanceof PreprocessorVertex) { // a flatten keeps the values
                end = nodes.get(end.inputs.get(0));
            }
            if (end != null && end.activation != null) {
                throw new ModelImportException(source + ": the model ends in '" + end.activation + "' (" + end.owner
                        + "), so its outputs are not one probability distribution over the classes; this library "
                        + "analyses softmax classifiers (export the logits or a softmax)");
            }
            notes.add("the model ends in scores without a softmax (logits): a softmax is appended, so its outputs "
                    + "are probabilities");
        }
        long classes = dense != null ? dense.shape.channels() : shapes.get(classifierInput).channels();
        if (classes < 2) {
            throw new ModelImportException(source + ": output '" + original(output) + "' has " + classes
                    + " value per example; a classifier has one score per class, at least 2");
        }
        String outputVertex = dense != null ? dense.vertex : unique("output");
        Node outNode = new Node(outputVertex, dense != null ? dense.original : "output", "Output",
                List.of(classifierInput), new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(shapes.get(classifierInput).channels()).nOut(classes)
                        .hasBias(true).build(), TensorShape.flat(classes));
        if (dense != null) {
            outNode.params.putAll(dense.params);
        } else {
            if (classes > MAX_AFFINE_CHANNELS) {
                throw new ModelImportException(source + ": output '" + original(output) + "' of " + classes
                        + " values is not made by a dense layer, and an identity output layer of more than "
                        + MAX_AFFINE_CHANNELS + " classes is not built");
            }
            int k = (int) classes;
            float[] eye = new float[k * k];
            for (int i = 0; i < k; i++) {
                eye[i * k + i] = 1f;
            }
            outNode.param("W", eye, classes, classes);
            outNode.param("b", new float[k], classes);
            notes.add("the model's output '" + original(output) + "' is not made by a dense layer: an identity "
                    + "output layer (weights 1 on the diagonal, bias 0) " + (softmax ? "with the model's softmax"
                    : "with a softmax") + " ends the graph, and its input is what embeddings and Grad-CAM read");
        }
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .seed(0).weightInit(WeightInit.ZERO).updater(new NoOp());
        ComputationGraphConfiguration.GraphBuilder graph = base.graphBuilder().addInputs(inputVertex)
                .setInputTypes(InputType.convolutional(inputShape.height(), inputShape.width(),
                        inputShape.channels()));
        List<Node> order = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (!kept.contains(n.vertex) || n == dense || (softmax && n == last)) {
                continue;
            }
            order.add(n);
        }
        order.add(outNode);
        for (Node n : order) {
            String[] in = n.inputs.toArray(String[]::new);
            if (n.layer != null) {
                graph.addLayer(n.vertex, n.layer, in);
            } else {
                graph.addVertex(n.vertex, n.graphVertex, in);
            }
        }
        graph.setOutputs(outputVertex);
        ComputationGraph network;
        try {
            network = new ComputationGraph(graph.build());
            network.init();
        } catch (RuntimeException e) {
            throw new ModelImportException(source + ": DL4J cannot build the converted graph ("
                    + Messages.causes(e) + ")", e);
        }
        for (Node n : order) {
            if (n.params.isEmpty()) {
                continue;
            }
            Layer layer = network.getLayer(n.vertex);
            for (Map.Entry<String, Param> e : n.params.entrySet()) {
                INDArray target = layer.getParam(e.getKey());
                Param value = e.getValue();
                boolean sameShape = target != null && Arrays.equals(target.shape(), value.shape());
                // a vector (bias, batch-norm statistics) may be [1, n] in DL4J; any other shape must be the same
                if (target == null || target.length() != value.values().length
                        || (!sameShape && value.shape().length != 1)) {
                    throw new ModelImportException(source + ": node '" + n.original + "' (" + n.op + "): DL4J's "
                            + "parameter " + e.getKey() + " is " + (target == null ? "absent" : Arrays.toString(
                            target.shape())) + ", the file's " + Arrays.toString(value.shape()));
                }
                INDArray array = Nd4j.create(value.values(), value.shape(), 'c');
                target.assign(sameShape ? array : array.reshape('c', target.shape()));
            }
        }
        return network;
    }

    /**
     * Whether {@link #build} appended a softmax because the model ended in logits.
     *
     * @return true when the outputs were logits
     */
    boolean softmaxAppended() {
        return softmaxAppended;
    }

    /**
     * The notes made while building (one line each), such as ops that are the identity at inference.
     *
     * @return the notes
     */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** A parameter's values and the shape they have in the file's (C) order. */
    private record Param(float[] values, long[] shape) {
    }

    /** One DL4J layer or vertex of the graph being built. */
    private static final class Node {
        final String vertex;
        final String original;
        final String op;
        final List<String> inputs;
        final org.deeplearning4j.nn.conf.layers.Layer layer;
        final GraphVertex graphVertex;
        final TensorShape shape;
        final Map<String, Param> params = new LinkedHashMap<>();
        boolean dense;
        boolean softmax;
        String activation; // the activation's name (sigmoid, relu, ...) when an element-wise activation makes it
        String owner;      // how a refusal names its layer or node

        Node(String vertex, String original, String op, List<String> inputs,
             org.deeplearning4j.nn.conf.layers.Layer layer, TensorShape shape) {
            this(vertex, original, op, inputs, layer, null, shape);
        }

        Node(String vertex, String original, String op, List<String> inputs, GraphVertex graphVertex,
             TensorShape shape) {
            this(vertex, original, op, inputs, null, graphVertex, shape);
        }

        private Node(String vertex, String original, String op, List<String> inputs,
                     org.deeplearning4j.nn.conf.layers.Layer layer, GraphVertex graphVertex, TensorShape shape) {
            this.vertex = vertex;
            this.original = original;
            this.op = op;
            this.inputs = inputs;
            this.layer = layer;
            this.graphVertex = graphVertex;
            this.shape = shape;
        }

        void param(String key, float[] values, long... shape) {
            params.put(key, new Param(values, shape));
        }
    }

    /** The usual name of an activation (Keras's where there is one), for messages. */
    private static String activationName(IActivation activation) {
        String name = activation.getClass().getSimpleName();
        return switch (name) {
            case "ActivationSigmoid" -> "sigmoid";
            case "ActivationReLU" -> "relu";
            case "ActivationReLU6" -> "relu6";
            case "ActivationLReLU" -> "leaky_relu";
            case "ActivationTanH" -> "tanh";
            case "ActivationELU" -> "elu";
            case "ActivationSoftPlus" -> "softplus";
            case "ActivationSwish" -> "swish";
            case "ActivationSoftmax" -> "softmax";
            default -> name.startsWith("Activation") ? name.substring("Activation".length()).toLowerCase(
                    java.util.Locale.ROOT) : name;
        };
    }

    /** Records a node and its output tensor; returns the tensor's name. */
    private String add(Node node) {
        nodes.put(node.vertex, node);
        shapes.put(node.vertex, node.shape);
        originals.put(node.vertex, node.original);
        return node.vertex;
    }

    /** A DL4J vertex name made from a file's name: other characters than [A-Za-z0-9_.-] replaced, made unique. */
    private String unique(String name) {
        String base = name == null ? "" : name.replaceAll("[^A-Za-z0-9_.\\-]", "_");
        if (base.isEmpty()) {
            base = "node";
        }
        if (base.length() > 120) {
            base = base.substring(0, 120);
        }
        String candidate = base;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    /** The file's name of a tensor, for messages. */
    private String original(String tensor) {
        return originals.getOrDefault(tensor, tensor);
    }

    private ModelImportException error(String node, String op, String what) {
        return new ModelImportException(source + ": node '" + node + "' (" + op + "): " + what);
    }

    private TensorShape shape(String node, String op, String tensor) throws ModelImportException {
        if (inputVertex == null) {
            throw error(node, op, "comes before the model's input is declared");
        }
        TensorShape shape = tensor == null ? null : shapes.get(tensor);
        if (shape == null) {
            throw error(node, op, "reads tensor '" + tensor + "', which no op before it makes");
        }
        return shape;
    }

    private TensorShape image(String node, String op, String tensor) throws ModelImportException {
        TensorShape shape = shape(node, op, tensor);
        if (shape.isFlat()) {
            throw error(node, op, "needs an image tensor, but '" + original(tensor) + "' is flat " + shape);
        }
        return shape;
    }

    private TensorShape flat(String node, String op, String tensor) throws ModelImportException {
        TensorShape shape = shape(node, op, tensor);
        if (!shape.isFlat()) {
            throw error(node, op, "needs a flat tensor, but '" + original(tensor) + "' is an image " + shape
                    + " (flatten it first)");
        }
        return shape;
    }

    private void checkPositive(String node, String op, String what, long value) throws ModelImportException {
        if (value <= 0 || value > MAX_SIZE) {
            throw error(node, op, what + " " + value + " is not from 1 to " + MAX_SIZE);
        }
    }

    private void checkLength(String node, String op, String what, float[] values, long channels)
            throws ModelImportException {
        if (values == null || values.length != channels) {
            throw error(node, op, what + " has " + (values == null ? "no" : String.valueOf(values.length))
                    + " values for " + channels + " channels");
        }
    }

    private float[] perChannel(String node, String op, String what, float[] values, long channels)
            throws ModelImportException {
        if (values != null && values.length == 1) {
            float[] out = new float[(int) Math.min(channels, MAX_AFFINE_CHANNELS + 1)];
            Arrays.fill(out, values[0]);
            return out;
        }
        if (values == null || values.length != channels) {
            throw error(node, op, what + " has " + (values == null ? "no" : String.valueOf(values.length))
                    + " values, neither 1 nor one per channel (" + channels + ")");
        }
        return values;
    }

    private int[] pair(String node, String op, String what, int[] values, int minimum) throws ModelImportException {
        if (values == null || values.length != 2 || values[0] < minimum || values[1] < minimum
                || values[0] > MAX_SIZE || values[1] > MAX_SIZE) {
            throw error(node, op, what + " " + Arrays.toString(values) + " are not two values from " + minimum
                    + " to " + MAX_SIZE);
        }
        return values.clone();
    }

    private int[] pads(String node, String op, int[] pads) throws ModelImportException {
        if (pads == null || pads.length != 4 || Arrays.stream(pads).anyMatch(p -> p < 0 || p > MAX_SIZE)) {
            throw error(node, op, "pads " + Arrays.toString(pads) + " are not four values {top, left, bottom, "
                    + "right} from 0 to " + MAX_SIZE);
        }
        return pads.clone();
    }

    /** The product of sizes, or -1 when it exceeds what an array holds (so no array length equals it). */
    private static long product(long... sizes) {
        long p = 1;
        for (long size : sizes) {
            if (size < 0 || (size > 0 && p > Integer.MAX_VALUE / size)) {
                return -1;
            }
            p *= size;
        }
        return p;
    }

    /** The output size of a convolution or pooling along one axis (floor mode); below 1 when it does not fit. */
    private static long outSize(long size, long pad, long kernel, long stride, long dilation) {
        long extent = (kernel - 1) * dilation + 1;
        long room = size + pad - extent;
        return room < 0 ? 0 : room / stride + 1;
    }

    private static ConvolutionLayer conv(int kh, int kw, long in, long out, int[] strides, int[] padding,
                                         int[] dilations, boolean bias) {
        return new ConvolutionLayer.Builder(kh, kw).nIn(in).nOut(out).stride(strides).padding(padding)
                .dilation(dilations).convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY)
                .hasBias(bias).dataFormat(CNN2DFormat.NCHW).build();
    }

    private static DenseLayer dense(long in, long out, boolean bias) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.IDENTITY).hasBias(bias).build();
    }

    /** A zero-padding layer {top, left, bottom, right} before a node; returns the padded tensor. */
    private String zeroPad(String node, String op, String input, TensorShape in, int[] p) {
        TensorShape padded = new TensorShape(in.channels(), in.height() + p[0] + p[2], in.width() + p[1] + p[3]);
        return add(new Node(unique(node + "/pad"), node, op + " padding", List.of(input),
                new ZeroPaddingLayer.Builder(p[0], p[2], p[1], p[3]).dataFormat(CNN2DFormat.NCHW).build(), padded));
    }

    /**
     * How one axis of a pooling with pads (before, after) is done with symmetric padding {@code pad} (the least at
     * least both whose windows line up with the original's) and the outputs {@code cropBefore}, {@code cropAfter}
     * cropped; null when that padding would make a window of padding only.
     */
    private record PoolAxis(int pad, int cropBefore, int cropAfter) {

        static PoolAxis of(long size, int kernel, int stride, int before, int after) {
            if (before == after) {
                return new PoolAxis(before, 0, 0);
            }
            int pad = Math.max(before, after);
            while ((pad - before) % stride != 0) {
                pad++;
            }
            if (pad >= kernel) { // a window of padding only: no maximum, a divisor of 0
                return null;
            }
            long original = outSize(size, before + after, kernel, stride, 1);
            long symmetric = outSize(size, 2L * pad, kernel, stride, 1);
            int cropBefore = (pad - before) / stride;
            long cropAfter = symmetric - original - cropBefore;
            return cropAfter < 0 ? null : new PoolAxis(pad, cropBefore, (int) cropAfter);
        }
    }

    /** Whether pads (before, after) are TensorFlow's "same" pads of one axis (what DL4J's Same mode pools with). */
    private static boolean samePads(long size, int kernel, int stride, int before, int after) {
        long out = (size + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + kernel - size, 0);
        return before == total / 2 && after == total - total / 2;
    }

    private String pool(String node, String op, String input, int[] kernel, int[] strides, int[] pads,
                        PoolingType type, boolean countIncludePad) throws ModelImportException {
        TensorShape in = image(node, op, input);
        int[] k = pair(node, op, "kernel", kernel, 1);
        int[] s = pair(node, op, "strides", strides, 1);
        int[] p = pads(node, op, pads);
        if (p[0] >= k[0] || p[2] >= k[0] || p[1] >= k[1] || p[3] >= k[1]) {
            throw error(node, op, "pads " + Arrays.toString(p) + " reach a whole kernel " + k[0] + "×" + k[1]
                    + " (a window of padding only)");
        }
        long outH = outSize(in.height(), p[0] + p[2], k[0], s[0], 1);
        long outW = outSize(in.width(), p[1] + p[3], k[1], s[1], 1);
        if (outH < 1 || outW < 1) {
            throw error(node, op, "kernel " + k[0] + "×" + k[1] + " (pads " + Arrays.toString(p) + ") is larger "
                    + "than the padded input " + in);
        }
        TensorShape outShape = new TensorShape(in.channels(), outH, outW);
        PoolAxis h = PoolAxis.of(in.height(), k[0], s[0], p[0], p[2]);
        PoolAxis w = PoolAxis.of(in.width(), k[1], s[1], p[1], p[3]);
        SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(type).kernelSize(k).stride(s)
                .dataFormat(CNN2DFormat.NCHW);
        if (type == PoolingType.AVG) {
            b.avgPoolIncludePadInDivisor(countIncludePad);
        }
        if (h != null && w != null) {
            b.convolutionMode(ConvolutionMode.Truncate).padding(h.pad(), w.pad());
            boolean crop = h.cropBefore() + h.cropAfter() + w.cropBefore() + w.cropAfter() > 0;
            if (!crop) {
                return add(new Node(unique(node), node, op, List.of(input), b.build(), outShape));
            }
            TensorShape pooled = new TensorShape(in.channels(), outH + h.cropBefore() + h.cropAfter(),
                    outW + w.cropBefore() + w.cropAfter());
            String pooledName = add(new Node(unique(node + "/symmetric"), node, op, List.of(input), b.build(),
                    pooled));
            return add(new Node(unique(node), node, op + " cropping", List.of(pooledName),
                    new Cropping2D.Builder(h.cropBefore(), h.cropAfter(), w.cropBefore(), w.cropAfter())
                            .dataFormat(CNN2DFormat.NCHW).build(), outShape));
        }
        if (samePads(in.height(), k[0], s[0], p[0], p[2]) && samePads(in.width(), k[1], s[1], p[1], p[3])) {
            b.convolutionMode(ConvolutionMode.Same);
            return add(new Node(unique(node), node, op, List.of(input), b.build(), outShape));
        }
        throw error(node, op, "asymmetric pads " + Arrays.toString(p) + " with strides " + Arrays.toString(s)
                + " on input " + in + " are neither symmetric padding plus cropping nor \"same\" padding, which "
                + "is all DL4J pools exactly with");
    }

    /** The vertices {@code output} depends on, itself included. */
    private Set<String> ancestors(String output) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(output));
        while (!todo.isEmpty()) {
            String t = todo.remove(todo.size() - 1);
            if (seen.add(t)) {
                Node n = nodes.get(t);
                if (n != null) {
                    todo.addAll(n.inputs);
                }
            }
        }
        return seen;
    }

    /** How many kept nodes read a tensor (a node reading it twice counts twice). */
    private int consumers(String tensor, Set<String> kept) {
        int count = 0;
        for (Node n : nodes.values()) {
            if (kept.contains(n.vertex)) {
                for (String in : n.inputs) {
                    if (in.equals(tensor)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** The file being converted, for messages. */
    String source() {
        return source;
    }
}
