package io.github.erroranalysis.assertj;

import static io.github.erroranalysis.assertj.ErrorAnalysisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricContext;
import io.github.erroranalysis.Metrics;
import io.github.erroranalysis.gate.GateEvaluator;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.QualityGate;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** hasMetricAtLeast and hasMetricAtMost: any number-valued metric, in the words of its quality gate. */
class ErrorAnalysisAssert_hasMetricAtLeast_Test {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    /** A metric of one's own: the share of examples of the first class. */
    record FirstClassShare() implements Metric<Double> {
        @Override
        public String name() {
            return "firstClassShare";
        }

        @Override
        public Double compute(MetricContext c) {
            long first = 0;
            for (int i = 0; i < c.examples(); i++) {
                first += c.trueClass(i) == 0 ? 1 : 0;
            }
            return (double) first / c.examples();
        }
    }

    @Test
    void should_pass_a_built_in_metric_at_its_value_and_a_metric_of_ones_own() {
        double macroF1 = analysis.metric(Metrics.macroF1());
        assertThat(analysis).hasMetricAtLeast(Metrics.macroF1(), macroF1)
                .hasMetricAtMost(Metrics.brierScore(), analysis.metric(Metrics.brierScore()))
                .hasMetricAtLeast(new FirstClassShare(), analysis.metric(new FirstClassShare()));
    }

    @Test
    void should_fail_naming_the_metric_with_its_bootstrap_interval_in_the_words_of_the_gate() {
        // GIVEN a threshold above the macro-F1
        double threshold = 0.99;
        // WHEN
        Throwable error = catchThrowable(() -> assertThat(analysis).hasMetricAtLeast(Metrics.macroF1(), threshold));
        // THEN the message says what the CLI's gate measured
        GateResult gate = GateEvaluator.of(analysis).evaluate(QualityGate.atLeast(Metrics.macroF1(), threshold));
        Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(String.format("%n"
                + "Expecting the macroF1 in%n"
                + "  analysis of 20 examples of 3 classes (cat, dog, frog)%n"
                + "to be at least:%n"
                + "  0.9900%n"
                + "but was:%n"
                + "  %s", analysis.interval(Metrics.macroF1())));
        Assertions.assertThat(gate.passed()).isFalse();
        Assertions.assertThat(error.getMessage()).contains("percentile bootstrap");
    }

    @Test
    void should_fail_a_loss_above_its_threshold() {
        Throwable error = catchThrowable(() -> assertThat(analysis).hasMetricAtMost(Metrics.logLoss(), 0.01));
        Assertions.assertThat(error).isInstanceOf(AssertionError.class)
                .hasMessageContaining(String.format("Expecting the logLoss in%n"))
                .hasMessageContaining(String.format("to be at most:%n  0.0100%n"));
    }

    @Test
    void should_throw_IllegalArgumentException_for_a_threshold_that_is_not_finite() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> assertThat(analysis).hasMetricAtLeast(Metrics.macroF1(), Double.NaN))
                .withMessage("the threshold of a gate on macroF1 must be a finite number, but is NaN");
    }
}
