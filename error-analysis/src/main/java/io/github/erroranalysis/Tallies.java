package io.github.erroranalysis;

import java.util.List;
import java.util.Objects;

/**
 * The counts and sums every built-in metric reads, beside the public {@link MetricContext}: the one pass's result
 * for an analysis ({@link AnalysisContext}), the same tallies recounted for a bootstrap resample
 * ({@link ResampledContext}), or the tallies of any other context ({@link #of}).
 */
abstract class Tallies implements MetricContext {

    /** The per-class scores, made once per context on first use (macro and weighted averages read them). */
    private volatile PrecisionRecallF1 scores;

    /** The number of correctly predicted examples. */
    abstract long correct();

    /**
     * Counts the examples whose true class has a rank among the predicted probabilities.
     *
     * @param rank 0 for the most probable class, the lowest class index first on ties
     * @return how many examples' true class has that rank
     */
    abstract long rankCount(int rank);

    /** The number of examples whose confidence falls in a reliability bin. */
    abstract long binCount(int bin);

    /** The number of correctly predicted examples whose confidence falls in a reliability bin. */
    abstract long binCorrect(int bin);

    /** The sum of the confidences that fall in a reliability bin. */
    abstract double binConfidence(int bin);

    /** The sum over the examples of the multi-class Brier score. */
    abstract double brierSum();

    /** The sum over the examples of the log loss. */
    abstract double logLossSum();

    /**
     * Gives precision, recall and F1 per class with their averages, computed once per context by
     * {@link Metrics#precisionRecallF1()}'s formula.
     *
     * @return the scores
     */
    final PrecisionRecallF1 scores() {
        PrecisionRecallF1 s = scores;
        if (s == null) {
            s = Metrics.Scores.of(this);
            scores = s;
        }
        return s;
    }

    /**
     * Gives the tallies of any context: itself when it has them, or one pass over a copy of what it shows.
     *
     * @param context a context, perhaps a user's own
     * @return its tallies
     */
    static Tallies of(MetricContext context) {
        Objects.requireNonNull(context, "context");
        if (context instanceof Tallies t) {
            return t;
        }
        int n = context.examples();
        int classes = context.classCount();
        float[] probs = new float[Math.multiplyExact(n, classes)];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = context.trueClass(i);
            for (int c = 0; c < classes; c++) {
                probs[i * classes + c] = context.probability(i, c);
            }
        }
        List<String> names = List.copyOf(context.classNames());
        return new AnalysisContext(names, probs, labels);
    }
}
