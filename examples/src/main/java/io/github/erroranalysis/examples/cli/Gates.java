package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.gate.GateEvaluator;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.QualityGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The quality gate options of {@code analyze}: parsed and checked before any model runs, then turned into the core's
 * {@link QualityGate}s (named as typed) and judged on the analysis's statistics by its {@link GateEvaluator}, the
 * same model, thresholds and words as the AssertJ assertions.
 *
 * @param minAccuracy the least overall accuracy, or null for no such gate
 * @param minClassAccuracy the least accuracy of named classes, in the order typed
 * @param maxEce the largest expected calibration error, or null for no such gate
 * @param metricGates the {@code --min-metric}/{@code --max-metric} gates on built-in metrics, in the order typed
 *                    (every {@code --min-metric} first)
 * @param maxAurc the largest AURC (area under the risk–coverage curve), or null for no such gate
 * @param minCoverageAtRisk the {@code --min-coverage-at-risk RISK=COVERAGE} gates, in the order typed
 * @param onLowerBound whether to compare the interval's pessimistic end rather than the estimate
 */
public record Gates(Double minAccuracy, List<ClassGate> minClassAccuracy, Double maxEce,
        List<MetricGate> metricGates, Double maxAurc, List<CoverageGate> minCoverageAtRisk, boolean onLowerBound) {

    /** The option of the overall accuracy gate. */
    public static final String MIN_ACCURACY = "--min-accuracy";
    /** The option of a class accuracy gate. */
    public static final String MIN_CLASS_ACCURACY = "--min-class-accuracy";
    /** The option of the calibration gate. */
    public static final String MAX_ECE = "--max-ece";
    /** The option of a gate "built-in metric at least X". */
    public static final String MIN_METRIC = "--min-metric";
    /** The option of a gate "built-in metric at most X". */
    public static final String MAX_METRIC = "--max-metric";
    /** The option of the gate "AURC at most X". */
    public static final String MAX_AURC = "--max-aurc";
    /** The option of a gate "coverage at risk RISK at least COVERAGE". */
    public static final String MIN_COVERAGE_AT_RISK = "--min-coverage-at-risk";
    /** Every gate option, in the order the gates are judged, for messages. */
    public static final List<String> OPTIONS = List.of(MIN_ACCURACY, MIN_CLASS_ACCURACY, MAX_ECE, MIN_METRIC,
            MAX_METRIC, MAX_AURC, MIN_COVERAGE_AT_RISK);

    /** The name of top-k accuracy, {@code top3Accuracy} for k = 3. */
    private static final Pattern TOP_K = Pattern.compile("top([1-9][0-9]{0,5})Accuracy");

    /** The built-in scalar metrics a metric gate may name, by their JSON names (top-k accuracy aside). */
    private static final List<Metric<Double>> METRICS = List.of(Metrics.accuracy(), Metrics.macroPrecision(),
            Metrics.macroRecall(), Metrics.macroF1(), Metrics.weightedF1(), Metrics.expectedCalibrationError(),
            Metrics.maxCalibrationError(), Metrics.brierScore(), Metrics.logLoss());

    /**
     * One {@code --min-metric NAME=X} or {@code --max-metric NAME=X} gate on a built-in metric, judged on its
     * bootstrap interval.
     *
     * @param option the option, {@value #MIN_METRIC} or {@value #MAX_METRIC}
     * @param typed the value as typed, {@code NAME=X} without spaces around either part
     * @param metric the metric, named by its JSON name
     * @param topK the k of a {@code top<k>Accuracy} metric, else 0
     * @param threshold the threshold, finite
     */
    public record MetricGate(String option, String typed, Metric<Double> metric, int topK, double threshold) {

        /**
         * Parses {@code NAME=X} for an option.
         *
         * @param option {@value #MIN_METRIC} or {@value #MAX_METRIC}
         * @param typed the value as typed, such as {@code macroF1=0.6}
         * @return the gate
         */
        public static MetricGate parse(String option, String typed) {
            NameIsNumber typedGate = NameIsNumber.parse(option, typed, "macroF1=0.6");
            String name = typedGate.name();
            String number = typedGate.number();
            double threshold = typedGate.threshold();
            if (!Double.isFinite(threshold)) {
                throw new BadInputException(option + " " + typed + ": the threshold must be a finite number, but is "
                        + number);
            }
            Matcher top = TOP_K.matcher(name);
            if (top.matches()) {
                int k = Integer.parseInt(top.group(1));
                checkRange(option, typed, name, number, threshold);
                return new MetricGate(option, name + "=" + number, Metrics.topKAccuracy(k), k, threshold);
            }
            for (Metric<Double> m : METRICS) {
                if (m.name().equals(name)) {
                    checkRange(option, typed, name, number, threshold);
                    return new MetricGate(option, name + "=" + number, m, 0, threshold);
                }
            }
            throw new BadInputException(option + " " + typed + ": unknown metric '" + name + "'; the metrics are "
                    + METRICS.stream().map(Metric::name).collect(Collectors.joining(", "))
                    + ", top<k>Accuracy");
        }

        /**
         * Refuses a threshold outside the range of the metric's values (a gate it could never pass or always passes,
         * most likely a typo): [0, 1] for the shares and calibration errors, [0, 2] for the Brier score, at least 0 for
         * the log loss.
         */
        private static void checkRange(String option, String typed, String name, String number, double threshold) {
            double highest = name.equals("logLoss") ? Double.POSITIVE_INFINITY : name.equals("brierScore") ? 2 : 1;
            if (threshold < 0 || threshold > highest) {
                throw new BadInputException(option + " " + typed + ": " + name + (Double.isInfinite(highest)
                        ? " is never below 0" : " lies in [0, " + (int) highest + "]") + ", so the threshold " + number
                        + " would " + ((threshold < 0) == option.equals(MIN_METRIC) ? "always pass" : "never pass"));
            }
        }

        /**
         * Gives the gate of the core's model, named as typed ({@code --min-metric macroF1=0.6}).
         *
         * @return the gate
         */
        public QualityGate qualityGate() {
            QualityGate gate = option.equals(MIN_METRIC) ? QualityGate.atLeast(metric, threshold)
                    : QualityGate.atMost(metric, threshold);
            return gate.named(option + " " + typed);
        }
    }

    /**
     * One {@code --min-class-accuracy NAME=X} gate.
     *
     * @param className the class's name
     * @param threshold the least accuracy, in [0, 1]
     */
    public record ClassGate(String className, double threshold) {

        /**
         * Parses {@code NAME=X}.
         *
         * @param typed the value as typed
         * @return the gate
         */
        public static ClassGate parse(String typed) {
            NameIsNumber typedGate = NameIsNumber.parse(MIN_CLASS_ACCURACY, typed, "cat=0.5");
            return new ClassGate(typedGate.name(), Inputs.checkFraction(MIN_CLASS_ACCURACY + " " + typed,
                    typedGate.threshold()));
        }
    }

    /**
     * One {@code --min-coverage-at-risk RISK=COVERAGE} gate: with an error rate of at most RISK the model must still
     * answer at least the share COVERAGE of the inputs (its most confident ones).
     *
     * @param typed the value as typed, {@code RISK=COVERAGE} without spaces around either part
     * @param risk the target error rate, in [0, 1]
     * @param coverage the least share answered, in [0, 1]
     */
    public record CoverageGate(String typed, double risk, double coverage) {

        /**
         * Parses {@code RISK=COVERAGE}, refusing in one line what is no such pair, no numbers, or a risk or coverage
         * outside [0, 1] (NaN included).
         *
         * @param typed the value as typed, such as {@code 0.01=0.75}
         * @return the gate
         */
        public static CoverageGate parse(String typed) {
            NameIsNumber pair = NameIsNumber.parse(MIN_COVERAGE_AT_RISK, typed, "RISK=COVERAGE", "0.01=0.75 (at "
                    + "most 1 % errors on the 75 % most confident inputs)");
            double risk;
            try {
                risk = Double.parseDouble(pair.name());
            } catch (NumberFormatException e) {
                throw new BadInputException(MIN_COVERAGE_AT_RISK + " " + typed + ": '" + pair.name()
                        + "' is not a number");
            }
            checkShare(typed, "risk", pair.name(), risk, "0.01 for an error rate of 1 %");
            checkShare(typed, "coverage", pair.number(), pair.threshold(), "0.75 for 75 % of the inputs answered");
            return new CoverageGate(pair.name() + "=" + pair.number(), risk, pair.threshold());
        }

        private static void checkShare(String typed, String what, String number, double value, String example) {
            if (!(value >= 0 && value <= 1)) {
                throw new BadInputException(MIN_COVERAGE_AT_RISK + " " + typed + ": the " + what + " " + number
                        + " is outside [0, 1]; give a fraction, such as " + example);
            }
        }

        /**
         * Gives the gate of the core's model, named as typed ({@code --min-coverage-at-risk 0.01=0.75}).
         *
         * @return the gate
         */
        public QualityGate qualityGate() {
            return QualityGate.coverageAtRiskAtLeast(risk, coverage).named(MIN_COVERAGE_AT_RISK + " " + typed);
        }
    }

    /**
     * Checks and copies the components.
     *
     * @param minAccuracy the least overall accuracy, or null
     * @param minClassAccuracy the class gates
     * @param maxEce the largest ECE, or null
     * @param metricGates the metric gates
     * @param maxAurc the largest AURC, or null
     * @param minCoverageAtRisk the coverage gates
     * @param onLowerBound whether to compare the interval's pessimistic end
     */
    public Gates {
        if (minAccuracy != null) {
            Inputs.fraction(MIN_ACCURACY, minAccuracy);
        }
        if (maxEce != null) {
            Inputs.fraction(MAX_ECE, maxEce);
        }
        if (maxAurc != null) {
            Inputs.fraction(MAX_AURC, maxAurc);
        }
        minClassAccuracy = List.copyOf(minClassAccuracy);
        metricGates = List.copyOf(metricGates);
        minCoverageAtRisk = List.copyOf(minCoverageAtRisk);
    }

    /**
     * Parses the gate options as typed.
     *
     * @param minAccuracy {@code --min-accuracy}, or null
     * @param minClassAccuracy every {@code --min-class-accuracy NAME=X}, or null
     * @param maxEce {@code --max-ece}, or null
     * @param onLowerBound {@code --gate-on-lower-bound}
     * @return the gates
     */
    public static Gates parse(Double minAccuracy, List<String> minClassAccuracy, Double maxEce,
            boolean onLowerBound) {
        return parse(minAccuracy, minClassAccuracy, maxEce, null, null, null, null, onLowerBound);
    }

    /**
     * Parses the gate options as typed, the metric gates included.
     *
     * @param minAccuracy {@code --min-accuracy}, or null
     * @param minClassAccuracy every {@code --min-class-accuracy NAME=X}, or null
     * @param maxEce {@code --max-ece}, or null
     * @param minMetric every {@code --min-metric NAME=X}, or null
     * @param maxMetric every {@code --max-metric NAME=X}, or null
     * @param onLowerBound {@code --gate-on-lower-bound}
     * @return the gates
     */
    public static Gates parse(Double minAccuracy, List<String> minClassAccuracy, Double maxEce,
            List<String> minMetric, List<String> maxMetric, boolean onLowerBound) {
        return parse(minAccuracy, minClassAccuracy, maxEce, minMetric, maxMetric, null, null, onLowerBound);
    }

    /**
     * Parses the gate options as typed, the metric and selective-prediction gates included.
     *
     * @param minAccuracy {@code --min-accuracy}, or null
     * @param minClassAccuracy every {@code --min-class-accuracy NAME=X}, or null
     * @param maxEce {@code --max-ece}, or null
     * @param minMetric every {@code --min-metric NAME=X}, or null
     * @param maxMetric every {@code --max-metric NAME=X}, or null
     * @param maxAurc {@code --max-aurc}, or null
     * @param minCoverageAtRisk every {@code --min-coverage-at-risk RISK=COVERAGE}, or null
     * @param onLowerBound {@code --gate-on-lower-bound}
     * @return the gates
     */
    public static Gates parse(Double minAccuracy, List<String> minClassAccuracy, Double maxEce,
            List<String> minMetric, List<String> maxMetric, Double maxAurc, List<String> minCoverageAtRisk,
            boolean onLowerBound) {
        List<ClassGate> classGates = new ArrayList<>();
        if (minClassAccuracy != null) {
            minClassAccuracy.forEach(typed -> classGates.add(ClassGate.parse(typed)));
        }
        List<MetricGate> metricGates = new ArrayList<>();
        if (minMetric != null) {
            minMetric.forEach(typed -> metricGates.add(MetricGate.parse(MIN_METRIC, typed)));
        }
        if (maxMetric != null) {
            maxMetric.forEach(typed -> metricGates.add(MetricGate.parse(MAX_METRIC, typed)));
        }
        List<CoverageGate> coverageGates = new ArrayList<>();
        if (minCoverageAtRisk != null) {
            minCoverageAtRisk.forEach(typed -> coverageGates.add(CoverageGate.parse(typed)));
        }
        return new Gates(minAccuracy, classGates, maxEce, metricGates, maxAurc, coverageGates, onLowerBound);
    }

    /**
     * Tells whether any gate was asked for.
     *
     * @return whether there is at least one gate
     */
    public boolean isEmpty() {
        return minAccuracy == null && minClassAccuracy.isEmpty() && maxEce == null && metricGates.isEmpty()
                && maxAurc == null && minCoverageAtRisk.isEmpty();
    }

    /**
     * Checks that every class gate names a class of the model or data, and that a {@code top<k>Accuracy} gate's k is
     * at most the number of classes, before anything long runs.
     *
     * @param classNames the class names
     */
    public void checkClassNames(List<String> classNames) {
        for (MetricGate gate : metricGates) {
            if (gate.topK() > classNames.size()) {
                throw new BadInputException(gate.option() + " " + gate.typed() + ": k = " + gate.topK()
                        + " is more than the " + classNames.size() + " classes");
            }
        }
        for (ClassGate gate : minClassAccuracy) {
            if (!classNames.contains(gate.className())) {
                throw new BadInputException(MIN_CLASS_ACCURACY + " " + gate.className() + "=" + Inputs.format(
                        gate.threshold()) + ": unknown class '" + gate.className() + "'; the classes are "
                        + String.join(", ", classNames));
            }
        }
    }

    /**
     * Gives the gates of the core's model, each named as typed ({@code --min-class-accuracy cat=0.5}) and judged on
     * the interval's pessimistic end with {@code --gate-on-lower-bound}.
     *
     * @return the gates, in the order overall accuracy, class accuracies (as typed), ECE, metric gates (every
     *         {@code --min-metric} as typed, then every {@code --max-metric}), AURC, coverages at risks (as typed)
     */
    public List<QualityGate> qualityGates() {
        List<QualityGate> gates = new ArrayList<>();
        if (minAccuracy != null) {
            gates.add(QualityGate.accuracyAtLeast(minAccuracy).named(MIN_ACCURACY + " " + Inputs.format(minAccuracy)));
        }
        for (ClassGate gate : minClassAccuracy) {
            gates.add(QualityGate.classAccuracyAtLeast(gate.className(), gate.threshold()).named(MIN_CLASS_ACCURACY
                    + " " + gate.className() + "=" + Inputs.format(gate.threshold())));
        }
        if (maxEce != null) {
            gates.add(QualityGate.eceAtMost(maxEce).named(MAX_ECE + " " + Inputs.format(maxEce)));
        }
        metricGates.forEach(g -> gates.add(g.qualityGate()));
        if (maxAurc != null) {
            gates.add(QualityGate.aurcAtMost(maxAurc).named(MAX_AURC + " " + Inputs.format(maxAurc)));
        }
        minCoverageAtRisk.forEach(g -> gates.add(g.qualityGate()));
        return gates.stream().map(g -> onLowerBound ? g.onPessimisticBound() : g).toList();
    }

    /**
     * Judges every gate on an analysis.
     *
     * @param analysis the analysis
     * @param statistics its statistics (Wilson intervals for accuracies, a bootstrap interval for the ECE), the ones
     *                   the report shows; a metric gate is judged on its bootstrap interval at their level, the AURC
     *                   and coverage gates on those of the analysis's selective prediction at their level
     * @return each gate's result, in the order of {@link #qualityGates()}
     */
    public List<GateResult> check(ErrorAnalysis analysis, AnalysisStatistics statistics) {
        Objects.requireNonNull(analysis, "analysis");
        checkClassNames(analysis.classNames());
        return GateEvaluator.of(analysis, statistics).evaluate(qualityGates());
    }

    /** A gate option's {@code NAME=X} as typed: the name, the number as typed, and its value. */
    private record NameIsNumber(String name, String number, double threshold) {

        /** Splits at the last {@code =}, refusing in one line what is no {@code NAME=X} or no number. */
        static NameIsNumber parse(String option, String typed, String example) {
            return parse(option, typed, "NAME=X", example);
        }

        /** Splits at the last {@code =}, refusing in one line what is no {@code form} or no number after the =. */
        static NameIsNumber parse(String option, String typed, String form, String example) {
            int eq = typed.lastIndexOf('=');
            if (eq <= 0 || eq == typed.length() - 1) {
                throw new BadInputException(option + " " + typed + ": expected " + form + ", such as " + example);
            }
            String name = typed.substring(0, eq).strip();
            String number = typed.substring(eq + 1).strip();
            try {
                return new NameIsNumber(name, number, Double.parseDouble(number));
            } catch (NumberFormatException e) {
                throw new BadInputException(option + " " + typed + ": '" + number + "' is not a number");
            }
        }
    }
}
