package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.IMetric;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collects predictions batch by batch as an ND4J {@link IEvaluation}, so it plugs into
 * {@code net.doEvaluation(iterator, accumulator)}, parallel inference and Spark evaluation; {@link #snapshot()}
 * gives the immutable {@link ErrorAnalysis}.
 *
 * <p>Per example it keeps only the true class, the probabilities (as float) and the origin (the example
 * metadata as text). Examples are kept in segments: the ones this accumulator evaluated, in the order seen,
 * and copies of merged accumulators' segments. The analysis concatenates the segments in a canonical order,
 * by shard number and then by content, so {@link #merge} is exact and order-independent: give each shard of a
 * test set its position as shard number ({@link #ErrorAnalysisAccumulator(List, long)}) and merging the
 * shards in any order gives the same analysis, with the same example indexes, as one pass over the whole set.
 *
 * <p>Not thread-safe: use one accumulator per thread and merge them.
 */
public final class ErrorAnalysisAccumulator implements IEvaluation<ErrorAnalysisAccumulator> {

    private static final long serialVersionUID = 1L;

    private List<String> classNames;
    private int classes;
    private final long shard;
    private Segment own;
    private final List<Segment> merged = new ArrayList<>();

    /**
     * Creates an empty accumulator, shard 0, whose class names will be "class 0", "class 1", ...
     */
    public ErrorAnalysisAccumulator() {
        this(List.of(), 0);
    }

    /**
     * Creates an empty accumulator, shard 0.
     *
     * @param classNames the class names, or an empty list for "class 0", "class 1", ...
     * @throws IllegalArgumentException if a name is null or blank, or two names are equal
     */
    public ErrorAnalysisAccumulator(List<String> classNames) {
        this(classNames, 0);
    }

    /**
     * Creates an empty accumulator for one shard of a test set.
     *
     * @param classNames the class names, or an empty list for "class 0", "class 1", ...
     * @param shard the shard's position in the test set; merged shards are ordered by it
     * @throws IllegalArgumentException if a name is null or blank, or two names are equal (naming both indexes)
     */
    public ErrorAnalysisAccumulator(List<String> classNames, long shard) {
        this.classNames = ClassNames.check(classNames);
        this.classes = this.classNames.isEmpty() ? -1 : this.classNames.size();
        this.shard = shard;
    }

    /**
     * Gives the shard number.
     *
     * @return the shard's position in the test set
     */
    public long shard() {
        return shard;
    }

    /**
     * Gives the class names given at creation (or adopted in a merge), possibly empty.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Counts the examples collected, merged ones included.
     *
     * @return the number of examples
     */
    public long examples() {
        long n = own == null ? 0 : own.size;
        for (Segment s : merged) {
            n += s.size;
        }
        return n;
    }

    // ---------------------------------------------------------------- IEvaluation: eval

    /**
     * Adds a batch.
     *
     * @param labels one-hot N×C labels (or an N×1 column of class indices)
     * @param networkPredictions N×C probabilities
     */
    @Override
    public void eval(INDArray labels, INDArray networkPredictions) {
        eval(labels, networkPredictions, null, null);
    }

    /**
     * Adds a batch with each example's metadata, kept as its origin.
     *
     * @param labels one-hot N×C labels (or an N×1 column of class indices)
     * @param networkPredictions N×C probabilities
     * @param recordMetaData N metadata objects (their {@code toString()} is kept), or null
     */
    @Override
    public void eval(INDArray labels, INDArray networkPredictions, List<? extends Serializable> recordMetaData) {
        eval(labels, networkPredictions, null, recordMetaData);
    }

    /**
     * Adds a batch, leaving out the examples whose mask is 0.
     *
     * @param labels one-hot N×C labels (or an N×1 column of class indices)
     * @param networkPredictions N×C probabilities
     * @param maskArray a per-example mask with N values (0 leaves the example out), or null
     */
    @Override
    public void eval(INDArray labels, INDArray networkPredictions, INDArray maskArray) {
        eval(labels, networkPredictions, maskArray, null);
    }

    /**
     * Adds a batch with a per-example mask and metadata; this is what {@code doEvaluation} calls.
     *
     * @param labels one-hot N×C labels (or an N×1 column of class indices)
     * @param networkPredictions N×C probabilities
     * @param maskArray a per-example mask with N values (0 leaves the example out), or null
     * @param recordMetaData N metadata objects (their {@code toString()} is kept as origin), or null
     */
    @Override
    public void eval(INDArray labels, INDArray networkPredictions, INDArray maskArray,
            List<? extends Serializable> recordMetaData) {
        NdArrays.requireMatrix(networkPredictions, "predictions");
        Objects.requireNonNull(labels, "labels");
        int rows = Math.toIntExact(networkPredictions.size(0));
        int c = Math.toIntExact(networkPredictions.size(1));
        if (classes < 0) {
            classes = c;
        } else if (c != classes) {
            throw new IllegalArgumentException(Formats.format("the predictions have %d classes but this accumulator has %d%s",
                    c, classes, classNames.isEmpty() ? "" : " " + classNames));
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, but the predictions have " + c);
        }
        if (labels.size(0) != rows) {
            throw new IllegalArgumentException(Formats.format("the labels have %d examples but the predictions have %d rows",
                    labels.size(0), rows));
        }
        if (recordMetaData != null && recordMetaData.size() != rows) {
            throw new IllegalArgumentException(Formats.format("there are %d metadata entries for %d examples",
                    recordMetaData.size(), rows));
        }
        long first = own == null ? 0 : own.size;
        int[] l = NdArrays.labels(labels, classes);
        float[] p = NdArrays.rowMajorFloats(networkPredictions, "predictions");
        for (int r = 0; r < rows; r++) {
            String problem = Checks.labelProblem(l[r], classes, first + r);
            if (problem == null) {
                problem = Checks.rowProblem(p, r * classes, classes, first + r);
            }
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        boolean[] keep = mask(maskArray, rows);
        String[] origins = null;
        if (recordMetaData != null) {
            origins = new String[rows];
            for (int r = 0; r < rows; r++) {
                Object m = recordMetaData.get(r);
                origins[r] = m == null ? null : m.toString();
            }
        }
        if (own == null) {
            own = new Segment(shard, classes);
        }
        own.append(l, p, origins, keep, rows);
    }

    private static boolean[] mask(INDArray maskArray, int rows) {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.length() != rows) {
            throw new IllegalArgumentException(Formats.format("the mask has shape %s, but a per-example mask of %d values is "
                    + "needed", Arrays.toString(maskArray.shape()), rows));
        }
        double[] m = maskArray.reshape(rows).toDoubleVector();
        boolean[] keep = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            keep[r] = m[r] != 0;
        }
        return keep;
    }

    /**
     * Adds a batch of 2D predictions; time series (rank 3) are not supported, because the analysis is per example.
     *
     * @param labels N×C labels
     * @param predicted N×C probabilities
     */
    @Override
    public void evalTimeSeries(INDArray labels, INDArray predicted) {
        evalTimeSeries(labels, predicted, null);
    }

    /**
     * Adds a batch of 2D predictions with a mask; time series (rank 3) are not supported.
     *
     * @param labels N×C labels
     * @param predicted N×C probabilities
     * @param labelsMaskArray a per-example mask, or null
     */
    @Override
    public void evalTimeSeries(INDArray labels, INDArray predicted, INDArray labelsMaskArray) {
        if (predicted.rank() != 2) {
            throw new UnsupportedOperationException("time series predictions of shape " + Arrays.toString(predicted.shape())
                    + " are not supported: error analysis is per example; reshape to N×C (one row per example) first");
        }
        eval(labels, predicted, labelsMaskArray, null);
    }

    // ---------------------------------------------------------------- IEvaluation: merge, reset, instance

    /**
     * Adds copies of another accumulator's examples (never its arrays); exact and order-independent.
     *
     * @param other another accumulator with the same classes; may be empty, but not null and not this one
     * @throws NullPointerException if {@code other} is null (a missing shard is a bug, not an empty shard)
     * @throws IllegalArgumentException if {@code other} is this accumulator (its examples would count twice) or
     *         has other classes
     */
    @Override
    public void merge(ErrorAnalysisAccumulator other) {
        if (other == null) {
            throw new NullPointerException("cannot merge a null accumulator into " + this
                    + "; merge an empty one (newInstance()) for a shard without examples");
        }
        if (other == this) {
            throw new IllegalArgumentException("cannot merge an accumulator into itself: " + this
                    + " would count each of its examples twice; merge a copy (fromJson(toJson())) if that is meant");
        }
        if (!other.classNames.isEmpty()) {
            if (!classNames.isEmpty() && !classNames.equals(other.classNames)) {
                throw new IllegalArgumentException("cannot merge accumulators with different class names: "
                        + classNames + " and " + other.classNames);
            }
            if (classes >= 0 && classes != other.classNames.size()) {
                throw new IllegalArgumentException(Formats.format("cannot merge accumulators with %d and %d classes",
                        classes, other.classNames.size()));
            }
            classNames = other.classNames;
        }
        if (other.classes >= 0 && classes >= 0 && other.classes != classes) {
            throw new IllegalArgumentException(Formats.format("cannot merge accumulators with %d and %d classes",
                    classes, other.classes));
        }
        List<Segment> copies = new ArrayList<>();
        for (Segment s : other.segments()) {
            copies.add(s.copy());
        }
        if (classes < 0) {
            classes = other.classes;
        }
        merged.addAll(copies);
    }

    /**
     * Forgets all examples, own and merged; class names and shard stay.
     */
    @Override
    public void reset() {
        own = null;
        merged.clear();
        if (classNames.isEmpty()) {
            classes = -1;
        }
    }

    /**
     * Creates an empty accumulator with the same class names and shard.
     *
     * @return a new, empty accumulator
     */
    @Override
    public ErrorAnalysisAccumulator newInstance() {
        return new ErrorAnalysisAccumulator(classNames, shard);
    }

    /** The non-empty segments, own first. */
    List<Segment> segments() {
        List<Segment> all = new ArrayList<>();
        if (own != null && own.size > 0) {
            all.add(own);
        }
        for (Segment s : merged) {
            if (s.size > 0) {
                all.add(s);
            }
        }
        return all;
    }

    Segment ownSegment() {
        return own;
    }

    List<Segment> mergedSegments() {
        return merged;
    }

    int classCount() {
        return classes;
    }

    void restore(int classCount, Segment ownSegment, List<Segment> mergedSegments) {
        this.classes = classCount;
        this.own = ownSegment;
        this.merged.addAll(mergedSegments);
    }

    // ---------------------------------------------------------------- results

    /**
     * Takes the immutable analysis of everything collected so far; the accumulator stays usable.
     *
     * @return the analysis, examples in canonical order (by shard, then content; in order seen within a shard)
     * @throws IllegalArgumentException if no examples were collected
     */
    public ErrorAnalysis snapshot() {
        List<Segment> all = segments();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the test set is empty: no examples were evaluated");
        }
        all.sort(Segment.CANONICAL);
        int n = 0;
        boolean anyOrigin = false;
        for (Segment s : all) {
            n = Math.addExact(n, s.size);
            anyOrigin |= s.origins != null;
        }
        if ((long) n * classes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(Formats.format("too many examples for one analysis: %d examples × %d classes",
                    n, classes));
        }
        int[] labels = new int[n];
        float[] probs = new float[n * classes];
        String[] origins = anyOrigin ? new String[n] : null;
        int at = 0;
        for (Segment s : all) {
            System.arraycopy(s.labels, 0, labels, at, s.size);
            System.arraycopy(s.probs, 0, probs, at * classes, s.size * classes);
            if (s.origins != null) {
                System.arraycopy(s.origins, 0, origins, at, s.size);
            }
            at += s.size;
        }
        return AnalysisFactories.create(classNames, classes, probs, labels, origins);
    }

    /**
     * Summarises the analysis of what was collected, or says there are no examples.
     *
     * @return a multi-line summary for people
     */
    @Override
    public String stats() {
        return examples() == 0 ? "Error analysis: " + Formats.NO_EXAMPLES + "\n" : snapshot().summary();
    }

    /**
     * Gives a metric of the analysis: an {@link AnalysisMetric}, or ND4J's {@code Evaluation.Metric} ACCURACY,
     * PRECISION, RECALL or F1 (macro averages over classes where defined).
     *
     * @param metric the metric
     * @return its value, NaN if undefined
     */
    @Override
    public double getValue(IMetric metric) {
        if (metric instanceof AnalysisMetric m) {
            return m.of(snapshot());
        }
        if (metric instanceof Evaluation.Metric m) {
            ErrorAnalysis a = snapshot();
            switch (m) {
                case ACCURACY:
                    return a.accuracy();
                case PRECISION:
                    return a.precisionRecallF1().macro().precision();
                case RECALL:
                    return a.precisionRecallF1().macro().recall();
                case F1:
                    return a.precisionRecallF1().macro().f1();
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("metric " + metric + " is not supported; use an AnalysisMetric, or "
                + "Evaluation.Metric ACCURACY, PRECISION, RECALL or F1");
    }

    /**
     * Writes everything collected as JSON ({@code schemaVersion} {@value io.github.erroranalysis.json.JsonCodec#SCHEMA_VERSION}, camelCase keys),
     * losslessly; version 1 files are read too.
     *
     * @return the JSON text, readable by {@link #fromJson(String)}
     */
    @Override
    public String toJson() {
        return AnalysisJson.writeAccumulator(this);
    }

    /**
     * Writes everything collected as YAML: the JSON of {@link #toJson()}, which is valid YAML 1.2 (so no YAML
     * library is needed).
     *
     * @return the YAML text
     */
    @Override
    public String toYaml() {
        return toJson();
    }

    /**
     * Reads an accumulator written by {@link #toJson()}; an analysis's JSON ({@link ErrorAnalysis#toJson()}) is
     * read as an accumulator holding its examples.
     *
     * @param json the JSON text
     * @return an accumulator equal to the one written
     */
    public static ErrorAnalysisAccumulator fromJson(String json) {
        return AnalysisJson.readAccumulator(json);
    }

    /**
     * Compares shard, class names and all collected examples, segment by segment.
     *
     * @param o another object
     * @return whether it holds the same examples in the same structure
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ErrorAnalysisAccumulator a) || a.shard != shard || a.classes != classes
                || !a.classNames.equals(classNames)) {
            return false;
        }
        List<Segment> x = segments();
        List<Segment> y = a.segments();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (Segment.CANONICAL.compare(x.get(i), y.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hashes shard, class names and the number of examples.
     *
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return Objects.hash(shard, classNames, examples());
    }

    /**
     * Describes the accumulator briefly.
     *
     * @return the shard, class count and example count
     */
    @Override
    public String toString() {
        return Formats.format("ErrorAnalysisAccumulator(shard %d, %d classes, %d examples)", shard, classes, examples());
    }
}
