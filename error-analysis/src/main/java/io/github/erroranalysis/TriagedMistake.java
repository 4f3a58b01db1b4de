package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.Objects;
import java.util.Optional;

/**
 * One wrong prediction, triaged: a likely label issue, an ambiguous picture or a confident model error.
 *
 * @param index the example's index in the test set, from 0
 * @param origin the example's origin, when the test set provided one
 * @param givenClass the index of the given label (the test set's true class)
 * @param givenClassName the name of the given label
 * @param predictedClass the index of the predicted class
 * @param predictedClassName the name of the predicted class
 * @param givenClassProbability the probability the model gave the given label (its self-confidence)
 * @param confidence the probability of the predicted class
 * @param margin the confidence minus the probability of the second most probable class
 * @param labelQuality the normalized margin {@code p(given) - max over other classes p(other)}, from -1 to 0
 *                     for a wrong prediction; the lower, the more suspect the label
 * @param kind the kind of mistake
 * @param suggestedLabel for a likely label issue, the class the model confidently sees (with its probability)
 */
public record TriagedMistake(int index, Optional<String> origin, int givenClass, String givenClassName,
        int predictedClass, String predictedClassName, double givenClassProbability, double confidence,
        double margin, double labelQuality, MistakeKind kind, Optional<ClassProbability> suggestedLabel) {

    /**
     * Checks the components.
     *
     * @param index the example index
     * @param origin the origin, if any
     * @param givenClass the given label's index
     * @param givenClassName the given label's name
     * @param predictedClass the predicted class index
     * @param predictedClassName the predicted class name
     * @param givenClassProbability the probability of the given label
     * @param confidence the probability of the predicted class
     * @param margin the top-two margin
     * @param labelQuality the normalized margin of the given label
     * @param kind the kind of mistake
     * @param suggestedLabel the suggested label of a likely label issue
     */
    public TriagedMistake {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(givenClassName, "givenClassName");
        Objects.requireNonNull(predictedClassName, "predictedClassName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(suggestedLabel, "suggestedLabel");
    }

    /**
     * Reads as {@code "#17 (origin) labelled cat, predicted dog 0.9500: likely label issue (cat 0.0100; looks like
     * dog 0.9500)"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return "#" + index + origin.map(o -> " (" + o + ")").orElse("") + " labelled " + givenClassName + ", predicted "
                + predictedClassName + " " + Formats.ratio(confidence) + ": " + kind + " (" + givenClassName + " "
                + Formats.ratio(givenClassProbability) + ", margin " + Formats.ratio(margin)
                + suggestedLabel.map(s -> "; looks like " + s).orElse("") + ")";
    }
}
