package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.Objects;
import java.util.Optional;

/**
 * An example one model got right and the other wrong, with both models' predictions and confidences.
 *
 * @param index the example's index in the test set, from 0
 * @param origin the example's origin, when the test set provided one
 * @param trueClass the index of the true class
 * @param trueClassName the name of the true class
 * @param flip right → wrong (a regression) or wrong → right (a fix)
 * @param baselinePredicted the baseline's predicted class index
 * @param baselinePredictedName the baseline's predicted class name
 * @param baselineConfidence the baseline's probability of its predicted class
 * @param candidatePredicted the candidate's predicted class index
 * @param candidatePredictedName the candidate's predicted class name
 * @param candidateConfidence the candidate's probability of its predicted class
 */
public record FlippedExample(int index, Optional<String> origin, int trueClass, String trueClassName, Flip flip,
        int baselinePredicted, String baselinePredictedName, double baselineConfidence, int candidatePredicted,
        String candidatePredictedName, double candidateConfidence) {

    /**
     * Checks the components.
     *
     * @param index the example index
     * @param origin the origin, if any
     * @param trueClass the true class index
     * @param trueClassName the true class name
     * @param flip the direction of the flip
     * @param baselinePredicted the baseline's predicted class index
     * @param baselinePredictedName the baseline's predicted class name
     * @param baselineConfidence the baseline's confidence
     * @param candidatePredicted the candidate's predicted class index
     * @param candidatePredictedName the candidate's predicted class name
     * @param candidateConfidence the candidate's confidence
     */
    public FlippedExample {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(trueClassName, "trueClassName");
        Objects.requireNonNull(flip, "flip");
        Objects.requireNonNull(baselinePredictedName, "baselinePredictedName");
        Objects.requireNonNull(candidatePredictedName, "candidatePredictedName");
    }

    /**
     * Reads as {@code "#17 (test/cat/0017.png) cat: wrong → right; baseline dog 0.6100, candidate cat 0.8800"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return "#" + index + origin.map(o -> " (" + o + ")").orElse("") + " " + trueClassName + ": " + flip
                + "; baseline " + baselinePredictedName + " " + Formats.ratio(baselineConfidence) + ", candidate "
                + candidatePredictedName + " " + Formats.ratio(candidateConfidence);
    }
}
