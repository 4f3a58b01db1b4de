package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stage 7's answer to the course's question "a confident wrong prediction or a low-confidence one: which is more
 * dangerous?", drawn from the numbers of small analyses whose mistakes are all confident, all unsure, or none.
 */
class Stage7AnswerTest {

    /** {@code n} examples of two classes, confidence {@code confidence[i]}, wrong where {@code wrong[i]}. */
    private static ErrorAnalysis analysis(float[] confidence, boolean[] wrong) {
        float[][] p = new float[confidence.length][2];
        int[] truth = new int[confidence.length];
        for (int i = 0; i < confidence.length; i++) {
            p[i][0] = confidence[i];
            p[i][1] = 1 - confidence[i];
            truth[i] = wrong[i] ? 1 : 0;
        }
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), truth, List.of("cat", "dog"));
    }

    /** Ten examples at confidence 0.96 down to 0.60; the {@code wrong} ones are wrong. */
    private static ErrorAnalysis ten(int... wrongAt) {
        float[] confidence = new float[10];
        boolean[] wrong = new boolean[10];
        for (int i = 0; i < 10; i++) {
            confidence[i] = 0.96f - 0.04f * i;
        }
        for (int i : wrongAt) {
            wrong[i] = true;
        }
        return analysis(confidence, wrong);
    }

    @Test
    void confident_mistakes_are_counted_and_refusing_unsure_answers_is_said_not_to_catch_them() {
        // GIVEN the two most confident answers (0.96, 0.92) and the least confident (0.60) are wrong
        ErrorAnalysis analysis = ten(0, 1, 9);
        // WHEN
        String answer = Stage7ErrorAnalysis.moreDangerousMistake(analysis);
        // THEN two of the three mistakes are at least 90 % confident; refusing the two least confident (a fifth)
        // leaves 2 errors among 8
        assertThat(answer).isEqualTo("Which mistake is more dangerous? The confident one: refusing unsure answers (or "
                + "sending them to a person) catches low-confidence mistakes, but 2 of the 3 wrong predictions "
                + "(66.7 %) have confidence at least 90 % and would still be answered, with nothing to warn the user. "
                + analysis.selectivePrediction().inWords());
        assertThat(analysis.selectivePrediction().inWords()).startsWith("Refusing the 20 % least confident answers "
                + "cuts the error rate from 30.0 % to 25.0 %.");
    }

    @Test
    void when_every_mistake_is_unsure_refusing_can_catch_them_all() {
        ErrorAnalysis analysis = ten(8, 9);
        String answer = Stage7ErrorAnalysis.moreDangerousMistake(analysis);
        assertThat(answer).startsWith("Which mistake is more dangerous? The confident one, and there is none here: "
                + "none of the 2 wrong predictions has confidence at least 90 %, so refusing unsure answers (or "
                + "sending them to a person) can catch every mistake. Refusing the 20 % least confident answers cuts "
                + "the error rate from 20.0 % to 0.0 %.");
    }

    @Test
    void without_mistakes_neither_shows() {
        assertThat(Stage7ErrorAnalysis.moreDangerousMistake(ten())).startsWith("Which mistake is more dangerous? "
                + "Neither shows here: every prediction is right.");
    }
}
