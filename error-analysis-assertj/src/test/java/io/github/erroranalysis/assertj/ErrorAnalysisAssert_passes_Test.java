package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.gate.GateEvaluator;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.QualityGate;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ErrorAnalysisAssert_passes_Test {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    @Test
    void should_pass_a_gate_the_command_line_would_pass() {
        assertThat(analysis).passes(QualityGate.accuracyAtLeast(0.7).named("--min-accuracy 0.7"))
                .passes(QualityGate.classAccuracyAtLeast("frog", 0.5)).passes(QualityGate.eceAtMost(0.53));
    }

    @Test
    void should_fail_a_class_gate_on_its_lower_bound_in_the_words_of_the_gate() {
        // GIVEN cat is 2 of 4 right: the estimate 0.5 clears 0.4, the lower bound 0.1500 does not
        QualityGate gate = QualityGate.classAccuracyAtLeast("cat", 0.4).onPessimisticBound();
        assertThat(analysis).passes(QualityGate.classAccuracyAtLeast("cat", 0.4));
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).passes(gate));
        // THEN the message is made of the same parts as the CLI's line for the gate
        GateResult cli = GateEvaluator.of(analysis).evaluate(gate);
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting the lower bound of accuracy of class cat in%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "to be at least:%n"
                + "  0.4000%n"
                + "but was:%n"
                + "  0.1500 (accuracy of class cat 0.5000 [0.1500, 0.8500] (95%% Wilson), 2 of 4 right)"));
        Assertions.assertThat(cli.message()).isEqualTo("FAILED " + gate.name() + ": lower bound of accuracy of class "
                + "cat 0.1500 (accuracy of class cat 0.5000 [0.1500, 0.8500] (95% Wilson), 2 of 4 right), required "
                + "at least 0.4000");
    }

    @Test
    void should_fail_an_ece_gate_on_its_upper_bound() {
        Throwable error = catchThrowable(() -> assertThat(analysis).passes(QualityGate.eceAtMost(0.53)
                .onPessimisticBound()));
        Assertions.assertThat(error).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(String.format("%nExpecting the upper bound of expected calibration error in"))
                .hasMessageContaining(analysis.statistics().ece().toString());
    }

    @Test
    void should_throw_IllegalArgumentException_for_an_unknown_class() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(analysis)
                .passes(QualityGate.classAccuracyAtLeast("kat", 0.5)))
                .withMessage("no class is named 'kat'; the classes are cat, dog, frog");
    }
}
