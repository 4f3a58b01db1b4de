package io.github.erroranalysis.spark;

import io.github.erroranalysis.AnalysisOptions;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.ErrorAnalysisAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error analysis of a test set held in a Spark RDD, equal to the analysis of the same examples, in RDD order, on
 * one machine.
 *
 * <p>An {@code RDD<DataSet>} is the distributed form of a {@code DataSetIterator}: each element is one inference
 * batch (an element larger than the batch size is cut into slices of the batch size), so the analysis equals
 * {@code ErrorAnalysis.of(model, iterator, options)} over the same elements in RDD order, bit for bit, however the
 * elements are partitioned. Hold batches, not single images, in the RDD: inference one image at a time is slow.
 *
 * <p>The model is broadcast once; each partition runs inference with a network rebuilt once per executor task slot,
 * and collects the predictions into an {@link ErrorAnalysisAccumulator} whose shard is the partition index. The
 * per-partition accumulators are gathered (as bytes) with {@code treeAggregate} and merged once on the driver; the
 * accumulator's canonical order (by shard, then in the order seen) makes the merged analysis the one-pass analysis of the RDD in
 * order, with every example's origin (DataSet example metadata, or a prediction row's id) kept.
 *
 * <p>Bad input (a partition whose labels have another class count than the model, a label out of range, a row of
 * probabilities that are not probabilities) fails the job, and the driver gets a {@link BadPartitionException} that
 * names the partition and the row, not Spark's generic job failure.
 */
public final class SparkErrorAnalysis {

    /** Rows per bulk copy when collecting precomputed predictions. */
    public static final int PREDICTION_BATCH_SIZE = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(SparkErrorAnalysis.class);

    private SparkErrorAnalysis() {
    }

    /**
     * Analyses a network on a test set of DataSets (one-hot labels, origins as example metadata) with default
     * options: class names "class 0", "class 1", ..., batches of {@value AnalysisOptions#DEFAULT_BATCH_SIZE}.
     *
     * @param sc the Spark context
     * @param model a trained network with a softmax output; it is never changed
     * @param testSet the test set; each element is one inference batch
     * @return the analysis, equal to {@code ErrorAnalysis} of the same batches in RDD order
     * @throws BadPartitionException if a partition holds bad input, naming the partition and row
     */
    public static ErrorAnalysis of(JavaSparkContext sc, MultiLayerNetwork model, JavaRDD<DataSet> testSet) {
        return of(sc, model, testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses a network on a test set of DataSets with options.
     *
     * @param sc the Spark context
     * @param model a trained network with a softmax output; it is never changed
     * @param testSet the test set; each element may hold one example or a batch
     * @param options class names and inference batch size (the progress setting is not used on Spark)
     * @return the analysis, equal to {@code ErrorAnalysis} of the same examples in RDD order
     * @throws BadPartitionException if a partition holds bad input, naming the partition and row
     */
    public static ErrorAnalysis of(JavaSparkContext sc, MultiLayerNetwork model, JavaRDD<DataSet> testSet,
            AnalysisOptions options) {
        Objects.requireNonNull(model, "model");
        int layers = model.getnLayers();
        int classes = layers == 0 ? -1 : (int) model.layerSize(layers - 1);
        return run(sc, SerializedModel.of(model), classes, testSet, options);
    }

    /**
     * Analyses a single-input, single-output computation graph on a test set of DataSets with default options.
     *
     * @param sc the Spark context
     * @param model a trained graph with one input and one softmax output; it is never changed
     * @param testSet the test set; each element is one inference batch
     * @return the analysis, equal to {@code ErrorAnalysis} of the same batches in RDD order
     * @throws BadPartitionException if a partition holds bad input, naming the partition and row
     */
    public static ErrorAnalysis of(JavaSparkContext sc, ComputationGraph model, JavaRDD<DataSet> testSet) {
        return of(sc, model, testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses a single-input, single-output computation graph on a test set of DataSets with options.
     *
     * @param sc the Spark context
     * @param model a trained graph with one input and one softmax output; it is never changed
     * @param testSet the test set; each element may hold one example or a batch
     * @param options class names and inference batch size (the progress setting is not used on Spark)
     * @return the analysis, equal to {@code ErrorAnalysis} of the same examples in RDD order
     * @throws BadPartitionException if a partition holds bad input, naming the partition and row
     */
    public static ErrorAnalysis of(JavaSparkContext sc, ComputationGraph model, JavaRDD<DataSet> testSet,
            AnalysisOptions options) {
        Objects.requireNonNull(model, "model");
        List<String> outputs = model.getConfiguration().getNetworkOutputs();
        if (outputs.size() != 1 || model.getConfiguration().getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("ComputationGraph has inputs " + model.getConfiguration().getNetworkInputs()
                    + " and outputs " + outputs + "; error analysis needs exactly one input and one softmax output");
        }
        long size = model.layerSize(outputs.get(0));
        return run(sc, SerializedModel.of(model), size > 0 ? (int) size : -1, testSet, options);
    }

    /**
     * Analyses predictions made elsewhere, one row per example; the row ids become the examples' origins.
     *
     * @param predictions the rows, each with an id (or null), a true class and one probability per class
     * @param classNames the class names; empty for "class 0", "class 1", ... with the class count taken from the
     *                   first row (one small extra Spark job)
     * @return the analysis, equal to the one-machine analysis of the rows in RDD order
     * @throws BadPartitionException if a row has another class count, a label out of range or invalid
     *                               probabilities, naming the partition, row and id
     */
    public static ErrorAnalysis fromPredictions(JavaRDD<PredictionRow> predictions, List<String> classNames) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(classNames, "classNames");
        int classes;
        String classesFrom;
        if (classNames.isEmpty()) {
            PredictionRow first;
            try {
                first = predictions.first();
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("the test set is empty: the RDD of " + predictions.getNumPartitions()
                        + " partitions holds no predictions", e);
            }
            classes = Objects.requireNonNull(first, "the first PredictionRow of the RDD is null").classCount();
            classesFrom = "as the first row of the RDD";
        } else {
            classes = classNames.size();
            classesFrom = "as the " + classes + " class names";
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, but there are " + classes + " ("
                    + classesFrom + ")");
        }
        JavaRDD<byte[]> partials = predictions.mapPartitions(
                new PredictionPartition(classNames, classes, classesFrom, PREDICTION_BATCH_SIZE));
        return merge(partials, predictions.getNumPartitions());
    }

    private static ErrorAnalysis run(JavaSparkContext sc, SerializedModel model, int classes, JavaRDD<DataSet> testSet,
            AnalysisOptions options) {
        Objects.requireNonNull(sc, "sc");
        Objects.requireNonNull(testSet, "testSet");
        Objects.requireNonNull(options, "options");
        if (!options.classNames().isEmpty() && classes > 0 && options.classNames().size() != classes) {
            throw new IllegalArgumentException("there are " + options.classNames().size() + " class names "
                    + options.classNames() + " but the model outputs " + classes + " classes");
        }
        Broadcast<SerializedModel> broadcast = sc.broadcast(model);
        try {
            LOG.debug("broadcast the model ({} bytes) to analyse {} partitions", model.size(), testSet.getNumPartitions());
            JavaRDD<byte[]> partials = testSet.mapPartitions(
                    new DataSetPartition(broadcast, UUID.randomUUID().toString(), options.classNames(), classes,
                            options.batchSize()));
            return merge(partials, testSet.getNumPartitions());
        } finally {
            broadcast.destroy();
        }
    }

    /** Gathers the partitions' accumulators with {@code treeAggregate} and merges them on the driver. */
    private static ErrorAnalysis merge(JavaRDD<byte[]> partials, int partitions) {
        long start = System.nanoTime();
        ArrayList<byte[]> gathered;
        try {
            gathered = partials.treeAggregate(new ArrayList<>(), Partials::add, Partials::join);
        } catch (Exception e) {
            BadPartitionException bad = badInput(e);
            if (bad != null) {
                throw bad;
            }
            throw e;
        }
        ErrorAnalysisAccumulator all = Partials.mergeAll(gathered);
        if (all == null) {
            throw new IllegalArgumentException("the test set is empty: the RDD of " + partitions
                    + " partitions holds no examples");
        }
        ErrorAnalysis analysis = all.snapshot();
        LOG.info(String.format(Locale.ROOT, "analysed %d examples from %d partitions on Spark in %.1f s",
                analysis.examples(), partitions, (System.nanoTime() - start) / 1e9));
        return analysis;
    }

    /**
     * Finds the task's {@link BadPartitionException} behind Spark's job failure, re-created on the driver.
     *
     * @param failure what the Spark action threw (a {@code SparkException} for a failed job)
     * @return the exception to throw on the driver, or null when bad input did not cause the failure
     */
    static BadPartitionException badInput(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadPartitionException bad) {
                return t == failure ? bad : BadPartitionException.onDriver(bad, failure);
            }
        }
        return null;
    }
}
