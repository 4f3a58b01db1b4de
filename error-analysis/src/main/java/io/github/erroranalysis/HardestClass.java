package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * The hardest class: the one with the lowest accuracy among classes with examples (lowest index on ties).
 *
 * @param index the class index, from 0
 * @param name the class name
 * @param accuracy the class's accuracy (never NaN: classes without examples are not candidates)
 * @param support the number of examples of the class
 * @param correct the number of them predicted correctly
 */
public record HardestClass(int index, String name, double accuracy, long support, long correct) {

    /**
     * Reads as {@code "hardest class: cat 0.5800 (58/100)"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return "hardest class: " + name + " " + Formats.ratio(accuracy) + " (" + correct + "/" + support + ")";
    }
}
