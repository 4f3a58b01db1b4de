package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * The ONNX front-end: reads a {@code ModelProto} with the protobuf classes nd4j-api ships ({@code onnx.Onnx}) and
 * describes its graph to a {@link GraphBuilder}.
 *
 * <p>The ops of common image classifiers exported by PyTorch are converted: Conv, Relu, LeakyRelu, Sigmoid, Tanh,
 * MaxPool, AveragePool, GlobalAveragePool, ReduceMean over height and width, BatchNormalization, Dropout, Identity,
 * Flatten, Reshape to {@code [N, -1]}, Gemm and MatMul (with their bias), Add, Sub, Mul and Div by constants, Add of
 * two tensors, Softmax, Concat on channels, Pad before a convolution or an average pool, and the constant sub-graphs
 * (Shape, Gather, Unsqueeze, Concat, Cast, ...) that PyTorch writes for {@code x.view(x.size(0), -1)}, evaluated here
 * from the known shapes. Any other op is refused naming the node.
 */
final class OnnxImport {

    /** The largest file read: protobuf's own limit. */
    static final long MAX_FILE_BYTES = (1L << 31) - 1;

    /** The ops converted, for messages. */
    static final Set<String> SUPPORTED_OPS = new TreeSet<>(List.of("Add", "AveragePool", "BatchNormalization",
            "Cast", "Concat", "Constant", "Conv", "Div", "Dropout", "Flatten", "Gather", "Gemm", "GlobalAveragePool",
            "Identity", "LeakyRelu", "MatMul", "MaxPool", "Mul", "Pad", "ReduceMean", "Relu", "Reshape", "Shape",
            "Sigmoid", "Softmax", "Squeeze", "Sub", "Tanh", "Transpose", "Unsqueeze"));

    /** Field tags a {@code ModelProto} can start with (ir_version, producer_name, ..., graph, opset_import). */
    private static final Set<Integer> FIRST_TAGS = Set.of(0x08, 0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72, 0xa2,
            0xaa);

    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_NAME = 200;
    private static final long ASSUMED_SIDE = 32;
    private static final long MAX_SIDE = 4096;

    private OnnxImport() {
    }

    /**
     * Whether a file parses as an ONNX model (a {@code ModelProto} with a graph of at least one node); never throws
     * on malformed content.
     *
     * @param file the file
     * @return true when it is ONNX
     * @throws IOException if it cannot be read
     */
    static boolean looksLikeOnnx(Path file) throws IOException {
        return parseIfOnnx(file) != null;
    }

    /**
     * The file parsed as an ONNX model when it is one (as {@link #looksLikeOnnx} says), else null; never throws on
     * malformed content.
     *
     * @param file the file
     * @return the model, or null
     * @throws IOException if it cannot be read
     */
    static Onnx.ModelProto parseIfOnnx(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0 || size > MAX_FILE_BYTES) {
            return null;
        }
        int first;
        try (InputStream in = Files.newInputStream(file)) {
            first = in.read();
        }
        if (!FIRST_TAGS.contains(first)) {
            return null;
        }
        try {
            Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
            return model.hasGraph() && model.getGraph().getNodeCount() > 0 ? model : null;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Says why a file that starts as an ONNX model does (field 1 ir_version, then field 2 producer_name of printable
     * text) is none ({@link #parseIfOnnx} gave null): a damaged or truncated file, with the protobuf's error; null
     * when the file does not start so.
     *
     * @param file the file
     * @return the reason, after the file name and a colon, or null
     * @throws IOException if it cannot be read
     */
    static String damaged(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0 || size > MAX_FILE_BYTES) {
            return null;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        if (head.length < 5 || head[0] != 0x08 || head[1] < 1 || head[1] > 0x7f || head[2] != 0x12
                || head[3] < 1 || 4 + head[3] > head.length) {
            return null;
        }
        for (int i = 4; i < 4 + head[3]; i++) {
            if (head[i] < 0x20 || head[i] > 0x7e) {
                return null;
            }
        }
        String producer = new String(head, 4, head[3], java.nio.charset.StandardCharsets.US_ASCII);
        String why;
        try {
            Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
            why = model.hasGraph() ? "its graph has no nodes" : "it has no graph";
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            why = "the protobuf does not parse: " + Messages.oneLine(e);
        }
        return "a damaged or truncated ONNX file (it starts as an ONNX model of ir_version " + head[1]
                + " from '" + producer + "', " + size + " bytes, but " + why + ")";
    }

    /**
     * Converts an ONNX model.
     *
     * @param file the model
     * @param preprocessing its preprocessing (the layout and the channel order are used here)
     * @return the network
     * @throws ModelImportException if the file is not a model this converter handles (naming the node and op)
     * @throws IOException if it cannot be read
     */
    static ImportedNetwork read(Path file, Preprocessing preprocessing) throws IOException {
        return read(file, null, preprocessing);
    }

    /**
     * Converts an ONNX model already parsed by {@link ModelFormat#detectRead} (or parses it when null).
     *
     * @param file the model
     * @param parsed the file's model as parsed, or null to parse it here
     * @param preprocessing its preprocessing
     * @return the network
     * @throws ModelImportException if the file is not a model this converter handles (naming the node and op)
     * @throws IOException if it cannot be read
     */
    static ImportedNetwork read(Path file, Onnx.ModelProto parsed, Preprocessing preprocessing) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ModelImportException(file + ": " + size + " bytes; an ONNX file holds at most 2 GiB (larger "
                    + "models keep their weights as external data, which is not read)");
        }
        if (size == 0) {
            throw new ModelImportException(file + ": empty file (0 bytes), not an ONNX model");
        }
        Onnx.ModelProto model = parsed;
        try {
            if (model == null) {
                model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
            }
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new ModelImportException(file + ": not a readable ONNX model (protobuf: " + Messages.oneLine(e)
                    + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelImportException(file + ": an ONNX model without a graph of nodes");
        }
        Converter converter = new Converter(file, model, preprocessing, size);
        try {
            return converter.convert();
        } catch (ModelImportException e) {
            String clean = clean(e.getMessage());
            throw clean.equals(e.getMessage()) ? e : new ModelImportException(clean, e);
        } catch (RuntimeException e) {
            throw new ModelImportException(clean(file + ": " + converter.where() + "cannot be converted ("
                    + Messages.oneLine(e) + ")"), e);
        }
    }

    /** A message on one line of printable characters, at most a few thousand long, whatever names the file holds. */
    static String clean(String message) {
        StringBuilder s = new StringBuilder(Math.min(message.length(), MAX_MESSAGE + 1));
        for (int k = 0; k < message.length() && s.length() < MAX_MESSAGE; k++) {
            char c = message.charAt(k);
            s.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() < message.length()) {
            s.append('…');
        }
        return s.toString();
    }

    /** What a conversion may still allocate, in values: the file's size plus a fixed allowance. */
    static final class Budget {
        private long left;

        /** Starts a budget for a file of {@code fileBytes} bytes. */
        Budget(long fileBytes) {
            this.left = (1L << 25) + fileBytes;
        }

        /** Takes {@code values} from the budget or refuses naming what needed them. */
        void take(long values, String where) throws ModelImportException {
            if (values > left) {
                throw new ModelImportException(where + " needs " + values + " more values than a file of this size "
                        + "can hold (a malformed or hostile file?)");
            }
            left -= values;
        }
    }

    /** A tensor name's value during conversion. */
    private sealed interface Value permits Computed, Constant, Padded, RawInput {
    }

    /**
     * A tensor the network computes.
     *
     * @param name its name in the builder
     * @param flatOnes whether ONNX sees it as {@code [n, c, 1, 1]} while the builder holds it flat
     */
    private record Computed(String name, boolean flatOnes) implements Value {
    }

    /** A constant. */
    private record Constant(OnnxTensor tensor) implements Value {
    }

    /** A zero-padded computed tensor, to be folded into the convolution or average pool that reads it. */
    private record Padded(Computed source, int[] pads, String node) implements Value {
    }

    /** The NHWC input, before the transpose that makes it NCHW. */
    private record RawInput(String builderName, String name) implements Value {
    }

    /** One conversion. */
    private static final class Converter {
        private final Path file;
        private final String source;
        private final Onnx.ModelProto model;
        private final Onnx.GraphProto graph;
        private final Preprocessing preprocessing;
        private final Budget budget;
        private final GraphBuilder builder;
        private final int opset;
        private final Map<String, Value> values = new HashMap<>();
        private final Map<String, Onnx.TensorProto> initializers = new HashMap<>();
        private final Map<String, Integer> producers = new HashMap<>();
        private final Map<String, Integer> consumers = new HashMap<>();
        private final Set<Integer> fused = new HashSet<>();
        private final Set<String> nodeNames = new HashSet<>();
        private final List<String> notes = new ArrayList<>();
        private String inputNode;
        private Onnx.NodeProto node;
        private String nodeName;
        private long declaredBatch = -1;

        Converter(Path file, Onnx.ModelProto model, Preprocessing preprocessing, long size) {
            this.file = file;
            this.source = file.toString();
            this.model = model;
            this.graph = model.getGraph();
            this.preprocessing = preprocessing == null ? Preprocessing.DEFAULT : preprocessing;
            this.budget = new Budget(size);
            this.builder = new GraphBuilder(source);
            int version = -1;
            for (Onnx.OperatorSetIdProto set : model.getOpsetImportList()) {
                if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                    version = (int) Math.min(Integer.MAX_VALUE, set.getVersion());
                }
            }
            this.opset = version;
        }

        /** Where the conversion is, for messages: "node 'X' (Op): " or nothing. */
        String where() {
            return node == null ? "" : "node '" + nodeName + "' (" + node.getOpType() + "): ";
        }

        private ModelImportException fail(String what) {
            return new ModelImportException(source + ": " + where() + what);
        }

        ImportedNetwork convert() throws ModelImportException {
            for (Onnx.TensorProto t : graph.getInitializerList()) {
                initializers.put(t.getName(), t);
            }
            for (int i = 0; i < graph.getNodeCount(); i++) {
                Onnx.NodeProto n = graph.getNode(i);
                for (String out : n.getOutputList()) {
                    if (!out.isEmpty()) {
                        producers.putIfAbsent(out, i);
                    }
                }
                for (String in : n.getInputList()) {
                    if (!in.isEmpty()) {
                        consumers.merge(in, 1, Integer::sum);
                    }
                }
            }
            if (graph.getOutputCount() != 1) {
                throw new ModelImportException(source + ": the graph has " + graph.getOutputCount() + " outputs; "
                        + "an image classifier has one (the class scores)");
            }
            String output = graph.getOutput(0).getName();
            consumers.merge(output, 1, Integer::sum);
            InputLayout layout = input();
            for (int i = 0; i < graph.getNodeCount(); i++) {
                if (fused.contains(i)) {
                    continue;
                }
                node = graph.getNode(i);
                nodeName = uniqueName(node, i);
                if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                    throw fail("is in the op domain '" + node.getDomain() + "', which is not supported (only the "
                            + "default ONNX domain is)");
                }
                convertNode(i);
            }
            node = null;
            Value out = values.get(output);
            if (!(out instanceof Computed computed)) {
                throw new ModelImportException(source + ": the graph's output '" + output + "' is "
                        + (out == null ? "made by no node" : "not computed from the input"));
            }
            ComputationGraph network = builder.build(computed.name());
            List<String> all = new ArrayList<>(notes);
            all.addAll(builder.notes());
            String producer = model.getProducerName().isEmpty() ? "an unnamed producer"
                    : (model.getProducerName() + (model.getProducerVersion().isEmpty() ? ""
                    : " " + model.getProducerVersion()));
            String description = "ONNX (IR " + model.getIrVersion() + ", opset " + opset + ") from " + producer
                    + ", " + graph.getNodeCount() + " nodes";
            return new ImportedNetwork(network, ModelFormat.ONNX, description, layout, builder.softmaxAppended(),
                    all);
        }

        private String uniqueName(Onnx.NodeProto n, int index) {
            String name = n.getName().isEmpty() ? n.getOpType() + "_" + index : n.getName();
            name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "…" : name;
            if (!nodeNames.add(name)) {
                name = name + "_" + index;
                nodeNames.add(name);
            }
            return name;
        }

        // ---------------------------------------------------------------------------------------------------- input

        private InputLayout input() throws ModelImportException {
            List<Onnx.ValueInfoProto> inputs = new ArrayList<>();
            for (Onnx.ValueInfoProto v : graph.getInputList()) {
                if (!initializers.containsKey(v.getName())) {
                    inputs.add(v);
                }
            }
            if (inputs.size() != 1) {
                throw new ModelImportException(source + ": the graph has " + inputs.size() + " inputs besides its "
                        + "weights; an image classifier has one (the images)");
            }
            Onnx.ValueInfoProto in = inputs.get(0);
            String name = in.getName();
            List<Onnx.TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
            long[] d = new long[dims.size()];
            String[] text = new String[dims.size()];
            for (int i = 0; i < d.length; i++) {
                Onnx.TensorShapeProto.Dimension dim = dims.get(i);
                d[i] = dim.hasDimValue() && dim.getDimValue() > 0 ? dim.getDimValue() : -1;
                text[i] = d[i] > 0 ? String.valueOf(d[i]) : (dim.getDimParam().isEmpty() ? "?" : dim.getDimParam());
            }
            String declared = "[" + String.join(", ", text) + "]";
            if (d.length != 4) {
                throw new ModelImportException(source + ": input '" + name + "' has shape " + declared
                        + "; expected a batch of images, [N, 3, H, W] or [N, H, W, 3]");
            }
            declaredBatch = d[0];
            boolean canNchw = d[1] < 0 || d[1] == 3;
            boolean canNhwc = d[3] < 0 || d[3] == 3;
            InputLayout given = preprocessing.layout();
            InputLayout layout;
            if (!canNchw && !canNhwc) {
                throw new ModelImportException(source + ": input '" + name + "' has shape " + declared
                        + ": 3 colour channels neither at axis 1 (NCHW) nor at axis 3 (NHWC)");
            }
            if (given != null) {
                boolean fits = given == InputLayout.NCHW ? canNchw : canNhwc;
                if (!fits) {
                    throw new ModelImportException(source + ": input '" + name + "' is declared " + declared + " ("
                            + (given == InputLayout.NCHW ? "NHWC" : "NCHW") + "), but the input layout was given as "
                            + given);
                }
                layout = given;
            } else if (canNchw != canNhwc) {
                layout = canNchw ? InputLayout.NCHW : InputLayout.NHWC;
            } else if (d[1] == 3 && d[3] < 0) {
                layout = InputLayout.NCHW;
            } else if (d[3] == 3 && d[1] < 0) {
                layout = InputLayout.NHWC;
            } else {
                layout = leadingTranspose(name) ? InputLayout.NHWC : InputLayout.NCHW;
                notes.add("input '" + name + "' " + declared + " does not say its layout; " + layout + " assumed"
                        + (layout == InputLayout.NHWC ? " (it is transposed to NCHW first)" : "")
                        + " (state it with --input-layout)");
            }
            int hAxis = layout == InputLayout.NCHW ? 2 : 1;
            long height = d[hAxis];
            long width = d[hAxis + 1];
            if (height < 0 || width < 0) {
                notes.add("input '" + name + "' " + declared + " has a symbolic height or width; " + ASSUMED_SIDE
                        + " x " + ASSUMED_SIDE + " assumed (CIFAR-10)");
                height = height < 0 ? ASSUMED_SIDE : height;
                width = width < 0 ? ASSUMED_SIDE : width;
            }
            if (height != ASSUMED_SIDE || width != ASSUMED_SIDE) {
                throw new ModelImportException(source + ": input '" + name + "' is declared " + declared + ", "
                        + height + "\u00d7" + width + " images; this library analyses " + ASSUMED_SIDE + "\u00d7"
                        + ASSUMED_SIDE + " CIFAR-10 images");
            }
            String first = builder.input(name, 3, height, width, preprocessing.bgr());
            inputNode = first;
            values.put(name, layout == InputLayout.NCHW ? new Computed(first, false) : new RawInput(first, name));
            return layout;
        }

        private boolean leadingTranspose(String input) {
            for (Onnx.NodeProto n : graph.getNodeList()) {
                if (n.getOpType().equals("Transpose") && n.getInputCount() > 0 && n.getInput(0).equals(input)) {
                    long[] perm = ints(n, "perm");
                    return perm != null && Arrays.equals(perm, new long[] {0, 3, 1, 2});
                }
            }
            return false;
        }

        // ---------------------------------------------------------------------------------------------------- nodes

        private void convertNode(int index) throws ModelImportException {
            String op = node.getOpType();
            switch (op) {
                case "Constant" -> put(0, new Constant(constantNode(node)));
                case "Identity" -> {
                    Value v = in(0);
                    if (v instanceof Computed) {
                        notes.add("node '" + nodeName + "' (Identity) passes its input on unchanged");
                    }
                    put(0, v);
                }
                case "Dropout" -> {
                    outputUnused(1, "its mask");
                    Value v = in(0);
                    notes.add("node '" + nodeName + "' (Dropout) is the identity at inference");
                    put(0, v);
                }
                case "Conv" -> conv(index);
                case "Relu" -> put(0, same(0, builder.activation(nodeName, image(0, true), new ActivationReLU())));
                case "Sigmoid" -> put(0, same(0, builder.activation(nodeName, image(0, true),
                        new ActivationSigmoid())));
                case "Tanh" -> put(0, same(0, builder.activation(nodeName, image(0, true), new ActivationTanH())));
                case "LeakyRelu" -> {
                    IActivation a = new ActivationLReLU(f(node, "alpha", 0.01f));
                    put(0, same(0, builder.activation(nodeName, image(0, true), a)));
                }
                case "Softmax" -> softmax();
                case "MaxPool", "AveragePool" -> pool(op.equals("MaxPool"));
                case "GlobalAveragePool" -> put(0, new Computed(builder.globalAveragePool(nodeName, image(0, false)),
                        true));
                case "ReduceMean" -> reduceMean();
                case "BatchNormalization" -> batchNorm();
                case "Flatten" -> flatten();
                case "Reshape" -> reshape();
                case "Gemm" -> gemm(index);
                case "MatMul" -> matMul(index);
                case "Add", "Sub", "Mul", "Div" -> arithmetic(op);
                case "Concat" -> concat();
                case "Shape" -> shapeOf();
                case "Gather" -> gather();
                case "Unsqueeze", "Squeeze" -> squeeze(op.equals("Unsqueeze"));
                case "Cast" -> cast();
                case "Transpose" -> transpose();
                case "Pad" -> pad();
                default -> throw fail("is not supported (op set " + opset + "); supported ops: "
                        + String.join(", ", SUPPORTED_OPS));
            }
        }

        private Computed computed(String name) {
            return new Computed(name, false);
        }

        /** The result of an element-wise op on input {@code i}: keeps its {@code [n, c, 1, 1]} view. */
        private Computed same(int i, String name) throws ModelImportException {
            return new Computed(name, in(i) instanceof Computed c && c.flatOnes());
        }

        private Value in(int i) throws ModelImportException {
            if (i >= node.getInputCount() || node.getInput(i).isEmpty()) {
                throw fail("has no input " + i);
            }
            return value(node.getInput(i));
        }

        private boolean hasInput(int i) {
            return i < node.getInputCount() && !node.getInput(i).isEmpty();
        }

        private Value value(String name) throws ModelImportException {
            Value v = values.get(name);
            if (v != null) {
                return v;
            }
            Onnx.TensorProto t = initializers.get(name);
            if (t != null) {
                v = new Constant(OnnxTensor.decode(t, source + ": initializer '" + name + "'", budget));
                values.put(name, v);
                return v;
            }
            throw fail("reads '" + name + "', which no earlier node makes and no initializer holds");
        }

        private void put(int output, Value v) throws ModelImportException {
            if (output >= node.getOutputCount() || node.getOutput(output).isEmpty()) {
                throw fail("has no output " + output);
            }
            values.put(node.getOutput(output), v);
        }

        private void outputUnused(int output, String what) throws ModelImportException {
            if (output < node.getOutputCount() && !node.getOutput(output).isEmpty()
                    && consumers.getOrDefault(node.getOutput(output), 0) > 0) {
                throw fail("its output " + output + " (" + what + ") is used, which is not supported");
            }
        }

        /** Input {@code i} as a computed tensor of the builder (any rank unless {@code flatToo} is false). */
        private String image(int i, boolean flatToo) throws ModelImportException {
            Value v = in(i);
            if (v instanceof Computed c) {
                if (!flatToo && (c.flatOnes() || builder.shape(c.name()).isFlat())) {
                    throw fail("needs an image input (N, C, H, W), but '" + node.getInput(i) + "' is flat "
                            + builder.shape(c.name()));
                }
                return c.name();
            }
            throw fail(describe(node.getInput(i), v) + "; expected a tensor computed from the input");
        }

        private String describe(String name, Value v) {
            if (v instanceof Constant c) {
                return "input '" + name + "' is a constant " + c.tensor().dimsText();
            }
            if (v instanceof Padded) {
                return "input '" + name + "' is a Pad's output, which is supported only before Conv or AveragePool";
            }
            if (v instanceof RawInput) {
                return "input '" + name + "' is the NHWC input, which must first be transposed to NCHW (Transpose "
                        + "perm [0, 3, 1, 2])";
            }
            return "input '" + name + "'";
        }

        private OnnxTensor constant(int i, String what) throws ModelImportException {
            Value v = in(i);
            if (v instanceof Constant c) {
                return c.tensor();
            }
            throw fail(what + " '" + node.getInput(i) + "' is computed from the input; only a constant is supported");
        }

        private float[] floats(int i, String what, long expected) throws ModelImportException {
            OnnxTensor t = constant(i, what);
            if (expected >= 0 && t.size() != expected) {
                throw fail(what + " '" + node.getInput(i) + "' has dims " + t.dimsText() + " (" + t.size()
                        + " values); expected " + expected);
            }
            return t.asFloats();
        }

        /** ONNX's rank of a computed tensor: 2 when flat, 4 for images and {@code [n, c, 1, 1]}. */
        private int rank(Computed c) throws ModelImportException {
            return !c.flatOnes() && builder.shape(c.name()).isFlat() ? 2 : 4;
        }

        // --------------------------------------------------------------------------------------------- layer ops

        private void conv(int index) throws ModelImportException {
            Value x = in(0);
            int[] extra = {0, 0, 0, 0};
            String input;
            if (x instanceof Padded p) {
                extra = p.pads();
                input = p.source().name();
            } else {
                input = image(0, false);
            }
            long group = i(node, "group", 1);
            if (group != 1) {
                throw fail("has group " + group + "; only group 1 is supported (no grouped or depthwise "
                        + "convolutions)");
            }
            OnnxTensor w = constant(1, "weights");
            if (w.rank() != 4 || !w.isFloat()) {
                throw fail("weights '" + node.getInput(1) + "' have dims " + w.dimsText() + "; expected a "
                        + "2-D convolution's [out, in, kH, kW] floats");
            }
            long out = w.dims()[0];
            float[] bias = hasInput(2) ? floats(2, "bias", out) : null;
            int[] kernel = {(int) w.dims()[2], (int) w.dims()[3]};
            long[] ks = ints(node, "kernel_shape");
            if (ks != null && (ks.length != 2 || ks[0] != kernel[0] || ks[1] != kernel[1])) {
                throw fail("kernel_shape " + Arrays.toString(ks) + " disagrees with the weights' dims "
                        + w.dimsText());
            }
            int[] strides = pair("strides", 1);
            int[] dilations = pair("dilations", 1);
            int[] pads = pads(input, kernel, strides, dilations, extra);
            for (int k = 0; k < 4; k++) {
                pads[k] += extra[k];
            }
            float[] fusedBias = bias == null ? fusedAdd(index, out, true) : null;
            if (fusedBias != null) {
                bias = fusedBias;
            }
            String y = builder.conv2d(nodeName, input, w.floats(), out, kernel[0], kernel[1], bias, strides, pads,
                    dilations);
            put(0, computed(y));
            if (fusedBias != null) {
                markFused(index, y);
            }
        }

        private void pool(boolean max) throws ModelImportException {
            outputUnused(1, "the indices");
            Value x = in(0);
            int[] extra = null;
            String input;
            if (x instanceof Padded p && !max) {
                extra = p.pads();
                input = p.source().name();
            } else {
                input = image(0, false);
            }
            long[] ks = ints(node, "kernel_shape");
            if (ks == null || ks.length != 2 || ks[0] < 1 || ks[1] < 1 || ks[0] > MAX_SIDE || ks[1] > MAX_SIDE) {
                throw fail("kernel_shape " + (ks == null ? "missing" : Arrays.toString(ks))
                        + "; expected two positive sizes");
            }
            int[] kernel = {(int) ks[0], (int) ks[1]};
            int[] strides = pair("strides", 1);
            int[] dilations = pair("dilations", 1);
            if (dilations[0] != 1 || dilations[1] != 1) {
                throw fail("has dilations " + Arrays.toString(dilations) + "; only 1 is supported for pooling");
            }
            int[] pads = pads(input, kernel, strides, dilations, extra);
            boolean countIncludePad = i(node, "count_include_pad", 0) == 1;
            if (extra != null) {
                boolean ownPads = Arrays.stream(pads).anyMatch(p -> p != 0);
                if (ownPads && !countIncludePad) {
                    throw fail("pads " + Arrays.toString(pads) + " without count_include_pad after a Pad cannot be "
                            + "expressed");
                }
                for (int k = 0; k < 4; k++) {
                    pads[k] += extra[k];
                }
                countIncludePad = true;
            }
            if (i(node, "ceil_mode", 0) != 0) {
                TensorShape s = builder.shape(input);
                long[] floor = new long[2];
                long[] ceil = new long[2];
                long[] side = {s.height(), s.width()};
                for (int k = 0; k < 2; k++) {
                    long span = side[k] + pads[k] + pads[k + 2] - kernel[k];
                    floor[k] = Math.floorDiv(span, strides[k]) + 1;
                    ceil[k] = Math.floorDiv(span + strides[k] - 1, strides[k]) + 1;
                }
                if (!Arrays.equals(floor, ceil)) {
                    throw fail("has ceil_mode 1, which is not supported (it makes " + ceil[0] + " x " + ceil[1]
                            + " outputs where floor rounding makes " + floor[0] + " x " + floor[1] + ")");
                }
            }
            String y = max ? builder.maxPool(nodeName, input, kernel, strides, pads)
                    : builder.averagePool(nodeName, input, kernel, strides, pads, countIncludePad);
            put(0, computed(y));
        }

        private void reduceMean() throws ModelImportException {
            long[] axes = ints(node, "axes");
            if (axes == null && hasInput(1)) {
                axes = constant(1, "axes").longs();
            }
            Set<Long> set = new HashSet<>();
            for (long a : axes == null ? new long[0] : axes) {
                set.add(a < 0 ? a + 4 : a);
            }
            if (!set.equals(Set.of(2L, 3L))) {
                throw fail("averages over axes " + (axes == null ? "all" : Arrays.toString(axes)) + "; only the "
                        + "mean over height and width (axes [2, 3], a global average pool) is supported");
            }
            boolean keep = i(node, "keepdims", 1) == 1;
            put(0, new Computed(builder.globalAveragePool(nodeName, image(0, false)), keep));
        }

        private void batchNorm() throws ModelImportException {
            String x = image(0, true);
            long channels = builder.shape(x).channels();
            boolean training = i(node, "training_mode", 0) == 1;
            for (int o = 1; o < node.getOutputCount(); o++) {
                if (!node.getOutput(o).isEmpty()) {
                    training = true;
                    outputUnused(o, "a training statistic");
                }
            }
            if (training) {
                notes.add("node '" + nodeName + "' (BatchNormalization) was exported in training form; its running "
                        + "mean and variance are used, as at inference");
            }
            float[] gamma = floats(1, "scale", channels);
            float[] beta = floats(2, "bias", channels);
            float[] mean = floats(3, "mean", channels);
            float[] variance = floats(4, "variance", channels);
            double epsilon = f(node, "epsilon", 1e-5f);
            put(0, same(0, builder.batchNorm(nodeName, x, gamma, beta, mean, variance, epsilon)));
        }

        private void softmax() throws ModelImportException {
            Value v = in(0);
            if (v instanceof Computed c) {
                int rank = rank(c);
                long axis = i(node, "axis", opset >= 13 ? -1 : 1);
                long normal = axis < 0 ? axis + rank : axis;
                boolean flat = builder.shape(c.name()).isFlat();
                if (!flat || normal != 1) {
                    throw fail("softmax over axis " + axis + " of a tensor " + shapeText(c) + "; only the "
                            + "softmax over the classes of a flat tensor is supported");
                }
                put(0, computed(builder.activation(nodeName, c.name(), new ActivationSoftmax())));
                return;
            }
            throw fail(describe(node.getInput(0), v));
        }

        private String shapeText(Computed c) throws ModelImportException {
            TensorShape s = builder.shape(c.name());
            return c.flatOnes() ? "[N, " + s.channels() + ", 1, 1]" : (s.isFlat() ? "[N, " + s.channels() + "]"
                    : "[N, " + s.channels() + ", " + s.height() + ", " + s.width() + "]");
        }

        private void flatten() throws ModelImportException {
            Value v = in(0);
            if (!(v instanceof Computed c)) {
                throw fail(describe(node.getInput(0), v) + "; Flatten of constants is not supported");
            }
            long axis = i(node, "axis", 1);
            long normal = axis < 0 ? axis + rank(c) : axis;
            if (normal != 1) {
                throw fail("flattens from axis " + axis + "; only axis 1 (keeping the batch) is supported");
            }
            put(0, flattened(c));
        }

        private Computed flattened(Computed c) throws ModelImportException {
            if (c.flatOnes() || builder.shape(c.name()).isFlat()) {
                return computed(c.name());
            }
            return computed(builder.flatten(nodeName, c.name()));
        }

        private void reshape() throws ModelImportException {
            Value v = in(0);
            long[] target;
            if (hasInput(1)) {
                OnnxTensor t = constant(1, "shape");
                if (t.isFloat()) {
                    throw fail("shape '" + node.getInput(1) + "' is not integer");
                }
                target = t.longs();
            } else {
                target = ints(node, "shape");
                if (target == null) {
                    throw fail("has no target shape");
                }
            }
            if (!(v instanceof Computed c)) {
                if (v instanceof Constant k) {
                    put(0, new Constant(reshapeConstant(k.tensor(), target)));
                    return;
                }
                throw fail(describe(node.getInput(0), v));
            }
            long size = builder.shape(c.name()).size();
            boolean allowZero = i(node, "allowzero", 0) == 1;
            if (target.length == 2) {
                long b = target[0];
                long f = target[1];
                boolean batch = b == OnnxTensor.BATCH || (b == 0 && !allowZero)
                        || (b > 0 && b == declaredBatch);
                if ((batch && (f == -1 || f == size)) || (b == -1 && f == size)) {
                    put(0, flattened(c));
                    return;
                }
            }
            StringBuilder text = new StringBuilder();
            for (long t : target) {
                text.append(text.length() == 0 ? "" : ", ").append(t == OnnxTensor.BATCH ? "N" : String.valueOf(t));
            }
            throw fail("reshapes " + shapeText(c) + " to [" + text + "]; only flattening to [N, -1] (or [0, -1], "
                    + "[-1, " + size + "]) is supported");
        }

        private OnnxTensor reshapeConstant(OnnxTensor t, long[] target) throws ModelImportException {
            long[] dims = target.clone();
            int unknown = -1;
            long known = 1;
            for (int k = 0; k < dims.length; k++) {
                if (dims[k] == 0 && k < t.rank()) {
                    dims[k] = t.dims()[k];
                }
                if (dims[k] == -1 && unknown < 0) {
                    unknown = k;
                } else if (dims[k] < 0) {
                    throw fail("reshapes a constant to " + Arrays.toString(target));
                } else {
                    known = Math.multiplyExact(known, dims[k]);
                }
            }
            if (unknown >= 0 && known > 0) {
                dims[unknown] = t.size() / known;
                known *= dims[unknown];
            }
            if (known != t.size()) {
                throw fail("reshapes a constant of " + t.size() + " values to " + Arrays.toString(target));
            }
            return new OnnxTensor(dims, t.floats(), t.longs());
        }

        private void gemm(int index) throws ModelImportException {
            String x = flatInput(0);
            if (i(node, "transA", 0) != 0) {
                throw fail("has transA 1, which is not supported (the batch must come first)");
            }
            boolean transB = i(node, "transB", 0) != 0;
            float alpha = f(node, "alpha", 1f);
            float beta = f(node, "beta", 1f);
            OnnxTensor b = constant(1, "B");
            if (b.rank() != 2 || !b.isFloat()) {
                throw fail("B '" + node.getInput(1) + "' has dims " + b.dimsText() + "; expected 2-D floats");
            }
            long in = transB ? b.dims()[1] : b.dims()[0];
            long out = transB ? b.dims()[0] : b.dims()[1];
            float[] w = weights(b.floats(), in, out, transB, alpha);
            float[] bias = null;
            if (hasInput(2)) {
                OnnxTensor c = constant(2, "C");
                float[] cv = c.asFloats();
                boolean vector = c.size() == out && (c.rank() == 1 || (c.rank() == 2 && c.dims()[0] == 1));
                if (!vector && c.size() != 1) {
                    throw fail("C '" + node.getInput(2) + "' has dims " + c.dimsText() + "; expected [" + out
                            + "], [1, " + out + "] or a scalar");
                }
                bias = new float[(int) out];
                for (int o = 0; o < out; o++) {
                    bias[o] = beta * (vector ? cv[o] : cv[0]);
                }
            }
            dense(index, x, w, out, bias);
        }

        private void matMul(int index) throws ModelImportException {
            String x = flatInput(0);
            OnnxTensor b = constant(1, "B");
            if (b.rank() != 2 || !b.isFloat()) {
                throw fail("B '" + node.getInput(1) + "' has dims " + b.dimsText() + "; only a product with a "
                        + "constant 2-D matrix is supported");
            }
            dense(index, x, b.floats(), b.dims()[1], null);
        }

        private void dense(int index, String x, float[] w, long out, float[] bias) throws ModelImportException {
            float[] fusedBias = bias == null ? fusedAdd(index, out, false) : null;
            String y = builder.dense(nodeName, x, w, out, bias != null ? bias : fusedBias);
            put(0, computed(y));
            if (fusedBias != null) {
                markFused(index, y);
            }
        }

        private String flatInput(int i) throws ModelImportException {
            Value v = in(i);
            if (v instanceof Computed c && (c.flatOnes() || builder.shape(c.name()).isFlat())) {
                if (c.flatOnes()) {
                    throw fail("input '" + node.getInput(i) + "' is " + shapeText(c) + "; a matrix product needs "
                            + "a flat [N, F] input (flatten it first)");
                }
                return c.name();
            }
            if (v instanceof Computed c) {
                throw fail("input '" + node.getInput(i) + "' is " + shapeText(c) + "; a matrix product needs a "
                        + "flat [N, F] input (flatten it first)");
            }
            throw fail(describe(node.getInput(i), v));
        }

        private static float[] weights(float[] b, long in, long out, boolean transposed, float alpha) {
            int n = (int) in;
            int m = (int) out;
            float[] w = new float[n * m];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < m; c++) {
                    float v = transposed ? b[c * n + r] : b[r * m + c];
                    w[r * m + c] = alpha == 1f ? v : alpha * v;
                }
            }
            return w;
        }

        private int pendingFusion = -1;

        /**
         * The bias of an Add that directly follows this node (its output's only reader) and adds a constant of one
         * value per output channel or feature, or null; the Add is then marked to be skipped by {@link #markFused}.
         */
        private float[] fusedAdd(int index, long out, boolean image) throws ModelImportException {
            pendingFusion = -1;
            String y = node.getOutputCount() > 0 ? node.getOutput(0) : "";
            if (y.isEmpty() || consumers.getOrDefault(y, 0) != 1) {
                return null;
            }
            for (int k = index + 1; k < graph.getNodeCount(); k++) {
                Onnx.NodeProto next = graph.getNode(k);
                if (!next.getInputList().contains(y)) {
                    continue;
                }
                if (!next.getOpType().equals("Add") || !next.getDomain().isEmpty() || next.getInputCount() != 2
                        || next.getOutputCount() < 1 || next.getOutput(0).isEmpty()) {
                    return null;
                }
                String other = next.getInput(0).equals(y) ? next.getInput(1) : next.getInput(0);
                OnnxTensor c = constantAhead(other);
                if (c == null || c.size() != out) {
                    return null;
                }
                long[] d = c.dims();
                boolean perChannel;
                if (image) {
                    perChannel = d.length >= 3 && d[d.length - 1] == 1 && d[d.length - 2] == 1
                            && leadingOnes(d, d.length - 3);
                } else {
                    perChannel = d.length >= 1 && leadingOnes(d, d.length - 1);
                }
                if (!perChannel) {
                    return null;
                }
                pendingFusion = k;
                return c.asFloats();
            }
            return null;
        }

        private static boolean leadingOnes(long[] d, int upTo) {
            for (int k = 0; k < upTo; k++) {
                if (d[k] != 1) {
                    return false;
                }
            }
            return true;
        }

        private void markFused(int index, String y) {
            if (pendingFusion > index) {
                Onnx.NodeProto add = graph.getNode(pendingFusion);
                values.put(add.getOutput(0), computed(y));
                fused.add(pendingFusion);
                notes.add("node '" + (add.getName().isEmpty() ? "Add_" + pendingFusion : add.getName())
                        + "' (Add) is the bias of node '" + nodeName + "' (" + node.getOpType() + ")");
            }
            pendingFusion = -1;
        }

        /** A constant known now or made later by an initializer or a Constant node, or null. */
        private OnnxTensor constantAhead(String name) throws ModelImportException {
            Value v = values.get(name);
            if (v instanceof Constant c) {
                return c.tensor();
            }
            if (v != null) {
                return null;
            }
            if (initializers.containsKey(name)) {
                return ((Constant) value(name)).tensor();
            }
            Integer producer = producers.get(name);
            if (producer != null && graph.getNode(producer).getOpType().equals("Constant")) {
                OnnxTensor t = constantNode(graph.getNode(producer));
                values.put(name, new Constant(t));
                return t;
            }
            return null;
        }

        // ------------------------------------------------------------------------------------------- arithmetic

        private void arithmetic(String op) throws ModelImportException {
            Value a = in(0);
            Value b = in(1);
            if (a instanceof Constant ca && b instanceof Constant cb) {
                put(0, new Constant(fold(op, ca.tensor(), cb.tensor())));
                return;
            }
            if (a instanceof Computed x && b instanceof Computed y) {
                if (!op.equals("Add")) {
                    throw fail(op + " of two computed tensors is not supported (only Add, a residual connection)");
                }
                put(0, new Computed(builder.add(nodeName, x.name(), y.name()), x.flatOnes() && y.flatOnes()));
                return;
            }
            boolean constantFirst = a instanceof Constant;
            Value g = constantFirst ? b : a;
            Value operand = constantFirst ? a : b;
            if (!(g instanceof Computed x) || !(operand instanceof Constant)) {
                String n = node.getInput(g == a ? 0 : 1);
                throw fail(describe(n, g));
            }
            OnnxTensor c = ((Constant) operand).tensor();
            float[] v = perChannel(x, c, node.getInput(constantFirst ? 0 : 1));
            float[] scale;
            float[] shift;
            switch (op) {
                case "Add" -> {
                    scale = new float[] {1f};
                    shift = v;
                }
                case "Sub" -> {
                    scale = new float[] {constantFirst ? -1f : 1f};
                    shift = constantFirst ? v : negate(v);
                }
                case "Mul" -> {
                    scale = v;
                    shift = new float[] {0f};
                }
                default -> {
                    if (constantFirst) {
                        throw fail("divides a constant by a computed tensor, which is not supported");
                    }
                    scale = new float[v.length];
                    for (int k = 0; k < v.length; k++) {
                        scale[k] = 1f / v[k];
                    }
                    shift = new float[] {0f};
                }
            }
            if (x.name().equals(inputNode) && scale.length == 1 && Math.abs(scale[0] * 255 - 1) < 1e-3
                    && shift.length == 1 && shift[0] == 0 && preprocessing.scale() != 1) {
                double given = preprocessing.scale();
                String by = given == Math.rint(given) && Math.abs(given) < 1e15 ? String.valueOf((long) given)
                        : String.valueOf(given);
                notes.add(ImportedNetwork.RESCALES_ITSELF + " (" + (op.equals("Div") ? "Div by 255" : "Mul by 1/255")
                        + " in node '" + nodeName + "'), and pixels are divided by " + by + " first (--input-scale "
                        + by + "): give --input-scale 1 if it was trained on raw 0..255 pixels");
            }
            put(0, new Computed(builder.affine(nodeName, x.name(), scale, shift), x.flatOnes()));
        }

        private static float[] negate(float[] v) {
            float[] n = new float[v.length];
            for (int k = 0; k < v.length; k++) {
                n[k] = -v[k];
            }
            return n;
        }

        /** A constant operand as one value or one per channel (feature), refusing any other broadcast. */
        private float[] perChannel(Computed x, OnnxTensor c, String name) throws ModelImportException {
            if (c.size() == 1 && c.rank() <= rank(x)) {
                return c.asFloats();
            }
            long channels = builder.shape(x.name()).channels();
            long[] d = c.dims();
            boolean ok;
            if (rank(x) == 2) {
                ok = d.length >= 1 && d.length <= 2 && d[d.length - 1] == channels && leadingOnes(d, d.length - 1);
            } else {
                ok = d.length >= 3 && d.length <= 4 && d[d.length - 1] == 1 && d[d.length - 2] == 1
                        && d[d.length - 3] == channels && leadingOnes(d, d.length - 3);
            }
            if (!ok) {
                throw fail("constant '" + name + "' of dims " + c.dimsText() + " applied to " + shapeText(x)
                        + " is neither one value nor one per channel");
            }
            return c.asFloats();
        }

        private OnnxTensor fold(String op, OnnxTensor a, OnnxTensor b) throws ModelImportException {
            OnnxTensor big = a.size() >= b.size() ? a : b;
            if (a.size() != b.size() && a.size() != 1 && b.size() != 1) {
                throw fail("of constants of dims " + a.dimsText() + " and " + b.dimsText() + " is not supported");
            }
            if (a.size() == b.size() && !Arrays.equals(a.dims(), b.dims()) && a.size() != 1) {
                throw fail("of constants of dims " + a.dimsText() + " and " + b.dimsText() + " is not supported");
            }
            int n = big.size();
            budget.take(n, source + ": node '" + nodeName + "'");
            long[] dims = a.rank() >= b.rank() ? a.dims() : b.dims();
            if (a.isFloat() || b.isFloat()) {
                float[] r = new float[n];
                for (int k = 0; k < n; k++) {
                    double x = a.value(a.size() == 1 ? 0 : k);
                    double y = b.value(b.size() == 1 ? 0 : k);
                    r[k] = (float) switch (op) {
                        case "Add" -> x + y;
                        case "Sub" -> x - y;
                        case "Mul" -> x * y;
                        default -> x / y;
                    };
                }
                return new OnnxTensor(dims, r, null);
            }
            long[] r = new long[n];
            for (int k = 0; k < n; k++) {
                long x = a.longs()[a.size() == 1 ? 0 : k];
                long y = b.longs()[b.size() == 1 ? 0 : k];
                if (x == OnnxTensor.BATCH || y == OnnxTensor.BATCH) {
                    r[k] = OnnxTensor.BATCH;
                    continue;
                }
                r[k] = switch (op) {
                    case "Add" -> x + y;
                    case "Sub" -> x - y;
                    case "Mul" -> x * y;
                    default -> {
                        if (y == 0) {
                            throw fail("divides by the constant 0");
                        }
                        yield x / y;
                    }
                };
            }
            return new OnnxTensor(dims, null, r);
        }

        private void concat() throws ModelImportException {
            long axis = i(node, "axis", 0);
            List<Value> inputs = new ArrayList<>();
            for (int k = 0; k < node.getInputCount(); k++) {
                inputs.add(in(k));
            }
            if (inputs.isEmpty()) {
                throw fail("has no inputs");
            }
            if (inputs.stream().allMatch(v -> v instanceof Constant)) {
                List<OnnxTensor> ts = new ArrayList<>();
                for (Value v : inputs) {
                    OnnxTensor t = ((Constant) v).tensor();
                    if (t.rank() > 1) {
                        throw fail("concatenates constants of dims " + t.dimsText() + "; only vectors are supported");
                    }
                    ts.add(t);
                }
                boolean floats = ts.stream().anyMatch(OnnxTensor::isFloat);
                int n = ts.stream().mapToInt(OnnxTensor::size).sum();
                float[] f = floats ? new float[n] : null;
                long[] l = floats ? null : new long[n];
                int at = 0;
                for (OnnxTensor t : ts) {
                    for (int k = 0; k < t.size(); k++, at++) {
                        if (floats) {
                            f[at] = (float) t.value(k);
                        } else {
                            l[at] = t.longs()[k];
                        }
                    }
                }
                put(0, new Constant(new OnnxTensor(new long[] {n}, f, l)));
                return;
            }
            List<String> names = new ArrayList<>();
            boolean ones = true;
            int rank = -1;
            for (int k = 0; k < inputs.size(); k++) {
                if (!(inputs.get(k) instanceof Computed c)) {
                    throw fail(describe(node.getInput(k), inputs.get(k)) + "; a concatenation of computed tensors "
                            + "is supported");
                }
                rank = rank(c);
                ones &= c.flatOnes();
                names.add(c.name());
            }
            long normal = axis < 0 ? axis + rank : axis;
            if (normal != 1) {
                throw fail("concatenates along axis " + axis + "; only channels (axis 1) are supported");
            }
            put(0, new Computed(builder.concat(nodeName, names), ones));
        }

        // ---------------------------------------------------------------------------------------- shape sub-graphs

        private void shapeOf() throws ModelImportException {
            Value v = in(0);
            long[] shape;
            if (v instanceof Constant c) {
                shape = c.tensor().dims().clone();
            } else if (v instanceof Computed c) {
                shape = onnxShape(c);
            } else if (v instanceof Padded p) {
                long[] s = onnxShape(p.source());
                shape = new long[] {s[0], s[1], s[2] + p.pads()[0] + p.pads()[2], s[3] + p.pads()[1] + p.pads()[3]};
            } else {
                throw fail(describe(node.getInput(0), v));
            }
            int rank = shape.length;
            long start = i(node, "start", 0);
            long end = i(node, "end", rank);
            start = Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
            end = Math.max(start, Math.min(rank, end < 0 ? end + rank : end));
            put(0, new Constant(OnnxTensor.ofLongs(Arrays.copyOfRange(shape, (int) start, (int) end))));
        }

        private long[] onnxShape(Computed c) throws ModelImportException {
            TensorShape s = builder.shape(c.name());
            if (c.flatOnes()) {
                return new long[] {OnnxTensor.BATCH, s.channels(), 1, 1};
            }
            return s.isFlat() ? new long[] {OnnxTensor.BATCH, s.channels()}
                    : new long[] {OnnxTensor.BATCH, s.channels(), s.height(), s.width()};
        }

        private void gather() throws ModelImportException {
            OnnxTensor data = constant(0, "data");
            OnnxTensor indices = constant(1, "indices");
            long axis = i(node, "axis", 0);
            if (data.rank() != 1 || (axis != 0 && axis != -1) || indices.isFloat()) {
                throw fail("gathers from constant dims " + data.dimsText() + " along axis " + axis + "; only "
                        + "integer indices into a vector are supported");
            }
            int n = indices.size();
            budget.take(n, source + ": node '" + nodeName + "'");
            float[] f = data.isFloat() ? new float[n] : null;
            long[] l = data.isFloat() ? null : new long[n];
            for (int k = 0; k < n; k++) {
                long at = indices.longs()[k];
                long normal = at < 0 ? at + data.size() : at;
                if (normal < 0 || normal >= data.size()) {
                    throw fail("index " + at + " is outside the " + data.size() + " values of '" + node.getInput(0)
                            + "'");
                }
                if (f != null) {
                    f[k] = data.floats()[(int) normal];
                } else {
                    l[k] = data.longs()[(int) normal];
                }
            }
            put(0, new Constant(new OnnxTensor(indices.dims().clone(), f, l)));
        }

        private void squeeze(boolean unsqueeze) throws ModelImportException {
            long[] axes = ints(node, "axes");
            if (axes == null && hasInput(1)) {
                axes = constant(1, "axes").longs();
                if (axes == null) {
                    throw fail("axes '" + node.getInput(1) + "' are not integers");
                }
            }
            Value v = in(0);
            if (v instanceof Computed c && !unsqueeze) {
                TensorShape s = builder.shape(c.name());
                boolean ones = c.flatOnes() || (!s.isFlat() && s.height() == 1 && s.width() == 1);
                Set<Long> set = new HashSet<>();
                for (long a : axes == null ? new long[] {2, 3} : axes) {
                    set.add(a < 0 ? a + 4 : a);
                }
                if (ones && set.equals(Set.of(2L, 3L))) {
                    put(0, flattened(c));
                    return;
                }
                throw fail("squeezes axes " + (axes == null ? "(all)" : Arrays.toString(axes)) + " of "
                        + shapeText(c) + "; only squeezing a [N, C, 1, 1] tensor's axes [2, 3] is supported");
            }
            if (!(v instanceof Constant c)) {
                throw fail(describe(node.getInput(0), v) + "; " + node.getOpType() + " of constants or of a "
                        + "[N, C, 1, 1] tensor is supported");
            }
            OnnxTensor t = c.tensor();
            List<Long> dims = new ArrayList<>();
            for (long d : t.dims()) {
                dims.add(d);
            }
            if (unsqueeze) {
                if (axes == null || axes.length > 8) {
                    throw fail("has " + (axes == null ? "no" : axes.length) + " axes");
                }
                int rank = dims.size() + axes.length;
                long[] sorted = new long[axes.length];
                for (int k = 0; k < axes.length; k++) {
                    sorted[k] = axes[k] < 0 ? axes[k] + rank : axes[k];
                }
                Arrays.sort(sorted);
                for (long a : sorted) {
                    if (a < 0 || a > dims.size()) {
                        throw fail("axis " + a + " is outside a result of rank " + rank);
                    }
                    dims.add((int) a, 1L);
                }
            } else {
                int rank = dims.size();
                Set<Integer> drop = new HashSet<>();
                if (axes == null) {
                    for (int k = 0; k < rank; k++) {
                        if (dims.get(k) == 1) {
                            drop.add(k);
                        }
                    }
                } else {
                    for (long a : axes) {
                        int k = (int) (a < 0 ? a + rank : a);
                        if (k < 0 || k >= rank || dims.get(k) != 1) {
                            throw fail("cannot squeeze axis " + a + " of dims " + t.dimsText());
                        }
                        drop.add(k);
                    }
                }
                List<Long> kept = new ArrayList<>();
                for (int k = 0; k < rank; k++) {
                    if (!drop.contains(k)) {
                        kept.add(dims.get(k));
                    }
                }
                dims = kept;
            }
            put(0, new Constant(new OnnxTensor(dims.stream().mapToLong(Long::longValue).toArray(), t.floats(),
                    t.longs())));
        }

        private void cast() throws ModelImportException {
            long to = i(node, "to", 1);
            Value v = in(0);
            boolean toFloat = to == 1 || to == 10 || to == 11;
            if (v instanceof Computed) {
                if (to != 1) {
                    throw fail("casts a computed tensor to " + OnnxTensor.typeName((int) to) + "; only to FLOAT "
                            + "(the identity here) is supported");
                }
                put(0, v);
                return;
            }
            if (!(v instanceof Constant c)) {
                throw fail(describe(node.getInput(0), v));
            }
            OnnxTensor t = c.tensor();
            if (toFloat) {
                put(0, new Constant(new OnnxTensor(t.dims(), t.asFloats(), null)));
            } else if (t.isFloat()) {
                long[] l = new long[t.size()];
                for (int k = 0; k < l.length; k++) {
                    l[k] = to == 9 ? (t.floats()[k] != 0 ? 1 : 0) : (long) t.floats()[k];
                }
                put(0, new Constant(new OnnxTensor(t.dims(), null, l)));
            } else {
                put(0, v);
            }
        }

        private void transpose() throws ModelImportException {
            Value v = in(0);
            long[] perm = ints(node, "perm");
            if (v instanceof RawInput raw) {
                if (perm != null && Arrays.equals(perm, new long[] {0, 3, 1, 2})) {
                    put(0, computed(raw.builderName()));
                    return;
                }
                throw fail("transposes the NHWC input with perm " + Arrays.toString(perm) + "; only [0, 3, 1, 2] "
                        + "(to NCHW) is supported");
            }
            if (v instanceof Constant c) {
                OnnxTensor t = c.tensor();
                if (t.rank() <= 1) {
                    put(0, v);
                    return;
                }
                if (t.rank() == 2 && (perm == null || Arrays.equals(perm, new long[] {1, 0}))) {
                    int r = (int) t.dims()[0];
                    int k = (int) t.dims()[1];
                    budget.take(t.size(), source + ": node '" + nodeName + "'");
                    float[] f = t.isFloat() ? new float[t.size()] : null;
                    long[] l = t.isFloat() ? null : new long[t.size()];
                    for (int a = 0; a < r; a++) {
                        for (int b = 0; b < k; b++) {
                            if (f != null) {
                                f[b * r + a] = t.floats()[a * k + b];
                            } else {
                                l[b * r + a] = t.longs()[a * k + b];
                            }
                        }
                    }
                    put(0, new Constant(new OnnxTensor(new long[] {k, r}, f, l)));
                    return;
                }
            }
            throw fail(describe(node.getInput(0), v) + "; Transpose is supported for the NHWC input (perm [0, 3, "
                    + "1, 2]) and for constant matrices");
        }

        private void pad() throws ModelImportException {
            String mode = s(node, "mode", "constant");
            if (!mode.toLowerCase(Locale.ROOT).equals("constant")) {
                throw fail("pads in mode '" + mode + "'; only constant (zero) padding is supported");
            }
            long[] pads;
            double fill = 0;
            if (opset >= 11 || hasInput(1)) {
                pads = hasInput(1) ? constant(1, "pads").longs() : null;
                if (hasInput(2)) {
                    OnnxTensor value = constant(2, "constant_value");
                    fill = value.size() == 0 ? 0 : value.value(0);
                }
                if (hasInput(3)) {
                    throw fail("pads selected axes (the axes input), which is not supported");
                }
            } else {
                pads = ints(node, "pads");
                fill = f(node, "value", 0f);
            }
            Value v = in(0);
            if (!(v instanceof Computed c) || c.flatOnes() || builder.shape(c.name()).isFlat()) {
                throw fail(describe(node.getInput(0), v) + "; only an image can be padded");
            }
            if (pads == null || pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0
                    || Arrays.stream(pads).anyMatch(p -> p < 0 || p > MAX_SIDE) || fill != 0) {
                throw fail("pads " + Arrays.toString(pads) + " with " + fill + "; only zero padding of height and "
                        + "width is supported");
            }
            put(0, new Padded(c, new int[] {(int) pads[2], (int) pads[3], (int) pads[6], (int) pads[7]}, nodeName));
        }

        // ------------------------------------------------------------------------------------------- attributes

        private int[] pair(String name, int fallback) throws ModelImportException {
            long[] v = ints(node, name);
            if (v == null) {
                return new int[] {fallback, fallback};
            }
            if (v.length != 2 || v[0] < 1 || v[1] < 1 || v[0] > MAX_SIDE || v[1] > MAX_SIDE) {
                throw fail(name + " " + Arrays.toString(v) + "; expected two positive values");
            }
            return new int[] {(int) v[0], (int) v[1]};
        }

        /** Explicit pads {top, left, bottom, right} from {@code pads} or {@code auto_pad}. */
        /** The node's own pads {top, left, bottom, right}; SAME_* computed on the input padded by {@code extra}. */
        private int[] pads(String input, int[] kernel, int[] strides, int[] dilations, int[] extra)
                throws ModelImportException {
            String auto = s(node, "auto_pad", "NOTSET");
            long[] p = ints(node, "pads");
            switch (auto) {
                case "NOTSET" -> {
                    if (p == null) {
                        return new int[4];
                    }
                    if (p.length != 4 || Arrays.stream(p).anyMatch(x -> x < 0 || x > MAX_SIDE)) {
                        throw fail("pads " + Arrays.toString(p) + "; expected four sizes of 0 or more");
                    }
                    return new int[] {(int) p[0], (int) p[1], (int) p[2], (int) p[3]};
                }
                case "VALID" -> {
                    return new int[4];
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    TensorShape s = builder.shape(input);
                    long[] side = {s.height(), s.width()};
                    if (extra != null) { // a Pad folded into this node: SAME is of the padded size
                        side[0] += extra[0] + extra[2];
                        side[1] += extra[1] + extra[3];
                    }
                    int[] r = new int[4];
                    for (int k = 0; k < 2; k++) {
                        long out = (side[k] + strides[k] - 1) / strides[k];
                        long total = Math.max(0, (out - 1) * strides[k] + (long) (kernel[k] - 1) * dilations[k] + 1
                                - side[k]);
                        long small = total / 2;
                        long big = total - small;
                        boolean upper = auto.equals("SAME_UPPER");
                        r[k] = (int) (upper ? small : big);
                        r[k + 2] = (int) (upper ? big : small);
                    }
                    return r;
                }
                default -> throw fail("auto_pad '" + auto + "' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
            }
        }

        private OnnxTensor constantNode(Onnx.NodeProto n) throws ModelImportException {
            String where = source + ": node '" + (n.getName().isEmpty() ? "Constant" : n.getName()) + "' (Constant)";
            for (Onnx.AttributeProto a : n.getAttributeList()) {
                switch (a.getName()) {
                    case "value":
                        return OnnxTensor.decode(a.getT(), where, budget);
                    case "value_float":
                        return new OnnxTensor(new long[0], new float[] {a.getF()}, null);
                    case "value_floats":
                        budget.take(a.getFloatsCount(), where);
                        float[] f = new float[a.getFloatsCount()];
                        for (int k = 0; k < f.length; k++) {
                            f[k] = a.getFloats(k);
                        }
                        return new OnnxTensor(new long[] {f.length}, f, null);
                    case "value_int":
                        return new OnnxTensor(new long[0], null, new long[] {a.getI()});
                    case "value_ints":
                        budget.take(a.getIntsCount(), where);
                        return OnnxTensor.ofLongs(a.getIntsList().stream().mapToLong(Long::longValue).toArray());
                    default:
                        break;
                }
            }
            throw new ModelImportException(where + ": no value (value, value_float(s) or value_int(s)) is given");
        }

        private static Onnx.AttributeProto attribute(Onnx.NodeProto n, String name) {
            for (Onnx.AttributeProto a : n.getAttributeList()) {
                if (a.getName().equals(name)) {
                    return a;
                }
            }
            return null;
        }

        private static long[] ints(Onnx.NodeProto n, String name) {
            Onnx.AttributeProto a = attribute(n, name);
            return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        }

        private static long i(Onnx.NodeProto n, String name, long fallback) {
            Onnx.AttributeProto a = attribute(n, name);
            return a == null ? fallback : a.getI();
        }

        private static float f(Onnx.NodeProto n, String name, float fallback) {
            Onnx.AttributeProto a = attribute(n, name);
            return a == null ? fallback : a.getF();
        }

        private static String s(Onnx.NodeProto n, String name, String fallback) {
            Onnx.AttributeProto a = attribute(n, name);
            return a == null ? fallback : a.getS().toStringUtf8();
        }
    }
}
