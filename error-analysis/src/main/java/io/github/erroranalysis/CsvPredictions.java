package io.github.erroranalysis;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predictions and labels read together from two CSV files by {@link PredictionFiles#readCsv(java.nio.file.Path,
 * java.nio.file.Path)}, ready for {@link ErrorAnalysis#fromPredictions(INDArray, INDArray, java.util.List)} or
 * {@link ErrorAnalysis#fromLogits(INDArray, INDArray, java.util.List)}.
 *
 * @param scores the N×C probabilities or logits, as double (the file's digits kept; the analysis narrows them
 *               to float after its checks and softmax, in double)
 * @param labels the N class indices, as a vector of longs (narrowed, with a check, by the analysis)
 */
public record CsvPredictions(INDArray scores, INDArray labels) {

    /**
     * Checks that both parts are there.
     *
     * @param scores the N×C scores
     * @param labels the N labels
     */
    public CsvPredictions {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
    }
}
