package io.github.erroranalysis.gate;

import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.stats.Intervals;
import java.util.List;
import java.util.Objects;

/**
 * Judges the gates of a robustness study ({@link QualityGate#corruptionAccuracyAtLeast} and
 * {@link QualityGate#meanCorruptionAccuracyAtLeast}) into the one {@link GateResult} with the one wording: on the
 * estimate, or on an end of the bootstrap interval, exactly as {@link GateEvaluator} judges an analysis's gates; with
 * two models the gates judge the baseline's study ({@code --model}).
 */
public final class RobustnessGates {

    private RobustnessGates() {
    }

    /**
     * Judges gates in order at the 95 % level.
     *
     * @param study the robustness study
     * @param gates the gates, each on a robustness metric
     * @return one result per gate, in the same order
     * @throws IllegalArgumentException naming the gate and the corruption when the study has no corruption of that
     *         name, or naming a gate that is not on a robustness metric
     */
    public static List<GateResult> evaluate(Robustness study, List<QualityGate> gates) {
        return evaluate(study, gates, Intervals.DEFAULT_LEVEL);
    }

    /**
     * Judges gates in order.
     *
     * @param study the robustness study
     * @param gates the gates, each on a robustness metric
     * @param level the confidence level of the intervals
     * @return one result per gate, in the same order
     * @throws IllegalArgumentException naming the gate and the corruption when the study has no corruption of that
     *         name, or naming a gate that is not on a robustness metric
     */
    public static List<GateResult> evaluate(Robustness study, List<QualityGate> gates, double level) {
        Objects.requireNonNull(study, "study");
        Intervals.checkLevel(level);
        return gates.stream().map(gate -> new GateResult(gate, measure(study, gate, level))).toList();
    }

    /**
     * Measures a robustness gate's metric on a study.
     *
     * @param study the robustness study
     * @param gate the gate
     * @param level the confidence level
     * @return the interval and the cells behind it, for example {@code "5 severities of 1,000 examples"} for one
     *         corruption or {@code "15 standard corruptions of 1,000 examples"} for the mean corruption accuracy
     * @throws IllegalArgumentException naming the gate and the corruption when the study has no corruption of that
     *         name, or naming a gate that is not on a robustness metric
     */
    public static Measurement measure(Robustness study, QualityGate gate, double level) {
        GateMetric metric = gate.metric();
        if (metric.corruption().isPresent()) {
            String corruption = metric.corruption().get();
            if (!study.corruptions().contains(corruption)) {
                throw new IllegalArgumentException("gate " + gate.name() + ": no corruption is named '" + corruption
                        + "' in this robustness study; its corruptions are " + String.join(", ",
                                study.corruptions()));
            }
            int severities = study.cells(corruption).size();
            return new Measurement(study.corruptionAccuracy(corruption, level), Formats.format(
                    "%d %s of %,d examples", severities, severities == 1 ? "severity" : "severities",
                    study.examples()));
        }
        if (metric.equals(GateMetric.MEAN_CORRUPTION_ACCURACY)) {
            int standard = study.standardCorruptions().size();
            return new Measurement(study.meanCorruptionAccuracy(level), Formats.format(
                    "%d standard %s of %,d examples", standard, standard == 1 ? "corruption" : "corruptions",
                    study.examples()));
        }
        throw new IllegalArgumentException("gate " + gate.name() + " is on " + metric.key()
                + ", not on a robustness study's corruption accuracy; judge it with GateEvaluator");
    }

    /**
     * Gives the writer of gate results that {@code RobustnessJson} takes: the {@code gates} array of
     * {@link GateJson}.
     *
     * @param results the results, in order
     * @return the writer of {@code "gates": [...]}
     */
    public static JsonCodec.Fields json(List<GateResult> results) {
        List<GateResult> copy = List.copyOf(results);
        return g -> GateJson.write(g, copy);
    }
}
