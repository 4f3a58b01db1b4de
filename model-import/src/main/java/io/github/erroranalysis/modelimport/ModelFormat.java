package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The kinds of model file the library reads, recognised by content ({@link #detect}), never by extension.
 */
public enum ModelFormat {
    /** The library's own saved model: a zip holding {@code cifar-model.json} and {@code network.zip}. */
    CIFAR_MODEL("a saved model of this library"),
    /** A Keras model in one HDF5 file ({@code model.save("m.h5")} of Keras 2, or Keras 3's legacy {@code .h5}). */
    KERAS_H5("a Keras HDF5 model (.h5)"),
    /** A Keras 3 {@code .keras} file: a zip of {@code config.json}, {@code metadata.json}, {@code model.weights.h5}. */
    KERAS_ZIP("a Keras 3 .keras file"),
    /** A Keras model's architecture as JSON ({@code model.to_json()}), whose weights come in a separate {@code .h5}. */
    KERAS_JSON("a Keras model JSON (architecture only; its weights come with --weights)"),
    /** A Keras weights-only HDF5 file ({@code model.save_weights}), which needs the model JSON beside it. */
    KERAS_WEIGHTS("a Keras weights file (.h5 without a model configuration)"),
    /** An ONNX model ({@code ModelProto} in protobuf). */
    ONNX("an ONNX model");

    /** The HDF5 format signature, at offset 0 or at 512, 1024, 2048, … (after a user block). */
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final int ZIP_ENTRIES_LISTED = 8;

    private final String words;

    ModelFormat(String words) {
        this.words = words;
    }

    /**
     * Says what the format is, in words, for messages.
     *
     * @return for example "an ONNX model"
     */
    public String inWords() {
        return words;
    }

    /**
     * Recognises a model file by its content: the HDF5 signature (a Keras {@code .h5}, with or without a model
     * configuration), a zip's entries (the library's saved model or a {@code .keras} file), a JSON object (a Keras
     * model JSON), or an ONNX protobuf.
     *
     * @param file the file
     * @return its format
     * @throws ModelImportException if it is none of these, saying what it looks like (the message names the file)
     * @throws IOException if it cannot be read
     */
    public static ModelFormat detect(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new ModelImportException(file + ": empty file (0 bytes); expected a Keras .h5/.keras, a Keras "
                    + "model JSON, an ONNX model or a saved model of this library");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (startsWith(head, HDF5) || hdf5AfterUserBlock(file, size)) {
            return KerasHdf5.hasModelConfig(file) ? KERAS_H5 : KERAS_WEIGHTS;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            return zipKind(file);
        }
        int first = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            first = 3;
        }
        while (first < head.length && Character.isWhitespace(head[first])) {
            first++;
        }
        if (first < head.length && head[first] == '{') {
            return KERAS_JSON;
        }
        if (OnnxImport.looksLikeOnnx(file)) {
            return ONNX;
        }
        throw new ModelImportException(file + ": not a model file this library reads (it starts with bytes "
                + hex(head) + "); expected a Keras .h5/.keras, a Keras model JSON, an ONNX model or a saved model "
                + "of this library");
    }

    private static boolean hdf5AfterUserBlock(Path file, long size) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            for (long offset = 512; offset + HDF5.length <= size; offset *= 2) {
                ByteBuffer buffer = ByteBuffer.allocate(HDF5.length);
                channel.position(offset);
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // read the signature's bytes
                }
                if (startsWith(buffer.array(), HDF5)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ModelFormat zipKind(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                names.add(entry.getName());
            }
        } catch (IOException | RuntimeException e) {
            if (names.isEmpty()) {
                throw new ModelImportException(file + ": starts like a zip file but its entries cannot be read ("
                        + Messages.oneLine(e) + ")", e);
            }
        }
        if (names.contains("cifar-model.json")) {
            return CIFAR_MODEL;
        }
        if (names.contains("config.json") && names.contains("model.weights.h5")) {
            return KERAS_ZIP;
        }
        throw new ModelImportException(file + ": a zip file, but neither a saved model of this library (no "
                + "cifar-model.json) nor a Keras 3 .keras file (no config.json with model.weights.h5); its entries: "
                + String.join(", ", names.subList(0, Math.min(names.size(), ZIP_ENTRIES_LISTED)))
                + (names.size() > ZIP_ENTRIES_LISTED ? ", … (" + names.size() + " in all)" : ""));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 8); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
        }
        return s.toString();
    }
}
