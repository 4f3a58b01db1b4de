package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.gate.GateEvaluator;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.QualityGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The quality gate options of {@code analyze}: parsed and checked before any model runs, then turned into the core's
 * {@link QualityGate}s (named as typed) and judged on the analysis's statistics by its {@link GateEvaluator}, the
 * same model, thresholds and words as the AssertJ assertions.
 *
 * @param minAccuracy the least overall accuracy, or null for no such gate
 * @param minClassAccuracy the least accuracy of named classes, in the order typed
 * @param maxEce the largest expected calibration error, or null for no such gate
 * @param onLowerBound whether to compare the interval's pessimistic end rather than the estimate
 */
public record Gates(Double minAccuracy, List<ClassGate> minClassAccuracy, Double maxEce, boolean onLowerBound) {

    /** The option of the overall accuracy gate. */
    public static final String MIN_ACCURACY = "--min-accuracy";
    /** The option of a class accuracy gate. */
    public static final String MIN_CLASS_ACCURACY = "--min-class-accuracy";
    /** The option of the calibration gate. */
    public static final String MAX_ECE = "--max-ece";

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
            int eq = typed.lastIndexOf('=');
            if (eq <= 0 || eq == typed.length() - 1) {
                throw new BadInputException(MIN_CLASS_ACCURACY + " " + typed + ": expected NAME=X, such as cat=0.5");
            }
            String name = typed.substring(0, eq).strip();
            String number = typed.substring(eq + 1).strip();
            double threshold;
            try {
                threshold = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new BadInputException(MIN_CLASS_ACCURACY + " " + typed + ": '" + number + "' is not a number");
            }
            return new ClassGate(name, Inputs.checkFraction(MIN_CLASS_ACCURACY + " " + typed, threshold));
        }
    }

    /**
     * Checks and copies the components.
     *
     * @param minAccuracy the least overall accuracy, or null
     * @param minClassAccuracy the class gates
     * @param maxEce the largest ECE, or null
     * @param onLowerBound whether to compare the interval's pessimistic end
     */
    public Gates {
        if (minAccuracy != null) {
            Inputs.fraction(MIN_ACCURACY, minAccuracy);
        }
        if (maxEce != null) {
            Inputs.fraction(MAX_ECE, maxEce);
        }
        minClassAccuracy = List.copyOf(minClassAccuracy);
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
        List<ClassGate> classGates = new ArrayList<>();
        if (minClassAccuracy != null) {
            minClassAccuracy.forEach(typed -> classGates.add(ClassGate.parse(typed)));
        }
        return new Gates(minAccuracy, classGates, maxEce, onLowerBound);
    }

    /**
     * Tells whether any gate was asked for.
     *
     * @return whether there is at least one gate
     */
    public boolean isEmpty() {
        return minAccuracy == null && minClassAccuracy.isEmpty() && maxEce == null;
    }

    /**
     * Checks that every class gate names a class of the model or data, before anything long runs.
     *
     * @param classNames the class names
     */
    public void checkClassNames(List<String> classNames) {
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
     * @return the gates, in the order overall accuracy, class accuracies (as typed), ECE
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
        return gates.stream().map(g -> onLowerBound ? g.onPessimisticBound() : g).toList();
    }

    /**
     * Judges every gate on an analysis.
     *
     * @param analysis the analysis
     * @param statistics its statistics (Wilson intervals for accuracies, a bootstrap interval for the ECE), the ones
     *                   the report shows
     * @return each gate's result, in the order of {@link #qualityGates()}
     */
    public List<GateResult> check(ErrorAnalysis analysis, AnalysisStatistics statistics) {
        Objects.requireNonNull(analysis, "analysis");
        checkClassNames(analysis.classNames());
        return GateEvaluator.of(analysis, statistics).evaluate(qualityGates());
    }
}
