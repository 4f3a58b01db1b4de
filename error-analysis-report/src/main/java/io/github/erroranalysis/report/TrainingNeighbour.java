package io.github.erroranalysis.report;

import java.util.Objects;
import java.util.Optional;

/**
 * One of the training examples nearest to an analysed example in the model's own embedding (its penultimate
 * layer): "it looks like these training trucks".
 *
 * @param trainIndex the record's position in the training data as read, from 0
 * @param trainOrigin where the record came from (file and record), if known
 * @param trueClass the training example's label (class index)
 * @param distance the Euclidean distance between the two embeddings
 * @param identical whether its model input is exactly the analysed example's (the same image in the training data)
 */
public record TrainingNeighbour(int trainIndex, Optional<String> trainOrigin, int trueClass, double distance,
        boolean identical) {

    /**
     * Gives a neighbour that is not the same image as the analysed example.
     *
     * @param trainIndex the position in the training data
     * @param trainOrigin the origin, or empty
     * @param trueClass the label
     * @param distance the distance, not negative
     */
    public TrainingNeighbour(int trainIndex, Optional<String> trainOrigin, int trueClass, double distance) {
        this(trainIndex, trainOrigin, trueClass, distance, false);
    }

    /**
     * Checks the components.
     *
     * @param trainIndex the position in the training data
     * @param trainOrigin the origin, or empty
     * @param trueClass the label
     * @param distance the distance, not negative
     * @param identical whether it is the same image
     */
    public TrainingNeighbour {
        Objects.requireNonNull(trainOrigin, "trainOrigin");
        if (trainIndex < 0 || trueClass < 0 || !(distance >= 0)) {
            throw new IllegalArgumentException("a training neighbour needs a position, class and distance of at "
                    + "least 0, but has trainIndex=" + trainIndex + ", trueClass=" + trueClass + ", distance="
                    + distance);
        }
    }
}
