package io.github.erroranalysis.modelimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The Keras front-end: Keras 2 and Keras 3 {@code .h5}, Keras 3 {@code .keras}, and a model JSON with its weights
 * {@code .h5}; Sequential and functional models, described to a {@link GraphBuilder} in NCHW (kernels transposed,
 * the dense layer after a flatten permuted from Keras's row, column, channel order).
 *
 * <p>Weights are found in either layout Keras writes: the legacy one of {@code model.save("m.h5")} and
 * {@code save_weights("w.h5")} (a group per layer, its {@code weight_names} attribute naming the datasets), and
 * Keras 3's {@code H5IOStore} of {@code .keras} and {@code .weights.h5} ({@code layers/<name>/vars/<i>}).
 */
final class KerasImport {

    /** The largest model configuration or metadata read. */
    private static final long MAX_JSON_BYTES = 64L << 20;
    /** The most layers a model may have. */
    private static final int MAX_LAYERS = 10_000;
    /** The layers this converter handles, for messages. */
    static final String SUPPORTED = "InputLayer, Conv2D, Dense, MaxPooling2D, AveragePooling2D, "
            + "BatchNormalization, Dropout, SpatialDropout2D, GaussianNoise, GaussianDropout, AlphaDropout, "
            + "ActivityRegularization, Flatten, Activation, ReLU, LeakyReLU, ELU, Softmax, GlobalAveragePooling2D, "
            + "Add, Concatenate, Rescaling";
    private static final Set<String> IDENTITY = Set.of("Dropout", "SpatialDropout2D", "GaussianNoise",
            "GaussianDropout", "AlphaDropout", "ActivityRegularization", "SpatialDropout1D", "Identity");
    private static final Set<String> NESTED = Set.of("Sequential", "Functional", "Model");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private KerasImport() {
    }

    /**
     * Converts a Keras model.
     *
     * @param file the model ({@code .h5}, {@code .keras} or a model JSON)
     * @param weights the weights {@code .h5} of a model JSON, or null
     * @param format the file's format, as {@link ModelFormat#detect} found it
     * @param preprocessing its preprocessing (the layout and the channel order are used here)
     * @return the network
     * @throws ModelImportException if the file is not a model this converter handles (naming the layer and class)
     * @throws IOException if it cannot be read
     */
    static ImportedNetwork read(Path file, Path weights, ModelFormat format, Preprocessing preprocessing)
            throws IOException {
        return read(file, null, weights, format, preprocessing);
    }

    /**
     * Converts a Keras model whose HDF5 bytes {@link ModelFormat#detectRead} already read (or reads them when null).
     *
     * @param file the model
     * @param hdf5 the bytes of a {@code .h5} model as read, or null to read the file here
     * @param weights the weights {@code .h5} of a model JSON, or null
     * @param format the file's format
     * @param preprocessing its preprocessing
     * @return the network
     * @throws ModelImportException if the file is not a model this converter handles (naming the layer and class)
     * @throws IOException if it cannot be read
     */
    static ImportedNetwork read(Path file, byte[] hdf5, Path weights, ModelFormat format,
            Preprocessing preprocessing) throws IOException {
        String source = name(file);
        switch (format) {
            case KERAS_H5 -> {
                try (KerasHdf5 h5 = hdf5 != null ? KerasHdf5.open(file.toString(), hdf5) : KerasHdf5.open(file)) {
                    String text = h5.text("/", "model_config");
                    if (text == null) {
                        throw new ModelImportException(source + ": an HDF5 file without the root attribute "
                                + "model_config (a weights file? give the model JSON as --model and this as "
                                + "--weights)");
                    }
                    String version = h5.text("/", "keras_version");
                    if (version == null && h5.isGroup("/model_weights")) {
                        version = h5.text("/model_weights", "keras_version");
                    }
                    checkBackend(source, h5.text("/", "backend"));
                    if (!h5.isGroup("/model_weights")) {
                        throw new ModelImportException(source + ": HDF5 group /model_weights is missing (saved "
                                + "without weights?)");
                    }
                    JsonNode config = parse(source, "model_config", text);
                    return convert(source, config, version, new LegacyWeights(h5, "/model_weights"), format,
                            preprocessing, ".h5");
                }
            }
            case KERAS_ZIP -> {
                Map<String, byte[]> entries = zipEntries(file, source);
                byte[] configBytes = entries.get("config.json");
                byte[] weightBytes = entries.get("model.weights.h5");
                if (configBytes == null || weightBytes == null) {
                    throw new ModelImportException(source + ": a .keras file needs config.json and model.weights.h5;"
                            + " found " + String.join(", ", entries.keySet()));
                }
                JsonNode config = parse(source, "config.json", new String(configBytes, StandardCharsets.UTF_8));
                String version = null;
                if (entries.containsKey("metadata.json")) {
                    JsonNode meta = parse(source, "metadata.json",
                            new String(entries.get("metadata.json"), StandardCharsets.UTF_8));
                    version = meta.path("keras_version").isTextual() ? meta.get("keras_version").asText() : null;
                }
                try (KerasHdf5 h5 = KerasHdf5.open(source + "!model.weights.h5", weightBytes)) {
                    return convert(source, config, version, new StoreWeights(h5), format, preprocessing, ".keras");
                }
            }
            case KERAS_JSON -> {
                if (weights == null) {
                    throw new ModelImportException(source + ": a Keras model JSON holds no weights; give them with "
                            + "--weights weights.h5");
                }
                if (Files.size(file) > MAX_JSON_BYTES) {
                    throw new ModelImportException(source + ": " + Files.size(file) + " bytes, more than the "
                            + MAX_JSON_BYTES + " bytes a model JSON may have");
                }
                byte[] bytes = Files.readAllBytes(file);
                JsonNode config = parse(source, "the model JSON", new String(bytes, StandardCharsets.UTF_8));
                String version = config.path("keras_version").isTextual() ? config.get("keras_version").asText()
                        : null;
                try (KerasHdf5 h5 = KerasHdf5.open(weights)) {
                    String weightsSource = name(weights);
                    WeightSource ws;
                    if (h5.hasAttribute("/", "layer_names")) {
                        checkBackend(weightsSource, h5.text("/", "backend"));
                        if (version == null) {
                            version = h5.text("/", "keras_version");
                        }
                        ws = new LegacyWeights(h5, "/");
                    } else if (h5.isGroup("/layers") || h5.isGroup("/vars")) {
                        ws = new StoreWeights(h5);
                    } else if (h5.hasAttribute("/", "model_config") && h5.isGroup("/model_weights")) {
                        ws = new LegacyWeights(h5, "/model_weights");
                    } else {
                        throw new ModelImportException(weightsSource + ": not a Keras weights file (no root "
                                + "attribute layer_names, no /layers group)");
                    }
                    return convert(source, config, version, ws, format, preprocessing, "model JSON + "
                            + weightsSource);
                }
            }
            default -> throw new ModelImportException(source + ": " + format.inWords() + " is not a Keras model");
        }
    }

    private static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }

    private static void checkBackend(String source, String backend) throws ModelImportException {
        if (backend != null && backend.strip().equalsIgnoreCase("theano")) {
            throw new ModelImportException(source + ": saved with Keras's Theano backend, whose convolution kernels "
                    + "are flipped; only TensorFlow, JAX and PyTorch backends are supported");
        }
    }

    private static JsonNode parse(String source, String what, String text) throws ModelImportException {
        if (text.length() > MAX_JSON_BYTES) {
            throw new ModelImportException(source + ": " + what + " is larger than " + MAX_JSON_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new ModelImportException(source + ": " + what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ModelImportException(source + ": " + what + " is not valid JSON" + where + " ("
                    + Messages.oneLine(e.getOriginalMessage()) + ")", e);
        } catch (StackOverflowError e) {
            throw new ModelImportException(source + ": " + what + " is nested too deeply to be a Keras model", e);
        }
    }

    private static Map<String, byte[]> zipEntries(Path file, String source) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Set<String> wanted = Set.of("config.json", "metadata.json", "model.weights.h5");
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String n = entry.getName();
                if (wanted.contains(n) && !out.containsKey(n)) {
                    long limit = n.endsWith(".h5") ? KerasHdf5.MAX_FILE_BYTES : MAX_JSON_BYTES;
                    out.put(n, KerasHdf5.readLimited(zip, limit, source + "!" + n));
                }
            }
        } catch (ModelImportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelImportException(source + ": the .keras zip cannot be read (" + Messages.oneLine(e) + ")",
                    e);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ weights

    /** A weight read from the file: its role ("kernel", "bias", …) when the file names it, and its values. */
    private record Weight(String role, String path, KerasHdf5.Tensor tensor) {
    }

    /** Where a layer's weights are found. */
    private interface WeightSource {
        /**
         * The layer's weights in the file's order.
         *
         * @param layer the layer
         * @return its weights, empty when the file has none for it
         */
        List<Weight> weights(Layer layer) throws ModelImportException;

        /** Prepares for the model's layers (Keras 3's store numbers them by class). */
        default void layers(List<Layer> layers, boolean sequential) throws ModelImportException {
        }

        /** The HDF5 file, for messages. */
        String source();
    }

    /** {@code model.save("m.h5")} and {@code save_weights("w.h5")}: a group per layer with {@code weight_names}. */
    private static final class LegacyWeights implements WeightSource {
        private final KerasHdf5 h5;
        private final String root;

        LegacyWeights(KerasHdf5 h5, String root) {
            this.h5 = h5;
            this.root = root.endsWith("/") ? root : root + "/";
        }

        @Override
        public List<Weight> weights(Layer layer) throws ModelImportException {
            String group = root + layer.name;
            if (layer.name.contains("/") || !h5.isGroup(group)) {
                return List.of();
            }
            List<String> names = h5.names(group, "weight_names");
            if (names == null) {
                return List.of();
            }
            List<Weight> out = new ArrayList<>();
            for (String n : names) {
                String path = group + "/" + n;
                String last = n.substring(n.lastIndexOf('/') + 1);
                int colon = last.indexOf(':');
                String role = colon >= 0 ? last.substring(0, colon) : last;
                out.add(new Weight(role, path, h5.tensor(path)));
            }
            return out;
        }

        @Override
        public String source() {
            return h5.source();
        }
    }

    /** Keras 3's H5IOStore ({@code .keras}, {@code .weights.h5}): {@code layers/<key>/vars/<i>}. */
    private static final class StoreWeights implements WeightSource {
        private final KerasHdf5 h5;
        private final Map<String, String> keyOf = new HashMap<>();

        StoreWeights(KerasHdf5 h5) {
            this.h5 = h5;
        }

        @Override
        public void layers(List<Layer> layers, boolean sequential) throws ModelImportException {
            Map<String, String> byAttribute = new HashMap<>();
            if (h5.isGroup("/layers")) {
                for (String child : h5.children("/layers")) {
                    String vars = "/layers/" + child + "/vars";
                    if (h5.isGroup(vars) && h5.hasAttribute(vars, "name")) {
                        byAttribute.put(h5.text(vars, "name"), child);
                    }
                }
            }
            Map<String, Integer> used = new HashMap<>();
            for (Layer layer : layers) {
                if (sequential && layer.className.equals("InputLayer")) {
                    continue;
                }
                String base = snake(layer.className);
                Integer n = used.get(base);
                String key = n == null ? base : base + "_" + n;
                used.put(base, n == null ? 1 : n + 1);
                keyOf.put(layer.name, byAttribute.getOrDefault(layer.name, key));
            }
        }

        @Override
        public List<Weight> weights(Layer layer) throws ModelImportException {
            String key = keyOf.get(layer.name);
            if (key == null) {
                return List.of();
            }
            String vars = "/layers/" + key + "/vars";
            if (!h5.isGroup(vars)) {
                return List.of();
            }
            List<String> children = h5.children(vars);
            List<Weight> out = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                String path = vars + "/" + i;
                if (!children.contains(String.valueOf(i))) {
                    throw new ModelImportException(h5.source() + ": HDF5 group " + vars + " holds "
                            + children + ", expected datasets 0 to " + (children.size() - 1));
                }
                out.add(new Weight(null, path, h5.tensor(path)));
            }
            return out;
        }

        @Override
        public String source() {
            return h5.source();
        }
    }

    /** Keras's {@code naming.to_snake_case}. */
    static String snake(String className) {
        String name = className.replaceAll("\\W+", "");
        name = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------------ the model

    /** One layer of the configuration. */
    private record Layer(String name, String className, JsonNode config, List<String> inbound) {
    }

    private static ImportedNetwork convert(String source, JsonNode root, String version, WeightSource weights,
                                           ModelFormat format, Preprocessing preprocessing, String from)
            throws IOException {
        String v = version == null ? (mentionsModule(root) ? "3 (version not recorded)" : "(version not recorded)")
                : version.strip();
        if (v.startsWith("1.")) {
            throw new ModelImportException(source + ": saved by Keras " + v + "; Keras 1 files are not supported "
                    + "(Keras 2 and 3 are)");
        }
        String modelClass = root.path("class_name").asText("");
        JsonNode config = root.get("config");
        if (config == null) {
            throw new ModelImportException(source + ": the model configuration has no 'config' (Keras " + v + ")");
        }
        boolean sequential;
        JsonNode layerList;
        if (modelClass.equals("Sequential")) {
            sequential = true;
            layerList = config.isArray() ? config : config.get("layers");
        } else if (modelClass.equals("Functional") || modelClass.equals("Model")) {
            sequential = false;
            layerList = config.get("layers");
        } else {
            throw new ModelImportException(source + ": the model is a '" + modelClass + "' (Keras " + v + "); "
                    + "only Sequential and functional models (their configuration) can be imported, not subclassed "
                    + "models");
        }
        if (layerList == null || !layerList.isArray() || layerList.isEmpty()) {
            throw new ModelImportException(source + ": the " + modelClass + " model lists no layers (Keras " + v
                    + ")");
        }
        if (layerList.size() > MAX_LAYERS) {
            throw new ModelImportException(source + ": " + layerList.size() + " layers, more than " + MAX_LAYERS);
        }
        List<Layer> layers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String previous = null;
        for (int i = 0; i < layerList.size(); i++) {
            JsonNode entry = layerList.get(i);
            String cls = entry.path("class_name").asText("");
            JsonNode cfg = entry.path("config");
            String name = entry.path("name").isTextual() ? entry.get("name").asText()
                    : cfg.path("name").asText("layer_" + i);
            if (!names.add(name)) {
                throw new ModelImportException(source + ": two layers are named '" + name + "' (Keras " + v + ")");
            }
            List<String> inbound;
            if (sequential) {
                inbound = previous == null ? List.of() : List.of(previous);
            } else {
                inbound = inbound(source, name, cls, v, entry.get("inbound_nodes"));
            }
            layers.add(new Layer(name, cls, cfg, inbound));
            previous = name;
        }
        Converter c = new Converter(source, v, weights, preprocessing);
        weights.layers(layers, sequential);
        return c.run(root, config, layers, sequential, modelClass, format, from);
    }

    private static boolean mentionsModule(JsonNode root) {
        return root.has("module") || root.path("config").path("layers").path(0).has("module");
    }

    /** The names of the layers whose outputs a functional layer takes, in order. */
    private static List<String> inbound(String source, String layer, String cls, String version, JsonNode nodes)
            throws ModelImportException {
        if (nodes == null || nodes.isNull() || (nodes.isArray() && nodes.isEmpty())) {
            return List.of();
        }
        if (!nodes.isArray()) {
            throw new ModelImportException(source + ": layer '" + layer + "' (" + cls + "): inbound_nodes is not "
                    + "a list (Keras " + version + ")");
        }
        if (nodes.size() > 1) {
            throw new ModelImportException(source + ": layer '" + layer + "' (" + cls + ") is called "
                    + nodes.size() + " times (a shared layer); not supported (Keras " + version + ")");
        }
        JsonNode node = nodes.get(0);
        List<JsonNode> history = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode input : node) {
                history.add(input);
            }
        } else if (node.isObject()) {
            collectHistories(node.get("args"), history, 0);
        } else {
            throw new ModelImportException(source + ": layer '" + layer + "' (" + cls + "): an inbound node is "
                    + "neither a list (Keras 2) nor an object with args (Keras 3)");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode h : history) {
            if (!h.isArray() || h.size() < 3 || !h.get(0).isTextual()) {
                throw new ModelImportException(source + ": layer '" + layer + "' (" + cls + "): inbound tensor "
                        + h + " is not [layer, node, tensor]");
            }
            if (h.get(1).asInt(-1) != 0 || h.get(2).asInt(-1) != 0) {
                throw new ModelImportException(source + ": layer '" + layer + "' (" + cls + ") takes output "
                        + h.get(2) + " of call " + h.get(1) + " of '" + h.get(0).asText() + "' (a shared or "
                        + "multi-output layer); not supported (Keras " + version + ")");
            }
            out.add(h.get(0).asText());
        }
        return out;
    }

    private static void collectHistories(JsonNode node, List<JsonNode> out, int depth) {
        if (node == null || depth > 64) {
            return;
        }
        if (node.isObject()) {
            if ("__keras_tensor__".equals(node.path("class_name").asText())) {
                out.add(node.path("config").path("keras_history"));
                return;
            }
            for (JsonNode child : node) {
                collectHistories(child, out, depth + 1);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectHistories(child, out, depth + 1);
            }
        }
    }

    /** Converts the layers one by one into the graph builder. */
    private static final class Converter {
        private final String source;
        private final String version;
        private final WeightSource weights;
        private final Preprocessing preprocessing;
        private String inputNode;
        private final GraphBuilder g;
        private final List<String> notes = new ArrayList<>();
        private final Set<String> identityNoted = new LinkedHashSet<>();
        private final Map<String, String> tensorOf = new HashMap<>();
        /** For a flat tensor in Keras's (h, w, c) order: the Keras index of each of our (c, h, w) features. */
        private final Map<String, int[]> kerasOrder = new HashMap<>();
        private boolean channelsFirst;

        Converter(String source, String version, WeightSource weights, Preprocessing preprocessing) {
            this.source = source;
            this.version = version;
            this.weights = weights;
            this.preprocessing = preprocessing;
            this.g = new GraphBuilder(source);
        }

        ImportedNetwork run(JsonNode root, JsonNode config, List<Layer> layers, boolean sequential,
                            String modelClass, ModelFormat format, String from) throws IOException {
            channelsFirst = dataFormat(layers);
            InputLayout layout = channelsFirst ? InputLayout.NCHW : InputLayout.NHWC;
            if (preprocessing.layout() != null && preprocessing.layout() != layout) {
                throw new ModelImportException(source + ": the model's layers are "
                        + (channelsFirst ? "channels_first (NCHW)" : "channels_last (NHWC)")
                        + " but the input layout was given as " + preprocessing.layout() + " (Keras " + version + ")");
            }
            for (Layer layer : layers) {
                if (NESTED.contains(layer.className)) {
                    throw new ModelImportException(source + ": layer '" + layer.name + "' (" + layer.className
                            + ") is a nested model; not supported (Keras " + version + "): rebuild the model with "
                            + "its layers at the top level");
                }
            }
            String inputName;
            String outputName;
            if (sequential) {
                Layer first = layers.get(0);
                inputName = first.className.equals("InputLayer") ? first.name : "input";
                outputName = layers.get(layers.size() - 1).name;
                long[] shape = inputShape(root, config, first);
                String t = input(inputName, shape);
                Layer previous = null;
                for (Layer layer : layers) {
                    if (layer.className.equals("InputLayer")) {
                        if (layer != first) {
                            throw new ModelImportException(source + ": layer '" + layer.name + "' (InputLayer) "
                                    + "inside a Sequential model (Keras " + version + ")");
                        }
                        tensorOf.put(layer.name, t);
                        previous = layer;
                        continue;
                    }
                    List<String> in = List.of(previous == null ? t : tensorOf.get(previous.name));
                    tensorOf.put(layer.name, layer(layer, in));
                    previous = layer;
                }
            } else {
                inputName = single(config.get("input_layers"), "input_layers");
                outputName = single(config.get("output_layers"), "output_layers");
                Map<String, Layer> byName = new LinkedHashMap<>();
                for (Layer layer : layers) {
                    byName.put(layer.name, layer);
                }
                Layer inputLayer = byName.get(inputName);
                if (inputLayer == null || !inputLayer.className.equals("InputLayer")) {
                    throw new ModelImportException(source + ": the model's input '" + inputName + "' is not an "
                            + "InputLayer of the model (Keras " + version + ")");
                }
                if (!byName.containsKey(outputName)) {
                    throw new ModelImportException(source + ": the model's output '" + outputName + "' is not a "
                            + "layer of the model (Keras " + version + ")");
                }
                tensorOf.put(inputName, input(inputName, inputShape(root, config, inputLayer)));
                List<Layer> pending = new ArrayList<>(layers);
                pending.remove(inputLayer);
                while (!pending.isEmpty()) {
                    boolean progress = false;
                    for (int i = 0; i < pending.size(); i++) {
                        Layer layer = pending.get(i);
                        if (layer.className.equals("InputLayer")) {
                            throw new ModelImportException(source + ": layer '" + layer.name + "' (InputLayer): "
                                    + "a second input; only models with one input are supported");
                        }
                        if (!tensorOf.keySet().containsAll(layer.inbound)) {
                            continue;
                        }
                        if (layer.inbound.isEmpty()) {
                            throw new ModelImportException(source + ": layer '" + layer.name + "' ("
                                    + layer.className + ") has no inputs (Keras " + version + ")");
                        }
                        List<String> in = new ArrayList<>();
                        for (String n : layer.inbound) {
                            in.add(tensorOf.get(n));
                        }
                        tensorOf.put(layer.name, layer(layer, in));
                        pending.remove(i);
                        i--;
                        progress = true;
                    }
                    if (!progress) {
                        Layer stuck = pending.get(0);
                        List<String> missing = new ArrayList<>(stuck.inbound);
                        missing.removeAll(tensorOf.keySet());
                        throw new ModelImportException(source + ": layer '" + stuck.name + "' ("
                                + stuck.className + ") takes " + missing + ", which no layer of the model makes "
                                + "(or a cycle; Keras " + version + ")");
                    }
                }
            }
            String out = tensorOf.get(outputName);
            if (kerasOrder.containsKey(out)) {
                throw new ModelImportException(source + ": the model's output '" + outputName + "' is a flattened "
                        + "image in channels_last order; not supported as an output (Keras " + version + ")");
            }
            ComputationGraph graph = g.build(out);
            List<String> allNotes = new ArrayList<>(notes);
            allNotes.addAll(g.notes());
            String modelName = config.path("name").asText("");
            String description = "Keras " + version + " " + modelClass + (modelName.isEmpty() ? "" : " '" + modelName
                    + "'") + ", " + layers.size() + " layers, " + layout + ", from " + from;
            return new ImportedNetwork(graph, format, description, layout, g.softmaxAppended(), allNotes);
        }

        private String single(JsonNode list, String key) throws ModelImportException {
            JsonNode entry = list;
            if (entry != null && entry.isArray() && entry.size() == 1 && entry.get(0).isArray()) {
                entry = entry.get(0);
            }
            if (entry == null || !entry.isArray() || entry.size() < 1 || !entry.get(0).isTextual()
                    || (entry.size() > 1 && entry.get(1).isArray())) {
                throw new ModelImportException(source + ": the model's " + key + " are " + list + "; only models "
                        + "with one input and one output are supported (Keras " + version + ")");
            }
            return entry.get(0).asText();
        }

        private boolean dataFormat(List<Layer> layers) throws ModelImportException {
            String first = null;
            String firstLayer = null;
            for (Layer layer : layers) {
                JsonNode f = layer.config.get("data_format");
                if (f == null || f.isNull()) {
                    continue;
                }
                String value = f.asText();
                if (!value.equals("channels_last") && !value.equals("channels_first")) {
                    throw new ModelImportException(source + ": layer '" + layer.name + "' (" + layer.className
                            + "): data_format '" + value + "' (Keras " + version + ")");
                }
                if (first == null) {
                    first = value;
                    firstLayer = layer.name;
                } else if (!first.equals(value)) {
                    throw new ModelImportException(source + ": layer '" + firstLayer + "' is " + first
                            + " but layer '" + layer.name + "' (" + layer.className + ") is " + value
                            + "; a model mixing data formats is not supported (Keras " + version + ")");
                }
            }
            return "channels_first".equals(first);
        }

        private long[] inputShape(JsonNode root, JsonNode config, Layer first) throws ModelImportException {
            JsonNode shape = first.config.get("batch_shape");
            if (shape == null || shape.isNull()) {
                shape = first.config.get("batch_input_shape");
            }
            if (shape == null || shape.isNull()) {
                shape = config.get("build_input_shape");
            }
            if (shape == null || shape.isNull()) {
                shape = root.path("build_config").get("input_shape");
            }
            if (shape == null || !shape.isArray() || shape.size() != 4) {
                throw new ModelImportException(source + ": layer '" + first.name + "' (" + first.className
                        + "): the input shape " + (shape == null ? "is not recorded" : shape + " is not [batch, "
                        + "height, width, channels]") + "; only image models are supported (Keras " + version + ")");
            }
            long[] dims = new long[3];
            for (int i = 1; i < 4; i++) {
                JsonNode d = shape.get(i);
                if (d.isNull()) {
                    dims[i - 1] = -1;
                } else if (d.canConvertToLong() && d.isIntegralNumber() && d.asLong() > 0 && d.asLong() <= 1 << 16) {
                    dims[i - 1] = d.asLong();
                } else {
                    throw new ModelImportException(source + ": layer '" + first.name + "' (" + first.className
                            + "): input shape " + shape + " has a dimension " + d + " (Keras " + version + ")");
                }
            }
            long c = channelsFirst ? dims[0] : dims[2];
            long h = channelsFirst ? dims[1] : dims[0];
            long w = channelsFirst ? dims[2] : dims[1];
            if (c != 3) {
                throw new ModelImportException(source + ": layer '" + first.name + "' (" + first.className
                        + "): the model takes " + (c < 0 ? "any number of" : String.valueOf(c)) + " channels (input "
                        + "shape " + shape + "); the library feeds RGB images, 3 channels (Keras " + version + ")");
            }
            if (h < 0 || w < 0) {
                notes.add("the model's input size is not fixed (" + shape + "); 32 × 32 images (CIFAR-10) assumed");
                h = h < 0 ? 32 : h;
                w = w < 0 ? 32 : w;
            }
            if (h != 32 || w != 32) {
                throw new ModelImportException(source + ": layer '" + first.name + "' (" + first.className
                        + "): input shape " + shape + ", " + h + "\u00d7" + w + " images; this library analyses "
                        + "32\u00d732 CIFAR-10 images (Keras " + version + ")");
            }
            return new long[] {c, h, w};
        }

        private String input(String name, long[] chw) throws ModelImportException {
            inputNode = g.input(name, chw[0], chw[1], chw[2], preprocessing.bgr());
            return inputNode;
        }

        private ModelImportException error(Layer layer, String what) {
            return new ModelImportException(source + ": layer '" + layer.name + "' (" + layer.className + "): "
                    + what);
        }

        private String layer(Layer layer, List<String> in) throws ModelImportException {
            String cls = layer.className;
            if (!cls.equals("Add") && !cls.equals("Concatenate") && in.size() != 1) {
                throw error(layer, "takes " + in.size() + " inputs, expected one (Keras " + version + ")");
            }
            String x = in.get(0);
            switch (cls) {
                case "Conv2D", "Convolution2D":
                    return conv2d(layer, x);
                case "Dense":
                    return dense(layer, x);
                case "MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D":
                    return pool(layer, x, cls.startsWith("Max"));
                case "GlobalAveragePooling2D", "GlobalAvgPool2D":
                    image(layer, x);
                    return g.globalAveragePool(layer.name, x);
                case "BatchNormalization":
                    return batchNorm(layer, x);
                case "Flatten":
                    return flatten(layer, x);
                case "Activation":
                    return activate(layer, x, layer.config.get("activation"), layer.name);
                case "ReLU":
                    return relu(layer, x);
                case "LeakyReLU": {
                    double alpha = number(layer, layer.config.has("negative_slope") ? "negative_slope" : "alpha",
                            0.3);
                    return elementwise(layer, x, new ActivationLReLU(alpha), layer.name);
                }
                case "ELU": {
                    double alpha = number(layer, "alpha", 1.0);
                    return elementwise(layer, x, new ActivationELU(alpha), layer.name);
                }
                case "Softmax": {
                    JsonNode axis = layer.config.get("axis");
                    int a = axis == null || axis.isNull() ? -1 : axis.isArray() && axis.size() == 1
                            ? axis.get(0).asInt(0) : axis.asInt(0);
                    if (a != -1 && a != 1) {
                        throw error(layer, "softmax over axis " + axis + "; only over the features of a flat tensor "
                                + "(Keras " + version + ")");
                    }
                    return elementwise(layer, x, new ActivationSoftmax(), layer.name);
                }
                case "Add":
                    return add(layer, in);
                case "Concatenate":
                    return concat(layer, in);
                case "Rescaling":
                    return rescaling(layer, x);
                default:
                    if (IDENTITY.contains(cls)) {
                        if (identityNoted.add(cls)) {
                            notes.add(cls + " '" + layer.name + "' (and any other " + cls + ") is the identity at "
                                    + "inference and was left out");
                        }
                        return x;
                    }
                    throw new ModelImportException(source + ": layer '" + layer.name + "' (" + cls + ") is not "
                            + "supported by this importer (Keras " + version + "); supported: " + SUPPORTED);
            }
        }

        private TensorShape image(Layer layer, String x) throws ModelImportException {
            TensorShape s = g.shape(x);
            if (s.isFlat()) {
                throw error(layer, "takes an image, but its input is flat " + s + " (Keras " + version + ")");
            }
            return s;
        }

        // ---------------------------------------------------------------------------------------- config access

        private int[] pair(Layer layer, String key, Integer fallback) throws ModelImportException {
            JsonNode n = layer.config.get(key);
            if (n == null || n.isNull()) {
                if (fallback == null) {
                    throw error(layer, "'" + key + "' is missing (Keras " + version + ")");
                }
                return new int[] {fallback, fallback};
            }
            int[] out = new int[2];
            if (n.isIntegralNumber()) {
                out[0] = n.asInt();
                out[1] = n.asInt();
            } else if (n.isArray() && n.size() == 2 && n.get(0).isIntegralNumber() && n.get(1).isIntegralNumber()) {
                out[0] = n.get(0).asInt();
                out[1] = n.get(1).asInt();
            } else {
                throw error(layer, "'" + key + "' is " + n + ", expected two integers (Keras " + version + ")");
            }
            if (out[0] < 1 || out[1] < 1 || out[0] > 1 << 16 || out[1] > 1 << 16) {
                throw error(layer, "'" + key + "' is " + n + ", expected positive sizes (Keras " + version + ")");
            }
            return out;
        }

        private double number(Layer layer, String key, double fallback) throws ModelImportException {
            JsonNode n = layer.config.get(key);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw error(layer, "'" + key + "' is " + n + ", expected a finite number (Keras " + version + ")");
            }
            return n.asDouble();
        }

        private boolean flag(Layer layer, String key, boolean fallback) throws ModelImportException {
            JsonNode n = layer.config.get(key);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isBoolean()) {
                throw error(layer, "'" + key + "' is " + n + ", expected true or false (Keras " + version + ")");
            }
            return n.asBoolean();
        }

        private String padding(Layer layer) throws ModelImportException {
            String p = layer.config.path("padding").asText("valid").toLowerCase(Locale.ROOT);
            if (!p.equals("valid") && !p.equals("same")) {
                throw error(layer, "padding '" + p + "'; only 'valid' and 'same' are supported (Keras " + version
                        + ")");
            }
            return p;
        }

        /** TensorFlow's 'same' padding {top, left, bottom, right}: the odd pixel goes after. */
        private static int[] samePads(TensorShape s, int[] kernel, int[] strides, int[] dilations) {
            int[] before = new int[2];
            int[] after = new int[2];
            long[] size = {s.height(), s.width()};
            for (int i = 0; i < 2; i++) {
                long out = (size[i] + strides[i] - 1) / strides[i];
                long effective = (long) (kernel[i] - 1) * dilations[i] + 1;
                long total = Math.max((out - 1) * strides[i] + effective - size[i], 0);
                before[i] = (int) (total / 2);
                after[i] = (int) (total - total / 2);
            }
            return new int[] {before[0], before[1], after[0], after[1]};
        }

        // ---------------------------------------------------------------------------------------- weights

        /** The layer's weights by role, in the order Keras creates them, each present exactly once. */
        private Map<String, KerasHdf5.Tensor> weights(Layer layer, List<String> roles) throws ModelImportException {
            List<Weight> found = weights.weights(layer);
            if (found.size() != roles.size()) {
                throw new ModelImportException(weights.source() + ": layer '" + layer.name + "' (" + layer.className
                        + "): the file holds " + found.size() + " weights for it"
                        + (found.isEmpty() ? "" : " " + paths(found)) + ", expected " + roles.size() + " " + roles
                        + " (Keras " + version + ")");
            }
            Map<String, KerasHdf5.Tensor> out = new LinkedHashMap<>();
            boolean named = found.stream().allMatch(w -> w.role() != null && roles.contains(w.role()));
            for (int i = 0; i < found.size(); i++) {
                Weight w = found.get(i);
                String role = named ? w.role() : roles.get(i);
                if (out.put(role, w.tensor()) != null) {
                    throw new ModelImportException(weights.source() + ": layer '" + layer.name + "' ("
                            + layer.className + "): two weights are its " + role + " " + paths(found));
                }
            }
            return out;
        }

        private static String paths(List<Weight> found) {
            List<String> p = new ArrayList<>();
            for (Weight w : found) {
                p.add(w.path());
            }
            return p.toString();
        }

        private ModelImportException shapeError(Layer layer, String role, KerasHdf5.Tensor t, String expected) {
            return new ModelImportException(source + ": layer '" + layer.name + "' (" + layer.className + "): "
                    + role + " has shape " + t.shapeText() + " but " + expected);
        }

        private float[] vector(Layer layer, String role, KerasHdf5.Tensor t, long n, String what)
                throws ModelImportException {
            if (t.shape().length != 1 || t.shape()[0] != n) {
                throw shapeError(layer, role, t, what + " (" + n + ")");
            }
            return t.values();
        }

        // ---------------------------------------------------------------------------------------- layers

        private String conv2d(Layer layer, String x) throws ModelImportException {
            TensorShape s = image(layer, x);
            JsonNode groups = layer.config.get("groups");
            if (groups != null && !groups.isNull() && groups.asInt(1) != 1) {
                throw error(layer, "groups " + groups + "; only groups 1 is supported (Keras " + version + ")");
            }
            long filters = layer.config.path("filters").asLong(-1);
            if (filters < 1) {
                throw error(layer, "'filters' is " + layer.config.get("filters") + " (Keras " + version + ")");
            }
            int[] kernel = pair(layer, "kernel_size", null);
            int[] strides = pair(layer, "strides", 1);
            int[] dilations = pair(layer, "dilation_rate", 1);
            boolean bias = flag(layer, "use_bias", true);
            int[] pads = padding(layer).equals("same") ? samePads(s, kernel, strides, dilations) : new int[4];
            Map<String, KerasHdf5.Tensor> w = weights(layer, bias ? List.of("kernel", "bias") : List.of("kernel"));
            KerasHdf5.Tensor k = w.get("kernel");
            long[] ks = k.shape();
            if (ks.length != 4 || ks[0] != kernel[0] || ks[1] != kernel[1] || ks[3] != filters) {
                throw shapeError(layer, "kernel", k, "the layer has kernel_size " + Arrays.toString(kernel) + " and "
                        + filters + " filters");
            }
            if (ks[2] != s.channels()) {
                throw shapeError(layer, "kernel", k, "the layer's input has " + s.channels() + " channels");
            }
            int kh = kernel[0];
            int kw = kernel[1];
            int c = (int) s.channels();
            int o = (int) filters;
            float[] hwio = k.values();
            float[] oihw = new float[hwio.length];
            for (int y = 0; y < kh; y++) {
                for (int xx = 0; xx < kw; xx++) {
                    for (int i = 0; i < c; i++) {
                        int base = ((y * kw + xx) * c + i) * o;
                        for (int f = 0; f < o; f++) {
                            oihw[((f * c + i) * kh + y) * kw + xx] = hwio[base + f];
                        }
                    }
                }
            }
            float[] b = bias ? vector(layer, "bias", w.get("bias"), filters, "the layer has filters") : null;
            String out = g.conv2d(layer.name, x, oihw, filters, kh, kw, b, strides, pads, dilations);
            return activate(layer, out, layer.config.get("activation"), layer.name + "_activation");
        }

        private String dense(Layer layer, String x) throws ModelImportException {
            TensorShape s = g.shape(x);
            if (!s.isFlat()) {
                throw error(layer, "its input is an image " + s + "; Keras applies Dense to the last axis, which "
                        + "is not supported: put a Flatten or GlobalAveragePooling2D before it (Keras " + version
                        + ")");
            }
            long units = layer.config.path("units").asLong(-1);
            if (units < 1) {
                throw error(layer, "'units' is " + layer.config.get("units") + " (Keras " + version + ")");
            }
            boolean bias = flag(layer, "use_bias", true);
            Map<String, KerasHdf5.Tensor> w = weights(layer, bias ? List.of("kernel", "bias") : List.of("kernel"));
            KerasHdf5.Tensor k = w.get("kernel");
            long[] ks = k.shape();
            if (ks.length != 2 || ks[1] != units) {
                throw shapeError(layer, "kernel", k, "the layer has " + units + " units");
            }
            if (ks[0] != s.channels()) {
                throw shapeError(layer, "kernel", k, "the layer's input has " + s.channels() + " features");
            }
            float[] kernel = k.values();
            int[] order = kerasOrder.get(x);
            if (order != null) {
                int u = (int) units;
                float[] permuted = new float[kernel.length];
                for (int j = 0; j < order.length; j++) {
                    System.arraycopy(kernel, order[j] * u, permuted, j * u, u);
                }
                kernel = permuted;
            }
            float[] b = bias ? vector(layer, "bias", w.get("bias"), units, "the layer has units") : null;
            String out = g.dense(layer.name, x, kernel, units, b);
            return activate(layer, out, layer.config.get("activation"), layer.name + "_activation");
        }

        private String pool(Layer layer, String x, boolean max) throws ModelImportException {
            TensorShape s = image(layer, x);
            int[] kernel = pair(layer, "pool_size", 2);
            JsonNode given = layer.config.get("strides");
            int[] strides = given == null || given.isNull() ? kernel.clone() : pair(layer, "strides", 1);
            int[] pads = padding(layer).equals("same") ? samePads(s, kernel, strides, new int[] {1, 1}) : new int[4];
            return max ? g.maxPool(layer.name, x, kernel, strides, pads)
                    : g.averagePool(layer.name, x, kernel, strides, pads, false);
        }

        private String batchNorm(Layer layer, String x) throws ModelImportException {
            TensorShape s = g.shape(x);
            JsonNode axisNode = layer.config.get("axis");
            int axis;
            if (axisNode == null || axisNode.isNull()) {
                axis = -1;
            } else if (axisNode.isIntegralNumber()) {
                axis = axisNode.asInt();
            } else if (axisNode.isArray() && axisNode.size() == 1 && axisNode.get(0).isIntegralNumber()) {
                axis = axisNode.get(0).asInt();
            } else {
                throw error(layer, "axis " + axisNode + "; only the channel axis is supported (Keras " + version
                        + ")");
            }
            boolean channelAxis = s.isFlat() ? axis == -1 || axis == 1
                    : channelsFirst ? axis == 1 || axis == -3 : axis == -1 || axis == 3;
            if (!channelAxis) {
                throw error(layer, "axis " + axisNode + " is not the channel axis of its input " + s + " ("
                        + (channelsFirst ? "channels_first" : "channels_last") + "; Keras " + version + ")");
            }
            boolean center = flag(layer, "center", true);
            boolean scale = flag(layer, "scale", true);
            double epsilon = number(layer, "epsilon", 1e-3);
            List<String> roles = new ArrayList<>();
            if (scale) {
                roles.add("gamma");
            }
            if (center) {
                roles.add("beta");
            }
            roles.add("moving_mean");
            roles.add("moving_variance");
            Map<String, KerasHdf5.Tensor> w = weights(layer, roles);
            long n = s.channels();
            String what = s.isFlat() ? "the layer's input has features" : "the layer's input has channels";
            float[] gamma = scale ? vector(layer, "gamma", w.get("gamma"), n, what) : filled(n, 1f);
            float[] beta = center ? vector(layer, "beta", w.get("beta"), n, what) : filled(n, 0f);
            float[] mean = vector(layer, "moving_mean", w.get("moving_mean"), n, what);
            float[] variance = vector(layer, "moving_variance", w.get("moving_variance"), n, what);
            int[] order = kerasOrder.get(x);
            if (order != null) {
                gamma = permute(gamma, order);
                beta = permute(beta, order);
                mean = permute(mean, order);
                variance = permute(variance, order);
            }
            String out = g.batchNorm(layer.name, x, gamma, beta, mean, variance, epsilon);
            keepOrder(x, out);
            return out;
        }

        private static float[] filled(long n, float v) {
            float[] a = new float[(int) n];
            Arrays.fill(a, v);
            return a;
        }

        private static float[] permute(float[] values, int[] order) {
            float[] out = new float[values.length];
            for (int j = 0; j < order.length; j++) {
                out[j] = values[order[j]];
            }
            return out;
        }

        private void keepOrder(String from, String to) {
            int[] order = kerasOrder.get(from);
            if (order != null && !from.equals(to)) {
                kerasOrder.put(to, order);
            }
        }

        private String flatten(Layer layer, String x) throws ModelImportException {
            TensorShape s = g.shape(x);
            if (s.isFlat()) {
                return x;
            }
            String out = g.flatten(layer.name, x);
            int c = (int) s.channels();
            int h = (int) s.height();
            int w = (int) s.width();
            if (!channelsFirst && c > 1 && h * w > 1) {
                int[] order = new int[c * h * w];
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        for (int xx = 0; xx < w; xx++) {
                            order[(ch * h + y) * w + xx] = (y * w + xx) * c + ch;
                        }
                    }
                }
                kerasOrder.put(out, order);
            }
            return out;
        }

        private IActivation activation(Layer layer, JsonNode spec) throws ModelImportException {
            String name;
            if (spec == null || spec.isNull()) {
                return null;
            } else if (spec.isTextual()) {
                name = spec.asText();
            } else if (spec.isObject() && spec.path("config").isTextual()) {
                name = spec.get("config").asText();
            } else if (spec.isObject() && spec.path("config").path("name").isTextual()) {
                name = spec.get("config").get("name").asText();
            } else {
                throw error(layer, "activation " + spec + " is not supported (Keras " + version + ")");
            }
            return switch (name) {
                case "linear" -> null;
                case "relu" -> new ActivationReLU();
                case "relu6" -> new ActivationReLU6();
                case "softmax" -> new ActivationSoftmax();
                case "sigmoid" -> new ActivationSigmoid();
                case "tanh" -> new ActivationTanH();
                case "elu" -> new ActivationELU(1.0);
                case "softplus" -> new ActivationSoftPlus();
                case "swish", "silu" -> new ActivationSwish();
                default -> throw error(layer, "activation '" + name + "' is not supported (supported: linear, relu, "
                        + "relu6, softmax, sigmoid, tanh, elu, softplus, swish; Keras " + version + ")");
            };
        }

        private String activate(Layer layer, String x, JsonNode spec, String node) throws ModelImportException {
            IActivation a = activation(layer, spec);
            return a == null ? x : elementwise(layer, x, a, node);
        }

        private String elementwise(Layer layer, String x, IActivation a, String node) throws ModelImportException {
            String out = g.activation(node, x, a, "layer '" + layer.name + "'");
            keepOrder(x, out);
            return out;
        }

        private String relu(Layer layer, String x) throws ModelImportException {
            JsonNode maxNode = layer.config.get("max_value");
            Double max = maxNode == null || maxNode.isNull() ? null : number(layer, "max_value", 0);
            double slope = number(layer, "negative_slope", 0);
            double threshold = number(layer, "threshold", 0);
            IActivation a;
            if (threshold != 0) {
                throw error(layer, "threshold " + threshold + "; only 0 is supported exactly (Keras " + version
                        + ")");
            } else if (max == null && slope == 0) {
                a = new ActivationReLU();
            } else if (max == null && slope > 0) {
                a = new ActivationLReLU(slope);
            } else if (max != null && max == 6 && slope == 0) {
                a = new ActivationReLU6();
            } else {
                throw error(layer, "max_value " + maxNode + " with negative_slope " + slope + "; only ReLU, "
                        + "LeakyReLU (negative_slope) and ReLU6 (max_value 6) are supported exactly (Keras " + version
                        + ")");
            }
            return elementwise(layer, x, a, layer.name);
        }

        private String add(Layer layer, List<String> in) throws ModelImportException {
            if (in.size() < 2) {
                throw error(layer, "takes " + in.size() + " input, expected two or more (Keras " + version + ")");
            }
            int[] order = kerasOrder.get(in.get(0));
            for (String t : in) {
                if (!Arrays.equals(order, kerasOrder.get(t))) {
                    throw error(layer, "adds flat tensors in different orders (a flattened image and another); not "
                            + "supported (Keras " + version + ")");
                }
            }
            String sum = in.get(0);
            for (int i = 1; i < in.size(); i++) {
                sum = g.add(i == in.size() - 1 ? layer.name : layer.name + "_" + i, sum, in.get(i));
            }
            if (order != null) {
                kerasOrder.put(sum, order);
            }
            return sum;
        }

        private String concat(Layer layer, List<String> in) throws ModelImportException {
            if (in.isEmpty()) {
                throw error(layer, "takes no inputs (Keras " + version + ")");
            }
            TensorShape s = g.shape(in.get(0));
            JsonNode axisNode = layer.config.get("axis");
            int axis = axisNode == null || axisNode.isNull() ? -1 : axisNode.asInt(-1);
            boolean channelAxis = s.isFlat() ? axis == -1 || axis == 1
                    : channelsFirst ? axis == 1 || axis == -3 : axis == -1 || axis == 3;
            if (!channelAxis) {
                throw error(layer, "axis " + axisNode + " is not the channel axis of " + s + " ("
                        + (channelsFirst ? "channels_first" : "channels_last") + "); only concatenation along "
                        + "channels is supported (Keras " + version + ")");
            }
            boolean anyOrder = false;
            for (String t : in) {
                anyOrder |= kerasOrder.containsKey(t);
            }
            String out = in.size() == 1 ? in.get(0) : g.concat(layer.name, in);
            if (anyOrder) {
                List<Integer> order = new ArrayList<>();
                int offset = 0;
                for (String t : in) {
                    int n = (int) g.shape(t).channels();
                    int[] part = kerasOrder.get(t);
                    for (int j = 0; j < n; j++) {
                        order.add(offset + (part == null ? j : part[j]));
                    }
                    offset += n;
                }
                kerasOrder.put(out, order.stream().mapToInt(Integer::intValue).toArray());
            }
            return out;
        }

        private String rescaling(Layer layer, String x) throws ModelImportException {
            float[] scale = values(layer, "scale", 1.0);
            float[] offset = values(layer, "offset", 0.0);
            TensorShape s = g.shape(x);
            boolean perChannel = scale.length > 1 || offset.length > 1;
            if (perChannel && (channelsFirst || s.isFlat())) {
                throw error(layer, "per-channel scale or offset on " + (s.isFlat() ? "a flat tensor" : "a "
                        + "channels_first image") + " (Keras broadcasts them over the last axis); not supported "
                        + "(Keras " + version + ")");
            }
            if (x.equals(inputNode) && scale.length == 1 && Math.abs(scale[0] * 255 - 1) < 1e-3
                    && preprocessing.scale() != 1) {
                double given = preprocessing.scale();
                String by = given == Math.rint(given) && Math.abs(given) < 1e15 ? String.valueOf((long) given)
                        : String.valueOf(given);
                notes.add(ImportedNetwork.RESCALES_ITSELF + " (Rescaling 1/255 in layer '" + layer.name
                        + "'), and pixels are divided by " + by + " first (--input-scale " + by + "): give "
                        + "--input-scale 1 if it was trained on raw 0..255 pixels");
            }
            String out = g.affine(layer.name, x, scale, offset);
            keepOrder(x, out);
            return out;
        }

        private float[] values(Layer layer, String key, double fallback) throws ModelImportException {
            JsonNode n = layer.config.get(key);
            if (n == null || n.isNull()) {
                return new float[] {(float) fallback};
            }
            if (n.isNumber() && Double.isFinite(n.asDouble())) {
                return new float[] {(float) n.asDouble()};
            }
            if (n.isArray() && !n.isEmpty() && n.size() <= 4096) {
                float[] out = new float[n.size()];
                for (int i = 0; i < n.size(); i++) {
                    if (!n.get(i).isNumber() || !Double.isFinite(n.get(i).asDouble())) {
                        throw error(layer, "'" + key + "' is " + n + ", expected numbers (Keras " + version + ")");
                    }
                    out[i] = (float) n.get(i).asDouble();
                }
                return out;
            }
            throw error(layer, "'" + key + "' is " + n + ", expected a number or one per channel (Keras " + version
                    + ")");
        }
    }
}
