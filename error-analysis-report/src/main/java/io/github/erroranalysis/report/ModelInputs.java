package io.github.erroranalysis.report;

import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Examples as a model takes them, by index: the inputs of the analysed examples (for saliency maps and their
 * embeddings) or of the training data (for the nearest training examples), with the given label and origin of each.
 * The analysis keeps no images, so whoever knows the data set supplies them.
 */
public interface ModelInputs {

    /**
     * Gives the number of examples.
     *
     * @return the number of examples, indexes {@code 0 .. size() - 1}
     */
    int size();

    /**
     * Gives the inputs of consecutive examples, in the model's input space (normalized as the model expects).
     *
     * @param from the first example, inclusive
     * @param to the last example, exclusive
     * @return an array of {@code to - from} rows, for example {@code [n, channels, height, width]}
     */
    INDArray inputs(int from, int to);

    /**
     * Gives the given label (class index) of an example.
     *
     * @param index the example's index
     * @return its class index
     */
    int label(int index);

    /**
     * Gives where an example came from (file and record), if known.
     *
     * @param index the example's index
     * @return its origin, or empty
     */
    Optional<String> origin(int index);

    /**
     * Gives inputs held in memory, with labels and optional origins.
     *
     * @param features the inputs, one row per example
     * @param labels the class index of each example
     * @param origins the origin of each example, or null for none
     * @return the inputs
     */
    static ModelInputs of(INDArray features, int[] labels, java.util.List<String> origins) {
        Objects.requireNonNull(features, "features");
        int[] copy = labels.clone();
        if (features.size(0) != copy.length || (origins != null && origins.size() != copy.length)) {
            throw new IllegalArgumentException("the inputs have " + features.size(0) + " rows but " + copy.length
                    + " labels" + (origins == null ? "" : " and " + origins.size() + " origins"));
        }
        java.util.List<String> o = origins == null ? null : java.util.List.copyOf(origins);
        return new ModelInputs() {
            @Override
            public int size() {
                return copy.length;
            }

            @Override
            public INDArray inputs(int from, int to) {
                Objects.checkFromToIndex(from, to, copy.length);
                return features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup();
            }

            @Override
            public int label(int index) {
                return copy[index];
            }

            @Override
            public Optional<String> origin(int index) {
                Objects.checkIndex(index, copy.length);
                return o == null ? Optional.empty() : Optional.of(o.get(index));
            }
        };
    }
}
