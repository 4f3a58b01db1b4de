package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gates' help says they judge (the estimate; the interval's pessimistic end only with
 * {@code --gate-on-lower-bound}), and that after a temperature the gates and the Selective prediction section say
 * their thresholds are scaled confidences.
 */
class SelectiveGateWordsCliTest {

    @TempDir
    Path dir;

    @Test
    void the_help_says_the_gates_judge_the_estimate_unless_gate_on_lower_bound() {
        // WHEN
        Cli.Result help = Cli.run(dir, "analyze", "--help");
        // THEN (picocli wraps the lines: compare with the spaces made one)
        String words = help.out().replaceAll("\\s+", " ");
        assertThat(words).doesNotContain("judged on its bootstrap interval")
                .doesNotContain("judged on the coverage's bootstrap interval")
                .contains("--max-aurc=X Gate: AURC").contains("judged on the estimate (with --gate-on-lower-bound on "
                        + "its bootstrap interval's upper bound); after a temperature, of the scaled confidences.")
                .contains("judged on the estimated coverage (with --gate-on-lower-bound on its bootstrap interval's "
                        + "lower bound); after a temperature, its confidence threshold is of the scaled confidences")
                .contains("least X, judged on the estimate (with --gate-on-lower-bound on its interval's lower "
                        + "bound)")
                .contains("logLoss=1.2), judged on the estimate (with --gate-on-lower-bound on its interval's upper "
                        + "bound)");
    }

    @Test
    void after_a_temperature_the_gates_and_the_section_say_the_thresholds_are_scaled_confidences() throws Exception {
        // GIVEN
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        // WHEN
        Cli.Result scaled = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--temperature", "1.5", "--min-coverage-at-risk", "0.5=0.1", "--out", "scaled");
        Cli.Result plain = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--min-coverage-at-risk", "0.5=0.1", "--out", "plain");
        // THEN
        assertThat(scaled.exitCode()).as(scaled.err()).isZero();
        assertThat(scaled.out().lines()).contains("(the gates judged the analysis after temperature scaling, T = "
                + "1.500: a coverage-at-risk threshold is a scaled confidence, not one of the model's own)");
        assertThat(Files.readString(dir.resolve("scaled/report.md"))).contains("The confidences, and so every "
                + "threshold below, are after temperature scaling (T = 1.500): a threshold applies to the scaled "
                + "probabilities, not to the model's own");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).doesNotContain("after temperature scaling");
        assertThat(Files.readString(dir.resolve("plain/report.md"))).doesNotContain("after temperature scaling");
    }
}
