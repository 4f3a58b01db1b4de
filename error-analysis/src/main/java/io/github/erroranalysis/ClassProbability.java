package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * One class and the probability a model gave it for one example.
 *
 * @param classIndex the class index, from 0
 * @param className the class name
 * @param probability the predicted probability of the class
 */
public record ClassProbability(int classIndex, String className, double probability) {

    /**
     * Reads as {@code "cat 0.8123"}.
     *
     * @return the class name and its probability
     */
    @Override
    public String toString() {
        return className + " " + Formats.ratio(probability);
    }
}
