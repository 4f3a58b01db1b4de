package io.github.erroranalysis.cifar.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of a model's top guesses for an image (course Stage 9): a class and the probability the model gives it.
 *
 * @param className   the class name, for example {@code cat}
 * @param classIndex  the class's label index, from 0
 * @param probability the softmax probability, between 0 and 1
 */
public record Guess(String className, int classIndex, double probability) {

    /**
     * Checks the guess.
     *
     * @param className   the class name
     * @param classIndex  the label index, {@code >= 0}
     * @param probability the probability, between 0 and 1 or NaN for a network that diverged
     */
    public Guess {
        if (className == null) {
            throw new IllegalArgumentException("className must not be null (class index " + classIndex + ")");
        }
        if (classIndex < 0) {
            throw new IllegalArgumentException("classIndex must be >= 0, got " + classIndex + " for " + className);
        }
    }

    /**
     * Returns the {@code k} most probable classes of one probability vector, most probable first; equal
     * probabilities are ordered by class index.
     *
     * @param probabilities one probability per class, in label order
     * @param classNames    the class names in label order
     * @param k             how many guesses, from 1 to the number of classes
     * @return {@code k} guesses sorted by probability descending, then class index ascending
     * @throws IllegalArgumentException if {@code k} is out of range or the lengths differ
     */
    static List<Guess> top(double[] probabilities, List<String> classNames, int k) {
        if (probabilities.length != classNames.size()) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + classNames.size()
                    + " classes " + classNames);
        }
        checkK(k, classNames.size());
        boolean[] taken = new boolean[probabilities.length];
        List<Guess> guesses = new ArrayList<>(k);
        for (int rank = 0; rank < k; rank++) {
            int best = -1;
            for (int c = 0; c < probabilities.length; c++) {
                if (!taken[c] && (best < 0 || Double.compare(probabilities[c], probabilities[best]) > 0)) {
                    best = c;
                }
            }
            taken[best] = true;
            guesses.add(new Guess(classNames.get(best), best, probabilities[best]));
        }
        return List.copyOf(guesses);
    }

    /** Checks that {@code k} guesses can be made among {@code classes} classes. */
    static void checkK(int k, int classes) {
        if (k < 1 || k > classes) {
            throw new IllegalArgumentException("k must be between 1 and " + classes + " (the number of classes), got "
                    + k);
        }
    }

    /**
     * Formats the guess for people, for example {@code cat 71.3%}.
     *
     * @return the class name and the probability in percent
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.1f%%", className, 100 * probability);
    }
}
