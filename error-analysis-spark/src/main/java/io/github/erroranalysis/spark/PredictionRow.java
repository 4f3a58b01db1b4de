package io.github.erroranalysis.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One precomputed prediction: the example's id (its origin), its true class and the predicted probabilities.
 *
 * <p>An immutable value: the probabilities are copied in and out.
 */
public final class PredictionRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final int label;
    private final float[] probabilities;

    private PredictionRow(String id, int label, float[] probabilities) {
        this.id = id;
        this.label = label;
        this.probabilities = probabilities;
    }

    /**
     * Creates a row, copying the probabilities; they are checked when the analysis runs, where the partition and
     * row can be named.
     *
     * @param id the example's id, kept as its origin (for example the image's path), or null for none
     * @param label the true class index
     * @param probabilities the predicted probability of each class
     * @return the row
     */
    public static PredictionRow of(String id, int label, float... probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        return new PredictionRow(id, label, probabilities.clone());
    }

    /**
     * Gives the example's id, kept as its origin in the analysis.
     *
     * @return the id, or null when the row has none
     */
    public String id() {
        return id;
    }

    /**
     * Gives the true class index.
     *
     * @return the label
     */
    public int label() {
        return label;
    }

    /**
     * Gives a copy of the predicted probabilities.
     *
     * @return one probability per class
     */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * Gives the number of probabilities, that is the row's class count.
     *
     * @return the number of classes of this row
     */
    public int classCount() {
        return probabilities.length;
    }

    /** The probabilities without a copy, for this package's bulk copies only. */
    float[] probabilitiesUnsafe() {
        return probabilities;
    }

    /**
     * Compares id, label and probabilities.
     *
     * @param o another object
     * @return whether it is the same prediction
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PredictionRow r && r.label == label && Objects.equals(r.id, id)
                && Arrays.equals(r.probabilities, probabilities);
    }

    /**
     * Hashes id, label and probabilities.
     *
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return Objects.hash(id, label, Arrays.hashCode(probabilities));
    }

    /**
     * Describes the row.
     *
     * @return the id, label and probabilities
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PredictionRow(id %s, label %d, probabilities %s)", id, label,
                Arrays.toString(probabilities));
    }
}
