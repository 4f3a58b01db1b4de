package io.github.erroranalysis.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex;
import org.deeplearning4j.nn.graph.vertex.impl.InputVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.MergeVertex;
import org.deeplearning4j.nn.graph.vertex.impl.PreprocessorVertex;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Grad-CAM (Selvaraju et al. 2017) in inference mode for a {@link MultiLayerNetwork} or {@link ComputationGraph}:
 * the explained class's pre-softmax score (its logit) is differentiated with respect to the activations of the last
 * convolution layer of a network, or of a graph's last feature map (the last image-shaped output of a convolution,
 * activation, batch normalization, element-wise or merge vertex that every path to the output passes through: a
 * residual block's output after its add and ReLU, as torchvision's ResNet is explained at layer4's output, not a
 * convolution inside the block's last branch); each channel's weight is the spatial mean of its gradient; the map is the ReLU of the weighted
 * sum of the channels, upsampled bilinearly to the image.
 *
 * <p>DL4J M2.1's {@code MultiLayerNetwork.calculateGradients} runs its forward pass in training mode (dropout and
 * batch statistics live) and a {@code ComputationGraph} has no input-gradient call, so this class runs the forward
 * pass itself, layer by layer (vertex by vertex) with {@code training = false}, and backpropagates from the logit
 * down to the last convolution layer. It works on a private copy of the model (the user's model is never touched),
 * whose dropout and weight noise are switched off (both are training-time only, so the inference function is
 * unchanged and the backward pass is the identity where dropout was); batch normalization backpropagates as its
 * inference function, the per-channel affine map {@code dx = dy * gamma / sqrt(var + eps)}.
 *
 * <p>Supported: a network of layers with input preprocessors; a graph of one input and one output whose vertices
 * are layers, merges, element-wise vertices and preprocessors, in topological order. The output must be a dense
 * output layer (weights {@code W}, bias {@code b}) and the model must have a 2-D convolution layer; anything else is
 * refused with an {@link IllegalArgumentException} of one line.
 */
final class GradCam {

    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    /** One layer or vertex, in topological order. */
    private record Node(String name, Layer layer, InputPreProcessor pre, GraphVertex vertex, int[] inputs) {
    }

    private final Model copy;
    private final List<Node> nodes;
    private final int target;
    private final CNN2DFormat targetFormat;
    private final int output;

    private GradCam(Model copy) {
        this.copy = copy;
        this.nodes = nodes(copy);
        int lastConv = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).layer() instanceof ConvolutionLayer) {
                lastConv = i;
            }
        }
        if (lastConv < 0) {
            throw new IllegalArgumentException("Grad-CAM needs a 2-D convolution layer, but the model has none");
        }
        int t = copy instanceof ComputationGraph ? featureMap(nodes, lastConv) : lastConv;
        this.target = t;
        int formatFrom = lastConv;
        for (int i = 0; i <= t; i++) {
            if (nodes.get(i).layer() instanceof ConvolutionLayer) {
                formatFrom = i;
            }
        }
        org.deeplearning4j.nn.conf.layers.Layer conf = nodes.get(formatFrom).layer().conf().getLayer();
        this.targetFormat = conf instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer c
                && c.getCnn2dDataFormat() != null ? c.getCnn2dDataFormat() : CNN2DFormat.NCHW;
        this.output = nodes.size() - 1;
        Node out = nodes.get(output);
        if (!(out.layer() instanceof BaseOutputLayer<?>) || out.layer().getParam("W") == null
                || out.layer().getParam("b") == null) {
            throw new IllegalArgumentException("Grad-CAM needs a dense output layer (weights W, bias b), but the "
                    + "output '" + out.name() + "' is " + (out.layer() == null ? "not a layer"
                            : out.layer().getClass().getSimpleName()));
        }
    }

    /**
     * The target node of a graph: the last node (in topological order) whose output is an image feature map, made by
     * a convolution, activation, batch normalization, element-wise (residual add) or merge vertex, and that every
     * path from the input to the output passes through; so a residual block's output after its add (and ReLU), not a
     * convolution inside its last branch. Falls back to the last convolution layer when no such node exists.
     */
    private static int featureMap(List<Node> nodes, int lastConv) {
        int count = nodes.size();
        boolean[] image = new boolean[count];
        for (int i = 0; i < count; i++) {
            Node node = nodes.get(i);
            boolean inputsImage = node.inputs().length > 0;
            for (int in : node.inputs()) {
                inputsImage &= in >= 0 && image[in];
            }
            Layer layer = node.layer();
            if (node.pre() != null) {
                inputsImage = false; // a layer vertex's preprocessor (CNN to feed-forward) flattens
            }
            if (layer instanceof ConvolutionLayer) {
                image[i] = !(layer instanceof org.deeplearning4j.nn.layers.convolution.Convolution1DLayer);
            } else if (layer instanceof org.deeplearning4j.nn.layers.ActivationLayer
                    || layer instanceof BatchNormalization
                    || layer instanceof org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer
                    || layer instanceof org.deeplearning4j.nn.layers.DropoutLayer
                    || node.vertex() instanceof ElementWiseVertex || node.vertex() instanceof MergeVertex) {
                image[i] = inputsImage;
            }
        }
        int[][] consumers = new int[count][];
        List<List<Integer>> users = new ArrayList<>();
        List<Integer> fromInput = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            for (int in : nodes.get(i).inputs()) {
                (in < 0 ? fromInput : users.get(in)).add(i);
            }
        }
        for (int i = 0; i < count; i++) {
            consumers[i] = users.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        for (int t = count - 2; t > lastConv - 1 && t >= 0; t--) {
            Node node = nodes.get(t);
            boolean kind = node.layer() instanceof ConvolutionLayer
                    || node.layer() instanceof org.deeplearning4j.nn.layers.ActivationLayer
                    || node.layer() instanceof BatchNormalization
                    || node.vertex() instanceof ElementWiseVertex || node.vertex() instanceof MergeVertex;
            if (image[t] && kind && dominates(t, fromInput, consumers, count - 1)) {
                return t;
            }
        }
        return lastConv;
    }

    /** Whether every path from the input to the output node passes through node t. */
    private static boolean dominates(int t, List<Integer> fromInput, int[][] consumers, int output) {
        boolean[] seen = new boolean[consumers.length];
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        for (int i : fromInput) {
            if (i != t && !seen[i]) {
                seen[i] = true;
                todo.add(i);
            }
        }
        while (!todo.isEmpty()) {
            int i = todo.poll();
            if (i == output) {
                return false;
            }
            for (int j : consumers[i]) {
                if (j != t && !seen[j]) {
                    seen[j] = true;
                    todo.add(j);
                }
            }
        }
        return true;
    }

    /**
     * Prepares Grad-CAM for a model (on a private copy of it).
     *
     * @param model a {@link MultiLayerNetwork} or {@link ComputationGraph}
     * @return the Grad-CAM of the model
     * @throws IllegalArgumentException when the model's structure is not supported, naming the reason
     */
    static GradCam of(Model model) {
        Objects.requireNonNull(model, "model");
        Model copy;
        if (model instanceof MultiLayerNetwork n) {
            copy = n.clone();
        } else if (model instanceof ComputationGraph g) {
            copy = g.clone();
        } else {
            throw new IllegalArgumentException("Grad-CAM needs a MultiLayerNetwork or ComputationGraph, but the model "
                    + "is a " + model.getClass().getName());
        }
        return new GradCam(prepare(copy));
    }

    /**
     * Gives Grad-CAM of a copy of this model with every parameter re-drawn at random (the model-randomisation
     * sanity check): each weight and bias array from a seeded Gaussian with the array's own mean and standard
     * deviation; batch normalization's running mean and variance are kept.
     *
     * @param seed the seed
     * @return the Grad-CAM of the randomised copy
     */
    GradCam randomised(long seed) {
        return randomised(seed, false);
    }

    /**
     * Gives Grad-CAM of a randomised copy as {@link #randomised(long)} does, or, when {@code zeroMeanWeights}, with
     * each weight array ({@code W}) drawn around zero with its own standard deviation (biases as before), as a
     * re-initialisation draws them: a wide dense layer whose trained weights have a negative mean would otherwise
     * get only negative inputs to its ReLU, and the copy's gradient would vanish.
     *
     * @param seed the seed
     * @param zeroMeanWeights whether the weight arrays are drawn around zero
     * @return the Grad-CAM of the randomised copy
     */
    GradCam randomised(long seed, boolean zeroMeanWeights) {
        Model again = copy instanceof MultiLayerNetwork n ? n.clone() : ((ComputationGraph) copy).clone();
        SplittableRandom random = new SplittableRandom(seed);
        Layer[] layers = again instanceof MultiLayerNetwork n ? n.getLayers() : ((ComputationGraph) again).getLayers();
        for (Layer l : layers) {
            for (Map.Entry<String, INDArray> p : new java.util.TreeMap<>(l.paramTable()).entrySet()) {
                String key = p.getKey();
                if (key.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        || key.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
                        || key.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                    continue;
                }
                INDArray a = p.getValue();
                double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                double mean = 0;
                for (double x : v) {
                    mean += x;
                }
                mean /= Math.max(1, v.length);
                double var = 0;
                for (double x : v) {
                    var += (x - mean) * (x - mean);
                }
                double sd = v.length > 1 ? Math.sqrt(var / (v.length - 1)) : 0;
                if (sd == 0) {
                    sd = Math.max(1e-2, Math.abs(mean) * 0.1);
                }
                double centre = zeroMeanWeights && key.equals("W") ? 0 : mean;
                for (int k = 0; k < v.length; k++) {
                    v[k] = centre + sd * Deletion.gaussian(random);
                }
                a.assign(Nd4j.create(v, a.shape(), 'c').castTo(a.dataType()));
            }
        }
        return new GradCam(prepare(again));
    }

    /** Switches off the copy's dropout and weight noise (training-time only) and makes its gradient arrays. */
    private static Model prepare(Model copy) {
        Layer[] layers = copy instanceof MultiLayerNetwork n ? n.getLayers() : ((ComputationGraph) copy).getLayers();
        for (Layer l : layers) {
            org.deeplearning4j.nn.conf.layers.Layer conf = l.conf().getLayer();
            conf.setIDropout(null);
            if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
                b.setWeightNoise(null);
            }
        }
        if (copy instanceof MultiLayerNetwork n) {
            n.initGradientsView();
        } else {
            ((ComputationGraph) copy).initGradientsView();
        }
        return copy;
    }

    /** The nodes of a network (its layers) or graph (its vertices in topological order, the output last). */
    private static List<Node> nodes(Model model) {
        List<Node> out = new ArrayList<>();
        if (model instanceof MultiLayerNetwork n) {
            Layer[] layers = n.getLayers();
            for (int i = 0; i < layers.length; i++) {
                out.add(new Node("layer " + i, layers[i], n.getLayerWiseConfigurations().getInputPreProcess(i), null,
                        new int[] {i - 1}));
            }
            return out;
        }
        ComputationGraph g = (ComputationGraph) model;
        List<String> inputs = g.getConfiguration().getNetworkInputs();
        List<String> outputs = g.getConfiguration().getNetworkOutputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalArgumentException("Grad-CAM needs a graph of one input and one output, but it has "
                    + inputs.size() + " inputs and " + outputs.size() + " outputs");
        }
        GraphVertex[] vertices = g.getVertices();
        int[] order = g.topologicalSortOrder();
        Map<Integer, Integer> position = new HashMap<>();
        int outputVertex = g.getVertex(outputs.get(0)).getVertexIndex();
        for (int v : order) {
            GraphVertex vertex = vertices[v];
            if (vertex instanceof InputVertex) {
                position.put(v, -1);
                continue;
            }
            if (v == outputVertex) {
                continue;
            }
            if (!(vertex instanceof LayerVertex || vertex instanceof MergeVertex || vertex instanceof ElementWiseVertex
                    || vertex instanceof PreprocessorVertex)) {
                throw new IllegalArgumentException("Grad-CAM supports graphs of layer, merge, element-wise and "
                        + "preprocessor vertices, but vertex '" + vertex.getVertexName() + "' is a "
                        + vertex.getClass().getSimpleName());
            }
            position.put(v, out.size());
            out.add(node(vertex, position));
        }
        GraphVertex last = vertices[outputVertex];
        if (!(last instanceof LayerVertex)) {
            throw new IllegalArgumentException("Grad-CAM needs a layer as the graph's output, but '"
                    + last.getVertexName() + "' is a " + last.getClass().getSimpleName());
        }
        out.add(node(last, position));
        return out;
    }

    private static Node node(GraphVertex vertex, Map<Integer, Integer> position) {
        VertexIndices[] in = vertex.getInputVertices();
        int[] inputs = new int[in.length];
        for (int k = 0; k < in.length; k++) {
            Integer p = position.get(in[k].getVertexIndex());
            if (p == null) {
                throw new IllegalArgumentException("the graph's vertex '" + vertex.getVertexName() + "' reads a vertex "
                        + "that comes after it in topological order");
            }
            inputs[k] = p;
        }
        Layer layer = vertex.hasLayer() ? vertex.getLayer() : null;
        InputPreProcessor pre = vertex instanceof LayerVertex lv ? lv.getLayerPreProcessor() : null;
        return new Node(vertex.getVertexName(), layer, pre, vertex, inputs);
    }

    /**
     * The activations of the last convolution layer and the gradient of the explained classes' logits with respect
     * to them, in inference mode; both {@code [n, channels, height, width]}.
     *
     * @param activations the activations A
     * @param gradient d logit / d A
     */
    record Pass(INDArray activations, INDArray gradient) {
    }

    /**
     * Runs the inference-mode forward pass and the backward pass to the last convolution layer.
     *
     * @param features the inputs, {@code [n, ...]} as the model takes them
     * @param classes the explained class of each example
     * @return the activations and gradients of the last convolution layer
     */
    Pass pass(INDArray features, int[] classes) {
        INDArray[][] fed = new INDArray[nodes.size()][];
        INDArray[] outs = forward(features, null, fed);
        INDArray activations = outs[target].castTo(DataType.DOUBLE).dup('c');
        Node out = nodes.get(output);
        INDArray w = out.layer().getParam("W");
        int n = (int) features.size(0);
        if (classes.length != n) {
            throw new IllegalArgumentException(n + " examples but " + classes.length + " classes to explain");
        }
        INDArray eps = Nd4j.create(w.dataType(), n, w.size(0));
        for (int i = 0; i < n; i++) {
            Objects.checkIndex(classes[i], (int) w.size(1));
            eps.putRow(i, w.getColumn(classes[i]));
        }
        if (out.pre() != null) {
            eps = out.pre().backprop(eps, n, MGR);
        }
        Map<Integer, INDArray> epsilons = new HashMap<>();
        add(epsilons, out.inputs()[0], eps);
        for (int i = output - 1; i > target; i--) {
            INDArray e = epsilons.remove(i);
            if (e == null) {
                continue;
            }
            Node node = nodes.get(i);
            refeed(node, fed[i], n);
            INDArray[] back = backward(node, e, n);
            for (int k = 0; k < back.length; k++) {
                add(epsilons, node.inputs()[k], back[k]);
            }
        }
        INDArray gradient = epsilons.get(target);
        if (gradient == null) {
            throw new IllegalArgumentException("the output does not depend on the last convolution layer '"
                    + nodes.get(target).name() + "'");
        }
        INDArray a = activations;
        if (targetFormat == CNN2DFormat.NHWC) {
            a = a.permute(0, 3, 1, 2);
            gradient = gradient.permute(0, 3, 1, 2);
        }
        return new Pass(a.dup('c'), gradient.castTo(DataType.DOUBLE).dup('c'));
    }

    private static void add(Map<Integer, INDArray> epsilons, int node, INDArray e) {
        if (node < 0) {
            return;
        }
        INDArray before = epsilons.get(node);
        epsilons.put(node, before == null ? e.dup() : before.add(e));
    }

    /**
     * The explained classes' logits in inference mode, with the last convolution layer's activations replaced
     * (for the finite-difference check of {@link #pass}).
     *
     * @param features the inputs
     * @param classes the explained class of each example
     * @param replacement the activations put in place of the last convolution layer's, in its own layout, or null
     * @return the logit of each example's class
     */
    double[] logits(INDArray features, int[] classes, INDArray replacement) {
        INDArray[] outs = forward(features, replacement, null);
        INDArray x = outs[output];
        Layer last = nodes.get(output).layer();
        INDArray z = x.mmul(last.getParam("W")).addRowVector(last.getParam("b"));
        double[] out = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = z.getDouble(i, classes[i]);
        }
        return out;
    }

    /**
     * Gives a node its inputs again before its backward pass: some layers work in place on their input in inference
     * (an activation layer overwrites it with its output), and backpropagation reads the input.
     */
    private static void refeed(Node node, INDArray[] inputs, int n) {
        if (node.vertex() == null) {
            INDArray x = inputs[0].dup();
            node.layer().setInput(node.pre() == null ? x : node.pre().preProcess(x, n, MGR), MGR);
        } else {
            for (int k = 0; k < inputs.length; k++) {
                node.vertex().setInput(k, inputs[k].dup(), MGR);
            }
        }
    }

    /**
     * The outputs of every node (the output layer's entry: its input after its preprocessor), keeping a copy of
     * each node's inputs in {@code fed} when it is given.
     */
    private INDArray[] forward(INDArray features, INDArray replacement, INDArray[][] fed) {
        int n = (int) features.size(0);
        if (copy instanceof ComputationGraph g) {
            g.setInput(0, features); // a layer vertex reads the batch size from the graph's input
        }
        INDArray[] outs = new INDArray[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            INDArray[] in = new INDArray[node.inputs().length];
            for (int k = 0; k < in.length; k++) {
                // each node gets its own copy: DL4J's backward passes may work in place on a layer's input
                in[k] = (node.inputs()[k] < 0 ? features : outs[node.inputs()[k]]).dup();
            }
            if (fed != null) {
                fed[i] = new INDArray[in.length];
                for (int k = 0; k < in.length; k++) {
                    fed[i][k] = in[k].dup();
                }
            }
            if (i == output) {
                INDArray x = in[0];
                outs[i] = node.pre() == null ? x : node.pre().preProcess(x, n, MGR);
                // keep the output layer's input for the logits, as a plain matrix
                outs[i] = outs[i].reshape(outs[i].size(0), outs[i].length() / outs[i].size(0));
            } else if (node.vertex() == null) {
                INDArray x = node.pre() == null ? in[0] : node.pre().preProcess(in[0], n, MGR);
                outs[i] = node.layer().activate(x, false, MGR);
            } else {
                GraphVertex v = node.vertex();
                for (int k = 0; k < in.length; k++) {
                    v.setInput(k, in[k], MGR);
                }
                outs[i] = v.doForward(false, MGR);
            }
            if (i == target && replacement != null) {
                outs[i] = replacement;
            }
        }
        return outs;
    }

    /** Backpropagates through one node in inference mode; one epsilon per input. */
    private static INDArray[] backward(Node node, INDArray eps, int n) {
        if (node.layer() instanceof BatchNormalization bn) {
            INDArray dx = batchNormBackward(bn, eps);
            return new INDArray[] {node.pre() == null ? dx : node.pre().backprop(dx, n, MGR)};
        }
        if (node.vertex() == null) {
            INDArray dx = node.layer().backpropGradient(eps, MGR).getSecond();
            return new INDArray[] {node.pre() == null ? dx : node.pre().backprop(dx, n, MGR)};
        }
        node.vertex().setEpsilon(eps);
        INDArray[] back = node.vertex().doBackward(false, MGR).getSecond();
        if (back.length != node.inputs().length) {
            throw new IllegalArgumentException("vertex '" + node.name() + "' gave " + back.length + " gradients for "
                    + node.inputs().length + " inputs");
        }
        return back;
    }

    /**
     * Batch normalization at inference is {@code y = gamma (x - mean) / std + beta} with {@code std = sqrt(var + eps)}
     * (the variance is {@code (10^log10std)^2} when the layer keeps its log10 standard deviation), so dx = dy gamma /
     * std; as in DL4J's forward pass, locked gamma and beta apply only when gamma is not 1 and beta not 0.
     */
    private static INDArray batchNormBackward(BatchNormalization bn, INDArray eps) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        INDArray var;
        if (conf.isUseLogStd()) {
            INDArray log10s = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).castTo(eps.dataType());
            var = Transforms.pow(Nd4j.valueArrayOf(log10s.shape(), 10.0, eps.dataType()), log10s, true);
            var.muli(var);
        } else {
            var = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).castTo(eps.dataType()).dup();
        }
        INDArray std = Transforms.sqrt(var.addi(conf.getEps()), false);
        double locked = conf.getGamma() != 1.0 && conf.getBeta() != 0.0 ? conf.getGamma() : 1.0;
        INDArray gamma = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(std.shape(), locked, eps.dataType())
                : bn.getParam(BatchNormalizationParamInitializer.GAMMA).castTo(eps.dataType());
        INDArray scale = gamma.div(std).reshape(-1);
        int axis = eps.rank() == 4 && conf.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
        long[] shape = new long[eps.rank()];
        Arrays.fill(shape, 1);
        shape[axis] = scale.length();
        return eps.mul(scale.reshape(shape).broadcast(eps.shape()));
    }

    /**
     * Gives the Grad-CAM maps of examples, upsampled bilinearly to the image size.
     *
     * @param features the inputs, {@code [n, channels, height, width]}
     * @param classes the explained class of each example
     * @return one row-major {@code height × width} map per example, not negative
     */
    double[][] maps(INDArray features, int[] classes) {
        return maps(features, classes, true);
    }

    /**
     * Gives the class-activation maps of examples, upsampled bilinearly to the image size, with or without the ReLU.
     *
     * @param features the inputs, {@code [n, channels, height, width]}
     * @param classes the explained class of each example
     * @param relu whether to clip the weighted sum of the channels at zero (Grad-CAM) or keep it (the pre-ReLU map)
     * @return one row-major {@code height × width} map per example
     */
    double[][] maps(INDArray features, int[] classes, boolean relu) {
        if (features.rank() != 4) {
            throw new IllegalArgumentException("Grad-CAM maps need images [n, channels, height, width], but the inputs "
                    + "have shape " + Arrays.toString(features.shape()));
        }
        int height = (int) features.size(2);
        int width = (int) features.size(3);
        Pass p = pass(features, classes);
        int n = classes.length;
        int k = (int) p.activations().size(1);
        int h = (int) p.activations().size(2);
        int w = (int) p.activations().size(3);
        double[] a = p.activations().data().asDouble();
        double[] g = p.gradient().data().asDouble();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] cam = new double[h * w];
            for (int c = 0; c < k; c++) {
                int base = (i * k + c) * h * w;
                double alpha = 0;
                for (int q = 0; q < h * w; q++) {
                    alpha += g[base + q];
                }
                alpha /= h * w;
                for (int q = 0; q < h * w; q++) {
                    cam[q] += alpha * a[base + q];
                }
            }
            for (int q = 0; relu && q < cam.length; q++) {
                cam[q] = Math.max(0, cam[q]);
            }
            out[i] = upsample(cam, h, w, height, width);
        }
        return out;
    }

    /** Describes where the maps come from, for the JSON's settings. */
    String describe() {
        String where = nodes.get(target).layer() instanceof ConvolutionLayer && copy instanceof MultiLayerNetwork
                ? "last convolution layer '" : copy instanceof MultiLayerNetwork ? "layer '" : "last feature map '";
        return where + nodes.get(target).name() + "', gradient of the explained class's logit, inference mode";
    }

    /** Bilinear upsampling (pixel centres aligned, edges clamped) of an h × w map to {@code height × width}. */
    static double[] upsample(double[] map, int h, int w, int height, int width) {
        double[] out = new double[height * width];
        for (int y = 0; y < height; y++) {
            double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / height - 0.5));
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(h - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / width - 0.5));
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(w - 1, x0 + 1);
                double fx = sx - x0;
                double top = map[y0 * w + x0] * (1 - fx) + map[y0 * w + x1] * fx;
                double bottom = map[y1 * w + x0] * (1 - fx) + map[y1 * w + x1] * fx;
                out[y * width + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return out;
    }
}
