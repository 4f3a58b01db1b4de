package io.github.erroranalysis.spark;

import io.github.erroranalysis.ErrorAnalysisAccumulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * Per-partition accumulators as bytes, the value that {@code treeAggregate} moves around.
 *
 * <p>Bytes (the accumulator's own Java serialization) travel under any {@code spark.serializer}, Kryo included,
 * whose default serializers cannot rebuild the accumulator's immutable lists. An empty array stands for "no
 * examples". Merging is the accumulator's exact, order-independent merge.
 */
final class Partials {

    /** No examples: the zero of the aggregation. */
    static final byte[] NONE = new byte[0];

    private Partials() {
    }

    /** Encodes an accumulator, or gives {@link #NONE} when it holds no examples. */
    static byte[] encode(ErrorAnalysisAccumulator accumulator) {
        if (accumulator.examples() == 0) {
            return NONE;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(accumulator);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + accumulator, e);
        }
        return bytes.toByteArray();
    }

    /** Decodes what {@link #encode} wrote; {@link #NONE} is not accepted. */
    static ErrorAnalysisAccumulator decode(byte[] encoded) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(encoded))) {
            return (ErrorAnalysisAccumulator) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a partial analysis of " + encoded.length + " bytes", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot decode a partial analysis: " + e.getMessage()
                    + " is not on the classpath", e);
        }
    }

    /** Merges two encoded accumulators; either may be {@link #NONE}. */
    static byte[] merge(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        ErrorAnalysisAccumulator merged = decode(a);
        merged.merge(decode(b));
        return encode(merged);
    }
}
