package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;

/**
 * One bin of the reliability diagram: the examples whose confidence falls in {@code (lower, upper]}
 * (the first bin also holds confidence 0).
 *
 * @param index the bin index, from 0
 * @param lower the lower edge (exclusive, except 0 for the first bin)
 * @param upper the upper edge (inclusive)
 * @param count the number of examples in the bin
 * @param meanConfidence the mean confidence of those examples, NaN when the bin is empty
 * @param accuracy the share of those examples predicted correctly, NaN when the bin is empty
 */
public record ReliabilityBin(int index, double lower, double upper, long count, double meanConfidence,
        double accuracy) {

    /**
     * Gives the calibration gap of the bin.
     *
     * @return {@code |accuracy - meanConfidence|}, NaN when the bin is empty
     */
    public double gap() {
        return Math.abs(accuracy - meanConfidence);
    }

    /**
     * Reads as {@code "(0.8667, 0.9333]: 120 examples, confidence 0.9012, accuracy 0.8500"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return Formats.format("(%.4f, %.4f]: ", lower, upper) + (count == 0 ? Formats.NO_EXAMPLES
                : count + " examples, confidence " + Formats.ratio(meanConfidence) + ", accuracy " + Formats.ratio(accuracy));
    }
}
