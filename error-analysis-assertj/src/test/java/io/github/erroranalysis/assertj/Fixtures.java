package io.github.erroranalysis.assertj;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/** Small analyses with known numbers for the assertion tests. */
final class Fixtures {

    static final List<String> CLASSES = List.of("cat", "dog", "frog");

    private Fixtures() {
    }

    /**
     * 20 examples: 15 right with confidence 0.6, 5 wrong with confidence 0.9 (examples 1 and 2: cat as dog; 3: frog
     * as cat; 4 and 5: dog as frog). Accuracy 0.75 [0.5313, 0.8881]; cat 2/4, dog 7/9, frog 6/7; ECE 0.525.
     */
    static ErrorAnalysis twenty() {
        int[] truth = new int[20];
        int[] predicted = new int[20];
        for (int i = 0; i < 20; i++) {
            truth[i] = i % 3 == 0 ? 2 : i < 10 ? 0 : 1;
            if (i >= 1 && i <= 5 && i != 3) {
                truth[i] = i <= 2 ? 0 : 1;
            }
            predicted[i] = i >= 1 && i <= 5 ? (truth[i] + 1) % 3 : truth[i];
        }
        return analysis(truth, predicted);
    }

    /** The twenty examples all predicted right, with confidence 0.6. */
    static ErrorAnalysis twentyAllRight() {
        ErrorAnalysis twenty = twenty();
        int[] truth = new int[20];
        for (int i = 0; i < 20; i++) {
            truth[i] = twenty.trueClass(i);
        }
        return analysis(truth, truth.clone());
    }

    /** {@code n} examples of class cat, the first {@code wrong} predicted as dog. */
    static ErrorAnalysis cats(int n, int wrong) {
        int[] truth = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < wrong; i++) {
            predicted[i] = 1;
        }
        return analysis(truth, predicted);
    }

    /**
     * 20 examples ranked well: confidence 0.99 down to 0.61 by 0.02, only the four least confident wrong (cat as
     * dog). risk(k) = 0 up to k = 16, then 1/17, 2/18, 3/19, 4/20; AURC = optimal AURC = 0.0264; coverage at risk
     * 5 % = 0.8 (confidence at least 0.69), at risk 10 % = 0.85, at risk 20 % = 1.
     */
    static ErrorAnalysis ranked() {
        float[][] probabilities = new float[20][CLASSES.size()];
        int[] truth = new int[20];
        for (int i = 0; i < 20; i++) {
            float confidence = 0.99f - 0.02f * i;
            int predicted = i >= 16 ? 1 : 0;
            for (int c = 0; c < CLASSES.size(); c++) {
                probabilities[i][c] = c == predicted ? confidence : (1 - confidence) / (CLASSES.size() - 1);
            }
        }
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(probabilities), truth, CLASSES);
    }

    /** Right predictions have confidence 0.6, wrong ones 0.9; the rest is shared by the other classes. */
    static ErrorAnalysis analysis(int[] truth, int[] predicted) {
        float[][] probabilities = new float[truth.length][CLASSES.size()];
        for (int i = 0; i < truth.length; i++) {
            float confidence = predicted[i] == truth[i] ? 0.6f : 0.9f;
            for (int c = 0; c < CLASSES.size(); c++) {
                probabilities[i][c] = c == predicted[i] ? confidence : (1 - confidence) / (CLASSES.size() - 1);
            }
        }
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(probabilities), truth, CLASSES);
    }
}
