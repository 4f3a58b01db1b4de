package io.github.erroranalysis.modelimport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The library's entry point for models trained elsewhere: recognises a file by content and converts it into a DL4J
 * network that takes the library's input.
 */
public final class ModelImport {

    private ModelImport() {
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
        ModelFormat format = ModelFormat.detect(model);
        if (weights != null && format != ModelFormat.KERAS_JSON) {
            throw new ModelImportException(model + ": --weights applies to a Keras model JSON, but this is "
                    + format.inWords());
        }
        return switch (format) {
            case ONNX -> OnnxImport.read(model, preprocessing);
            case KERAS_H5, KERAS_ZIP -> KerasImport.read(model, null, format, preprocessing);
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
