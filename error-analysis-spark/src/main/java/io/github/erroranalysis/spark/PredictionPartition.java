package io.github.erroranalysis.spark;

import io.github.erroranalysis.ErrorAnalysisAccumulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Collects one partition of precomputed predictions into an accumulator whose shard is the partition index, in
 * batches copied in bulk into ND4J arrays.
 */
final class PredictionPartition implements FlatMapFunction<Iterator<PredictionRow>, byte[]> {

    private static final long serialVersionUID = 1L;

    private final List<String> classNames;
    private final int classes;
    private final int batchSize;
    private final String classesFrom;

    /**
     * Creates the partition function.
     *
     * @param classNames the class names, possibly empty
     * @param classes the number of classes every row must have
     * @param classesFrom where that number comes from, for messages
     * @param batchSize rows per bulk copy
     */
    PredictionPartition(List<String> classNames, int classes, String classesFrom, int batchSize) {
        this.classNames = List.copyOf(classNames);
        this.classes = classes;
        this.classesFrom = classesFrom;
        this.batchSize = batchSize;
    }

    /**
     * Collects the partition.
     *
     * @param rows the partition's rows
     * @return one encoded accumulator ({@link Partials#NONE} when the partition is empty)
     */
    @Override
    public Iterator<byte[]> call(Iterator<PredictionRow> rows) {
        int partition = TaskContext.getPartitionId();
        ErrorAnalysisAccumulator accumulator = new ErrorAnalysisAccumulator(classNames, partition);
        float[] probs = new float[batchSize * classes];
        int[] labels = new int[batchSize];
        List<String> ids = new ArrayList<>(batchSize);
        boolean anyId = false;
        int n = 0;
        long row = 0;
        while (rows.hasNext()) {
            PredictionRow r = rows.next();
            if (r == null) {
                throw new BadPartitionException(partition, row, "the RDD holds a null PredictionRow", null);
            }
            if (r.classCount() != classes) {
                throw new BadPartitionException(partition, row, String.format(Locale.ROOT,
                        "%s has %d probabilities, but the analysis has %d classes (%s)",
                        describe(r), r.classCount(), classes, classesFrom), null);
            }
            if (r.label() < 0 || r.label() >= classes) {
                throw new BadPartitionException(partition, row, String.format(Locale.ROOT,
                        "%s: label %d is out of range; there are %d classes (0..%d)",
                        describe(r), r.label(), classes, classes - 1), null);
            }
            System.arraycopy(r.probabilitiesUnsafe(), 0, probs, n * classes, classes);
            labels[n] = r.label();
            ids.add(r.id());
            anyId |= r.id() != null;
            n++;
            row++;
            if (n == batchSize || !rows.hasNext()) {
                try {
                    float[] batchProbs = n == batchSize ? probs : Arrays.copyOf(probs, n * classes);
                    int[] batchLabels = n == batchSize ? labels : Arrays.copyOf(labels, n);
                    accumulator.eval(Nd4j.createFromArray(batchLabels).reshape(n, 1),
                            Nd4j.create(batchProbs, new long[] {n, classes}, 'c'), null, anyId ? ids : null);
                } catch (IllegalArgumentException e) {
                    long first = row - n;
                    throw BadPartitionException.fromAccumulator(partition, first, e, bad -> {
                        long at = bad - first;
                        return at >= 0 && at < ids.size() ? describe(ids.get((int) at)) + ": " : "";
                    });
                }
                ids.clear();
                anyId = false;
                n = 0;
            }
        }
        return Collections.singletonList(Partials.encode(accumulator)).iterator();
    }

    private static String describe(PredictionRow r) {
        return describe(r.id());
    }

    private static String describe(String id) {
        return id == null ? "the row (no id)" : "the row with id '" + id + "'";
    }
}
