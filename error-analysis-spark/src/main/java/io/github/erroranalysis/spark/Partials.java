package io.github.erroranalysis.spark;

import io.github.erroranalysis.ErrorAnalysisAccumulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-partition accumulators as bytes, and the lists of them that {@code treeAggregate} gathers.
 *
 * <p>Bytes (the accumulator's own Java serialization) travel under any {@code spark.serializer}, Kryo included,
 * whose default serializers cannot rebuild the accumulator's immutable lists. An analysis keeps every example, so
 * merging cannot shrink what travels: the aggregation only gathers the partitions' bytes (no decoding on the way)
 * and the driver decodes and merges each partition once, with the accumulator's exact, order-independent merge.
 */
final class Partials {

    /** No examples: what an empty partition gives. */
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

    /** The aggregation's step inside a partition: adds a partition's bytes unless it had no examples. */
    static ArrayList<byte[]> add(ArrayList<byte[]> gathered, byte[] partition) {
        if (partition.length > 0) {
            gathered.add(partition);
        }
        return gathered;
    }

    /** The aggregation's step between partitions: joins two gathered lists. */
    static ArrayList<byte[]> join(ArrayList<byte[]> a, ArrayList<byte[]> b) {
        a.addAll(b);
        return a;
    }

    /**
     * Decodes and merges the gathered partitions into one accumulator.
     *
     * @return the merged accumulator, or null when there are none
     */
    static ErrorAnalysisAccumulator mergeAll(List<byte[]> gathered) {
        ErrorAnalysisAccumulator merged = null;
        for (byte[] encoded : gathered) {
            ErrorAnalysisAccumulator part = decode(encoded);
            if (merged == null) {
                merged = part;
            } else {
                merged.merge(part);
            }
        }
        return merged;
    }
}
