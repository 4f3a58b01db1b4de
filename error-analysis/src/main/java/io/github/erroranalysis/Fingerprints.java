package io.github.erroranalysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * SHA-256 fingerprints of models and data for {@link Provenance}, each written {@code sha256:} and 64 lowercase hex
 * digits, and each a pure function of what it fingerprints (the same bytes or values give the same fingerprint on
 * every run and machine).
 *
 * <p>What is hashed, exactly:
 * <ul>
 *   <li>a file or stream: its bytes ({@link #ofFile} matches {@code sha256sum FILE}); several files: their bytes one
 *       after the other ({@link #ofFiles} matches {@code cat A B | sha256sum});</li>
 *   <li>a network ({@link #ofParameters}): its parameter values, flattened in C order, each as little-endian bytes of
 *       its data type (float32 for every floating type but float64, which keeps 8 bytes; int64 keeps 8 bytes, the
 *       other integer and boolean types are written as int32);</li>
 *   <li>a test set of features and labels ({@link #ofData}): the SHA-256 of the features' values followed by the
 *       SHA-256 of the labels' values, each digest over the examples in order, values written as for parameters, so
 *       the fingerprint does not depend on how the test set is cut into batches;</li>
 *   <li>predictions ({@link #ofPredictions}): the SHA-256 of the probabilities (float32, row-major) followed by the
 *       SHA-256 of the true classes (int32).</li>
 * </ul>
 */
public final class Fingerprints {

    /** What every fingerprint here starts with. */
    public static final String PREFIX = "sha256:";

    /** Values hashed per slice of a large array, so no second copy of a whole test set is made. */
    private static final long SLICE = 1 << 20;

    private Fingerprints() {
    }

    /**
     * Fingerprints bytes.
     *
     * @param bytes the bytes
     * @return {@code sha256:} and the SHA-256 of the bytes in hex
     */
    public static String ofBytes(byte[] bytes) {
        MessageDigest sha = sha256();
        sha.update(Objects.requireNonNull(bytes, "bytes"));
        return format(sha.digest());
    }

    /**
     * Fingerprints a stream's bytes, read to its end (the stream is not closed).
     *
     * @param in the stream
     * @return {@code sha256:} and the SHA-256 of the bytes in hex
     * @throws IOException if the stream cannot be read
     */
    public static String ofStream(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        update(sha, Objects.requireNonNull(in, "in"));
        return format(sha.digest());
    }

    /**
     * Fingerprints a file's bytes, as {@code sha256sum FILE} does.
     *
     * @param file the file, for example a saved model
     * @return {@code sha256:} and the SHA-256 of the file in hex
     * @throws IOException if the file cannot be read
     */
    public static String ofFile(Path file) throws IOException {
        return ofFiles(file);
    }

    /**
     * Fingerprints the bytes of several files one after the other, as {@code cat FILE... | sha256sum} does.
     *
     * @param files the files, in order (for example a probabilities file, then a labels file)
     * @return {@code sha256:} and the SHA-256 of the concatenated bytes in hex
     * @throws IOException if a file cannot be read
     */
    public static String ofFiles(Path... files) throws IOException {
        MessageDigest sha = sha256();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(Objects.requireNonNull(file, "file"))) {
                update(sha, in);
            }
        }
        return format(sha.digest());
    }

    /**
     * Fingerprints a network by its parameter values (not its file: the same weights saved twice give one
     * fingerprint).
     *
     * @param network the network
     * @return {@code sha256:} and the SHA-256 of its parameters in hex
     */
    public static String ofModel(MultiLayerNetwork network) {
        return ofParameters(Objects.requireNonNull(network, "network").params());
    }

    /**
     * Fingerprints a computation graph by its parameter values.
     *
     * @param graph the graph
     * @return {@code sha256:} and the SHA-256 of its parameters in hex
     */
    public static String ofModel(ComputationGraph graph) {
        return ofParameters(Objects.requireNonNull(graph, "graph").params());
    }

    /**
     * Fingerprints parameter values: flattened in C order, each as little-endian bytes of its data type (see the
     * class comment); a network without parameters has the fingerprint of no bytes.
     *
     * @param parameters the parameters, any shape, or null for none
     * @return {@code sha256:} and the SHA-256 of the values in hex
     */
    public static String ofParameters(INDArray parameters) {
        MessageDigest sha = sha256();
        if (parameters != null) {
            update(sha, parameters);
        }
        return format(sha.digest());
    }

    /**
     * Fingerprints a test set held in memory by its features and labels (the same value as a {@link Digest} fed the
     * test set in batches of any size).
     *
     * @param features the features, examples along the first dimension
     * @param labels the labels, examples along the first dimension
     * @return {@code sha256:} and the SHA-256 described in the class comment
     */
    public static String ofData(INDArray features, INDArray labels) {
        Digest digest = new Digest();
        digest.add(features, labels);
        return digest.fingerprint();
    }

    /**
     * Fingerprints predictions: row-major float32 probabilities and int32 true classes (see the class comment).
     *
     * @param probabilities row-major probabilities, N·C values
     * @param labels the N true classes
     * @return {@code sha256:} and the SHA-256 described in the class comment
     */
    public static String ofPredictions(float[] probabilities, int[] labels) {
        MessageDigest p = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : probabilities) {
            if (buffer.remaining() < Float.BYTES) {
                drain(p, buffer);
            }
            buffer.putFloat(v);
        }
        drain(p, buffer);
        MessageDigest l = sha256();
        for (int v : labels) {
            if (buffer.remaining() < Integer.BYTES) {
                drain(l, buffer);
            }
            buffer.putInt(v);
        }
        drain(l, buffer);
        return combine(p, l);
    }

    /**
     * A data fingerprint fed batch by batch: features and labels digested separately, in example order, so any
     * batching of the same test set gives the fingerprint of {@link Fingerprints#ofData}.
     */
    public static final class Digest {

        private MessageDigest features = sha256();
        private MessageDigest labels = sha256();

        /** Starts an empty digest. */
        public Digest() {
        }

        /**
         * Adds a batch.
         *
         * @param batchFeatures the batch's features, examples along the first dimension (null adds nothing)
         * @param batchLabels the batch's labels (null adds nothing)
         */
        public void add(INDArray batchFeatures, INDArray batchLabels) {
            if (batchFeatures != null) {
                update(features, batchFeatures);
            }
            if (batchLabels != null) {
                update(labels, batchLabels);
            }
        }

        /** Forgets every batch, as after a reset of the test set. */
        public void reset() {
            features = sha256();
            labels = sha256();
        }

        /**
         * Gives the fingerprint of the batches added so far (without ending the digest).
         *
         * @return {@code sha256:} and 64 hex digits
         */
        public String fingerprint() {
            try {
                return combine((MessageDigest) features.clone(), (MessageDigest) labels.clone());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("this JVM's SHA-256 cannot be cloned", e);
            }
        }
    }

    /** The SHA-256 of the two digests' values, one after the other. */
    private static String combine(MessageDigest first, MessageDigest second) {
        MessageDigest sha = sha256();
        sha.update(first.digest());
        sha.update(second.digest());
        return format(sha.digest());
    }

    /** Digests an array's values in C order, slice by slice, little-endian in its data type (see the class). */
    private static void update(MessageDigest sha, INDArray array) {
        if (array.dataType() == DataType.UTF8) {
            throw new IllegalArgumentException("cannot fingerprint an array of strings (data type UTF8)");
        }
        long n = array.length();
        if (n == 0) {
            return;
        }
        INDArray flat = array.reshape('c', new long[] {n});
        DataType type = array.dataType();
        for (long from = 0; from < n; from += SLICE) {
            INDArray slice = n <= SLICE ? flat : flat.get(NDArrayIndex.interval(from, Math.min(n, from + SLICE)));
            ByteBuffer bytes;
            if (type == DataType.DOUBLE) {
                double[] v = slice.toDoubleVector();
                bytes = ByteBuffer.allocate(v.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asDoubleBuffer().put(v);
            } else if (type.isFPType()) {
                float[] v = slice.toFloatVector();
                bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(v);
            } else if (type == DataType.LONG || type == DataType.UINT64) {
                long[] v = slice.toLongVector();
                bytes = ByteBuffer.allocate(v.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asLongBuffer().put(v);
            } else {
                int[] v = slice.castTo(DataType.INT).toIntVector();
                bytes = ByteBuffer.allocate(v.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asIntBuffer().put(v);
            }
            sha.update(bytes.array());
        }
    }

    private static void update(MessageDigest sha, InputStream in) throws IOException {
        byte[] chunk = new byte[1 << 16];
        for (int r = in.read(chunk); r != -1; r = in.read(chunk)) {
            sha.update(chunk, 0, r);
        }
    }

    private static void drain(MessageDigest sha, ByteBuffer buffer) {
        sha.update(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    private static String format(byte[] digest) {
        return PREFIX + HexFormat.of().formatHex(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }
}
