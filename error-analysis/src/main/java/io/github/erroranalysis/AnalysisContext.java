package io.github.erroranalysis;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared, read-only context of one analysis: its examples and the result of the one pass ({@link Engine}) that
 * every metric reads. The per-example arrays a bootstrap resample recounts are made on first use.
 */
final class AnalysisContext extends Tallies {

    private final List<String> classNames;
    private final int classes;
    private final float[] probs;
    private final int[] labels;
    private final String[] origins;
    private final Engine.Result result;
    /** The confusion matrix's row sums (supports) and column sums (predicted counts), counted once. */
    private final long[] rows;
    private final long[] columns;
    private volatile Resampling resampling;
    private volatile Terms terms;
    /** The groupings of the grouped bootstrap, by the families they answer (empty: too many classes to group). */
    private final ConcurrentHashMap<Set<Grouping.Family>, Optional<Grouping>> groupings = new ConcurrentHashMap<>();

    /** What a resample recounts for the confusion matrix and the reliability bins, per example. */
    record Resampling(int[] cell, int[] binCode, float[] confidence) {
    }

    /** What a resample sums for the ranks, Brier score and log loss, per example. */
    record Terms(int[] rank, double[] brier, double[] logLoss) {
    }

    /**
     * Runs the one pass over the examples (validating them), without origins.
     *
     * @param classNames the C class names
     * @param probs row-major N×C probabilities, owned from now on
     * @param labels the N true classes, owned from now on
     */
    AnalysisContext(List<String> classNames, float[] probs, int[] labels) {
        this(classNames, probs, labels, null);
    }

    /**
     * Runs the one pass over the examples (validating them).
     *
     * @param classNames the C class names
     * @param probs row-major N×C probabilities, owned from now on
     * @param labels the N true classes, owned from now on
     * @param origins the N origins (null entries allowed), owned from now on, or null when there are none
     */
    AnalysisContext(List<String> classNames, float[] probs, int[] labels, String[] origins) {
        this.classNames = classNames;
        this.classes = classNames.size();
        this.probs = probs;
        this.labels = labels;
        this.origins = origins;
        this.result = Engine.run(probs, labels, classes);
        this.rows = new long[classes];
        this.columns = new long[classes];
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                long n = result.confusion[t * classes + p];
                rows[t] += n;
                columns[p] += n;
            }
        }
    }

    @Override
    public int examples() {
        return labels.length;
    }

    @Override
    public int classCount() {
        return classes;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int trueClass(int example) {
        return labels[Objects.checkIndex(example, labels.length)];
    }

    @Override
    public int predictedClass(int example) {
        return result.predicted[Objects.checkIndex(example, labels.length)];
    }

    @Override
    public float probability(int example, int classIndex) {
        Objects.checkIndex(example, labels.length);
        return probs[example * classes + Objects.checkIndex(classIndex, classes)];
    }

    @Override
    public long count(int trueClass, int predictedClass) {
        Objects.checkIndex(trueClass, classes);
        return result.confusion[trueClass * classes + Objects.checkIndex(predictedClass, classes)];
    }

    @Override
    public long support(int trueClass) {
        return rows[Objects.checkIndex(trueClass, classes)];
    }

    @Override
    public long predictedCount(int predictedClass) {
        return columns[Objects.checkIndex(predictedClass, classes)];
    }

    @Override
    long correct() {
        return result.correct;
    }

    @Override
    long rankCount(int rank) {
        return result.rankCounts[rank];
    }

    @Override
    long binCount(int bin) {
        return result.binCount[bin];
    }

    @Override
    long binCorrect(int bin) {
        return result.binCorrect[bin];
    }

    @Override
    double binConfidence(int bin) {
        return result.binConfidence[bin];
    }

    @Override
    double brierSum() {
        return result.brierSum;
    }

    @Override
    double logLossSum() {
        return result.logLossSum;
    }

    /** The row-major N×C probabilities (not a copy: read only). */
    float[] probs() {
        return probs;
    }

    /** The N true classes (not a copy: read only). */
    int[] labels() {
        return labels;
    }

    /** The N origins (null entries allowed), or null when there are none (not a copy: read only). */
    String[] origins() {
        return origins;
    }

    /** Whether another context holds the same data: class names, true classes, probabilities and origins. */
    boolean sameData(AnalysisContext o) {
        return this == o || classNames.equals(o.classNames) && Arrays.equals(labels, o.labels)
                && Arrays.equals(probs, o.probs) && Arrays.equals(origins, o.origins);
    }

    /** A hash of the data, consistent with {@link #sameData}. */
    int dataHash() {
        return Objects.hash(classNames, Arrays.hashCode(labels), Arrays.hashCode(probs), Arrays.hashCode(origins));
    }

    /** An example's origin, when the test set gave one. */
    Optional<String> origin(int example) {
        Objects.checkIndex(example, labels.length);
        return origins == null ? Optional.empty() : Optional.ofNullable(origins[example]);
    }

    /** The N predicted classes (not a copy: read only). */
    int[] predicted() {
        return result.predicted;
    }

    /** The wrong examples' indexes, increasing (not a copy: read only). */
    int[] wrong() {
        return result.wrong;
    }

    /** The row-major C×C confusion counts, rows true classes (not a copy: read only). */
    long[] confusion() {
        return result.confusion;
    }

    /** An example's confidence, the probability of its predicted class, as stored. */
    float confidence(int example) {
        return probs[example * classes + result.predicted[example]];
    }

    /** Each example's confusion cell, bin-and-correctness code {@code 2·bin + correct} and confidence. */
    Resampling resampling() {
        Resampling r = resampling;
        if (r == null) {
            int n = labels.length;
            int[] cell = new int[n];
            int[] binCode = new int[n];
            float[] confidence = new float[n];
            for (int i = 0; i < n; i++) {
                int t = labels[i];
                int p = result.predicted[i];
                float c = confidence(i);
                cell[i] = t * classes + p;
                binCode[i] = 2 * Engine.bin(c) + (t == p ? 1 : 0);
                confidence[i] = c;
            }
            r = new Resampling(cell, binCode, confidence);
            resampling = r;
        }
        return r;
    }

    /** Each example's rank of its true class, Brier score and log loss. */
    Terms terms() {
        Terms t = terms;
        if (t == null) {
            int n = labels.length;
            t = new Terms(new int[n], new double[n], new double[n]);
            Engine.exampleTerms(probs, labels, classes, t.rank(), t.brier(), t.logLoss());
            terms = t;
        }
        return t;
    }

    /**
     * Gives the examples grouped by what some families of tallies read, made once per set of families.
     *
     * @param families the families
     * @return the grouping, or null when the classes are too many to group
     */
    Grouping grouping(Set<Grouping.Family> families) {
        return groupings.computeIfAbsent(Grouping.normalize(families), f -> Optional.ofNullable(Grouping.of(this, f)))
                .orElse(null);
    }
}
