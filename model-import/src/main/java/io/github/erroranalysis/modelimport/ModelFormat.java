package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import onnx.Onnx;

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
    private static final int ZIP_NAME_SHOWN = 120;
    /** The most entries of a zip that detection reads: the library's saved model and a .keras file have a few. */
    static final int MAX_ZIP_ENTRIES = 10_000;

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
        return detectRead(file).format();
    }

    /**
     * A file's format and what detection read of it, handed on so that the import reads the file once.
     *
     * @param format the format
     * @param onnx the parsed ONNX model when the format is ONNX, else null
     * @param hdf5 the HDF5 file's bytes when the format is KERAS_H5 or KERAS_WEIGHTS, else null
     */
    record Detected(ModelFormat format, Onnx.ModelProto onnx, byte[] hdf5) {
    }

    /**
     * Recognises a model file as {@link #detect} does, keeping what it read (the parsed ONNX model, an HDF5 file's
     * bytes) for the import.
     *
     * @param file the file
     * @return its format and what was read
     * @throws ModelImportException if it is none of the formats read
     * @throws IOException if it cannot be read
     */
    static Detected detectRead(Path file) throws IOException {
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
            byte[] bytes = KerasHdf5.readAll(file);
            return new Detected(KerasHdf5.hasModelConfig(file.toString(), bytes) ? KERAS_H5 : KERAS_WEIGHTS, null,
                    bytes);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            return new Detected(zipKind(file), null, null);
        }
        int first = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            first = 3;
        }
        while (first < head.length && Character.isWhitespace(head[first])) {
            first++;
        }
        if (first < head.length && head[first] == '{') {
            return new Detected(KERAS_JSON, null, null);
        }
        Onnx.ModelProto onnx = OnnxImport.parseIfOnnx(file);
        if (onnx != null) {
            return new Detected(ONNX, onnx, null);
        }
        String damaged = OnnxImport.damaged(file);
        if (damaged != null) {
            throw new ModelImportException(file + ": " + damaged);
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

    /**
     * A zip's kind from its central directory ({@link ZipFile}: no entry is inflated), at most
     * {@value #MAX_ZIP_ENTRIES} entries.
     */
    private static ModelFormat zipKind(Path file) throws IOException {
        List<String> listed = new ArrayList<>();
        boolean cifarModel = false;
        boolean config = false;
        boolean weights = false;
        int entries;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            entries = zip.size();
            if (entries > MAX_ZIP_ENTRIES) {
                throw new ModelImportException(file + ": a zip file of " + entries + " entries; a saved model or a "
                        + "Keras 3 .keras file has a few (at most " + MAX_ZIP_ENTRIES + " are read)");
            }
            Enumeration<? extends ZipEntry> all = zip.entries();
            for (int i = 0; i < MAX_ZIP_ENTRIES && all.hasMoreElements(); i++) {
                String name = all.nextElement().getName();
                cifarModel |= name.equals("cifar-model.json");
                config |= name.equals("config.json");
                weights |= name.equals("model.weights.h5");
                if (listed.size() < ZIP_ENTRIES_LISTED) {
                    String shown = name.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "?");
                    listed.add(shown.length() > ZIP_NAME_SHOWN ? shown.substring(0, ZIP_NAME_SHOWN) + "…" : shown);
                }
            }
        } catch (ModelImportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelImportException(file + ": starts like a zip file but its entries cannot be read ("
                    + Messages.oneLine(e) + ")", e);
        }
        if (cifarModel) {
            return CIFAR_MODEL;
        }
        if (config && weights) {
            return KERAS_ZIP;
        }
        throw new ModelImportException(file + ": a zip file, but neither a saved model of this library (no "
                + "cifar-model.json) nor a Keras 3 .keras file (no config.json with model.weights.h5); its entries: "
                + String.join(", ", listed) + (entries > ZIP_ENTRIES_LISTED ? ", … (" + entries + " in all)" : ""));
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
