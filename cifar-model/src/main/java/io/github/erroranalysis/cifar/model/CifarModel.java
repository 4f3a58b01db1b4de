package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.ClassProbability;
import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.cifar.data.CifarDataSetIterator;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarImages;
import io.github.erroranalysis.cifar.data.Normalization;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A trained CIFAR classifier with everything needed to use it correctly: the network, the class names, the
 * normalization applied to its inputs during training, and its {@link ModelMetadata}.
 *
 * <p>The network is a DL4J {@link MultiLayerNetwork} (the models this library trains) or a {@link ComputationGraph}
 * of one input and one output (an imported Keras or ONNX model); {@link #model()} returns either, {@link
 * #classifier()} adapts either for the analysis, and {@link #network()} is only for the former.
 *
 * <p>A saved model is one zip file holding {@code cifar-model.json} (a JSON document of {@code schemaVersion}
 * {@value io.github.erroranalysis.json.JsonCodec#SCHEMA_VERSION} and {@code type} {@code "cifarModel"}, schema
 * {@value #DESCRIPTOR_SCHEMA}, written with the core's {@code JsonCodec} like every JSON the library writes: format
 * marker, class names, normalization, metadata, and {@code networkType} {@value #COMPUTATION_GRAPH} for a graph (a
 * descriptor without it holds a {@code MultiLayerNetwork}, as every one written before graphs were supported); its
 * {@code schemaVersion} versions the whole saved model; one without
 * a {@code schemaVersion}, which has a {@code formatVersion} instead, is of version 1 and read alike) and
 * {@code network.zip} (the DL4J network, saved without
 * updater state). {@link #load(Path)} checks the
 * format marker and refuses files of another kind with a message that says what the file is.
 *
 * <p>Inference: {@link #predict(BufferedImage)} and {@link #predict(Path)} return the top-3 classes (the core's
 * {@link ClassProbability}, picked by its one top-k, {@link ClassProbability#top}) for one image of any size; {@link #predict(CifarDataset)} and {@link #predict(DataSetIterator)} return the probabilities
 * of whole piles, batched. Every input goes through the normalization stored with the model, exactly as in
 * training. Calls into the network are synchronized on the model, so one model may be shared between threads
 * (they then take turns).
 */
public final class CifarModel {

    /** The format marker written into every saved model. */
    public static final String FORMAT = "io.github.erroranalysis.cifar-model";
    /**
     * The {@code formatVersion} of a descriptor of version 1 (written without {@code schemaVersion}), the newest such
     * a reader reads; a descriptor of {@code schemaVersion} 2 has none (its {@code schemaVersion} versions the saved
     * model's layout too).
     */
    public static final int FORMAT_VERSION = 1;
    /** The class-path resource of the JSON Schema of a saved model's descriptor ({@code cifar-model.json}). */
    public static final String DESCRIPTOR_SCHEMA = "/io/github/erroranalysis/cifar/model/model-metadata.schema.json";
    /** The {@code type} of a saved model's descriptor, a JSON document of the library's {@code schemaVersion}. */
    static final String DESCRIPTOR_TYPE = "cifarModel";
    /** The descriptor's {@code networkType} of a saved {@link ComputationGraph} (absent for a network). */
    public static final String COMPUTATION_GRAPH = "ComputationGraph";

    private static final String DESCRIPTOR = "cifar-model.json";
    private static final String NETWORK = "network.zip";
    /** The DL4J network's configuration, inside {@value #NETWORK}. */
    private static final String NETWORK_CONFIGURATION = "configuration.json";
    /** The DL4J network's parameters, inside {@value #NETWORK}. */
    private static final String NETWORK_COEFFICIENTS = "coefficients.bin";
    /** Reads the descriptor (written with the core's JsonCodec). */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INFERENCE_BATCH = 256;
    /** The largest descriptor read (bytes); real ones are a few KiB (tens with 1,000 classes). */
    private static final int DESCRIPTOR_LIMIT = 1 << 20;
    /**
     * The most bytes a saved model's network entry may inflate to (1 GiB); the bundled CNNs hold under 0.5 MB, and the
     * network is read into memory.
     */
    public static final long NETWORK_LIMIT = 1L << 30;
    /**
     * How many times its compressed size the network entry may inflate to (beyond the first MiB): the network is a zip
     * of its own and barely compresses again (about once in the bundled models), a zip bomb inflates a thousandfold.
     */
    public static final int NETWORK_MAX_INFLATION = 100;
    /** The inflated bytes the network entry may hold beyond {@link #NETWORK_MAX_INFLATION} times its compressed. */
    private static final long INFLATION_SLACK = 1L << 20;

    /** The number of classes {@link #predict(BufferedImage)} returns: the course's top-3. */
    public static final int TOP = 3;

    /** The network, or null for a graph model. */
    private final MultiLayerNetwork network;
    /** The graph, or null for a network model. */
    private final ComputationGraph graph;
    private final Classifier classifier;
    private final List<String> classNames;
    private final Normalization normalization;
    private final ModelMetadata metadata;

    /**
     * Bundles a network with its class names, input normalization and metadata.
     *
     * @param network       the trained network, taking {@code [n, 3, 32, 32]} images (its output size must equal the
     *                      number of classes)
     * @param classNames    the class names in label order, none null or blank, no two equal
     * @param normalization the normalization its inputs were trained with
     * @param metadata      how it was made, no text field null
     * @throws IllegalArgumentException if the network takes another input shape (the message says which) or has
     *                                  another number of outputs, or a class name or metadata field is invalid
     */
    public CifarModel(MultiLayerNetwork network, List<String> classNames, Normalization normalization,
                      ModelMetadata metadata) {
        this(Objects.requireNonNull(network, "network"), null, classNames, normalization, metadata);
    }

    /**
     * Bundles a computation graph (an imported model, for example) with its class names, input normalization and
     * metadata.
     *
     * @param graph         the trained graph of one input taking {@code [n, 3, 32, 32]} images and one output of one
     *                      probability per class
     * @param classNames    the class names in label order, none null or blank, no two equal
     * @param normalization the normalization its inputs take
     * @param metadata      how it was made, no text field null
     * @throws IllegalArgumentException if the graph has more than one input or output, takes another input shape (the
     *                                  message says which) or has another number of outputs, or a class name or
     *                                  metadata field is invalid
     */
    public CifarModel(ComputationGraph graph, List<String> classNames, Normalization normalization,
                      ModelMetadata metadata) {
        this(null, Objects.requireNonNull(graph, "graph"), classNames, normalization, metadata);
    }

    private CifarModel(MultiLayerNetwork network, ComputationGraph graph, List<String> classNames,
                       Normalization normalization, ModelMetadata metadata) {
        this.network = network;
        this.graph = graph;
        String namesProblem = classNamesProblem(Objects.requireNonNull(classNames, "classNames"));
        if (namesProblem != null) {
            throw new IllegalArgumentException(namesProblem);
        }
        this.classNames = List.copyOf(classNames);
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        if (metadata.missingField() != null) {
            throw new IllegalArgumentException("metadata." + metadata.missingField() + " is null");
        }
        if (network != null) {
            long outputs = network.layerSize(network.getnLayers() - 1);
            if (outputs != this.classNames.size()) {
                throw new IllegalArgumentException("network has " + outputs + " outputs but " + this.classNames.size()
                        + " class names were given: " + this.classNames);
            }
            String shapeProblem = InputShape.problem(network);
            if (shapeProblem != null) {
                throw new IllegalArgumentException(shapeProblem);
            }
            LayerHelpers.install(network);
            this.classifier = Classifier.of(network);
        } else {
            int inputs = graph.getConfiguration().getNetworkInputs().size();
            int outs = graph.getConfiguration().getNetworkOutputs().size();
            if (inputs != 1 || outs != 1) {
                throw new IllegalArgumentException("the graph has " + inputs + " inputs and " + outs + " outputs; an "
                        + "image classifier has one of each");
            }
            String shapeProblem = InputShape.problem(graph);
            if (shapeProblem != null) {
                throw new IllegalArgumentException(shapeProblem);
            }
            long outputs = InputShape.outputs(graph);
            if (outputs != this.classNames.size()) {
                throw new IllegalArgumentException("graph has " + outputs + " outputs but " + this.classNames.size()
                        + " class names were given: " + this.classNames);
            }
            LayerHelpers.install(graph);
            this.classifier = Classifier.of(graph);
        }
    }

    /** Explains what is wrong with class names ("class name 3 is null"), or returns null when nothing is. */
    private static String classNamesProblem(List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        int c = 0;
        for (String name : names) {
            if (name == null) {
                return "class name " + c + " is null";
            }
            if (name.isBlank()) {
                return "class name " + c + " is blank: '" + name + "'";
            }
            Integer first = seen.putIfAbsent(name, c);
            if (first != null) {
                return "class names must be distinct, but class names " + first + " and " + c + " are both '"
                        + name + "'";
            }
            c++;
        }
        return null;
    }

    /**
     * Returns the network of a model that is a {@link MultiLayerNetwork}; callers must not train it further if they
     * want the model to stay as saved. A model may be a {@link ComputationGraph} (an imported one): use {@link
     * #model()} or {@link #classifier()}, which serve both.
     *
     * @return the DL4J network
     * @throws IllegalStateException if the model is a {@link ComputationGraph} (the message names {@link #model()})
     */
    public MultiLayerNetwork network() {
        if (network == null) {
            throw new IllegalStateException("model " + metadata.architecture() + " is a ComputationGraph, not a "
                    + "MultiLayerNetwork: use CifarModel.model() (or classifier())");
        }
        return network;
    }

    /**
     * Returns the DL4J model: the {@link MultiLayerNetwork} or the {@link ComputationGraph}; callers must not train
     * it further if they want the model to stay as saved.
     *
     * @return the network or graph
     */
    public Model model() {
        return network != null ? network : graph;
    }

    /**
     * Returns the model as the core's {@link Classifier} (inference in test mode; the features must be normalized as
     * {@link #iterator} does).
     *
     * @return the classifier of the network or graph
     */
    public Classifier classifier() {
        return classifier;
    }

    /**
     * Returns the class names in label order.
     *
     * @return an unmodifiable list
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the normalization the network's inputs were trained with.
     *
     * @return the normalization to apply to every input
     */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * Returns how the model was made.
     *
     * @return the metadata
     */
    public ModelMetadata metadata() {
        return metadata;
    }

    /**
     * Returns an iterator that feeds {@code data} to this model exactly as in training (same normalization).
     *
     * @param data      the pile to feed
     * @param batchSize examples per batch
     * @return an iterator in data set order with origins as metadata
     * @throws ModelFileException if the data set's classes differ from the model's
     */
    public CifarDataSetIterator iterator(CifarDataset data, int batchSize) throws ModelFileException {
        checkClasses(data);
        return new CifarDataSetIterator(data, batchSize, normalization);
    }

    /**
     * Returns the class probabilities of every example of a pile, batched.
     *
     * @param data the pile to classify
     * @return an {@code [n, classes]} array of probabilities, rows in data set order
     * @throws ModelFileException if the data set's classes differ from the model's (the message names both)
     */
    public INDArray predict(CifarDataset data) throws ModelFileException {
        return predict(iterator(data, INFERENCE_BATCH));
    }

    /**
     * Returns the class probabilities of every example an iterator yields, from where it stands to its end.
     *
     * <p>The iterator's features must already be normalized as this model expects: use {@link #iterator} for a
     * {@link CifarDataset}. A {@link CifarDataSetIterator} is checked for the model's class names and normalization.
     *
     * @param batches the mini-batches to classify; features {@code [n, 3, 32, 32]}
     * @return an {@code [n, classes]} array of probabilities, rows in iteration order
     * @throws ModelFileException       if the iterator's classes, normalization or feature shape differ from the
     *                                  model's
     * @throws IllegalArgumentException if the iterator applies {@link Augmentation}
     */
    public INDArray predict(DataSetIterator batches) throws ModelFileException {
        if (batches instanceof CifarDataSetIterator cifar) {
            checkClasses(cifar.dataset());
            if (!cifar.normalization().equals(normalization)) {
                throw new ModelFileException("model " + metadata.architecture() + " was trained on inputs normalized "
                        + "with " + normalization + " but the iterator normalizes with " + cifar.normalization());
            }
        }
        if (batches.getPreProcessor() instanceof Augmentation) {
            throw new IllegalArgumentException("the iterator augments its batches (random crops and flips); "
                    + "predict on unaugmented images");
        }
        List<INDArray> outputs = new ArrayList<>();
        while (batches.hasNext()) {
            INDArray features = batches.next().getFeatures();
            checkFeatures(features);
            outputs.add(output(features));
        }
        if (outputs.isEmpty()) {
            return Nd4j.create(DataType.FLOAT, 0, classNames.size());
        }
        return outputs.size() == 1 ? outputs.get(0) : Nd4j.concat(0, outputs.toArray(INDArray[]::new));
    }

    /**
     * Returns the model's {@value #TOP} most probable classes for an image of any size (course Stage 9).
     *
     * <p>The image is converted exactly as {@code cifar-data} reads photos ({@link CifarImages#toCifarPixels}:
     * composited on white, stretched to 32×32 by area averaging) and normalized exactly as in training.
     *
     * @param image the image, any size and colour model
     * @return {@value #TOP} classes with their probabilities, most probable first (equal probabilities by class index)
     */
    public List<ClassProbability> predict(BufferedImage image) {
        return topK(image, TOP);
    }

    /**
     * Reads an image file (PNG, JPEG, BMP, GIF, TIFF or any format ImageIO reads; any size) and returns the model's
     * {@value #TOP} most probable classes.
     *
     * @param imageFile the image file
     * @return {@value #TOP} classes with their probabilities, most probable first (equal probabilities by class index)
     * @throws IOException if the file cannot be read or decoded; the message names the file
     */
    public List<ClassProbability> predict(Path imageFile) throws IOException {
        return topK(imageFile, TOP);
    }

    /**
     * Returns the model's {@code k} most probable classes for an image of any size.
     *
     * @param image the image, any size and colour model
     * @param k     how many classes, from 1 to the number of classes
     * @return {@code k} classes with their probabilities, most probable first (equal probabilities by class index)
     * @throws IllegalArgumentException if {@code k} is out of range
     */
    public List<ClassProbability> topK(BufferedImage image, int k) {
        checkK(k);
        return top(outputOfPixels(CifarImages.toCifarPixels(image)), k);
    }

    /**
     * Reads an image file (PNG, JPEG, BMP, GIF, TIFF or any format ImageIO reads; any size) and returns the model's
     * {@code k} most probable classes.
     *
     * @param imageFile the image file
     * @param k         how many classes, from 1 to the number of classes
     * @return {@code k} classes with their probabilities, most probable first (equal probabilities by class index)
     * @throws IOException              if the file cannot be read or decoded; the message names the file
     * @throws IllegalArgumentException if {@code k} is out of range
     */
    public List<ClassProbability> topK(Path imageFile, int k) throws IOException {
        checkK(k);
        return top(outputOfPixels(CifarImages.read(imageFile)), k);
    }

    /** Picks the k most probable classes of one output row with the core's one top-k. */
    private List<ClassProbability> top(INDArray output, int k) {
        return ClassProbability.top(output.toFloatVector(), 0, classNames.size(), k, classNames);
    }

    /**
     * Returns the model's full probability distribution for an image of any size, converted and normalized as in
     * {@link #predict(BufferedImage)}.
     *
     * @param image the image, any size and colour model
     * @return a new array of one probability per class, in label order
     */
    public double[] probabilities(BufferedImage image) {
        return probabilitiesOfPixels(CifarImages.toCifarPixels(image));
    }

    private double[] probabilitiesOfPixels(byte[] pixels) {
        return outputOfPixels(pixels).toDoubleVector();
    }

    private INDArray outputOfPixels(byte[] pixels) {
        float[] features = new float[CifarDataset.IMAGE_BYTES];
        normalization.apply(pixels, features, 0);
        INDArray input = Nd4j.create(features, new long[] {1, CifarDataset.CHANNELS, CifarDataset.SIDE,
                CifarDataset.SIDE}, 'c');
        return output(input);
    }

    private synchronized INDArray output(INDArray features) {
        return network != null ? network.output(features, false) : graph.outputSingle(false, features);
    }

    private void checkK(int k) {
        if (k < 1 || k > classNames.size()) {
            throw new IllegalArgumentException("k must be between 1 and " + classNames.size()
                    + " (the number of classes), got " + k);
        }
    }

    private void checkFeatures(INDArray features) throws ModelFileException {
        long[] shape = features.shape();
        if (shape.length != 4 || shape[1] != CifarDataset.CHANNELS || shape[2] != CifarDataset.SIDE
                || shape[3] != CifarDataset.SIDE) {
            throw new ModelFileException("model " + metadata.architecture() + " takes features [n, "
                    + CifarDataset.CHANNELS + ", " + CifarDataset.SIDE + ", " + CifarDataset.SIDE
                    + "] (NCHW) but got shape " + Arrays.toString(shape));
        }
    }

    private void checkClasses(CifarDataset data) throws ModelFileException {
        if (!data.classNames().equals(classNames)) {
            throw new ModelFileException("model " + metadata.architecture() + " has " + classNames.size()
                    + " classes " + classNames + " but the data has " + data.classCount() + " classes "
                    + data.classNames());
        }
    }

    /**
     * Saves the model as one file, without updater state, atomically (a temporary file, then a rename).
     *
     * @param file the file to write
     * @throws IOException if writing fails; an existing file is then left as it was
     */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, this::write);
    }

    /**
     * Writes the model in the saved-model layout to a stream.
     *
     * @param out the stream; it is finished but not closed
     * @throws IOException if writing fails
     */
    public void write(OutputStream out) throws IOException {
        byte[] descriptor = descriptorJson().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream networkBytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(model(), networkBytes, false);
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(DESCRIPTOR));
        zip.write(descriptor);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(NETWORK));
        networkBytes.writeTo(zip);
        zip.closeEntry();
        zip.finish();
    }

    /**
     * The descriptor {@code cifar-model.json}: a document of the core's codec ({@code schemaVersion}, {@code type}
     * {@value #DESCRIPTOR_TYPE}), then the format marker, the class names, the normalization and the metadata; an
     * undefined number is {@code null}.
     */
    private String descriptorJson() {
        return JsonCodec.document(DESCRIPTOR_TYPE, true, g -> {
            g.writeStringField("format", FORMAT);
            if (graph != null) {
                g.writeStringField("networkType", COMPUTATION_GRAPH);
            }
            g.writeArrayFieldStart("classNames");
            for (String name : classNames) {
                g.writeString(name);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("normalization");
            JsonCodec.number(g, "redMean", normalization.redMean());
            JsonCodec.number(g, "greenMean", normalization.greenMean());
            JsonCodec.number(g, "blueMean", normalization.blueMean());
            JsonCodec.number(g, "redStd", normalization.redStd());
            JsonCodec.number(g, "greenStd", normalization.greenStd());
            JsonCodec.number(g, "blueStd", normalization.blueStd());
            g.writeEndObject();
            g.writeObjectFieldStart("metadata");
            g.writeStringField("architecture", metadata.architecture());
            g.writeBooleanField("augmented", metadata.augmented());
            g.writeNumberField("seed", metadata.seed());
            g.writeNumberField("epochs", metadata.epochs());
            g.writeNumberField("bestEpoch", metadata.bestEpoch());
            JsonCodec.number(g, "validationAccuracy", metadata.validationAccuracy());
            g.writeStringField("trainingFingerprint", metadata.trainingFingerprint());
            g.writeStringField("libraryVersion", metadata.libraryVersion());
            g.writeStringField("trainedAt", metadata.trainedAt());
            g.writeEndObject();
        });
    }

    /**
     * Loads a model saved by {@link #save(Path)}.
     *
     * @param file the saved model
     * @return the model
     * @throws ModelFileException if the file is not a saved model of this library (the message says what it is)
     * @throws IOException        if the file cannot be read
     */
    public static CifarModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a model in the saved-model layout from a stream.
     *
     * @param in     the stream, read to its end
     * @param source the file or resource name used in error messages
     * @return the model
     * @throws ModelFileException if the stream is not a saved model of this library
     * @throws IOException        if reading fails
     */
    public static CifarModel read(InputStream in, String source) throws IOException {
        byte[] descriptorBytes = null;
        byte[] networkBytes = null;
        boolean plainDl4j = false;
        CountingInputStream raw = new CountingInputStream(in);
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                if ((entry.getName().equals(DESCRIPTOR) && descriptorBytes != null)
                        || (entry.getName().equals(NETWORK) && networkBytes != null)) {
                    throw new ModelFileException(source + ": not a saved model of this library (two " + entry.getName()
                            + " entries)");
                }
                switch (entry.getName()) {
                    case DESCRIPTOR -> {
                        descriptorBytes = zip.readNBytes(DESCRIPTOR_LIMIT + 1);
                        if (descriptorBytes.length > DESCRIPTOR_LIMIT) {
                            throw new ModelFileException(source + ": " + DESCRIPTOR + " is larger than "
                                    + DESCRIPTOR_LIMIT + " bytes; a real one is a few KiB");
                        }
                    }
                    case NETWORK -> networkBytes = readNetwork(zip, raw, source);
                    case "configuration.json", "coefficients.bin" -> plainDl4j = true;
                    default -> { }
                }
            }
            if (!any) {
                throw new ModelFileException(source + ": not a saved model (not a zip file)");
            }
        } catch (ZipException | IllegalArgumentException e) { // IllegalArgumentException: a malformed entry name
            throw new ModelFileException(source + ": not a saved model (not a readable zip file: "
                    + Messages.oneLine(e) + ")", e);
        } catch (EOFException e) {
            throw new ModelFileException(source + ": not a saved model (a truncated zip file: "
                    + Messages.oneLine(e) + ")", e);
        }
        if (descriptorBytes == null || networkBytes == null) {
            throw new ModelFileException(source + ": not a saved model of this library (no " + DESCRIPTOR
                    + (plainDl4j ? "; it is a plain DL4J model file without class names and normalization)" : ")"));
        }
        Descriptor d;
        try {
            d = JSON.readValue(descriptorBytes, Descriptor.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getOriginalMessage();
            throw new ModelFileException(source + ": " + DESCRIPTOR + (field.isEmpty() ? "" : " field " + field)
                    + " is unreadable: " + Messages.oneLine(why), e);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(source + ": " + DESCRIPTOR + " is unreadable: "
                    + Messages.oneLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (d == null) {
            throw new ModelFileException(source + ": " + DESCRIPTOR + " is empty or null");
        }
        if (!FORMAT.equals(d.format())) {
            throw new ModelFileException(source + ": format '" + d.format() + "', expected '" + FORMAT + "'");
        }
        if (d.schemaVersion() != null) { // a descriptor without one was written before schemaVersion 2: version 1
            try {
                JsonCodec.checkVersion(d.schemaVersion(), true, DESCRIPTOR);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(source + ": " + e.getMessage() + "; upgrade the library to read it", e);
            }
        }
        boolean version1 = d.schemaVersion() == null || d.schemaVersion() == JsonCodec.FIRST_SCHEMA_VERSION;
        if (!version1 && !DESCRIPTOR_TYPE.equals(d.type())) {
            throw new ModelFileException(source + ": " + DESCRIPTOR + " type '" + d.type() + "', expected '"
                    + DESCRIPTOR_TYPE + "'");
        }
        if (version1 && d.formatVersion() == null) { // version 2 has no formatVersion: schemaVersion versions it
            throw new ModelFileException(source + ": " + DESCRIPTOR + " has no formatVersion (missing or null)");
        }
        if (d.formatVersion() != null && d.formatVersion() > FORMAT_VERSION) {
            throw new ModelFileException(source + ": format version " + d.formatVersion() + " is newer than "
                    + FORMAT_VERSION + "; upgrade the library to read it");
        }
        String problem = d.problem();
        if (problem != null) {
            throw new ModelFileException(source + ": " + DESCRIPTOR + " " + problem);
        }
        checkNetworkEntry(networkBytes, source);
        boolean isGraph = COMPUTATION_GRAPH.equals(d.networkType());
        MultiLayerNetwork network = null;
        ComputationGraph graph = null;
        try {
            if (isGraph) {
                graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(networkBytes), false);
            } else {
                network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(networkBytes), false);
            }
        } catch (IOException | RuntimeException e) {
            throw unreadableNetwork(source, "DL4J cannot restore it" + (isGraph ? " as a " + COMPUTATION_GRAPH : "")
                    + " (" + Messages.causes(e) + ")", e);
        }
        ModelMetadata metadata = d.metadata();
        if (JSON.readTree(descriptorBytes).path("metadata").path("validationAccuracy").isNull()) {
            // written as null by JsonCodec.number when undefined (NaN); databind would read 0.0
            metadata = new ModelMetadata(metadata.architecture(), metadata.augmented(), metadata.seed(),
                    metadata.epochs(), metadata.bestEpoch(), Double.NaN, metadata.trainingFingerprint(),
                    metadata.libraryVersion(), metadata.trainedAt());
        }
        try {
            return isGraph ? new CifarModel(graph, d.classNames(), d.normalization(), metadata)
                    : new CifarModel(network, d.classNames(), d.normalization(), metadata);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source + ": " + Messages.oneLine(e), e);
        }
    }

    /**
     * Checks the network entry's own layout before DL4J reads it (DL4J words an empty or broken one as "stream may
     * have been closed or is attempting to be read from multiple times?"): a non-empty zip archive whose entries all
     * inflate with a matching CRC-32 and that holds {@value #NETWORK_CONFIGURATION} and {@value #NETWORK_COEFFICIENTS}.
     */
    private static void checkNetworkEntry(byte[] bytes, String source) throws ModelFileException {
        if (bytes.length == 0) {
            throw unreadableNetwork(source, "it is empty (0 bytes)", null);
        }
        boolean configuration = false;
        boolean coefficients = false;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries++;
                configuration |= entry.getName().equals(NETWORK_CONFIGURATION);
                coefficients |= entry.getName().equals(NETWORK_COEFFICIENTS);
                zip.transferTo(OutputStream.nullOutputStream());   // inflates the entry and checks its CRC-32
            }
        } catch (ZipException | EOFException | IllegalArgumentException e) {
            throw unreadableNetwork(source, "a corrupt or truncated zip archive (" + Messages.causes(e) + ")", e);
        } catch (IOException e) {
            throw unreadableNetwork(source, "a corrupt zip archive (" + Messages.causes(e) + ")", e);
        }
        if (entries == 0) {
            throw unreadableNetwork(source, String.format(Locale.ROOT, "not a zip archive (%,d bytes that hold no zip "
                    + "entry)", bytes.length), null);
        }
        if (!configuration || !coefficients) {
            String absent = configuration ? NETWORK_COEFFICIENTS : NETWORK_CONFIGURATION;
            throw unreadableNetwork(source, "the zip archive holds no " + absent + ", so it is no DL4J network", null);
        }
    }

    /** Says, in one line naming the model file, that its network entry is unreadable and why. */
    private static ModelFileException unreadableNetwork(String source, String why, Throwable cause) {
        String message = source + ": the network entry " + NETWORK + " is unreadable: " + why;
        return cause == null ? new ModelFileException(message) : new ModelFileException(message, cause);
    }

    /**
     * Reads the network entry in chunks, refusing it as soon as it inflates beyond {@link #NETWORK_LIMIT} or beyond
     * {@link #NETWORK_MAX_INFLATION} times the compressed bytes read so far (a zip bomb), before memory runs out.
     */
    private static byte[] readNetwork(ZipInputStream zip, CountingInputStream raw, String source) throws IOException {
        long compressedStart = raw.count();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long inflated = 0;
        for (int n = zip.read(chunk); n != -1; n = zip.read(chunk)) {
            inflated += n;
            long compressed = raw.count() - compressedStart;
            if (inflated > NETWORK_LIMIT) {
                throw new ModelFileException(String.format(Locale.ROOT, "%s: %s inflates to more than %,d bytes "
                        + "(CifarModel.NETWORK_LIMIT); not a saved model of this library", source, NETWORK,
                        NETWORK_LIMIT));
            }
            if (inflated > INFLATION_SLACK + NETWORK_MAX_INFLATION * compressed) {
                throw new ModelFileException(String.format(Locale.ROOT, "%s: %s inflates to %,d bytes from %,d "
                        + "compressed bytes, more than %d times (CifarModel.NETWORK_MAX_INFLATION): a zip bomb, not "
                        + "a saved model", source, NETWORK, inflated, compressed, NETWORK_MAX_INFLATION));
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** Counts the bytes read from the file, under the zip reader, to compare compressed and inflated sizes. */
    private static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** The JSON descriptor inside a saved model; any field may be missing or null in a file. */
    private record Descriptor(Integer schemaVersion, String type, String format, Integer formatVersion,
                              String networkType, List<String> classNames, Normalization normalization,
                              ModelMetadata metadata) {

        /** Says which field is missing or wrong ("has no normalization (missing or null)"), or null if none is. */
        String problem() {
            if (networkType != null && !COMPUTATION_GRAPH.equals(networkType)) {
                return "has networkType '" + networkType + "'; the only one is '" + COMPUTATION_GRAPH + "' (absent: a "
                        + "MultiLayerNetwork)";
            }
            if (classNames == null) {
                return "has no classNames (missing or null)";
            }
            String names = classNamesProblem(classNames);
            if (names != null) {
                return "has invalid classNames: " + names;
            }
            if (normalization == null) {
                return "has no normalization (missing or null)";
            }
            if (metadata == null) {
                return "has no metadata (missing or null)";
            }
            if (metadata.missingField() != null) {
                return "has no metadata." + metadata.missingField() + " (missing or null)";
            }
            return null;
        }
    }

    /**
     * Describes the model by architecture, classes and validation accuracy.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "CifarModel[" + metadata.architecture() + (metadata.augmented() ? ", augmented" : "") + ", "
                + classNames.size() + " classes, validation accuracy "
                + String.format(java.util.Locale.ROOT, "%.4f", metadata.validationAccuracy()) + "]";
    }
}
