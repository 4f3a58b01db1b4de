package io.github.erroranalysis.modelimport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The ONNX front-end: reads a {@code ModelProto} with the protobuf classes nd4j-api ships ({@code onnx.Onnx}) and
 * describes its graph to a {@link GraphBuilder}.
 */
final class OnnxImport {

    private OnnxImport() {
    }

    /**
     * Whether a file parses as an ONNX model (a {@code ModelProto} with a graph of at least one node).
     *
     * @param file the file
     * @return true when it is ONNX
     * @throws IOException if it cannot be read
     */
    static boolean looksLikeOnnx(Path file) throws IOException {
        return false;
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
        throw new ModelImportException(file + ": ONNX import is being written");
    }
}
