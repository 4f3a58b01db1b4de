package com.example.consumer;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.ErrorAnalysis;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A user's program: its own classifier, its own labelled data, and the analysis of what it gets wrong. */
public final class Main {

    private Main() {
    }

    /**
     * Analyses a classifier that reads the class straight from the feature vector, on data with two planted
     * mistakes.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        // features: one-hot of the class each example "looks like"; labels: the truth (examples 1 and 4 mislabelled)
        int[] looksLike = {0, 1, 2, 0, 1, 2, 0, 1};
        int[] truth = {0, 2, 2, 0, 0, 2, 0, 1};
        INDArray features = Nd4j.zeros(looksLike.length, 3);
        INDArray labels = Nd4j.zeros(truth.length, 3);
        for (int i = 0; i < looksLike.length; i++) {
            features.putScalar(i, looksLike[i], 1);
            labels.putScalar(i, truth[i], 1);
        }
        Classifier mine = x -> Transforms.softmax(x.mul(3), true);
        ErrorAnalysis analysis = ErrorAnalysis.of(mine, new DataSet(features, labels));
        ErrorAnalysis named = ErrorAnalysis.fromPredictions(mine.probabilities(features), truth,
                List.of("cat", "dog", "frog"));
        System.out.println(named.summary());
        if (analysis.wrong().size() != 2 || named.accuracy() != 0.75 || !named.hardest().name().equals("frog")) {
            throw new IllegalStateException("unexpected analysis: " + named.summary());
        }
        System.out.println("consumer: wrong " + java.util.Arrays.toString(named.wrong().indexes()) + ", hardest "
                + named.hardest().name());
    }
}
