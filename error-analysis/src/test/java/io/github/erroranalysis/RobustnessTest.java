package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.QualityGate;
import io.github.erroranalysis.gate.RobustnessGates;
import io.github.erroranalysis.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A robustness study of four examples, computed by hand: corruptions a and b (standard) and x (extra), each at
 * severities 1 and 2.
 */
class RobustnessTest {

    /** The two classes. */
    static final List<String> NAMES = List.of("cat", "dog");

    /** The four examples' true classes. */
    static final int[] LABELS = {0, 0, 1, 1};

    /** An analysis whose example i is right where {@code right[i]} is 1. */
    static ErrorAnalysis right(int... right) {
        int[] predicted = new int[LABELS.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = right[i] == 1 ? LABELS[i] : 1 - LABELS[i];
        }
        return Analyses.predicting(predicted, LABELS, NAMES);
    }

    /** The six cells, corruption a at severity 2 right where {@code a2} says. */
    static List<RobustnessCell> cells(int[] a2) {
        List<RobustnessCell> cells = new ArrayList<>();
        cells.add(new RobustnessCell("a", 1, true, right(1, 1, 1, 0)));
        cells.add(new RobustnessCell("a", 2, true, right(a2)));
        cells.add(new RobustnessCell("b", 1, true, right(1, 1, 0, 0)));
        cells.add(new RobustnessCell("b", 2, true, right(0, 0, 0, 0)));
        cells.add(new RobustnessCell("x", 1, false, right(1, 1, 1, 1)));
        cells.add(new RobustnessCell("x", 2, false, right(1, 1, 0, 1)));
        return cells;
    }

    /** The study of the hand computation: corruption seed 7, the default bootstrap. */
    static Robustness study() {
        return Robustness.of(right(1, 1, 1, 1), cells(new int[] {1, 0, 1, 0}), 7L, Bootstrap.defaults());
    }

    @Test
    void figuresByHand() {
        Robustness r = study();
        assertThat(r.corruptions()).containsExactly("a", "b", "x");
        assertThat(r.standardCorruptions()).containsExactly("a", "b");
        assertThat(r.extraCorruptions()).containsExactly("x");
        assertThat(r.severities()).containsExactly(1, 2);
        assertThat(r.seed()).isEqualTo(7L);
        assertThat(r.cell("a", 2).accuracy()).isEqualTo(0.5);
        assertThat(r.corruptionAccuracy("a")).isEqualTo(0.625);
        assertThat(r.corruptionAccuracy("b", 0.95).estimate()).isEqualTo(0.25);
        Interval mean = r.meanCorruptionAccuracy(0.95);
        assertThat(mean.estimate()).isEqualTo(0.4375);
        // the examples' scores are 0.75, 0.5, 0.5 and 0: a resample's mean lies between 0 and 0.75
        assertThat(mean.lower()).isBetween(0.0, 0.4375);
        assertThat(mean.upper()).isBetween(0.4375, 0.75);
        assertThat(mean.method()).startsWith("percentile bootstrap, 1000 resamples, seed 42");
        assertThat(r.meanExtraAccuracy(0.95).estimate()).isEqualTo(0.875);
        assertThat(r.relativeDrop()).isEqualTo(0.5625);
        assertThat(r.worstCorruption()).isEqualTo("b");
        assertThat(r.perClassAccuracy("a")).containsExactly(0.75, 0.5);
        assertThat(r.cell("a", 1).accuracyInterval(0.95)).isEqualTo(io.github.erroranalysis.stats.Intervals
                .wilson(3, 4, 0.95));
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        assertThat(study().meanCorruptionAccuracy(0.9)).isEqualTo(study().meanCorruptionAccuracy(0.9));
    }

    @Test
    void comparisonByHand() {
        Robustness a = study();
        Robustness b = Robustness.of(right(1, 1, 1, 1), cells(new int[] {1, 1, 1, 1}));
        RobustnessComparison c = a.compareWith(b);
        RobustnessComparison.CellDifference a2 = c.cells().get(1);
        assertThat(a2.corruption()).isEqualTo("a");
        assertThat(a2.severity()).isEqualTo(2);
        assertThat(a2.difference()).isEqualTo(0.5);
        assertThat(a2.test().rightToWrong()).isZero();
        assertThat(a2.test().wrongToRight()).isEqualTo(2);
        assertThat(a2.test().pValue()).isEqualTo(0.5);
        assertThat(c.cells().get(0).test().pValue()).isEqualTo(1.0);
        assertThat(c.corruptionDifference("a", 0.95).estimate()).isEqualTo(0.25);
        assertThat(c.corruptionDifference("b", 0.95).estimate()).isZero();
        Interval mean = c.meanCorruptionDifference(0.95);
        assertThat(mean.estimate()).isCloseTo(0.125, within(1e-15));
        assertThat(mean.lower()).isBetween(0.0, 0.125);
        assertThat(mean.method()).startsWith("paired percentile bootstrap");
        assertThat(c.cells("a")).hasSize(2);
    }

    @Test
    void refusesStudiesThatDoNotMatch() {
        ErrorAnalysis clean = right(1, 1, 1, 1);
        List<RobustnessCell> twice = List.of(new RobustnessCell("a", 1, true, clean),
                new RobustnessCell("a", 1, true, clean));
        assertThatThrownBy(() -> Robustness.of(clean, twice)).hasMessage("robustness cell a 1 appears twice");
        ErrorAnalysis otherLabels = Analyses.predicting(new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1}, NAMES);
        assertThatThrownBy(() -> Robustness.of(clean, List.of(new RobustnessCell("a", 1, true, otherLabels))))
                .hasMessage("robustness cell a 1 labels example 1 dog but the clean analysis labels it cat");
        ErrorAnalysis otherNames = Analyses.predicting(new int[] {0, 0, 1, 1}, LABELS, List.of("cat", "frog"));
        assertThatThrownBy(() -> Robustness.of(clean, List.of(new RobustnessCell("a", 1, true, otherNames))))
                .hasMessage("robustness cell a 1 has the classes [cat, frog] but the clean analysis has [cat, dog]");
        ErrorAnalysis fewer = Analyses.predicting(new int[] {0}, new int[] {0}, NAMES);
        assertThatThrownBy(() -> Robustness.of(clean, List.of(new RobustnessCell("a", 1, true, fewer))))
                .hasMessage("robustness cell a 1 has 1 examples but the clean analysis has 4");
        assertThatThrownBy(() -> Robustness.of(clean, List.of(new RobustnessCell("a", 1, true, clean),
                new RobustnessCell("a", 2, false, clean))))
                .hasMessage("robustness cell a 2 says the corruption is extra but an earlier cell of it says standard");
        assertThatThrownBy(() -> Robustness.of(clean, List.of()))
                .hasMessage("a robustness study needs at least one cell (corruption, severity)");
        assertThatThrownBy(() -> new RobustnessCell("a", 0, true, clean))
                .hasMessage("the severity of robustness cell a must be at least 1, but is 0");
        assertThatThrownBy(() -> study().corruptionAccuracy("fgo"))
                .hasMessage("no corruption is named 'fgo' in this robustness study; its corruptions are a, b, x");
        assertThatThrownBy(() -> study().cell("a", 5))
                .hasMessage("the robustness study has no cell a 5; its severities of a are [1, 2]");
        Robustness fewerCells = Robustness.of(clean, cells(new int[] {1, 0, 1, 0}).subList(0, 5));
        assertThatThrownBy(() -> study().compareWith(fewerCells)).hasMessage("cannot compare robustness studies of "
                + "different cells: the baseline's has 6 cells but the candidate's has 5");
    }

    @Test
    void gatesAreJudgedAndWordedAsTheQualityGates() {
        Robustness r = study();
        List<GateResult> results = RobustnessGates.evaluate(r, List.of(
                QualityGate.corruptionAccuracyAtLeast("a", 0.6).named("--min-corruption-accuracy a=0.6"),
                QualityGate.corruptionAccuracyAtLeast("b", 0.3),
                QualityGate.meanCorruptionAccuracyAtLeast(0.4).named("--min-mean-corruption-accuracy 0.4"),
                QualityGate.meanCorruptionAccuracyAtLeast(0.4).onPessimisticBound()));
        assertThat(results).extracting(GateResult::passed).containsExactly(true, false, true, false);
        assertThat(results.get(0).actual()).isEqualTo(0.625);
        assertThat(results.get(0).message()).startsWith("passed --min-corruption-accuracy a=0.6: accuracy under a "
                + "(mean over severities) 0.6250 [").endsWith("2 severities of 4 examples, required at least 0.6000");
        assertThat(results.get(1).message()).startsWith("FAILED accuracy under b (mean over severities) at least "
                + "0.3000: accuracy under b (mean over severities) 0.2500 [");
        assertThat(results.get(2).message()).startsWith("passed --min-mean-corruption-accuracy 0.4: mean corruption "
                + "accuracy (standard corruptions) 0.4375 [");
        assertThat(results.get(3).actual()).isEqualTo(r.meanCorruptionAccuracy(0.95).lower());
        assertThatThrownBy(() -> RobustnessGates.evaluate(r, List.of(
                QualityGate.corruptionAccuracyAtLeast("fgo", 0.5).named("--min-corruption-accuracy fgo=0.5"))))
                .hasMessage("gate --min-corruption-accuracy fgo=0.5: no corruption is named 'fgo' in this robustness "
                        + "study; its corruptions are a, b, x");
        assertThatThrownBy(() -> RobustnessGates.evaluate(r, List.of(QualityGate.accuracyAtLeast(0.5))))
                .hasMessageStartingWith("gate accuracy at least 0.5000 is on accuracy, not on a robustness study's");
        assertThatThrownBy(() -> io.github.erroranalysis.gate.GateEvaluator.of(r.clean())
                .evaluate(QualityGate.meanCorruptionAccuracyAtLeast(0.5)))
                .hasMessageStartingWith("a gate on meanCorruptionAccuracy is judged on a robustness study");
    }
}
