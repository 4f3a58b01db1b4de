package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An immutable error analysis of a classifier on a labelled test set: what it gets wrong, and why.
 *
 * <p>Made once from a model and a test set ({@code of}), from predictions made elsewhere ({@code fromPredictions},
 * {@code fromLogits}, {@code fromNpy}, {@code fromCsv}), from JSON, or as a snapshot of an
 * {@link ErrorAnalysisAccumulator}. Per example it keeps the true class, the probabilities (as float) and the origin.
 * Making it runs one pass over the examples (confusion matrix, reliability bins, rank counts and sums: the shared
 * context every metric reads); each metric, interval and the statistics are then computed lazily, once, when first
 * asked for, and shared by every caller and thread. The fluent steps read as the course's steps:
 * {@code ErrorAnalysis.of(model, testSet).wrong().perClassAccuracy().hardest()}.
 *
 * <p>Predictions made elsewhere are checked in double (float64 kept) and stored as float, refused when that
 * narrowing would change an example's predicted class (numpy's argmax of the given values); class names may be an
 * empty list, for "class 0", "class 1", ...; labels given as an ND4J array are a vector (or N×1 column) of class
 * indices or N×C one-hot rows. Probabilities given as logits, or logits given as probabilities, are refused with a
 * {@link PredictionKindException}, never renormalised silently.
 *
 * <p>Conventions: the predicted class is the most probable one, the lowest class index on ties; confusion
 * matrices have true classes as rows and predicted classes as columns; an undefined metric (no examples)
 * is NaN, never 0. Every implementation lives elsewhere (the factories, the metrics, the memo, the assemblers);
 * this class only delegates.
 */
public final class ErrorAnalysis {

    /** How far a row of probabilities may sum from 1 (absolute) before it is refused as not probabilities. */
    public static final double PROBABILITY_SUM_TOLERANCE = Checks.SUM_TOLERANCE;

    /** The confidence bands of {@link #confidenceBands()}: [0, 0.5), [0.5, 0.7), [0.7, 0.9), [0.9, 1]. */
    public static final List<Double> DEFAULT_CONFIDENCE_BANDS = List.of(0.0, 0.5, 0.7, 0.9, 1.0);

    /** The shared context every metric reads: the examples and the one pass's result. */
    private final AnalysisContext context;
    /** The metrics, intervals and statistics computed (or being computed) so far, shared with its copies. */
    private final MetricMemo memo;
    /** When this analysis was made, the date of its default provenance. */
    private final Instant created;
    /** Where it comes from; null until asked for the default (the predictions' fingerprint, made lazily). */
    private volatile Provenance provenance;

    /** Makes an analysis over a validated context ({@link AnalysisFactories#create}). */
    ErrorAnalysis(AnalysisContext context) {
        this.context = context;
        this.memo = new MetricMemo();
        this.created = Instant.now();
    }

    /** Shares the data (and every metric computed from it) of {@code data}, with another provenance. */
    private ErrorAnalysis(ErrorAnalysis data, Provenance provenance) {
        this.context = data.context;
        this.memo = data.memo;
        this.created = data.created;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    // ---------------------------------------------------------------- factories

    /**
     * Analyses a network on a test set in memory, in batches of {@link AnalysisOptions#DEFAULT_BATCH_SIZE}.
     * @param model a trained network with a softmax output; it is never changed
     * @param testSet the test set with one-hot labels, and optionally example metadata as origins
     * @return the analysis
     */
    public static ErrorAnalysis of(MultiLayerNetwork model, DataSet testSet) {
        return of(Classifier.of(model), testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses a network on a test-set iterator (class names from the iterator's labels when it has them).
     * @param model a trained network with a softmax output; it is never changed
     * @param testSet the test set with one-hot labels; reset first when it supports reset
     * @return the analysis
     */
    public static ErrorAnalysis of(MultiLayerNetwork model, DataSetIterator testSet) {
        return of(Classifier.of(model), testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses a computation graph with one input and one softmax output on a test set in memory.
     * @param model the trained graph; it is never changed
     * @param testSet the test set with one-hot labels
     * @return the analysis
     */
    public static ErrorAnalysis of(ComputationGraph model, DataSet testSet) {
        return of(Classifier.of(model), testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses a computation graph with one input and one softmax output on a test-set iterator.
     * @param model the trained graph; it is never changed
     * @param testSet the test set with one-hot labels
     * @return the analysis
     */
    public static ErrorAnalysis of(ComputationGraph model, DataSetIterator testSet) {
        return of(Classifier.of(model), testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses any classifier on a test set in memory.
     * @param model the classifier
     * @param testSet the test set with one-hot labels
     * @return the analysis
     */
    public static ErrorAnalysis of(Classifier model, DataSet testSet) {
        return of(model, testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses any classifier on a test-set iterator.
     * @param model the classifier
     * @param testSet the test set with one-hot labels
     * @return the analysis
     */
    public static ErrorAnalysis of(Classifier model, DataSetIterator testSet) {
        return of(model, testSet, AnalysisOptions.defaults());
    }

    /**
     * Analyses any classifier on a test set in memory, with options.
     * @param model the classifier
     * @param testSet the test set with one-hot labels
     * @param options class names, batch size and progress reporting
     * @return the analysis
     */
    public static ErrorAnalysis of(Classifier model, DataSet testSet, AnalysisOptions options) {
        return AnalysisFactories.of(model, testSet, options);
    }

    /**
     * Analyses any classifier on a test-set iterator, with options.
     * @param model the classifier
     * @param testSet the test set with one-hot labels
     * @param options class names and progress reporting (the iterator's batches are used)
     * @return the analysis
     */
    public static ErrorAnalysis of(Classifier model, DataSetIterator testSet, AnalysisOptions options) {
        return AnalysisFactories.of(model, testSet, options);
    }

    /**
     * Analyses probabilities computed elsewhere (PyTorch, Keras, ...); rows must sum to 1 (perhaps logits otherwise).
     * @param probabilities an N×C matrix, finite, in [0, 1], rows summing to 1 ({@link #PROBABILITY_SUM_TOLERANCE})
     * @param labels the N true class indices
     * @param classNames the C class names, or an empty list
     * @return the analysis
     */
    public static ErrorAnalysis fromPredictions(INDArray probabilities, int[] labels, List<String> classNames) {
        return AnalysisFactories.fromPredictions(probabilities, labels, classNames);
    }

    /**
     * Analyses probabilities computed elsewhere, with labels as an ND4J array.
     * @param probabilities an N×C matrix of probabilities
     * @param labels the true classes: class indices or one-hot rows
     * @param classNames the C class names, or an empty list
     * @return the analysis
     */
    public static ErrorAnalysis fromPredictions(INDArray probabilities, INDArray labels, List<String> classNames) {
        return AnalysisFactories.fromPredictions(probabilities, labels, classNames);
    }

    /**
     * Analyses logits computed elsewhere, through softmax in double; refused when every row lies within 1e-6 of
     * [0, 1] and sums to 1 within 1e-2 (those are probabilities, perhaps rounded: use {@code fromPredictions}).
     * @param logits an N×C matrix of finite logits
     * @param labels the N true class indices
     * @param classNames the C class names, or an empty list
     * @return the analysis
     */
    public static ErrorAnalysis fromLogits(INDArray logits, int[] labels, List<String> classNames) {
        return AnalysisFactories.fromLogits(logits, labels, classNames);
    }

    /**
     * Analyses logits computed elsewhere, with labels as an ND4J array (refused as the other {@code fromLogits}).
     * @param logits an N×C matrix of finite logits
     * @param labels the true classes: class indices or one-hot rows
     * @param classNames the C class names, or an empty list
     * @return the analysis
     */
    public static ErrorAnalysis fromLogits(INDArray logits, INDArray labels, List<String> classNames) {
        return AnalysisFactories.fromLogits(logits, labels, classNames);
    }

    /**
     * Analyses probabilities held in plain arrays (such as {@link NpyFile#readNumbers}), checked as an INDArray is.
     * @param probabilities an N×C matrix, finite, in [0, 1], rows summing to 1 ({@link #PROBABILITY_SUM_TOLERANCE})
     * @param labels the true classes: N class indices (a vector or an N×1 column) or N×C one-hot rows
     * @param classNames the C class names, or an empty list
     * @return the analysis
     */
    public static ErrorAnalysis fromPredictions(NumberArray probabilities, NumberArray labels,
            List<String> classNames) {
        return AnalysisFactories.fromPredictions(probabilities, labels, classNames);
    }

    /**
     * Analyses logits held in plain arrays, through softmax in double, refused as the other {@code fromLogits}.
     * @param logits an N×C matrix of finite logits
     * @param labels the true classes: N class indices (a vector or an N×1 column) or N×C one-hot rows
     * @param classNames the C class names, or an empty list
     * @return the analysis
     */
    public static ErrorAnalysis fromLogits(NumberArray logits, NumberArray labels, List<String> classNames) {
        return AnalysisFactories.fromLogits(logits, labels, classNames);
    }

    /**
     * Analyses probabilities and labels saved as NumPy {@code .npy} files (logits: {@link PredictionFiles#readNpy}).
     * @param probabilities an {@code .npy} file holding an N×C float or double array of probabilities
     * @param labels an {@code .npy} file holding N integer class indices (or N×C one-hot rows)
     * @param classNames the C class names, or an empty list
     * @return the analysis
     * @throws IOException if a file cannot be read
     */
    public static ErrorAnalysis fromNpy(Path probabilities, Path labels, List<String> classNames) throws IOException {
        return AnalysisFactories.fromNpy(probabilities, labels, classNames);
    }

    /**
     * Analyses probabilities and labels saved as CSV files, read by {@link PredictionFiles#readCsv} (its header rule).
     * @param probabilities a CSV file with one row of C probabilities per example (an optional header)
     * @param labels a CSV file with one integer class index per line (an optional header)
     * @param classNames the C class names, or an empty list
     * @return the analysis
     * @throws IOException if a file cannot be read
     */
    public static ErrorAnalysis fromCsv(Path probabilities, Path labels, List<String> classNames) throws IOException {
        return AnalysisFactories.fromCsv(probabilities, labels, classNames);
    }

    /**
     * Reads an analysis written by {@link #toJson()} (or an accumulator's), of {@code schemaVersion} 2 or 1.
     * @param json the JSON text
     * @return the analysis, equal to the one written, with the provenance it was written with
     */
    public static ErrorAnalysis fromJson(String json) {
        return AnalysisJson.readAnalysis(json);
    }

    // ---------------------------------------------------------------- the data

    /**
     * Gives the class names, in class-index order.
     * @return the class names
     */
    public List<String> classNames() {
        return context.classNames();
    }

    /**
     * Gives the number of classes C.
     * @return the number of classes
     */
    public int classCount() {
        return context.classCount();
    }

    /**
     * Finds a class by name.
     * @param className a class name
     * @return its index
     * @throws IllegalArgumentException if no class has that name
     */
    public int classIndex(String className) {
        return ClassNames.indexOf(context.classNames(), className);
    }

    /**
     * Gives the number of examples analysed.
     * @return N
     */
    public int examples() {
        return context.examples();
    }

    /**
     * Gives an example's true class.
     * @param example the example index, from 0
     * @return its true class index
     */
    public int trueClass(int example) {
        return context.trueClass(example);
    }

    /**
     * Gives an example's predicted class: the most probable, the lowest index on ties.
     * @param example the example index, from 0
     * @return its predicted class index
     */
    public int predictedClass(int example) {
        return context.predictedClass(example);
    }

    /**
     * Gives the probability the model gave a class for an example.
     * @param example the example index, from 0
     * @param classIndex the class index, from 0
     * @return the probability
     */
    public double probability(int example, int classIndex) {
        return context.probability(example, classIndex);
    }

    /**
     * Gives an example's confidence: the probability of its predicted class.
     * @param example the example index, from 0
     * @return the confidence
     */
    public double confidence(int example) {
        return context.confidence(Objects.checkIndex(example, context.examples()));
    }

    /**
     * Gives an example's origin, the test set's metadata for it as text.
     * @param example the example index, from 0
     * @return its origin, if the test set provided one
     */
    public Optional<String> origin(int example) {
        return context.origin(example);
    }

    // ---------------------------------------------------------------- extension: metrics of one's own

    /**
     * Computes a metric over this analysis, once: equal metrics share the value, other threads wait for it.
     * @param metric the metric, built in ({@link Metrics}) or one's own
     * @param <R> the type of its value
     * @return its value (null when the metric gives null)
     * @throws IllegalArgumentException naming the metric when {@link Metrics#checkName} refuses its name
     * @throws MetricException naming the metric when its computation throws (the cause kept; not cached)
     */
    public <R> R metric(Metric<R> metric) {
        String name = Metrics.checkName(metric);
        return memo.once(metric, "the metric '" + name + "'", () -> MetricMemo.compute(metric, context));
    }

    /**
     * Puts a seeded 95 % percentile bootstrap interval on any number-valued metric, computed once.
     * @param metric the metric
     * @return its estimate with the interval
     */
    public Interval interval(Metric<? extends Number> metric) {
        return interval(metric, Intervals.DEFAULT_LEVEL);
    }

    /**
     * Puts a percentile bootstrap interval ({@link Bootstrap#defaults()}) at a level on a metric, computed once.
     * @param metric the metric
     * @param level the confidence level, strictly between 0 and 1
     * @return its estimate with the interval
     * @throws IllegalArgumentException naming the level when it is outside (0, 1), or the refused name
     * @throws MetricException naming the metric when it throws
     */
    public Interval interval(Metric<? extends Number> metric, double level) {
        Intervals.checkLevel(level);
        String name = Metrics.checkName(metric);
        return memo.once(new MetricMemo.IntervalKey(metric, level), "the interval of '" + name + "'",
                () -> Bootstrap.defaults().interval(this, metric, level));
    }

    /**
     * Gives where this analysis comes from: model and data fingerprints ({@link Fingerprints}), version, date, seed.
     * @return the provenance, {@link Provenance#UNKNOWN} in the text fields nothing said
     */
    public Provenance provenance() {
        if (provenance == null) {
            provenance = Provenances.ofPredictions(context.probs(), context.labels(), created);
        }
        return provenance;
    }

    /**
     * Gives the same analysis with its provenance's data said: its default provenance (or the one set) with this
     * source and fingerprint, without fingerprinting the predictions when no provenance was set.
     * @param source where the data come from, such as the files read
     * @param fingerprint the data's fingerprint, such as {@link Fingerprints#ofFiles}
     * @return the analysis with that provenance
     */
    public ErrorAnalysis withData(String source, String fingerprint) {
        Provenance given = provenance;
        Provenance base = given != null ? given : Provenances.unnamed(created);
        return withProvenance(base.withData(source, fingerprint));
    }

    /**
     * Gives the same analysis with an origin for each example (such as the origins file written beside saved
     * predictions), keeping its provenance.
     * @param origins one per example, in example order; a null or empty entry is an unknown origin
     * @return the analysis with those origins
     * @throws IllegalArgumentException if there are not as many origins as examples
     */
    public ErrorAnalysis withOrigins(List<String> origins) {
        Objects.requireNonNull(origins, "origins");
        if (origins.size() != context.examples()) {
            throw new IllegalArgumentException(Formats.format("%d origins for %d examples; give one per example",
                    origins.size(), context.examples()));
        }
        String[] given = new String[origins.size()];
        for (int i = 0; i < given.length; i++) {
            String o = origins.get(i);
            given[i] = o == null || o.isEmpty() ? null : o;
        }
        ErrorAnalysis out = AnalysisFactories.create(context.classNames(), context.classCount(),
                context.probs().clone(), context.labels().clone(), given);
        return provenance == null ? out : out.withProvenance(provenance);
    }

    /**
     * Gives the same analysis (data, metrics, equality) with its provenance set.
     * @param provenance where it comes from
     * @return the analysis with that provenance
     */
    public ErrorAnalysis withProvenance(Provenance provenance) {
        return new ErrorAnalysis(this, provenance);
    }

    // ---------------------------------------------------------------- the course's steps

    /**
     * Gives the overall accuracy: the share of examples whose predicted class is the true class.
     * @return the accuracy
     */
    public double accuracy() {
        return metric(Metrics.accuracy());
    }

    /**
     * Gives the number of examples predicted correctly.
     * @return the number of correct predictions
     */
    public long correct() {
        return context.correct();
    }

    /**
     * Gives the top-k accuracy, the share of examples whose true class is among the k most probable (lowest first).
     * @param k how many of the most probable classes count, from 1
     * @return the top-k accuracy
     */
    public double topKAccuracy(int k) {
        return metric(Metrics.topKAccuracy(k));
    }

    /**
     * Finds the wrong predictions, ordered by example index.
     * @return the wrong predictions, a step that also leads on to per-class accuracy
     */
    public WrongPredictions wrong() {
        return new WrongPredictions(this, context.wrong());
    }

    /**
     * Gives the accuracy of each true class, with its support.
     * @return the per-class accuracy, a step that leads on to the hardest class
     */
    public PerClassAccuracy perClassAccuracy() {
        return new PerClassAccuracy(this, metric(Metrics.perClassAccuracy()));
    }

    /**
     * Finds the hardest class: the lowest accuracy among classes with examples, the lowest index on ties.
     * @return the hardest class
     */
    public HardestClass hardest() {
        return perClassAccuracy().hardest();
    }

    /**
     * Gives the confusion matrix: rows are true classes, columns predicted classes.
     * @return the confusion matrix
     */
    public ConfusionMatrix confusion() {
        return new ConfusionMatrix(context.classNames(), context.confusion());
    }

    /**
     * Gives precision, recall and F1 per class, with macro and weighted averages, from the confusion matrix.
     * @return the scores
     */
    public PrecisionRecallF1 precisionRecallF1() {
        return metric(Metrics.precisionRecallF1());
    }

    /**
     * Gives the calibration: 15 equal-width reliability bins, ECE, MCE, the Brier score and the log loss.
     * @return the calibration
     */
    public Calibration calibration() {
        return metric(Metrics.calibration());
    }

    /**
     * Counts wrong predictions by confidence band, {@link #DEFAULT_CONFIDENCE_BANDS}: confident-wrong against unsure.
     * @return the bands, each with a picked example
     */
    public ConfidenceBands confidenceBands() {
        return confidenceBands(DEFAULT_CONFIDENCE_BANDS.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Puts 95 % intervals on the scores ({@link AnalysisStatistics}), computed once and shared by gates and reports.
     * @return the statistics of this analysis
     */
    public AnalysisStatistics statistics() {
        return statistics(Intervals.DEFAULT_LEVEL);
    }

    /**
     * Puts intervals on the scores at another confidence level, computed once per level.
     * @param level the confidence level of every interval, in (0, 1)
     * @return the statistics of this analysis
     * @throws IllegalArgumentException if the level is outside (0, 1)
     */
    public AnalysisStatistics statistics(double level) {
        Intervals.checkLevel(level);
        return memo.once(new MetricMemo.StatisticsKey(level), "the statistics",
                () -> AnalysisStatistics.of(this, level));
    }

    /**
     * Sorts the examples by confidence into the risk–coverage curve, once per analysis.
     * @return the curve
     */
    public RiskCoverageCurve riskCoverage() {
        return memo.once(MetricMemo.RISK_COVERAGE, "the risk-coverage curve", () -> RiskCoverageCurve.of(this));
    }

    /**
     * Says what answering only the most confident examples buys ({@link SelectivePrediction}: AURC, risk at coverages
     * 50/80/90/95/100 %, coverage at risks 1/2/5 %), with 95 % bootstrap intervals, computed once.
     * @return the selective prediction of this analysis
     */
    public SelectivePrediction selectivePrediction() {
        return selectivePrediction(Intervals.DEFAULT_LEVEL);
    }

    /**
     * Gives selective prediction with intervals at another level, computed once per level.
     * @param level the confidence level, in (0, 1)
     * @return the selective prediction of this analysis
     * @throws IllegalArgumentException if the level is outside (0, 1)
     */
    public SelectivePrediction selectivePrediction(double level) {
        Intervals.checkLevel(level);
        return memo.once(new MetricMemo.SelectiveKey(level), "the selective prediction",
                () -> SelectivePrediction.of(this, level, Bootstrap.defaults(), SelectivePrediction.DEFAULT_COVERAGES,
                        SelectivePrediction.DEFAULT_RISKS));
    }

    /**
     * Gives the largest share of the most confident examples answered with an error rate of at most {@code risk},
     * with its 95 % bootstrap interval; one of the default risks is taken from {@link #selectivePrediction()}.
     * @param risk the target risk, in [0, 1]
     * @param level the confidence level, in (0, 1)
     * @return the coverage at that risk
     * @throws IllegalArgumentException naming the risk or level when out of range
     */
    public CoverageAtRisk coverageAtRisk(double risk, double level) {
        SelectivePrediction.checkRisk(risk);
        Intervals.checkLevel(level);
        if (SelectivePrediction.DEFAULT_RISKS.contains(risk)) {
            return selectivePrediction(level).coverageAt(risk);
        }
        return memo.once(new MetricMemo.CoverageAtRiskKey(risk, level), "the coverage at a risk",
                () -> SelectivePrediction.of(this, level, Bootstrap.defaults(), List.of(), List.of(risk))
                        .coverageAt(risk));
    }

    /**
     * Names the hardest class honestly: significantly harder than the runner-up (Fisher's exact test), or tied.
     * @return the hardest class with its test against the runner-up
     */
    public HonestHardest hardestHonestly() {
        return HonestHardest.of(this);
    }

    /**
     * Compares this analysis, the baseline, with another model's on the same test set ({@link ModelComparison}).
     * @param candidate the analysis of the other model on the same examples
     * @return the comparison
     * @throws IllegalArgumentException saying what differs when the test sets differ
     */
    public ModelComparison compareWith(ErrorAnalysis candidate) {
        return ModelComparison.of(this, candidate);
    }

    /**
     * Compares this analysis, as the baseline, with another, drawing the paired bootstrap from {@code seed}.
     * @param candidate the analysis of the other model on the same examples
     * @param seed      the bootstrap seed
     * @return the comparison
     * @throws IllegalArgumentException if the analyses are of different test sets
     */
    public ModelComparison compareWith(ErrorAnalysis candidate, long seed) {
        return ModelComparison.of(this, candidate, seed);
    }

    /**
     * Sorts every wrong prediction into likely label issue, ambiguous picture or confident model error, once per
     * analysis (default thresholds; {@link Triage#of(ErrorAnalysis, double, double)} chooses others).
     * @return the triage of the mistakes
     */
    public Triage triage() {
        return memo.once(MetricMemo.TRIAGE, "the triage", () -> Triage.of(this));
    }

    /**
     * Lists the suspected label issues, most suspicious first (confident-learning style; see {@link Triage}).
     * @return the wrong predictions whose given label is likely wrong, ranked
     */
    public List<TriagedMistake> labelIssues() {
        return triage().labelIssues();
    }

    /**
     * Counts wrong predictions by confidence band, with band edges of one's choosing.
     * @param edges increasing band edges from 0 to 1, for example {@code 0, 0.5, 0.9, 1}
     * @return the bands, each with a picked example
     */
    public ConfidenceBands confidenceBands(double... edges) {
        return ConfidenceBands.of(this, edges);
    }

    /** The shared context of this analysis, which every metric reads. */
    AnalysisContext context() {
        return context;
    }

    /** The default-bootstrap intervals of metrics at a level, drawn together, each kept as by {@code interval}. */
    List<Interval> intervals(List<? extends Metric<? extends Number>> metrics, double level) {
        return memo.intervals(this, metrics, level);
    }

    // ---------------------------------------------------------------- text, JSON, equality

    /**
     * Summarises the analysis for people: accuracies, per-class accuracy, hardest class, macro F1 and calibration.
     * @return a multi-line summary with {@link java.util.Locale#ROOT} numbers
     */
    public String summary() {
        return AnalysisSummary.of(this);
    }

    /**
     * Gives the same summary as {@link #summary()}.
     * @return a multi-line summary
     */
    @Override
    public String toString() {
        return summary();
    }

    /**
     * Writes the analysis as JSON ({@code analysis.schema.json}): predictions, metrics with intervals, provenance.
     * @return the JSON text, readable by {@link #fromJson(String)}
     */
    public String toJson() {
        return AnalysisJson.writeAnalysis(this);
    }

    /**
     * Compares the analysed data: class names, true classes, probabilities and origins.
     * @param o another object
     * @return whether it is an analysis of the same data
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorAnalysis a && context.sameData(a.context);
    }

    /**
     * Hashes the analysed data.
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return context.dataHash();
    }
}
