package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.cifar.data.CifarDataSetIterator;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Normalization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * A trained CIFAR classifier with everything needed to use it correctly: the network, the class names, the
 * normalization applied to its inputs during training, and its {@link ModelMetadata}.
 *
 * <p>A saved model is one zip file holding {@code cifar-model.json} (format marker, class names, normalization,
 * metadata) and {@code network.zip} (the DL4J network, saved without updater state). {@link #load(Path)} checks the
 * format marker and refuses files of another kind with a message that says what the file is.
 */
public final class CifarModel {

    /** The format marker written into every saved model. */
    public static final String FORMAT = "io.github.erroranalysis.cifar-model";
    /** The version of the saved-model layout. */
    public static final int FORMAT_VERSION = 1;

    private static final String DESCRIPTOR = "cifar-model.json";
    private static final String NETWORK = "network.zip";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int INFERENCE_BATCH = 256;

    private final MultiLayerNetwork network;
    private final List<String> classNames;
    private final Normalization normalization;
    private final ModelMetadata metadata;

    /**
     * Bundles a network with its class names, input normalization and metadata.
     *
     * @param network       the trained network (its output size must equal the number of classes)
     * @param classNames    the class names in label order
     * @param normalization the normalization its inputs were trained with
     * @param metadata      how it was made
     */
    public CifarModel(MultiLayerNetwork network, List<String> classNames, Normalization normalization,
                      ModelMetadata metadata) {
        this.network = network;
        this.classNames = List.copyOf(classNames);
        this.normalization = normalization;
        this.metadata = metadata;
        long outputs = network.layerSize(network.getnLayers() - 1);
        if (outputs != this.classNames.size()) {
            throw new IllegalArgumentException("network has " + outputs + " outputs but " + this.classNames.size()
                    + " class names were given: " + this.classNames);
        }
    }

    /**
     * Returns the network; callers must not train it further if they want the model to stay as saved.
     *
     * @return the DL4J network
     */
    public MultiLayerNetwork network() {
        return network;
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
     * @throws ModelFileException if the data set's classes differ from the model's
     */
    public INDArray predict(CifarDataset data) throws ModelFileException {
        CifarDataSetIterator batches = iterator(data, INFERENCE_BATCH);
        INDArray all = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, data.size(), classNames.size());
        int row = 0;
        while (batches.hasNext()) {
            INDArray out = network.output(batches.next().getFeatures(), false);
            int n = (int) out.size(0);
            all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(row, row + n),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(out);
            row += n;
        }
        return all;
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
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes the model in the saved-model layout to a stream.
     *
     * @param out the stream; it is finished but not closed
     * @throws IOException if writing fails
     */
    public void write(OutputStream out) throws IOException {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("format", FORMAT);
        descriptor.put("formatVersion", FORMAT_VERSION);
        descriptor.put("classNames", classNames);
        descriptor.put("normalization", normalization);
        descriptor.put("metadata", metadata);
        ByteArrayOutputStream networkBytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, networkBytes, false);
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(DESCRIPTOR));
        zip.write(JSON.writeValueAsBytes(descriptor));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(NETWORK));
        networkBytes.writeTo(zip);
        zip.closeEntry();
        zip.finish();
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
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                switch (entry.getName()) {
                    case DESCRIPTOR -> descriptorBytes = zip.readAllBytes();
                    case NETWORK -> networkBytes = zip.readAllBytes();
                    case "configuration.json", "coefficients.bin" -> plainDl4j = true;
                    default -> { }
                }
            }
            if (!any) {
                throw new ModelFileException(source + ": not a saved model (not a zip file)");
            }
        } catch (ZipException e) {
            throw new ModelFileException(source + ": not a saved model (not a readable zip file: " + e.getMessage()
                    + ")", e);
        }
        if (descriptorBytes == null || networkBytes == null) {
            throw new ModelFileException(source + ": not a saved model of this library (no " + DESCRIPTOR
                    + (plainDl4j ? "; it is a plain DL4J model file without class names and normalization)" : ")"));
        }
        Descriptor d;
        try {
            d = JSON.readValue(descriptorBytes, Descriptor.class);
        } catch (IOException e) {
            throw new ModelFileException(source + ": " + DESCRIPTOR + " is unreadable: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(d.format())) {
            throw new ModelFileException(source + ": format '" + d.format() + "', expected '" + FORMAT + "'");
        }
        if (d.formatVersion() > FORMAT_VERSION) {
            throw new ModelFileException(source + ": format version " + d.formatVersion() + " is newer than "
                    + FORMAT_VERSION + "; upgrade the library to read it");
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(networkBytes), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(source + ": the network inside is unreadable: " + e.getMessage(), e);
        }
        try {
            return new CifarModel(network, d.classNames(), d.normalization(), d.metadata());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source + ": " + e.getMessage(), e);
        }
    }

    /** The JSON descriptor inside a saved model. */
    private record Descriptor(String format, int formatVersion, List<String> classNames, Normalization normalization,
                              ModelMetadata metadata) {
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
