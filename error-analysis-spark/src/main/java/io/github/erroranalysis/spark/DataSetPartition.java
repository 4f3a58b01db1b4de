package io.github.erroranalysis.spark;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.ErrorAnalysisAccumulator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses one partition of an {@code RDD<DataSet>}: runs the broadcast model on each element as one batch (an
 * element larger than the batch size in slices of the batch size, as the one-machine analysis slices a
 * {@code DataSet}) and collects the predictions into an accumulator whose shard is the partition index.
 *
 * <p>Elements are never joined into larger batches: ND4J's CPU kernels (the baseline CNN's im2col convolution and
 * matrix products) can give a row slightly different floats in batches of different sizes, and keeping the caller's
 * batches is what makes the result bit-identical to the one-machine analysis of the same batches.
 */
final class DataSetPartition implements FlatMapFunction<Iterator<DataSet>, byte[]> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DataSetPartition.class);

    private final Broadcast<SerializedModel> model;
    private final String modelKey;
    private final List<String> classNames;
    private final int classes;
    private final int batchSize;

    /**
     * Creates the partition function.
     *
     * @param model the broadcast model
     * @param modelKey this analysis's key for the executors' pool of rebuilt networks
     * @param classNames the class names, possibly empty
     * @param classes the model's number of outputs, or -1 when unknown before inference
     * @param batchSize examples per inference batch
     */
    DataSetPartition(Broadcast<SerializedModel> model, String modelKey, List<String> classNames, int classes,
            int batchSize) {
        this.model = model;
        this.modelKey = modelKey;
        this.classNames = List.copyOf(classNames);
        this.classes = classes;
        this.batchSize = batchSize;
    }

    /**
     * Analyses the partition.
     *
     * @param data the partition's DataSets
     * @return one encoded accumulator ({@link Partials#NONE} when the partition is empty)
     */
    @Override
    public Iterator<byte[]> call(Iterator<DataSet> data) {
        Run run = new Run(TaskContext.getPartitionId());
        try {
            long row = 0;
            while (data.hasNext()) {
                DataSet ds = data.next();
                if (ds == null) {
                    throw new BadPartitionException(run.partition, row, "the RDD holds a null DataSet", null);
                }
                if (ds.getFeatures() == null || ds.getLabels() == null) {
                    throw new BadPartitionException(run.partition, row, "a DataSet has no "
                            + (ds.getFeatures() == null ? "features" : "labels"), null);
                }
                int n = Math.toIntExact(ds.getFeatures().size(0));
                if (n == 0) {
                    continue;
                }
                check(ds, n, run.partition, row);
                for (int from = 0; from < n; from += batchSize) {
                    int to = Math.min(n, from + batchSize);
                    run.evaluate(from == 0 && to == n ? ds : slice(ds, from, to), to - from);
                }
                row += n;
            }
        } finally {
            run.close();
        }
        LOG.debug("partition {}: {} examples analysed", run.partition, run.accumulator.examples());
        return Collections.singletonList(Partials.encode(run.accumulator)).iterator();
    }

    /** Checks one DataSet's shapes and labels before it joins a batch, naming the partition and row. */
    private void check(DataSet ds, int n, int partition, long firstRow) {
        INDArray labels = ds.getLabels();
        if (labels.size(0) != n) {
            throw new BadPartitionException(partition, firstRow, String.format(Locale.ROOT,
                    "features/labels count mismatch: the features have %d examples but the labels have %d",
                    n, labels.size(0)), null);
        }
        List<Serializable> meta = ds.getExampleMetaData();
        if (meta != null && !meta.isEmpty() && meta.size() != n) {
            throw new BadPartitionException(partition, firstRow, String.format(Locale.ROOT,
                    "there are %d metadata entries for %d examples", meta.size(), n), null);
        }
        boolean indices = labels.rank() == 1 || (labels.rank() == 2 && labels.size(1) == 1);
        if (!indices) {
            if (labels.rank() != 2 || (classes > 0 && labels.size(1) != classes)) {
                throw new BadPartitionException(partition, firstRow, String.format(Locale.ROOT,
                        "the labels have shape %s (%d classes) but the model outputs %d classes",
                        Arrays.toString(labels.shape()), labels.rank() == 2 ? labels.size(1) : -1, classes), null);
            }
            return;
        }
        if (classes > 0) {
            double[] values = labels.reshape(n).toDoubleVector();
            for (int i = 0; i < n; i++) {
                if (!(values[i] >= 0 && values[i] < classes)) {
                    throw new BadPartitionException(partition, firstRow + i, String.format(Locale.ROOT,
                            "label %s is out of range; there are %d classes (0..%d)", values[i], classes, classes - 1),
                            null);
                }
            }
        }
    }

    /** One partition's state: the borrowed model, the accumulator and the rows evaluated so far. */
    private final class Run {
        final int partition;
        final ErrorAnalysisAccumulator accumulator;
        long evaluated;
        Classifier classifier;

        Run(int partition) {
            this.partition = partition;
            this.accumulator = new ErrorAnalysisAccumulator(classNames, partition);
        }

        void evaluate(DataSet batch, int rows) {
            if (classifier == null) {
                classifier = ModelPool.borrow(modelKey, model);
            }
            INDArray out;
            try {
                out = classifier.probabilities(batch.getFeatures());
            } catch (RuntimeException e) {
                throw new BadPartitionException(partition, evaluated, String.format(Locale.ROOT,
                        "the model cannot run on features of shape %s (rows %d..%d): %s",
                        Arrays.toString(batch.getFeatures().shape()), evaluated, evaluated + rows - 1, e), e);
            }
            try {
                List<Serializable> meta = batch.getExampleMetaData();
                accumulator.eval(batch.getLabels(), out, batch.getLabelsMaskArray(),
                        meta == null || meta.isEmpty() ? null : meta);
            } catch (IllegalArgumentException e) {
                throw BadPartitionException.fromAccumulator(partition, evaluated, e);
            }
            evaluated += rows;
        }

        void close() {
            if (classifier != null) {
                ModelPool.giveBack(modelKey, classifier);
                classifier = null;
            }
        }
    }

    /** Rows {@code from..to-1} of a DataSet, with their masks and metadata. */
    static DataSet slice(DataSet ds, int from, int to) {
        INDArray features = ds.getFeatures().get(NDArrayIndex.interval(from, to));
        INDArray labels = ds.getLabels().get(NDArrayIndex.interval(from, to));
        DataSet part = new DataSet(features, labels);
        INDArray mask = ds.getLabelsMaskArray();
        if (mask != null) {
            part.setLabelsMaskArray(mask.get(NDArrayIndex.interval(from, to)));
        }
        List<Serializable> meta = ds.getExampleMetaData();
        if (meta != null && !meta.isEmpty()) {
            part.setExampleMetaData(new ArrayList<>(meta.subList(from, to)));
        }
        return part;
    }
}
