package io.github.erroranalysis;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The one shared pass over the examples (Tribuo style): every metric of an analysis reads its result.
 *
 * <p>The examples are cut into chunks of a fixed size, processed in parallel and combined in chunk order,
 * so results are the same on any number of threads.
 */
final class Engine {

    /** Number of equal-width bins of the reliability diagram. */
    static final int CALIBRATION_BINS = 15;
    /** scikit-learn's log-loss clipping for float64 input: {@code np.finfo(np.float64).eps}. */
    static final double LOG_LOSS_EPS = Math.ulp(1.0);
    private static final int CHUNK = 1 << 16;

    private Engine() {
    }

    /** What the pass computes. */
    static final class Result {
        final int[] predicted;
        final long[] confusion;
        final long[] rankCounts;
        final long[] binCount = new long[CALIBRATION_BINS];
        final long[] binCorrect = new long[CALIBRATION_BINS];
        final double[] binConfidence = new double[CALIBRATION_BINS];
        final int[] wrong;
        final long correct;
        final double logLossSum;
        final double brierSum;

        private Result(int[] predicted, long[] confusion, long[] rankCounts, int[] wrong, long correct,
                double logLossSum, double brierSum) {
            this.predicted = predicted;
            this.confusion = confusion;
            this.rankCounts = rankCounts;
            this.wrong = wrong;
            this.correct = correct;
            this.logLossSum = logLossSum;
            this.brierSum = brierSum;
        }
    }

    /** Partial sums of one chunk. */
    private static final class Partial {
        final long[] rankCounts;
        final long[] binCount = new long[CALIBRATION_BINS];
        final long[] binCorrect = new long[CALIBRATION_BINS];
        final double[] binConfidence = new double[CALIBRATION_BINS];
        double logLossSum;
        double brierSum;
        String problem;

        Partial(int classes) {
            rankCounts = new long[classes];
        }
    }

    /**
     * Validates and analyses the examples in one pass.
     *
     * @param probs row-major N×C probabilities
     * @param labels the N true classes
     * @param classes C
     * @return the shared result
     * @throws IllegalArgumentException naming the first invalid example and its value
     */
    static Result run(float[] probs, int[] labels, int classes) {
        int n = labels.length;
        int[] predicted = new int[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        if (chunks > 1) {
            range = range.parallel();
        }
        List<Partial> partials = range.mapToObj(k -> chunk(probs, labels, classes, predicted,
                k * CHUNK, Math.min(n, (k + 1) * CHUNK))).toList();
        long[] rankCounts = new long[classes];
        double logLoss = 0;
        double brier = 0;
        long[] binCount = new long[CALIBRATION_BINS];
        long[] binCorrect = new long[CALIBRATION_BINS];
        double[] binConfidence = new double[CALIBRATION_BINS];
        for (Partial p : partials) {
            if (p.problem != null) {
                throw new IllegalArgumentException(p.problem);
            }
            for (int c = 0; c < classes; c++) {
                rankCounts[c] += p.rankCounts[c];
            }
            for (int b = 0; b < CALIBRATION_BINS; b++) {
                binCount[b] += p.binCount[b];
                binCorrect[b] += p.binCorrect[b];
                binConfidence[b] += p.binConfidence[b];
            }
            logLoss += p.logLossSum;
            brier += p.brierSum;
        }
        long[] confusion = new long[classes * classes];
        long correct = rankCounts[0];
        int[] wrong = new int[(int) (n - correct)];
        int w = 0;
        for (int i = 0; i < n; i++) {
            int t = labels[i];
            int p = predicted[i];
            confusion[t * classes + p]++;
            if (t != p) {
                wrong[w++] = i;
            }
        }
        Result result = new Result(predicted, confusion, rankCounts, wrong, correct, logLoss, brier);
        System.arraycopy(binCount, 0, result.binCount, 0, CALIBRATION_BINS);
        System.arraycopy(binCorrect, 0, result.binCorrect, 0, CALIBRATION_BINS);
        System.arraycopy(binConfidence, 0, result.binConfidence, 0, CALIBRATION_BINS);
        return result;
    }

    /** The reliability bin of a confidence: bin b holds confidences in (b/15, (b+1)/15], bin 0 also 0. */
    static int bin(double confidence) {
        int bin = (int) Math.ceil(confidence * CALIBRATION_BINS) - 1;
        return bin < 0 ? 0 : bin;
    }

    /** The rank of an example's true class among its probabilities (0 for the most probable; ties to the lower index). */
    static int rank(float[] probs, int offset, int trueClass, int classes) {
        float pt = probs[offset + trueClass];
        int r = 0;
        for (int c = 0; c < classes; c++) {
            if (ranksAbove(probs[offset + c], c, pt, trueClass)) {
                r++;
            }
        }
        return r;
    }

    /** Whether class c (probability p) ranks above the true class t (probability pt): ties go to the lower index. */
    static boolean ranksAbove(float p, int c, float pt, int t) {
        return p > pt || (p == pt && c < t);
    }

    /** A probability clipped to [eps, 1 - eps], as scikit-learn's log loss clips. */
    static double clip(double p) {
        return p < LOG_LOSS_EPS ? LOG_LOSS_EPS : (p > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : p);
    }

    /** One example's log loss from its true class's probability and the sum of its clipped probabilities. */
    static double logLossTerm(double trueProbability, double clippedSum) {
        return -Math.log(clip(trueProbability) / clippedSum);
    }

    /** One example's Brier score from the sum of its squared probabilities and its true class's probability. */
    static double brierTerm(double squares, double trueProbability) {
        return squares - 2 * trueProbability + 1;
    }

    /**
     * Computes each example's rank of the true class, Brier score and log loss (what the pass sums), for resampling.
     *
     * @param probs row-major N×C probabilities, already checked by {@link #run}
     * @param labels the N true classes
     * @param classes C
     * @param rank filled with each example's rank of its true class, 0 when it is the predicted class
     * @param brier filled with each example's Brier score
     * @param logLoss filled with each example's log loss
     */
    static void exampleTerms(float[] probs, int[] labels, int classes, int[] rank, double[] brier, double[] logLoss) {
        for (int i = 0; i < labels.length; i++) {
            int t = labels[i];
            int off = i * classes;
            float pt = probs[off + t];
            int r = 0;
            double squares = 0;
            double clippedSum = 0;
            for (int c = 0; c < classes; c++) {
                float p = probs[off + c];
                if (ranksAbove(p, c, pt, t)) {
                    r++;
                }
                double d = p;
                squares += d * d;
                clippedSum += clip(d);
            }
            rank[i] = r;
            brier[i] = brierTerm(squares, pt);
            logLoss[i] = logLossTerm(pt, clippedSum);
        }
    }

    private static Partial chunk(float[] probs, int[] labels, int classes, int[] predicted, int from, int to) {
        Partial part = new Partial(classes);
        double logLoss = 0;
        double brier = 0;
        for (int i = from; i < to; i++) {
            int t = labels[i];
            if (t < 0 || t >= classes) {
                part.problem = Checks.labelProblem(t, classes, i);
                return part;
            }
            int off = i * classes;
            float pt = probs[off + t];
            float best = -1f;
            int arg = 0;
            int rank = 0;
            boolean bad = false;
            double sum = 0;
            double clippedSum = 0;
            double squares = 0;
            for (int c = 0; c < classes; c++) {
                float p = probs[off + c];
                bad |= !(p >= 0f && p <= 1f);
                if (p > best) {
                    best = p;
                    arg = c;
                }
                if (ranksAbove(p, c, pt, t)) {
                    rank++;
                }
                double d = p;
                sum += d;
                squares += d * d;
                clippedSum += clip(d);
            }
            if (bad || Math.abs(sum - 1) > Checks.SUM_TOLERANCE) {
                part.problem = Checks.rowProblem(probs, off, classes, i);
                return part;
            }
            predicted[i] = arg;
            part.rankCounts[rank]++;
            double dt = pt;
            logLoss += logLossTerm(dt, clippedSum);
            brier += brierTerm(squares, dt);
            double confidence = best;
            int bin = bin(confidence);
            part.binCount[bin]++;
            part.binConfidence[bin] += confidence;
            if (arg == t) {
                part.binCorrect[bin]++;
            }
        }
        part.logLossSum = logLoss;
        part.brierSum = brier;
        return part;
    }
}
