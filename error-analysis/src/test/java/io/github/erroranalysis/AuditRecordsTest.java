package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that the audit's records refuse inconsistent components, naming the value. */
class AuditRecordsTest {

    private static final ScoreEffect EFFECT = ScoreEffect.of(new boolean[4], new boolean[4], 0.95);

    private static final List<SliceCondition> ONE = List.of(SliceCondition.lowest("x", 0.1, 0, 1));

    private static DuplicateAudit audit(double threshold, int trainingExamples, int trainingExcluded) {
        return new DuplicateAudit(List.of(), List.of(), List.of(), threshold, "d", trainingExamples, trainingExcluded,
                EFFECT);
    }

    @Test
    void a_duplicate_audit_needs_a_finite_threshold_at_least_0_counts_at_least_0_and_its_lists() {
        assertThatCode(() -> audit(0, 0, 0)).doesNotThrowAnyException();
        assertThat(audit(0.25, 10, 2).threshold()).isEqualTo(0.25);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.1}) {
            assertThatThrownBy(() -> audit(bad, 10, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("threshold").hasMessageEndingWith("but is " + bad);
        }
        assertThatThrownBy(() -> audit(0.1, -1, 0)).hasMessageContaining("trainingExamples is -1");
        assertThatThrownBy(() -> audit(0.1, 5, -2)).hasMessageContaining("trainingExcluded is -2");
        assertThatThrownBy(() -> new DuplicateAudit(null, List.of(), List.of(), 0.1, "d", 1, 0, EFFECT))
                .isInstanceOf(NullPointerException.class).hasMessage("nearest");
        assertThatThrownBy(() -> new DuplicateAudit(List.of(), null, List.of(), 0.1, "d", 1, 0, EFFECT))
                .isInstanceOf(NullPointerException.class).hasMessage("duplicates");
        assertThatThrownBy(() -> new DuplicateAudit(List.of(), List.of(), null, 0.1, "d", 1, 0, EFFECT))
                .isInstanceOf(NullPointerException.class).hasMessage("withinTestDuplicates");
    }

    private static Slice slice(List<SliceCondition> conditions, int[] members, int correct, Interval accuracy,
            int restSupport, double restAccuracy, double p, double q) {
        return new Slice("cat, x in the lowest 10 %", "cat", conditions, members, correct, accuracy, restSupport,
                restAccuracy, p, q);
    }

    private static Slice slice(int[] members, int correct) {
        return slice(ONE, members, correct, Intervals.wilson(correct, members.length, 0.95), 7, 0.5, 0.01, 0.04);
    }

    @Test
    void a_slice_refuses_inconsistent_counts_and_values() {
        Interval twoOfThree = Intervals.wilson(2, 3, 0.95);
        int[] three = {1, 3, 5};
        assertThat(slice(three, 2).support()).isEqualTo(3);
        assertThatThrownBy(() -> slice(ONE, three, 4, twoOfThree, 7, 0.5, 0.01, 0.04)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slice \"cat, x in the lowest 10 %\" has 4 correct members, but must have from 0 to 3");
        assertThatThrownBy(() -> slice(ONE, three, -1, twoOfThree, 7, 0.5, 0.01, 0.04)).hasMessageContaining("-1 correct");
        assertThatThrownBy(() -> slice(ONE, three, 1, twoOfThree, 7, 0.5, 0.01, 0.04))
                .hasMessageContaining("the accuracy 0.666").hasMessageContaining("1 correct of 3 members is 0.333");
        assertThatThrownBy(() -> slice(ONE, three, 2, twoOfThree, 0, 0.5, 0.01, 0.04))
                .hasMessageContaining("a rest of 0 examples");
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> slice(ONE, three, 2, twoOfThree, 7, bad, 0.01, 0.04))
                    .hasMessageContaining("the rest accuracy " + bad);
            assertThatThrownBy(() -> slice(ONE, three, 2, twoOfThree, 7, 0.5, bad, 0.04))
                    .hasMessageContaining("the p-value " + bad);
            assertThatThrownBy(() -> slice(ONE, three, 2, twoOfThree, 7, 0.5, 0.01, bad))
                    .hasMessageContaining("the q-value " + bad);
        }
        assertThatThrownBy(() -> slice(new int[] {1, 3, 3}, 2)).hasMessageContaining("member 2 is example 3")
                .hasMessageContaining("(member 1 is 3)");
        assertThatThrownBy(() -> slice(new int[] {4, 2}, 1)).hasMessageContaining("member 1 is example 2");
        assertThatThrownBy(() -> slice(new int[] {-1, 2}, 1)).hasMessageContaining("member 0 is example -1");
        assertThatThrownBy(() -> slice(new int[0], 0)).hasMessageContaining("has no members");
        assertThatThrownBy(() -> slice(List.of(), three, 2, twoOfThree, 7, 0.5, 0.01, 0.04))
                .hasMessageContaining("has 0 conditions");
        SliceCondition c = SliceCondition.highest("y", 0.3, 0, 1);
        assertThat(slice(List.of(ONE.get(0), c), three, 2, twoOfThree, 7, 0.5, 0.01, 0.04).conditions()).hasSize(2);
        assertThatThrownBy(() -> slice(List.of(ONE.get(0), c, c), three, 2, twoOfThree, 7, 0.5, 0.01, 0.04))
                .hasMessageContaining("has 3 conditions");
    }

    @Test
    void a_condition_refuses_quantiles_and_values_that_do_not_fit_its_kind() {
        assertThatThrownBy(() -> new SliceCondition("hue", 0, 1, 2, 3, "blue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on hue blue").hasMessageContaining("must be equal, but are 2.0 and 3.0");
        assertThatThrownBy(() -> new SliceCondition("hue", 0, 1, Double.NaN, Double.NaN, "blue"))
                .hasMessageContaining("but are NaN and NaN");
        assertThatThrownBy(() -> new SliceCondition("hue", 0, 0.5, 2, 2, "blue"))
                .hasMessageContaining("quantiles must be 0 and 1, but are 0.0 and 0.5");
        assertThatThrownBy(() -> new SliceCondition("x", 0.3, 0.3, 1, 2, null))
                .hasMessageContaining("0 <= lower < upper <= 1, but are 0.3 and 0.3");
        assertThatThrownBy(() -> new SliceCondition("x", -0.1, 0.3, 1, 2, null)).hasMessageContaining("-0.1 and 0.3");
        assertThatThrownBy(() -> new SliceCondition("x", 0.7, 1.1, 1, 2, null)).hasMessageContaining("0.7 and 1.1");
        assertThatThrownBy(() -> new SliceCondition("x", Double.NaN, 0.3, 1, 2, null)).hasMessageContaining("NaN and 0.3");
        assertThatThrownBy(() -> new SliceCondition("x", 0, 0.3, 2, 1, null)).hasMessageContaining("lower value 2.0");
        assertThat(new SliceCondition("x", 0, 1, 1, 1, null).inWords()).isEqualTo("x at any value");
    }
}
