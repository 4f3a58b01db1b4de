package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/** Shared input checks whose messages name the example and the offending value. */
final class Checks {

    /**
     * How far a row of probabilities may sum from 1 (absolute), to allow for float rounding in softmax.
     */
    static final double SUM_TOLERANCE = 1e-3;

    /** How far outside [0, 1] a value may lie and still look like a (rounded) probability. */
    static final double ROUNDED_VALUE_SLACK = 1e-6;

    /** How far from 1 a row may sum and still look like rounded probabilities (such as pandas' {@code %.2f}). */
    static final double ROUNDED_SUM_TOLERANCE = 1e-2;

    /** What binary doubles add to a sum of decimals such as {@code 0.01 + … = 1.01}, so that 0.01 off counts. */
    private static final double DECIMAL_SLACK = 1e-12;

    private Checks() {
    }

    // ---------------------------------------------------------------- double rows: the factories' checks

    /**
     * Checks rows of probabilities given in double: a value that is not finite is an {@link IllegalArgumentException};
     * a row outside [0, 1] or not summing to 1 within {@link #SUM_TOLERANCE} is a {@link PredictionKindException},
     * {@link PredictionKindException.Kind#UNNORMALISED_PROBABILITIES} when every value of every row lies within
     * {@link #ROUNDED_VALUE_SLACK} of [0, 1] (rounded or unnormalised probabilities, never logits), and
     * {@link PredictionKindException.Kind#NOT_PROBABILITIES} otherwise (perhaps logits).
     *
     * @param data row-major probabilities
     * @param classes the row length
     */
    static void requireProbabilityRows(double[] data, int classes) {
        requireProbabilityRows(null, data, classes);
    }

    /**
     * Checks rows of probabilities held as float exactly as {@link #requireProbabilityRows(double[], int)} checks
     * them widened to double (the same arithmetic, the same messages), without a double copy.
     *
     * @param data row-major probabilities
     * @param classes the row length
     */
    static void requireWideProbabilityRows(float[] data, int classes) {
        requireProbabilityRows(data, null, classes);
    }

    /** The value at i of whichever of the two arrays is given, in double. */
    private static double at(float[] f, double[] d, int i) {
        return d != null ? d[i] : f[i];
    }

    /** The one implementation of the double check, over floats (f) or doubles (d): one of them is null. */
    private static void requireProbabilityRows(float[] f, double[] d, int classes) {
        if (classes <= 0) {
            return;
        }
        int length = d != null ? d.length : f.length;
        String problem = null;
        for (int off = 0, r = 0; off + classes <= length; off += classes, r++) {
            for (int c = 0; c < classes; c++) {
                double p = at(f, d, off + c);
                if (!Double.isFinite(p)) {
                    throw new IllegalArgumentException(Formats.format(
                            "example %d: probability of class %d is %s, not a finite number", r, c, p));
                }
            }
            if (problem == null) {
                problem = kindProblem(f, d, off, classes, r);
            }
        }
        if (problem == null) {
            return;
        }
        boolean inRange = true;
        double worst = 0;
        for (int off = 0; off + classes <= length && inRange; off += classes) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double p = at(f, d, off + c);
                inRange &= p >= -ROUNDED_VALUE_SLACK && p <= 1 + ROUNDED_VALUE_SLACK;
                sum += p;
            }
            worst = Math.max(worst, Math.abs(sum - 1));
        }
        if (!inRange) {
            throw new PredictionKindException(PredictionKindException.Kind.NOT_PROBABILITIES, problem,
                    LOGITS_ADVICE.substring(2));
        }
        String advice = worst <= ROUNDED_SUM_TOLERANCE + DECIMAL_SLACK
                ? Formats.format("these look like rounded probabilities (every value within %s of [0, 1], every row "
                        + "summing to 1 within %s): write them with more digits (such as pandas' "
                        + "float_format='%%.9g') or renormalise each row to sum to 1; they are not logits",
                        ROUNDED_VALUE_SLACK, ROUNDED_SUM_TOLERANCE)
                : Formats.format("every value lies within %s of [0, 1], so these are not logits, but rows do not sum "
                        + "to 1 (one is off by %s): give probabilities, each row renormalised to sum to 1",
                        ROUNDED_VALUE_SLACK, worst);
        throw new PredictionKindException(PredictionKindException.Kind.UNNORMALISED_PROBABILITIES, problem, advice);
    }

    private static String kindProblem(float[] f, double[] d, int offset, int classes, long example) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            double p = at(f, d, offset + c);
            if (p < 0) {
                return Formats.format("example %d: probability of class %d is %s, which is negative", example, c, p);
            }
            if (p > 1) {
                return Formats.format("example %d: probability of class %d is %s, which is above 1", example, c, p);
            }
            sum += p;
        }
        return Math.abs(sum - 1) > SUM_TOLERANCE
                ? Formats.format("example %d: probabilities sum to %s, not 1 (tolerance %s)", example, sum,
                        SUM_TOLERANCE)
                : null;
    }

    /**
     * Refuses "logits" given in double that look like probabilities: every value of every row lies within
     * {@link #ROUNDED_VALUE_SLACK} of [0, 1] and every row sums to 1 within {@link #ROUNDED_SUM_TOLERANCE} (rounded
     * probabilities included; softmax of probabilities would flatten them and give a wrong calibration).
     *
     * @param logits row-major logits
     * @param classes the row length
     */
    static void refuseProbabilitiesAsLogits(double[] logits, int classes) {
        refuseProbabilitiesAsLogits(null, logits, classes);
    }

    /**
     * Refuses "logits" held as float that look like probabilities, exactly as
     * {@link #refuseProbabilitiesAsLogits(double[], int)} refuses them widened to double.
     *
     * @param logits row-major logits
     * @param classes the row length
     */
    static void refuseWideProbabilitiesAsLogits(float[] logits, int classes) {
        refuseProbabilitiesAsLogits(logits, null, classes);
    }

    /** The one implementation of the double refusal, over floats (f) or doubles (d): one of them is null. */
    private static void refuseProbabilitiesAsLogits(float[] f, double[] d, int classes) {
        int length = d != null ? d.length : f.length;
        if (classes <= 0 || length < classes) {
            return;
        }
        for (int off = 0; off + classes <= length; off += classes) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double p = at(f, d, off + c);
                if (!(p >= -ROUNDED_VALUE_SLACK && p <= 1 + ROUNDED_VALUE_SLACK)) {
                    return;
                }
                sum += p;
            }
            if (!(Math.abs(sum - 1) <= ROUNDED_SUM_TOLERANCE + DECIMAL_SLACK)) {
                return;
            }
        }
        int rows = length / classes;
        throw new PredictionKindException(PredictionKindException.Kind.LOOKS_LIKE_PROBABILITIES, Formats.format(
                "these look like probabilities, not logits: every one of the %d rows lies within %s of [0, 1] and "
                        + "sums to 1 within %s", rows, ROUNDED_VALUE_SLACK, ROUNDED_SUM_TOLERANCE),
                "analyse probabilities with fromPredictions");
    }

    // ---------------------------------------------------------------- float rows: the accumulator's checks

    /**
     * Explains why a row of probabilities is not acceptable, or returns null when it is.
     *
     * @param data the row-major probabilities
     * @param offset where the row starts in {@code data}
     * @param classes the row length
     * @param example the example index to name in the message
     * @return the message, or null for a valid row
     */
    static String rowProblem(float[] data, int offset, int classes, long example) {
        String problem = finiteProblem(data, offset, classes, example);
        if (problem != null) {
            return problem;
        }
        problem = kindProblem(data, offset, classes, example);
        return problem == null ? null : problem + LOGITS_ADVICE;
    }

    /** The library's advice appended to a problem that suggests logits. */
    static final String LOGITS_ADVICE = "; if these are logits or unnormalized scores, use fromLogits";

    private static String finiteProblem(float[] data, int offset, int classes, long example) {
        for (int c = 0; c < classes; c++) {
            float p = data[offset + c];
            if (!Float.isFinite(p)) {
                return Formats.format("example %d: probability of class %d is %s, not a finite number", example, c, p);
            }
        }
        return null;
    }

    /** A problem of finite values that suggests scores of another kind: outside [0, 1], or a sum other than 1. */
    private static String kindProblem(float[] data, int offset, int classes, long example) {
        for (int c = 0; c < classes; c++) {
            float p = data[offset + c];
            if (p < 0f) {
                return Formats.format("example %d: probability of class %d is %s, which is negative", example, c, p);
            }
            if (p > 1f) {
                return Formats.format("example %d: probability of class %d is %s, which is above 1", example, c, p);
            }
        }
        return sumProblem(data, offset, classes, example);
    }

    private static String sumProblem(float[] data, int offset, int classes, long example) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += data[offset + c];
        }
        return Math.abs(sum - 1) > SUM_TOLERANCE
                ? Formats.format("example %d: probabilities sum to %s, not 1 (tolerance %s)", example, sum,
                        SUM_TOLERANCE)
                : null;
    }

    /**
     * Checks rows of probabilities, throwing a {@link PredictionKindException} when a row of finite values lies
     * outside [0, 1] or does not sum to 1 (perhaps logits), or an {@link IllegalArgumentException} for a value that
     * is not finite.
     *
     * @param data row-major probabilities
     * @param classes the row length
     */
    static void requireProbabilityRows(float[] data, int classes) {
        for (int off = 0, r = 0; off + classes <= data.length && classes > 0; off += classes, r++) {
            String problem = finiteProblem(data, off, classes, r);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            problem = kindProblem(data, off, classes, r);
            if (problem != null) {
                throw new PredictionKindException(PredictionKindException.Kind.NOT_PROBABILITIES, problem,
                        LOGITS_ADVICE.substring(2));
            }
        }
    }

    /**
     * Refuses "logits" that look like probabilities: every row lies in [0, 1] and sums to 1 within
     * {@link #SUM_TOLERANCE} (softmax of probabilities would flatten them and give a wrong calibration).
     *
     * @param logits row-major logits
     * @param classes the row length
     */
    static void refuseProbabilitiesAsLogits(float[] logits, int classes) {
        if (classes <= 0 || logits.length < classes) {
            return;
        }
        for (int off = 0; off + classes <= logits.length; off += classes) {
            if (finiteProblem(logits, off, classes, 0) != null || kindProblem(logits, off, classes, 0) != null) {
                return;
            }
        }
        int rows = logits.length / classes;
        throw new PredictionKindException(PredictionKindException.Kind.LOOKS_LIKE_PROBABILITIES, Formats.format(
                "these look like probabilities, not logits: every one of the %d rows lies in [0, 1] and sums to 1 "
                        + "within %s", rows, SUM_TOLERANCE), "analyse probabilities with fromPredictions");
    }

    /**
     * Explains why a label is out of range, or returns null when it is in range.
     *
     * @param label the label
     * @param classes the number of classes
     * @param example the example index to name in the message
     * @return the message, or null for a valid label
     */
    static String labelProblem(int label, int classes, long example) {
        return label >= 0 && label < classes ? null
                : Formats.format("example %d: label %d is out of range; there are %d classes (0..%d)",
                        example, label, classes, classes - 1);
    }

    /**
     * Throws with the rows' first problem, if any.
     *
     * @param data row-major probabilities
     * @param rows the number of rows
     * @param classes the row length
     * @param firstExample the example index of the first row
     */
    static void requireProbabilities(float[] data, int rows, int classes, long firstExample) {
        for (int r = 0; r < rows; r++) {
            String problem = rowProblem(data, r * classes, classes, firstExample + r);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }
}
