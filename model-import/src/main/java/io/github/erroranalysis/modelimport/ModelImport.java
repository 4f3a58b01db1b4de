package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.cifar.model.ModelMetadata;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The library's entry point for models trained elsewhere: recognises a file by content and converts it into a DL4J
 * network that takes the library's input.
 */
public final class ModelImport {

    /** The architecture of an imported model's metadata starts with this. */
    public static final String ARCHITECTURE_PREFIX = "imported ";

    private ModelImport() {
    }

    /**
     * Imports a Keras or ONNX model as a model the library analyses like its own, verified against the original
     * framework's outputs when reference files are given (in the options or its sidecar).
     *
     * <p>Each value comes from the options when they give it, else from the model's sidecar ({@link Sidecar}: the
     * options' file, else the model file's name with {@code .json} added, beside it, when present), else from the
     * defaults: {@link Preprocessing#DEFAULT}, the ten CIFAR-10 class names for a network of ten outputs (any other
     * count needs class names), tolerance {@value ImportOptions#DEFAULT_TOLERANCE}. With reference inputs and
     * outputs the model is run on the reference images exactly as the analysis runs it
     * ({@link ReferenceCheck#verify}) and refused beyond the tolerance or on any top-1 disagreement; without them
     * the result is unverified ({@link ImportedModel#verification()} null, its provenance says so).
     *
     * @param model the model file: Keras {@code .h5}/{@code .keras}/model JSON, or ONNX (recognised by content)
     * @param options weights, preprocessing, class names, references, tolerance and sidecar
     * @return the imported model
     * @throws ModelImportException if the file cannot be imported, its sidecar or reference files are not what they
     *                              must be, or the import does not reproduce the reference outputs; one line naming
     *                              the file and what is wrong
     * @throws IOException if a file cannot be read
     */
    public static ImportedModel load(Path model, ImportOptions options) throws IOException {
        Sidecar sidecar = sidecar(model, options);
        Preprocessing preprocessing = options.preprocessing() != null ? options.preprocessing()
                : sidecar != null ? sidecar.preprocessing() : Preprocessing.DEFAULT;
        ImportedNetwork network = network(model, options.weights(), preprocessing);
        String name = model.getFileName().toString();
        long outputs = outputs(model, network.graph());
        List<String> classNames = classNames(model, options, sidecar, outputs);
        ModelMetadata metadata = new ModelMetadata(ARCHITECTURE_PREFIX + network.format().inWords() + ": " + name
                + " (" + network.description() + ")", false, 0, 0, 0, Double.NaN, Provenance.UNKNOWN,
                Provenance.currentLibraryVersion(), Provenance.UNKNOWN);
        CifarModel cifar;
        try {
            cifar = new CifarModel(network.graph(), classNames, preprocessing.normalization(), metadata);
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(model + ": " + Messages.oneLine(e), e);
        }
        Path inputs = options.referenceInputs();
        Path references = options.referenceOutputs();
        if ((inputs == null) != (references == null)) {
            throw new ModelImportException(model + ": " + (inputs == null ? "reference outputs without reference "
                    + "inputs" : "reference inputs without reference outputs") + "; give both (the images and the "
                    + "original framework's probabilities on them) or neither");
        }
        if (inputs == null && sidecar != null) {
            inputs = sidecar.referenceInputs();
            references = sidecar.referenceOutputs();
        }
        double tolerance = options.referenceTolerance() != null ? options.referenceTolerance()
                : sidecar != null && sidecar.referenceTolerance() != null ? sidecar.referenceTolerance()
                : ImportOptions.DEFAULT_TOLERANCE;
        Verification verification = null;
        if (inputs != null) {
            verification = ReferenceCheck.verify(cifar, inputs, references, tolerance);
            if (!verification.passed()) {
                throw new ModelImportException(name + ": " + verification.refusal());
            }
        }
        String provenance = name + ": " + network.description() + ", "
                + (verification == null ? ImportedModel.UNVERIFIED : verification.inWords());
        return new ImportedModel(cifar, network, preprocessing, verification, provenance);
    }

    /** The options' sidecar, else the one beside the model when present, else null. */
    private static Sidecar sidecar(Path model, ImportOptions options) throws IOException {
        if (options.sidecar() != null) {
            return Sidecar.read(options.sidecar());
        }
        Path beside = Sidecar.beside(model);
        return Files.exists(beside) ? Sidecar.read(beside) : null;
    }

    /** The network's number of outputs, from one blank image (which also proves it runs on 32 x 32 images). */
    private static long outputs(Path model, ComputationGraph graph) throws ModelImportException {
        try {
            INDArray out = graph.output(false, Nd4j.zeros(DataType.FLOAT, 1, 3, 32, 32))[0];
            return out.size(out.rank() - 1);
        } catch (RuntimeException e) {
            throw new ModelImportException(model + ": the network does not run on 32\u00d732 images (this library "
                    + "analyses 32\u00d732 CIFAR-10 images; the file does not declare its input size and may expect "
                    + "another one)", e);
        }
    }

    /** The class names: the options', the sidecar's, CIFAR-10's for ten outputs; each count checked. */
    private static List<String> classNames(Path model, ImportOptions options, Sidecar sidecar, long outputs)
            throws ModelImportException {
        List<String> names;
        String from;
        if (!options.classNames().isEmpty()) {
            names = options.classNames();
            from = "class names given";
        } else if (sidecar != null && sidecar.classNames() != null) {
            names = sidecar.classNames();
            from = "class names in " + sidecar.file();
        } else if (outputs == Cifar10.CLASS_NAMES.size()) {
            return Cifar10.CLASS_NAMES;
        } else {
            throw new ModelImportException(model + ": the network has " + outputs + " outputs, not CIFAR-10's "
                    + Cifar10.CLASS_NAMES.size() + "; give their class names in output order (classNames in the "
                    + "sidecar " + Sidecar.beside(model).getFileName() + ", or --classes FILE)");
        }
        if (names.size() != outputs) {
            throw new ModelImportException(model + ": the network has " + outputs + " outputs, but there are "
                    + names.size() + " " + from + ": " + names);
        }
        return names;
    }

    /**
     * Converts a Keras or ONNX model file into a network (without class names, preprocessing or verification).
     *
     * @param model the model file: Keras {@code .h5}/{@code .keras}/model JSON, or ONNX
     * @param weights the weights {@code .h5} of a Keras model JSON, or null
     * @param preprocessing the model's preprocessing (its layout and channel order shape the network)
     * @return the network
     * @throws ModelImportException if the file cannot be imported; the message names the file and what is wrong
     * @throws IOException if a file cannot be read
     */
    public static ImportedNetwork network(Path model, Path weights, Preprocessing preprocessing) throws IOException {
        ModelFormat.Detected detected = ModelFormat.detectRead(model); // read once: parsed here, converted below
        ModelFormat format = detected.format();
        if (weights != null && format != ModelFormat.KERAS_JSON) {
            throw new ModelImportException(model + ": --weights applies to a Keras model JSON, but this is "
                    + format.inWords());
        }
        return switch (format) {
            case ONNX -> OnnxImport.read(model, detected.onnx(), preprocessing);
            case KERAS_H5, KERAS_ZIP -> KerasImport.read(model, detected.hdf5(), null, format, preprocessing);
            case KERAS_JSON -> {
                if (weights == null) {
                    throw new ModelImportException(model + ": a Keras model JSON holds no weights; give them with "
                            + "--weights weights.h5");
                }
                yield KerasImport.read(model, weights, format, preprocessing);
            }
            case KERAS_WEIGHTS -> throw new ModelImportException(model + ": a Keras weights file without a model "
                    + "configuration; give the model JSON as --model model.json and this file as --weights");
            case CIFAR_MODEL -> throw new ModelImportException(model + ": a saved model of this library, not a "
                    + "model to import; load it with CifarModel.load");
        };
    }
}
