package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;

/** Finds the nearest training examples of explained examples in the model's penultimate-layer embedding. */
final class NearestTraining {

    /**
     * The neighbours of each explained example, and how many training records were left out.
     *
     * @param neighbours the neighbours of each example, nearest first
     * @param excluded the training records left out because the analysed data holds the same origin
     */
    record Result(Map<Integer, List<TrainingNeighbour>> neighbours, int excluded) {

        /** No neighbours. */
        static final Result EMPTY = new Result(Map.of(), 0);
    }

    private NearestTraining() {
    }

    /** Searches (TODO neighbours helper: embeddings, brute force, same-origin exclusion). */
    static Result search(Model model, ModelInputs inputs, ErrorAnalysis analysis, ModelInputs training,
            List<Integer> examples, int k) {
        return Result.EMPTY;
    }
}
