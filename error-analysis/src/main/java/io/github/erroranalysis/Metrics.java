package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The built-in metrics, each a small class written once over the shared context of an analysis (its confusion
 * matrix, reliability bins, rank counts and sums), given to {@link ErrorAnalysis#metric(Metric)} or
 * {@link ErrorAnalysis#interval(Metric)} like a user's own; equal metrics (the same kind and parameters) are equal.
 *
 * <p>Each name is the metric's JSON key: {@code accuracy}, {@code top3Accuracy}, {@code macroF1}, {@code ece} and so
 * on. On a context that is not an analysis (a user's own implementation) they first tally it in one pass.
 */
public final class Metrics {

    private static final Metric<Double> ACCURACY = new Accuracy();
    private static final Metric<List<ClassAccuracy>> PER_CLASS_ACCURACY = new PerClass();
    private static final Metric<PrecisionRecallF1> PRECISION_RECALL_F1 = new Scores();
    private static final Metric<Double> MACRO_PRECISION = new Average(Average.MACRO, Average.PRECISION);
    private static final Metric<Double> MACRO_RECALL = new Average(Average.MACRO, Average.RECALL);
    private static final Metric<Double> MACRO_F1 = new Average(Average.MACRO, Average.F1);
    private static final Metric<Double> WEIGHTED_F1 = new Average(Average.WEIGHTED, Average.F1);
    private static final Metric<Calibration> CALIBRATION = new CalibrationMetric();
    private static final Metric<Double> ECE = new ExpectedCalibrationError();
    private static final Metric<Double> MAX_CALIBRATION_ERROR = new MaxCalibrationError();
    private static final Metric<Double> BRIER_SCORE = new BrierScore();
    private static final Metric<Double> LOG_LOSS = new LogLoss();

    /** What a metric's name must match; a name ending in "Interval" is refused besides. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");

    private Metrics() {
    }

    /**
     * Checks a metric's name, the one check of the analysis and the report: {@code [a-z][a-zA-Z0-9]*}, and not ending
     * in {@code Interval} (the JSON key {@code <name>Interval} holds the interval of the metric {@code <name>}).
     *
     * @param metric the metric
     * @return its name
     * @throws IllegalArgumentException naming the metric's class and its name when the name is refused
     */
    public static String checkName(Metric<?> metric) {
        Objects.requireNonNull(metric, "metric");
        String name = metric.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a metric's name must match [a-z][a-zA-Z0-9]*, but "
                    + metric.getClass().getName() + " is named " + (name == null ? "null" : "'" + name + "'"));
        }
        if (name.endsWith("Interval")) {
            throw new IllegalArgumentException("a metric's name must not end in 'Interval' (the key '<name>Interval'"
                    + " holds the interval of the metric '<name>'), but " + metric.getClass().getName()
                    + " is named '" + name + "'");
        }
        return name;
    }

    /**
     * Gives overall accuracy, the share of examples whose predicted class is the true class ({@code accuracy}).
     *
     * @return the metric
     */
    public static Metric<Double> accuracy() {
        return ACCURACY;
    }

    /**
     * Gives each true class's accuracy, correct / support, with its counts, in class order ({@code perClassAccuracy};
     * NaN for a class without examples).
     *
     * @return the metric
     */
    public static Metric<List<ClassAccuracy>> perClassAccuracy() {
        return PER_CLASS_ACCURACY;
    }

    /**
     * Gives top-k accuracy, the share of examples whose true class is among the k most probable, ties ranked by
     * the lowest class index ({@code top3Accuracy} for k = 3).
     *
     * @param k how many of the most probable classes count, from 1
     * @return the metric
     * @throws IllegalArgumentException naming k when it is below 1
     */
    public static Metric<Double> topKAccuracy(int k) {
        return new TopKAccuracy(k);
    }

    /**
     * Gives precision, recall and F1 per class with their macro and weighted averages ({@code precisionRecallF1}).
     *
     * @return the metric
     */
    public static Metric<PrecisionRecallF1> precisionRecallF1() {
        return PRECISION_RECALL_F1;
    }

    /**
     * Gives macro-averaged precision over the classes where it is defined ({@code macroPrecision}).
     *
     * @return the metric
     */
    public static Metric<Double> macroPrecision() {
        return MACRO_PRECISION;
    }

    /**
     * Gives macro-averaged recall over the classes where it is defined ({@code macroRecall}).
     *
     * @return the metric
     */
    public static Metric<Double> macroRecall() {
        return MACRO_RECALL;
    }

    /**
     * Gives macro-F1, the mean F1 over the classes where it is defined ({@code macroF1}).
     *
     * @return the metric
     */
    public static Metric<Double> macroF1() {
        return MACRO_F1;
    }

    /**
     * Gives weighted F1, the support-weighted mean F1 over the classes where it is defined ({@code weightedF1}).
     *
     * @return the metric
     */
    public static Metric<Double> weightedF1() {
        return WEIGHTED_F1;
    }

    /**
     * Gives the calibration: 15 equal-width reliability bins, ECE, MCE, Brier score and log loss
     * ({@code calibration}).
     *
     * @return the metric
     */
    public static Metric<Calibration> calibration() {
        return CALIBRATION;
    }

    /**
     * Gives the expected calibration error over 15 equal-width confidence bins ({@code ece}).
     *
     * @return the metric
     */
    public static Metric<Double> expectedCalibrationError() {
        return ECE;
    }

    /**
     * Gives the maximum calibration error, the largest gap of a non-empty bin ({@code maxCalibrationError}).
     *
     * @return the metric
     */
    public static Metric<Double> maxCalibrationError() {
        return MAX_CALIBRATION_ERROR;
    }

    /**
     * Gives the multi-class Brier score, the mean squared distance to the one-hot label ({@code brierScore}).
     *
     * @return the metric
     */
    public static Metric<Double> brierScore() {
        return BRIER_SCORE;
    }

    /**
     * Gives the log loss (cross-entropy), probabilities clipped as scikit-learn clips them ({@code logLoss}).
     *
     * @return the metric
     */
    public static Metric<Double> logLoss() {
        return LOG_LOSS;
    }

    /** Overall accuracy: correct / N. */
    record Accuracy() implements Metric<Double> {
        @Override
        public String name() {
            return "accuracy";
        }

        @Override
        public Double compute(MetricContext context) {
            Tallies t = Tallies.of(context);
            return (double) t.correct() / t.examples();
        }
    }

    /** Each true class's accuracy: the diagonal cell over the row sum of the confusion matrix. */
    record PerClass() implements Metric<List<ClassAccuracy>> {
        @Override
        public String name() {
            return "perClassAccuracy";
        }

        @Override
        public List<ClassAccuracy> compute(MetricContext context) {
            Tallies t = Tallies.of(context);
            List<ClassAccuracy> list = new ArrayList<>(t.classCount());
            for (int c = 0; c < t.classCount(); c++) {
                long support = t.support(c);
                long correct = t.count(c, c);
                list.add(new ClassAccuracy(c, t.classNames().get(c), correct, support, Formats.ratio(correct, support)));
            }
            return List.copyOf(list);
        }
    }

    /** Top-k accuracy: the examples whose true class ranks below k, over N. */
    record TopKAccuracy(int k) implements Metric<Double> {
        TopKAccuracy {
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1, but is " + k);
            }
        }

        @Override
        public String name() {
            return "top" + k + "Accuracy";
        }

        @Override
        public Double compute(MetricContext context) {
            Tallies t = Tallies.of(context);
            long hits = 0;
            for (int r = 0; r < Math.min(k, t.classCount()); r++) {
                hits += t.rankCount(r);
            }
            return (double) hits / t.examples();
        }
    }

    /** Precision, recall and F1 per class from the confusion matrix, with macro and weighted averages. */
    record Scores() implements Metric<PrecisionRecallF1> {
        @Override
        public String name() {
            return "precisionRecallF1";
        }

        @Override
        public PrecisionRecallF1 compute(MetricContext context) {
            return Tallies.of(context).scores();
        }

        /** The one formula: each class's scores from its diagonal cell, row and column sums, then the averages. */
        static PrecisionRecallF1 of(Tallies t) {
            int classes = t.classCount();
            List<String> names = t.classNames();
            List<ClassScores> list = new ArrayList<>(classes);
            double[] sums = new double[6];
            long[] counts = new long[3];
            double[] weights = new double[3];
            for (int c = 0; c < classes; c++) {
                long tp = t.count(c, c);
                long support = t.support(c);
                long predicted = t.predictedCount(c);
                double precision = Formats.ratio(tp, predicted);
                double recall = Formats.ratio(tp, support);
                double f1 = Formats.ratio(2 * tp, support + predicted);
                list.add(new ClassScores(c, names.get(c), precision, recall, f1, support));
                double[] values = {precision, recall, f1};
                for (int m = 0; m < 3; m++) {
                    if (!Double.isNaN(values[m])) {
                        sums[m] += values[m];
                        counts[m]++;
                        sums[3 + m] += values[m] * support;
                        weights[m] += support;
                    }
                }
            }
            AverageScores macro = new AverageScores(sums[0] / counts[0], sums[1] / counts[1], sums[2] / counts[2]);
            AverageScores weighted = new AverageScores(sums[3] / weights[0], sums[4] / weights[1],
                    sums[5] / weights[2]);
            return new PrecisionRecallF1(list, macro, weighted);
        }
    }

    /**
     * One average (macro or weighted) of one score (precision, recall or F1), read from the context's one table of
     * {@link Scores} (made once per context, whichever average asks first).
     */
    record Average(boolean weighted, int score) implements Metric<Double> {
        static final boolean MACRO = false;
        static final boolean WEIGHTED = true;
        static final int PRECISION = 0;
        static final int RECALL = 1;
        static final int F1 = 2;

        @Override
        public String name() {
            return (weighted ? "weighted" : "macro") + switch (score) {
                case PRECISION -> "Precision";
                case RECALL -> "Recall";
                default -> "F1";
            };
        }

        @Override
        public Double compute(MetricContext context) {
            PrecisionRecallF1 scores = Tallies.of(context).scores();
            AverageScores a = weighted ? scores.weighted() : scores.macro();
            return switch (score) {
                case PRECISION -> a.precision();
                case RECALL -> a.recall();
                default -> a.f1();
            };
        }
    }

    /** The reliability diagram with ECE, MCE, Brier score and log loss. */
    record CalibrationMetric() implements Metric<Calibration> {
        @Override
        public String name() {
            return "calibration";
        }

        @Override
        public Calibration compute(MetricContext context) {
            Tallies t = Tallies.of(context);
            int bins = Engine.CALIBRATION_BINS;
            List<ReliabilityBin> list = new ArrayList<>(bins);
            for (int b = 0; b < bins; b++) {
                long count = t.binCount(b);
                list.add(new ReliabilityBin(b, (double) b / bins, (double) (b + 1) / bins, count,
                        meanConfidence(t, b), Formats.ratio(t.binCorrect(b), count)));
            }
            return new Calibration(list, ExpectedCalibrationError.of(t), MaxCalibrationError.of(t),
                    BrierScore.of(t), LogLoss.of(t));
        }

        static double meanConfidence(Tallies t, int bin) {
            long count = t.binCount(bin);
            return count == 0 ? Double.NaN : t.binConfidence(bin) / count;
        }
    }

    /** ECE: {@code Σ_b |correct_b - Σconfidence_b| / N} over the 15 bins. */
    record ExpectedCalibrationError() implements Metric<Double> {
        @Override
        public String name() {
            return "ece";
        }

        @Override
        public Double compute(MetricContext context) {
            return of(Tallies.of(context));
        }

        static double of(Tallies t) {
            double ece = 0;
            for (int b = 0; b < Engine.CALIBRATION_BINS; b++) {
                if (t.binCount(b) > 0) {
                    ece += Math.abs(t.binCorrect(b) - t.binConfidence(b));
                }
            }
            return ece / t.examples();
        }
    }

    /** MCE: the largest {@code |accuracy_b - meanConfidence_b|} of a non-empty bin. */
    record MaxCalibrationError() implements Metric<Double> {
        @Override
        public String name() {
            return "maxCalibrationError";
        }

        @Override
        public Double compute(MetricContext context) {
            return of(Tallies.of(context));
        }

        static double of(Tallies t) {
            double mce = 0;
            for (int b = 0; b < Engine.CALIBRATION_BINS; b++) {
                long count = t.binCount(b);
                if (count > 0) {
                    double accuracy = Formats.ratio(t.binCorrect(b), count);
                    mce = Math.max(mce, Math.abs(accuracy - CalibrationMetric.meanConfidence(t, b)));
                }
            }
            return mce;
        }
    }

    /** The multi-class Brier score: the mean over examples of {@code Σ_c (p_c - y_c)²}. */
    record BrierScore() implements Metric<Double> {
        @Override
        public String name() {
            return "brierScore";
        }

        @Override
        public Double compute(MetricContext context) {
            return of(Tallies.of(context));
        }

        static double of(Tallies t) {
            return t.brierSum() / t.examples();
        }
    }

    /** The log loss: the mean over examples of {@code -log(clip(p_true) / Σ_c clip(p_c))}. */
    record LogLoss() implements Metric<Double> {
        @Override
        public String name() {
            return "logLoss";
        }

        @Override
        public Double compute(MetricContext context) {
            return of(Tallies.of(context));
        }

        static double of(Tallies t) {
            return t.logLossSum() / t.examples();
        }
    }
}
