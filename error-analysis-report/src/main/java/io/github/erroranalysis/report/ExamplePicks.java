package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic choices of examples for the example grids (the variants of the course's "three wrong images"):
 * each is a pure function of the analysis, ties going to the lowest example index. The most and least confident
 * wrong predictions are the core's one selection ({@link io.github.erroranalysis.WrongPredictions#mostConfident},
 * {@link io.github.erroranalysis.WrongPredictions#leastConfident}), the same the confidence bands use.
 */
public final class ExamplePicks {

    /** How many examples the course shows: three. */
    public static final int COURSE_COUNT = 3;

    private ExamplePicks() {
    }

    /**
     * Picks the first wrong predictions by example index, as the course inspects them.
     *
     * @param analysis the analysis
     * @param n how many at most
     * @return example indexes
     */
    public static List<Integer> firstWrong(ErrorAnalysis analysis, int n) {
        return analysis.wrong().first(n).stream().map(w -> w.index()).toList();
    }

    /**
     * Picks the most confident wrong predictions, most confident first.
     *
     * @param analysis the analysis
     * @param n how many at most
     * @return example indexes
     */
    public static List<Integer> mostConfidentWrong(ErrorAnalysis analysis, int n) {
        return analysis.wrong().mostConfident(n).stream().map(w -> w.index()).toList();
    }

    /**
     * Picks the least confident wrong predictions, least confident first.
     *
     * @param analysis the analysis
     * @param n how many at most
     * @return example indexes
     */
    public static List<Integer> leastConfidentWrong(ErrorAnalysis analysis, int n) {
        return analysis.wrong().leastConfident(n).stream().map(w -> w.index()).toList();
    }

    /**
     * Picks the first wrong predictions on examples of one true class.
     *
     * @param analysis the analysis
     * @param trueClass the true class index
     * @param n how many at most
     * @return example indexes
     */
    public static List<Integer> wrongOfClass(ErrorAnalysis analysis, int trueClass, int n) {
        return analysis.wrong().ofClass(trueClass).first(n).stream().map(w -> w.index()).toList();
    }

    /**
     * Picks the first examples of one true class predicted as one other class (a confusion-matrix cell, row true,
     * column predicted).
     *
     * @param analysis the analysis
     * @param trueClass the true class index
     * @param predictedClass the predicted class index
     * @param n how many at most
     * @return example indexes
     */
    public static List<Integer> wrongOfPair(ErrorAnalysis analysis, int trueClass, int predictedClass, int n) {
        return analysis.wrong().ofPair(trueClass, predictedClass).first(n).stream().map(w -> w.index()).toList();
    }

    /**
     * Picks the course's evidence check for one class: its most confident correct prediction next to its most
     * confident wrong one (fewer when the class has no correct or no wrong prediction).
     *
     * @param analysis the analysis
     * @param trueClass the true class index
     * @return at most two example indexes, the correct one first
     */
    public static List<Integer> correctNextToWrong(ErrorAnalysis analysis, int trueClass) {
        Objects.checkIndex(trueClass, analysis.classCount());
        int correct = -1;
        for (int i = 0; i < analysis.examples(); i++) {
            if (analysis.trueClass(i) == trueClass && analysis.predictedClass(i) == trueClass
                    && (correct < 0 || analysis.confidence(i) > analysis.confidence(correct))) {
                correct = i;
            }
        }
        List<Integer> out = new ArrayList<>(2);
        if (correct >= 0) {
            out.add(correct);
        }
        out.addAll(analysis.wrong().ofClass(trueClass).mostConfident(1).stream().map(w -> w.index()).toList());
        return List.copyOf(out);
    }

    /**
     * Gives the gallery's default order: every wrong prediction, most confident first, ties by example index.
     *
     * @param analysis the analysis
     * @return example indexes
     */
    public static List<Integer> galleryOrder(ErrorAnalysis analysis) {
        return galleryOrder(analysis, analysis.wrong().size());
    }

    /**
     * Gives the first examples of the gallery's default order: the most confident wrong predictions (the same as
     * {@link #mostConfidentWrong}), read from the core's confidence order without making a record per example.
     *
     * @param analysis the analysis
     * @param n how many at most
     * @return example indexes
     */
    public static List<Integer> galleryOrder(ErrorAnalysis analysis, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, but is " + n);
        }
        int[] order = analysis.wrong().byConfidence().indexes();
        return java.util.Arrays.stream(order, 0, Math.min(n, order.length)).boxed().toList();
    }
}
