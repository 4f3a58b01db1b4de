package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a classifier once over a test set, batch by batch, into an accumulator; shows progress on long runs. */
final class Inference {

    /** A progress bar appears from this batch on, so short runs stay silent. */
    static final int PROGRESS_AFTER_BATCHES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(Inference.class);

    private Inference() {
    }

    static ErrorAnalysisAccumulator run(Classifier model, DataSetIterator testSet, AnalysisOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(testSet, "testSet");
        Objects.requireNonNull(options, "options");
        List<String> names = options.classNames().isEmpty() ? iteratorLabels(testSet) : options.classNames();
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(names);
        if (testSet.resetSupported()) {
            testSet.reset();
        }
        long seen = 0;
        int batch = 0;
        Progress bar = null;
        try {
            while (testSet.hasNext()) {
                DataSet ds = testSet.next();
                seen += evalBatch(model, ds.getFeatures(), ds.getLabels(), ds.getLabelsMaskArray(),
                        ds.getExampleMetaData(), acc, batch, seen);
                batch++;
                if (bar == null && !options.quiet() && batch >= PROGRESS_AFTER_BATCHES) {
                    bar = options.progress();
                }
                if (bar != null) {
                    bar.examplesDone(seen, -1);
                }
            }
        } finally {
            if (bar != null) {
                bar.finished();
            }
        }
        if (seen == 0) {
            throw new IllegalArgumentException("the test set is empty: the iterator returned no examples");
        }
        LOG.debug("analysed {} examples in {} batches", seen, batch);
        return acc;
    }

    static ErrorAnalysisAccumulator run(Classifier model, DataSet testSet, AnalysisOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(testSet, "testSet");
        Objects.requireNonNull(options, "options");
        INDArray features = testSet.getFeatures();
        INDArray labels = testSet.getLabels();
        if (features == null || labels == null || features.size(0) == 0) {
            throw new IllegalArgumentException("the test set is empty: the DataSet has no features or labels");
        }
        long n = features.size(0);
        if (labels.size(0) != n) {
            throw new IllegalArgumentException(Formats.format(
                    "features/labels count mismatch: the features have %d examples but the labels have %d",
                    n, labels.size(0)));
        }
        List<Serializable> meta = testSet.getExampleMetaData();
        if (meta != null && !meta.isEmpty() && meta.size() != n) {
            throw new IllegalArgumentException(Formats.format("there are %d metadata entries for %d examples", meta.size(), n));
        }
        INDArray mask = testSet.getLabelsMaskArray();
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(options.classNames());
        int size = options.batchSize();
        long batches = (n + size - 1) / size;
        Progress bar = !options.quiet() && batches >= PROGRESS_AFTER_BATCHES ? options.progress() : null;
        try {
            for (long from = 0, batch = 0; from < n; from += size, batch++) {
                long to = Math.min(n, from + size);
                INDArray f = features.get(NDArrayIndex.interval(from, to));
                INDArray l = labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                INDArray m = mask == null ? null : mask.get(NDArrayIndex.interval(from, to));
                List<Serializable> bm = meta == null || meta.isEmpty() ? null : meta.subList((int) from, (int) to);
                evalBatch(model, f, l, m, bm, acc, batch, from);
                if (bar != null) {
                    bar.examplesDone(to, n);
                }
            }
        } finally {
            if (bar != null) {
                bar.finished();
            }
        }
        return acc;
    }

    private static long evalBatch(Classifier model, INDArray features, INDArray labels, INDArray mask,
            List<? extends Serializable> meta, ErrorAnalysisAccumulator acc, long batch, long firstExample) {
        if (features == null || labels == null) {
            throw new IllegalArgumentException("batch " + batch + " has no " + (features == null ? "features" : "labels"));
        }
        long rows = features.size(0);
        if (labels.size(0) != rows) {
            throw new IllegalArgumentException(Formats.format("features/labels count mismatch in batch %d (examples %d..): "
                    + "the features have %d examples but the labels have %d", batch, firstExample, rows, labels.size(0)));
        }
        INDArray out = model.probabilities(features);
        if (out == null || out.rank() != 2 || out.size(0) != rows) {
            throw new IllegalArgumentException(Formats.format("batch %d (examples %d..): the classifier returned %s for %d "
                    + "examples; expected an N×C matrix of probabilities with N = %d", batch, firstExample,
                    out == null ? "null" : "shape " + java.util.Arrays.toString(out.shape()), rows, rows));
        }
        if (labels.rank() == 2 && labels.size(1) != out.size(1)) {
            throw new IllegalArgumentException(Formats.format("batch %d (examples %d..): the model outputs %d classes but "
                    + "the labels have %d columns", batch, firstExample, out.size(1), labels.size(1)));
        }
        if (!acc.classNames().isEmpty() && acc.classNames().size() != out.size(1)) {
            throw new IllegalArgumentException(Formats.format("the model outputs %d classes but there are %d class names %s",
                    out.size(1), acc.classNames().size(), acc.classNames()));
        }
        try {
            acc.eval(labels, out, mask, meta);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("batch " + batch + " (examples " + firstExample + ".."
                    + (firstExample + rows - 1) + "): " + e.getMessage(), e);
        }
        return rows;
    }

    private static List<String> iteratorLabels(DataSetIterator it) {
        try {
            List<String> labels = it.getLabels();
            return labels == null ? List.of() : labels;
        } catch (RuntimeException e) {
            LOG.debug("the iterator gives no class names ({}); using class 0, class 1, ...", e.toString());
            return List.of();
        }
    }
}
