package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One example the model got wrong: where it came from, what it is, what the model said and how sure it was.
 *
 * @param index the example's index in the analysis (its position in the test set, from 0)
 * @param origin the example's origin (the test set's metadata, as text), when the test set provided one
 * @param trueClass the index of the true class
 * @param trueClassName the name of the true class
 * @param predictedClass the index of the predicted class (the most probable, lowest index on ties)
 * @param predictedClassName the name of the predicted class
 * @param confidence the probability of the predicted class
 * @param trueClassProbability the probability the model gave the true class
 * @param margin the confidence minus the probability of the runner-up class
 * @param top the (at most) three most probable classes, most probable first
 */
public record WrongPrediction(int index, Optional<String> origin, int trueClass, String trueClassName,
        int predictedClass, String predictedClassName, double confidence, double trueClassProbability,
        double margin, List<ClassProbability> top) {

    /**
     * Checks and copies the components.
     *
     * @param index the example's index in the analysis
     * @param origin the example's origin, if any
     * @param trueClass the index of the true class
     * @param trueClassName the name of the true class
     * @param predictedClass the index of the predicted class
     * @param predictedClassName the name of the predicted class
     * @param confidence the probability of the predicted class
     * @param trueClassProbability the probability of the true class
     * @param margin the confidence minus the runner-up's probability
     * @param top the most probable classes, most probable first
     */
    public WrongPrediction {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(trueClassName, "trueClassName");
        Objects.requireNonNull(predictedClassName, "predictedClassName");
        top = List.copyOf(top);
    }

    /**
     * Describes one example of an analysis (wrong or not): its classes, confidence, margin and top three.
     *
     * @param context the analysis's context
     * @param example the example index, from 0
     * @return the description
     */
    static WrongPrediction of(AnalysisContext context, int example) {
        int classes = context.classCount();
        float[] probs = context.probs();
        List<String> names = context.classNames();
        int off = Objects.checkIndex(example, context.examples()) * classes;
        List<ClassProbability> top = ClassProbability.top(probs, off, classes, 3, names);
        int t = context.labels()[example];
        int p = context.predicted()[example];
        double confidence = probs[off + p];
        double margin = confidence - (double) probs[off + top.get(1).classIndex()];
        return new WrongPrediction(example, context.origin(example), t, names.get(t), p, names.get(p), confidence, probs[off + t],
                margin, top);
    }

    /**
     * Reads as {@code "#17 (origin) cat predicted as dog 0.8123 (margin 0.6000; top dog 0.81, cat 0.10, ...)"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return "#" + index + origin.map(o -> " (" + o + ")").orElse("") + " " + trueClassName
                + " predicted as " + predictedClassName + " " + Formats.ratio(confidence)
                + " (margin " + Formats.ratio(margin) + "; top " + top + ")";
    }
}
