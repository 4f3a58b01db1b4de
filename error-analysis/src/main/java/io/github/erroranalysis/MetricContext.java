package io.github.erroranalysis;

import java.util.List;

/** The read-only view of one analysis that a {@link Metric} computes over. */
public interface MetricContext {

    /**
     * Counts the examples.
     *
     * @return the number of examples
     */
    int examples();

    /**
     * Counts the classes.
     *
     * @return the number of classes
     */
    int classCount();

    /**
     * Names the classes, in class-index order.
     *
     * @return the class names
     */
    List<String> classNames();

    /**
     * Gives an example's true class.
     *
     * @param example the example index, from 0
     * @return its true class index
     */
    int trueClass(int example);

    /**
     * Gives an example's predicted class: the most probable one, the lowest index on ties.
     *
     * @param example the example index, from 0
     * @return its predicted class index
     */
    int predictedClass(int example);

    /**
     * Gives the probability the model gave one class for an example.
     *
     * @param example    the example index, from 0
     * @param classIndex the class index, from 0
     * @return the probability
     */
    float probability(int example, int classIndex);

    /**
     * Counts one cell of the confusion matrix (rows are true classes, columns predicted classes).
     *
     * @param trueClass      the true class index
     * @param predictedClass the predicted class index
     * @return how many examples of that true class were predicted as that class
     */
    long count(int trueClass, int predictedClass);

    /**
     * Counts the examples of a true class: its row sum of the confusion matrix. The default sums the row through
     * {@link #count(int, int)}; the library's own contexts answer from sums counted once.
     *
     * @param trueClass the true class index
     * @return how many examples have that true class
     */
    default long support(int trueClass) {
        long s = 0;
        for (int p = 0; p < classCount(); p++) {
            s += count(trueClass, p);
        }
        return s;
    }

    /**
     * Counts the examples predicted as a class: its column sum of the confusion matrix. The default sums the column
     * through {@link #count(int, int)}; the library's own contexts answer from sums counted once.
     *
     * @param predictedClass the predicted class index
     * @return how many examples were predicted as that class
     */
    default long predictedCount(int predictedClass) {
        long s = 0;
        for (int t = 0; t < classCount(); t++) {
            s += count(t, predictedClass);
        }
        return s;
    }
}
