package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TriageExpectedByChanceTest {

    /** Softmax of Gaussian logits of the given spread: the larger the spread, the more confident the model. */
    private static float[][] probabilities(int n, int classes, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] p = new float[n][classes];
        for (int i = 0; i < n; i++) {
            double[] z = new double[classes];
            for (int c = 0; c < classes; c++) {
                z[c] = random.nextGaussian() * spread;
            }
            Analyses.softmax(z, p[i]);
        }
        return p;
    }

    /** A label drawn from each example's predicted distribution: the labels of a calibrated model. */
    private static int[] drawLabels(float[][] p, SplittableRandom random) {
        int[] labels = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            double u = random.nextDouble();
            int c = 0;
            double acc = p[i][0];
            while (u >= acc && c < p[i].length - 1) {
                acc += p[i][++c];
            }
            labels[i] = c;
        }
        return labels;
    }

    private static List<String> names(int classes) {
        return java.util.stream.IntStream.range(0, classes).mapToObj(c -> "class" + c).toList();
    }

    /** The triage rule written out from its definition, with given thresholds. */
    private static boolean flagged(float[] p, int y, double[] thresholds, double low) {
        int top = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[top]) {
                top = c;
            }
        }
        if (y == top || !(p[y] < low)) {
            return false;
        }
        for (int j = 0; j < p.length; j++) {
            if (j != y && p[j] >= thresholds[j]) {
                return true;
            }
        }
        return false;
    }

    @Test
    void equals_a_brute_force_enumeration_of_every_labelling() {
        float[][] p = {
            {0.02f, 0.93f, 0.05f},
            {0.70f, 0.25f, 0.05f},
            {0.05f, 0.05f, 0.90f},
            {0.40f, 0.55f, 0.05f},
            {0.08f, 0.12f, 0.80f},
        };
        int[] given = {0, 0, 2, 1, 1};
        ErrorAnalysis analysis = Analyses.of(p, given, names(3));
        Triage triage = Triage.of(analysis, 0.1, 0.1);
        double[] t = triage.thresholds().stream().mapToDouble(Double::doubleValue).toArray();
        // every labelling of the 5 examples, weighted by its probability, its flags counted
        double brute = 0;
        int labellings = (int) Math.pow(3, p.length);
        for (int code = 0; code < labellings; code++) {
            double weight = 1;
            int flags = 0;
            int rest = code;
            for (float[] row : p) {
                int y = rest % 3;
                rest /= 3;
                weight *= row[y];
                flags += flagged(row, y, t, 0.1) ? 1 : 0;
            }
            brute += weight * flags;
        }
        assertThat(brute).isGreaterThan(0.05);
        assertThat(triage.expectedLabelIssuesByChance(analysis)).isCloseTo(brute, within(1e-7));
        // a looser cutoff flags more
        assertThat(Triage.of(analysis, 0.3, 0.1).expectedLabelIssuesByChance(analysis)).isGreaterThan(brute);
    }

    @Test
    void matches_the_mean_flag_count_of_labels_drawn_from_calibrated_probabilities() {
        int n = 4_000;
        float[][] p = probabilities(n, 10, 2.0, 11);
        SplittableRandom random = new SplittableRandom(12);
        ErrorAnalysis analysis = Analyses.of(p, drawLabels(p, random), names(10));
        double expected = analysis.triage().expectedLabelIssuesByChance(analysis);
        int draws = 40;
        double sum = 0;
        for (int r = 0; r < draws; r++) {
            ErrorAnalysis drawn = Analyses.of(p, drawLabels(p, random), names(10));
            sum += Triage.of(drawn).count(MistakeKind.LIKELY_LABEL_ISSUE);
        }
        double mean = sum / draws;
        assertThat(expected).isGreaterThan(50);
        // the count of one draw is a sum of independent flags (variance at most the mean); the thresholds move a
        // little between draws, hence 2 % on top of four standard errors
        assertThat(mean).isCloseTo(expected, within(4 * Math.sqrt(expected / draws) + 0.02 * expected));
    }

    @Test
    void planted_label_errors_are_flagged_above_chance() {
        int n = 4_000;
        float[][] p = probabilities(n, 10, 3.0, 21);
        SplittableRandom random = new SplittableRandom(22);
        int[] labels = drawLabels(p, random);
        for (int i = 0; i < n; i += 10) { // every tenth label replaced by a class the model finds unlikely
            int least = 0;
            for (int c = 1; c < 10; c++) {
                if (p[i][c] < p[i][least]) {
                    least = c;
                }
            }
            labels[i] = least;
        }
        ErrorAnalysis analysis = Analyses.of(p, labels, names(10));
        Triage triage = analysis.triage();
        // about 300 flags expected by chance here, about 570 flagged: the excess is most of the 400 planted errors
        assertThat(triage.count(MistakeKind.LIKELY_LABEL_ISSUE) - triage.expectedLabelIssuesByChance(analysis))
                .isGreaterThan(0.5 * n / 10);
    }

    @Test
    void refuses_another_analysis() {
        ErrorAnalysis small = Analyses.of(probabilities(5, 3, 1, 1), new int[5], names(3));
        ErrorAnalysis other = Analyses.of(probabilities(6, 3, 1, 1), new int[6], names(3));
        assertThatThrownBy(() -> small.triage().expectedLabelIssuesByChance(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the triage is of 5 examples and 3 classes, but the analysis has 6 examples and 3 classes");
    }
}
