package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.io.Formats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An immutable error analysis of a classifier on a labelled test set: what it gets wrong, and why.
 *
 * <p>Created once from a model and a test set ({@code of}), from predictions made elsewhere
 * ({@code fromPredictions}, {@code fromLogits}, {@code fromNpy}, {@code fromCsv}), from JSON, or as a
 * snapshot of an {@link ErrorAnalysisAccumulator}. Per example it keeps the true class, the predicted
 * probabilities (as float) and the origin; every metric is computed in one shared pass at creation.
 * The fluent steps read as the course's steps:
 * {@code ErrorAnalysis.of(model, testSet).wrong().perClassAccuracy().hardest()}.
 *
 * <p>Conventions: the predicted class is the most probable one, the lowest class index on ties; confusion
 * matrices have true classes as rows and predicted classes as columns; an undefined metric (no examples)
 * is NaN, never 0.
 */
public final class ErrorAnalysis {


    /** How far a row of probabilities may sum from 1 (absolute) before it is refused as not probabilities. */
    public static final double PROBABILITY_SUM_TOLERANCE = Checks.SUM_TOLERANCE;

    /** The confidence bands of {@link #confidenceBands()}: [0, 0.5), [0.5, 0.7), [0.7, 0.9), [0.9, 1]. */
    public static final List<Double> DEFAULT_CONFIDENCE_BANDS = List.of(0.0, 0.5, 0.7, 0.9, 1.0);

    private final List<String> classNames;
    private final int classes;
    private final float[] probs;
    private final int[] labels;
    private final String[] origins;
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");

    /** The shared context every metric reads: the examples and the one pass's result. */
    private final AnalysisContext context;
    /**
     * The values computed (or being computed) so far: metrics by metric (equal metrics share a value), intervals
     * and statistics by their private key records.
     */
    private final Map<Object, FutureTask<Object>> metrics;

    /** The key of a default-bootstrap interval of a metric at a level. */
    private record IntervalKey(Metric<?> metric, double level) {
    }

    /** The key of the default statistics at a level. */
    private record StatisticsKey(double level) {
    }
    /** When this analysis was made, the date of its default provenance. */
    private final Instant created;
    /** Where it comes from; null until asked for the default (the predictions' fingerprint, made lazily). */
    private volatile Provenance provenance;

    private ErrorAnalysis(List<String> classNames, float[] probs, int[] labels, String[] origins) {
        this.classNames = classNames;
        this.classes = classNames.size();
        this.probs = probs;
        this.labels = labels;
        this.origins = origins;
        this.context = new AnalysisContext(classNames, probs, labels);
        this.metrics = new ConcurrentHashMap<>();
        this.created = Instant.now();
    }

    /** Shares the data (and every metric computed from it) of {@code data}, with another provenance. */
    private ErrorAnalysis(ErrorAnalysis data, Provenance provenance) {
        this.classNames = data.classNames;
        this.classes = data.classes;
        this.probs = data.probs;
        this.labels = data.labels;
        this.origins = data.origins;
        this.context = data.context;
        this.metrics = data.metrics;
        this.created = data.created;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Creates an analysis that takes ownership of the arrays (callers pass fresh copies).
     *
     * @param classNames the class names, possibly empty for "class 0", "class 1", ...
     * @param probs row-major probabilities, N·C values
     * @param labels the N true classes
     * @param origins the N origins (null entries allowed), or null when there are none
     * @return the analysis
     */
    static ErrorAnalysis create(List<String> classNames, int classCount, float[] probs, int[] labels,
            String[] origins) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("the test set is empty: there are no examples to analyse");
        }
        if (classCount < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, but the predictions have " + classCount);
        }
        if ((long) labels.length * classCount != probs.length) {
            throw new IllegalArgumentException(Formats.format("there are %d labels but %d rows of %d probabilities",
                    labels.length, probs.length / classCount, classCount));
        }
        List<String> names = resolveClassNames(classNames, classCount);
        String[] kept = origins == null || Arrays.stream(origins).allMatch(Objects::isNull) ? null : origins;
        if (kept != null && kept.length != labels.length) {
            throw new IllegalArgumentException(Formats.format("there are %d labels but %d origins", labels.length, kept.length));
        }
        return new ErrorAnalysis(names, probs, labels, kept);
    }

    static List<String> resolveClassNames(List<String> given, int classCount) {
        List<String> names = ClassNames.check(given);
        if (names.isEmpty()) {
            return IntStream.range(0, classCount).mapToObj(c -> "class " + c).toList();
        }
        if (names.size() != classCount) {
            throw new IllegalArgumentException("there are " + names.size() + " class names " + names
                    + " but the predictions have " + classCount + " classes");
        }
        return names;
    }

    // ---------------------------------------------------------------- factories: a model and a test set

    /**
     * Analyses a network on a test set held in memory, in batches of {@link AnalysisOptions#DEFAULT_BATCH_SIZE}.
     *
     * @param model a trained network with a softmax output; it is never changed
     * @param testSet the test set with one-hot labels, and optionally example metadata as origins
     * @return the analysis
     */
    public static ErrorAnalysis of(MultiLayerNetwork model, DataSet testSet) {
        return of(Classifier.of(model), testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses a network on a test-set iterator (class names from the iterator's labels when it has them).
     *
     * @param model a trained network with a softmax output; it is never changed
     * @param testSet the test set with one-hot labels; reset first when it supports reset
     * @return the analysis
     */
    public static ErrorAnalysis of(MultiLayerNetwork model, DataSetIterator testSet) {
        return of(Classifier.of(model), testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses a single-output computation graph on a test set held in memory.
     *
     * @param model a trained graph with one input and one softmax output; it is never changed
     * @param testSet the test set with one-hot labels
     * @return the analysis
     */
    public static ErrorAnalysis of(ComputationGraph model, DataSet testSet) {
        return of(Classifier.of(model), testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses a single-output computation graph on a test-set iterator.
     *
     * @param model a trained graph with one input and one softmax output; it is never changed
     * @param testSet the test set with one-hot labels
     * @return the analysis
     */
    public static ErrorAnalysis of(ComputationGraph model, DataSetIterator testSet) {
        return of(Classifier.of(model), testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses any classifier on a test set held in memory.
     *
     * @param model the classifier
     * @param testSet the test set with one-hot labels
     * @return the analysis
     */
    public static ErrorAnalysis of(Classifier model, DataSet testSet) {
        return of(model, testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses any classifier on a test-set iterator.
     *
     * @param model the classifier
     * @param testSet the test set with one-hot labels
     * @return the analysis
     */
    public static ErrorAnalysis of(Classifier model, DataSetIterator testSet) {
        return of(model, testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses any classifier on a test set held in memory, with options.
     *
     * @param model the classifier
     * @param testSet the test set with one-hot labels
     * @param options class names, batch size and progress reporting
     * @return the analysis
     */
    public static ErrorAnalysis of(Classifier model, DataSet testSet, AnalysisOptions options) {
        return Inference.run(model, testSet, options).snapshot().withProvenance(Provenances.of(model, testSet));
    }

    /**
     * Analyses any classifier on a test-set iterator, with options.
     *
     * @param model the classifier
     * @param testSet the test set with one-hot labels
     * @param options class names, batch size (unused: the iterator's batches are used) and progress reporting
     * @return the analysis
     */
    public static ErrorAnalysis of(Classifier model, DataSetIterator testSet, AnalysisOptions options) {
        Provenances.Digesting digested = Provenances.digesting(testSet);
        return Inference.run(model, digested, options).snapshot().withProvenance(Provenances.of(model, digested));
    }

    // ---------------------------------------------------------------- factories: precomputed predictions

    /**
     * Analyses probabilities computed elsewhere (for example by PyTorch or Keras); a row of valid values that does
     * not sum to 1 is refused with a {@link PredictionKindException} (perhaps logits: use {@code fromLogits}; or,
     * when every value lies within 1e-6 of [0, 1], rounded probabilities: never renormalised silently). Checked in
     * double, then stored as float; refused when that narrowing would change an example's predicted class (numpy's
     * argmax of the given values).
     *
     * @param probabilities an N×C matrix of probabilities (finite, in [0, 1], rows summing to 1 within
     *                      {@link #PROBABILITY_SUM_TOLERANCE}); stored as float
     * @param labels the N true class indices
     * @param classNames the C class names, or an empty list for "class 0", "class 1", ...
     * @return the analysis
     */
    public static ErrorAnalysis fromPredictions(INDArray probabilities, int[] labels, List<String> classNames) {
        Objects.requireNonNull(labels, "labels");
        float[] p = probabilityRows(probabilities);
        return fromArrays(p, (int) probabilities.size(1), labels.clone(), classNames);
    }

    /**
     * Analyses probabilities computed elsewhere, with labels as an ND4J array.
     *
     * @param probabilities an N×C matrix of probabilities; stored as float
     * @param labels the true classes: a vector (or N×1 column) of class indices, or N×C one-hot rows
     * @param classNames the C class names, or an empty list for "class 0", "class 1", ...
     * @return the analysis
     */
    public static ErrorAnalysis fromPredictions(INDArray probabilities, INDArray labels, List<String> classNames) {
        float[] p = probabilityRows(probabilities);
        int c = (int) probabilities.size(1);
        return fromArrays(p, c, NdArrays.labels(labels, c), classNames);
    }

    /**
     * Analyses logits (unnormalized scores) computed elsewhere, turning each row into probabilities with softmax;
     * refused with a {@link PredictionKindException} when every row lies within 1e-6 of [0, 1] and sums to 1 within
     * 1e-2 (those are probabilities, perhaps rounded: use {@code fromPredictions}). Softmax is computed in double
     * (float64 logits keep their precision); the result is stored as float, refused when that would change an
     * example's predicted class.
     *
     * @param logits an N×C matrix of finite logits
     * @param labels the N true class indices
     * @param classNames the C class names, or an empty list for "class 0", "class 1", ...
     * @return the analysis
     */
    public static ErrorAnalysis fromLogits(INDArray logits, int[] labels, List<String> classNames) {
        Objects.requireNonNull(labels, "labels");
        float[] p = softmaxRows(logits);
        return fromArrays(p, (int) logits.size(1), labels.clone(), classNames);
    }

    /**
     * Analyses logits computed elsewhere, with labels as an ND4J array; refused with a
     * {@link PredictionKindException} when they look like probabilities, as for {@code fromLogits(INDArray, int[],
     * List)}.
     *
     * @param logits an N×C matrix of finite logits
     * @param labels the true classes: a vector (or N×1 column) of class indices, or N×C one-hot rows
     * @param classNames the C class names, or an empty list for "class 0", "class 1", ...
     * @return the analysis
     */
    public static ErrorAnalysis fromLogits(INDArray logits, INDArray labels, List<String> classNames) {
        float[] p = softmaxRows(logits);
        int c = (int) logits.size(1);
        return fromArrays(p, c, NdArrays.labels(labels, c), classNames);
    }

    /**
     * Analyses probabilities and labels saved as NumPy {@code .npy} files (for logits, read them with
     * {@link PredictionFiles#readNpy(Path)} and call {@link #fromLogits(INDArray, INDArray, List)}).
     *
     * @param probabilities an {@code .npy} file holding an N×C float or double array of probabilities
     * @param labels an {@code .npy} file holding N integer class indices (or N×C one-hot rows)
     * @param classNames the C class names, or an empty list for "class 0", "class 1", ...
     * @return the analysis
     * @throws IOException if a file cannot be read
     */
    public static ErrorAnalysis fromNpy(Path probabilities, Path labels, List<String> classNames) throws IOException {
        return fromPredictions(PredictionFiles.readNpy(probabilities), PredictionFiles.readNpy(labels), classNames)
                .withProvenance(Provenances.ofFiles(probabilities, labels));
    }

    /**
     * Analyses probabilities and labels saved as CSV files, read with
     * {@link PredictionFiles#readCsv(Path, Path, List)} and its header rule, a first line of exactly the class names
     * included (for logits, read them with it and call {@link #fromLogits(INDArray, INDArray, List)}).
     *
     * @param probabilities a CSV file with one row of C probabilities per example (an optional header)
     * @param labels a CSV file with one integer class index per line (an optional header)
     * @param classNames the C class names, or an empty list for "class 0", "class 1", ...
     * @return the analysis
     * @throws IOException if a file cannot be read
     */
    public static ErrorAnalysis fromCsv(Path probabilities, Path labels, List<String> classNames) throws IOException {
        CsvPredictions csv = PredictionFiles.readCsv(probabilities, labels, classNames);
        return fromPredictions(csv.scores(), csv.labels(), classNames)
                .withProvenance(Provenances.ofFiles(probabilities, labels));
    }

    /**
     * Reads an analysis written by {@link #toJson()} (or an accumulator's {@link ErrorAnalysisAccumulator#toJson()}),
     * of {@code schemaVersion} 2 or 1 (version 1: the examples, no provenance; its metrics are computed again).
     *
     * @param json the JSON text
     * @return the analysis, equal to the one written, with the provenance it was written with
     */
    public static ErrorAnalysis fromJson(String json) {
        return AnalysisJson.readAnalysis(json);
    }

    /** Checks probabilities in double (float64 kept) and narrows them, refusing a narrowing that moves an argmax. */
    private static float[] probabilityRows(INDArray probabilities) {
        double[] d = NdArrays.rowMajorDoubles(probabilities, "probabilities");
        int c = (int) probabilities.size(1);
        Checks.requireProbabilityRows(d, c);
        return NdArrays.narrow(d, c);
    }

    /** Checks logits and takes their softmax in double (float64 kept), then narrows as {@link #probabilityRows}. */
    private static float[] softmaxRows(INDArray logits) {
        double[] d = NdArrays.rowMajorDoubles(logits, "logits");
        int c = (int) logits.size(1);
        Checks.refuseProbabilitiesAsLogits(d, c);
        return NdArrays.narrow(Softmax.inPlace(d, c), c);
    }

    private static ErrorAnalysis fromArrays(float[] p, int c, int[] labels, List<String> classNames) {
        if (c > 0 && (long) labels.length * c != p.length) {
            throw new IllegalArgumentException(Formats.format(
                    "features/labels count mismatch: there are %d rows of predictions but %d labels",
                    p.length / c, labels.length));
        }
        return create(classNames, c, p, labels, null);
    }

    // ---------------------------------------------------------------- the data

    /**
     * Gives the class names, in class-index order.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Gives the number of classes C.
     *
     * @return the number of classes
     */
    public int classCount() {
        return classes;
    }

    /**
     * Finds a class by name.
     *
     * @param className a class name
     * @return its index
     * @throws IllegalArgumentException if no class has that name
     */
    public int classIndex(String className) {
        int c = classNames.indexOf(className);
        if (c < 0) {
            throw new IllegalArgumentException("no class is named '" + className + "'; the classes are " + classNames);
        }
        return c;
    }

    /**
     * Gives the number of examples analysed.
     *
     * @return N
     */
    public int examples() {
        return labels.length;
    }

    /**
     * Gives an example's true class.
     *
     * @param example the example index, from 0
     * @return its true class index
     */
    public int trueClass(int example) {
        return labels[Objects.checkIndex(example, labels.length)];
    }

    /**
     * Gives an example's predicted class: the most probable, the lowest index on ties.
     *
     * @param example the example index, from 0
     * @return its predicted class index
     */
    public int predictedClass(int example) {
        return context.predictedClass(example);
    }

    /**
     * Gives the probability the model gave a class for an example.
     *
     * @param example the example index, from 0
     * @param classIndex the class index, from 0
     * @return the probability
     */
    public double probability(int example, int classIndex) {
        Objects.checkIndex(example, labels.length);
        return probs[example * classes + Objects.checkIndex(classIndex, classes)];
    }

    /**
     * Gives an example's confidence: the probability of its predicted class.
     *
     * @param example the example index, from 0
     * @return the confidence
     */
    public double confidence(int example) {
        return context.confidence(Objects.checkIndex(example, labels.length));
    }

    /**
     * Gives an example's origin, the test set's metadata for it as text.
     *
     * @param example the example index, from 0
     * @return its origin, if the test set provided one
     */
    public Optional<String> origin(int example) {
        Objects.checkIndex(example, labels.length);
        return origins == null ? Optional.empty() : Optional.ofNullable(origins[example]);
    }

    // ---------------------------------------------------------------- extension: metrics of one's own

    /**
     * Computes a metric over this analysis, once: later calls with an equal metric give the same value (also from
     * other threads, which wait for the one computation).
     *
     * @param metric the metric, built in ({@link Metrics}) or one's own
     * @param <R> the type of its value
     * @return its value (null when the metric gives null)
     * @throws IllegalArgumentException naming the metric when its name does not match {@code [a-z][a-zA-Z0-9]*}
     * @throws IllegalStateException naming the metric when its computation throws (the cause kept; not cached)
     */
    public <R> R metric(Metric<R> metric) {
        Objects.requireNonNull(metric, "metric");
        return once(metric, metric.name(), () -> compute(metric, context));
    }

    /**
     * Computes a value once per analysis and key: the first caller computes, a concurrent caller of an equal key
     * waits for that value, and a failure is not kept.
     */
    private <R> R once(Object key, String name, java.util.concurrent.Callable<R> computation) {
        FutureTask<Object> task = metrics.get(key);
        if (task == null) {
            FutureTask<Object> mine = new FutureTask<>(computation::call);
            task = metrics.putIfAbsent(key, mine);
            if (task == null) {
                task = mine;
                mine.run();
            }
        }
        try {
            @SuppressWarnings("unchecked")
            R value = (R) task.get();
            return value;
        } catch (ExecutionException e) {
            metrics.remove(key, task);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("computing " + name + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * Computes a metric over a context, checking its name and naming it when it fails.
     *
     * @param metric the metric
     * @param context the context of an analysis or of a resample
     * @param <R> the type of its value
     * @return its value
     * @throws IllegalArgumentException naming the metric when its name is not {@code [a-z][a-zA-Z0-9]*}
     * @throws IllegalStateException naming the metric when it throws
     */
    static <R> R compute(Metric<R> metric, MetricContext context) {
        String name = metric.name();
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a metric's name must match [a-z][a-zA-Z0-9]*, but "
                    + metric.getClass().getName() + " is named " + (name == null ? "null" : "'" + name + "'"));
        }
        try {
            return metric.compute(context);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the metric '" + name + "' failed: " + e, e);
        }
    }

    /**
     * Puts a percentile bootstrap interval (95 %, seeded) on any number-valued metric, user metrics included;
     * computed once per analysis and metric.
     *
     * @param metric the metric
     * @return its estimate with the interval
     */
    public Interval interval(Metric<? extends Number> metric) {
        return interval(metric, Intervals.DEFAULT_LEVEL);
    }

    /**
     * Puts a percentile bootstrap interval (seeded, {@link Bootstrap#defaults()}) at a level on any number-valued
     * metric, user metrics included, computed once per analysis, metric and level (the same analysis, metric and
     * level always give the same interval).
     *
     * @param metric the metric
     * @param level the confidence level, strictly between 0 and 1
     * @return its estimate with the interval
     * @throws IllegalArgumentException naming the level when it is outside (0, 1)
     */
    public Interval interval(Metric<? extends Number> metric, double level) {
        Objects.requireNonNull(metric, "metric");
        Intervals.checkLevel(level);
        return once(new IntervalKey(metric, level), "the interval of " + metric.name(),
                () -> Bootstrap.defaults().interval(this, metric, level));
    }

    /**
     * Gives where this analysis comes from: model and data fingerprints, library version, date and seed. The
     * factories fill in what they see ({@code of}: the network's parameters and the test set's features and labels;
     * {@code fromNpy}/{@code fromCsv}: the files' bytes; the others: the probabilities and labels, see
     * {@link Fingerprints}); {@link #withProvenance(Provenance)} says the rest.
     *
     * @return the provenance, {@link Provenance#UNKNOWN} in the text fields nothing said
     */
    public Provenance provenance() {
        Provenance p = provenance;
        if (p == null) {
            p = Provenances.ofPredictions(probs, labels, created);
            provenance = p;
        }
        return p;
    }

    /**
     * Gives the same analysis with its provenance set: it shares this one's data and metrics and is equal to it
     * (equality is by data, never by provenance).
     *
     * @param provenance where it comes from
     * @return the analysis with that provenance
     */
    public ErrorAnalysis withProvenance(Provenance provenance) {
        return new ErrorAnalysis(this, provenance);
    }

    // ---------------------------------------------------------------- the course's steps

    /**
     * Gives the overall accuracy: the share of examples whose predicted class is the true class.
     *
     * @return the accuracy
     */
    public double accuracy() {
        return metric(Metrics.accuracy());
    }

    /**
     * Gives the number of examples predicted correctly.
     *
     * @return the number of correct predictions
     */
    public long correct() {
        return context.correct();
    }

    /**
     * Gives the top-k accuracy: the share of examples whose true class is among the k most probable
     * (ties ranked by lowest class index, so top-1 accuracy equals {@link #accuracy()}).
     *
     * @param k how many of the most probable classes count, from 1
     * @return the top-k accuracy
     */
    public double topKAccuracy(int k) {
        return metric(Metrics.topKAccuracy(k));
    }

    /**
     * Finds the wrong predictions, ordered by example index.
     *
     * @return the wrong predictions, a step that also leads on to per-class accuracy
     */
    public WrongPredictions wrong() {
        return new WrongPredictions(this, context.wrong());
    }

    /**
     * Gives the accuracy of each true class, with its support.
     *
     * @return the per-class accuracy, a step that leads on to the hardest class
     */
    public PerClassAccuracy perClassAccuracy() {
        return new PerClassAccuracy(this, metric(Metrics.perClassAccuracy()));
    }

    /**
     * Finds the hardest class: the lowest accuracy among classes with examples, the lowest index on ties.
     *
     * @return the hardest class
     */
    public HardestClass hardest() {
        return perClassAccuracy().hardest();
    }

    /**
     * Gives the confusion matrix: rows are true classes, columns predicted classes.
     *
     * @return the confusion matrix
     */
    public ConfusionMatrix confusion() {
        return new ConfusionMatrix(classNames, context.confusion().clone());
    }

    /**
     * Gives precision, recall and F1 per class, with macro and weighted averages, from the confusion matrix
     * (rows true, columns predicted).
     *
     * @return the scores
     */
    public PrecisionRecallF1 precisionRecallF1() {
        return metric(Metrics.precisionRecallF1());
    }

    /**
     * Gives the calibration: a reliability diagram of 15 equal-width confidence bins, the expected and maximum
     * calibration errors, the Brier score and the log loss.
     *
     * @return the calibration
     */
    public Calibration calibration() {
        return metric(Metrics.calibration());
    }

    /**
     * Counts wrong predictions by confidence band [0, 0.5), [0.5, 0.7), [0.7, 0.9), [0.9, 1]: the course's
     * "which is more dangerous" experiment, confident-wrong against low-confidence-wrong.
     *
     * @return the bands, each with a picked example
     */
    public ConfidenceBands confidenceBands() {
        return confidenceBands(DEFAULT_CONFIDENCE_BANDS.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Puts honest uncertainty on the scores: Wilson intervals (95 %) for accuracy and every class's accuracy,
     * precision and recall, seeded bootstrap intervals for ECE and macro-F1, and the hardest class with its test;
     * computed once per analysis (the CLI's gates, the report and the assertions share them).
     *
     * @return the statistics of this analysis
     */
    public AnalysisStatistics statistics() {
        return statistics(Intervals.DEFAULT_LEVEL);
    }

    /**
     * Puts honest uncertainty on the scores at another confidence level, computed once per analysis and level.
     *
     * @param level the confidence level of every interval, in (0, 1)
     * @return the statistics of this analysis
     * @throws IllegalArgumentException if the level is outside (0, 1)
     */
    public AnalysisStatistics statistics(double level) {
        Intervals.checkLevel(level);
        return once(new StatisticsKey(level), "the statistics", () -> AnalysisStatistics.of(this, level));
    }

    /**
     * Names the hardest class honestly: whether it is significantly harder than the runner-up (Fisher's exact test
     * at the 5 % level) or tied with it within noise.
     *
     * @return the hardest class with its test against the runner-up
     */
    public HonestHardest hardestHonestly() {
        return HonestHardest.of(this);
    }

    /**
     * Compares this analysis, as the baseline, with another model's analysis of the same test set (course Stage 8):
     * accuracies with intervals, the exact McNemar test, the flipped examples and per-class changes.
     *
     * @param candidate the analysis of the other model on the same examples
     * @return the comparison
     * @throws IllegalArgumentException if the analyses are of different test sets (the message says what differs)
     */
    public ModelComparison compareWith(ErrorAnalysis candidate) {
        return ModelComparison.of(this, candidate);
    }

    /**
     * Compares this analysis, as the baseline, with another, drawing the paired bootstrap from {@code seed}.
     *
     * @param candidate the analysis of the other model on the same examples
     * @param seed      the bootstrap seed
     * @return the comparison
     * @throws IllegalArgumentException if the analyses are of different test sets
     */
    public ModelComparison compareWith(ErrorAnalysis candidate, long seed) {
        return ModelComparison.of(this, candidate, seed);
    }

    /**
     * Sorts every wrong prediction into likely label issue, ambiguous picture or confident model error.
     *
     * @return the triage of the mistakes
     */
    public Triage triage() {
        return Triage.of(this);
    }

    /**
     * Lists the suspected label issues, most suspicious first (confident-learning style; see {@link Triage}).
     *
     * @return the wrong predictions whose given label is likely wrong, ranked
     */
    public List<TriagedMistake> labelIssues() {
        return Triage.of(this).labelIssues();
    }

    /**
     * Counts wrong predictions by confidence band, with band edges of one's choosing.
     *
     * @param edges increasing band edges from 0 to 1, for example {@code 0, 0.5, 0.9, 1}
     * @return the bands, each with a picked example
     */
    public ConfidenceBands confidenceBands(double... edges) {
        return ConfidenceBands.of(this, edges);
    }

    // ---------------------------------------------------------------- package-private helpers for the steps

    /** The shared context of this analysis, which every metric reads. */
    AnalysisContext context() {
        return context;
    }

    int[] wrongIndexes() {
        return context.wrong();
    }

    float confidenceFloat(int example) {
        return context.confidence(example);
    }

    /** Builds the record of one example (wrong or not). */
    WrongPrediction describe(int i) {
        int off = i * classes;
        List<ClassProbability> topList = ClassProbability.top(probs, off, classes, 3, classNames);
        int t = labels[i];
        int p = context.predicted()[i];
        double confidence = probs[off + p];
        double margin = confidence - (double) probs[off + topList.get(1).classIndex()];
        return new WrongPrediction(i, origin(i), t, classNames.get(t), p, classNames.get(p), confidence,
                probs[off + t], margin, topList);
    }

    float[] probsArray() {
        return probs;
    }

    int[] labelsArray() {
        return labels;
    }

    String[] originsArray() {
        return origins;
    }

    // ---------------------------------------------------------------- text, JSON, equality

    /**
     * Summarises the analysis for people: examples, accuracy, top-3 accuracy, per-class accuracy (with
     * "no examples" where a class has none), hardest class, macro F1 and calibration.
     *
     * @return a multi-line summary with {@link java.util.Locale#ROOT} numbers
     */
    public String summary() {
        return AnalysisSummary.of(this);
    }

    /**
     * Gives the same summary as {@link #summary()}.
     *
     * @return a multi-line summary
     */
    @Override
    public String toString() {
        return summary();
    }

    /**
     * Writes the analysis as JSON ({@code schemaVersion} {@value io.github.erroranalysis.json.JsonCodec#SCHEMA_VERSION},
     * camelCase keys, schema {@code analysis.schema.json}): the predictions (true classes, probabilities, origins),
     * losslessly, the metrics with their intervals ({@link #statistics()}), as in {@code report.json}, and the
     * provenance, with {@code null} for undefined values.
     *
     * @return the JSON text, readable by {@link #fromJson(String)}
     */
    public String toJson() {
        return AnalysisJson.writeAnalysis(this);
    }

    /**
     * Compares the analysed data: class names, true classes, probabilities and origins.
     *
     * @param o another object
     * @return whether it is an analysis of the same data
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorAnalysis a && classNames.equals(a.classNames) && Arrays.equals(labels, a.labels)
                && Arrays.equals(probs, a.probs) && Arrays.equals(origins, a.origins);
    }

    /**
     * Hashes the analysed data.
     *
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return Objects.hash(classNames, Arrays.hashCode(labels), Arrays.hashCode(probs), Arrays.hashCode(origins));
    }
}
