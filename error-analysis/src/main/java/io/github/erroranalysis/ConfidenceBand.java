package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.Objects;
import java.util.Optional;

/**
 * The predictions whose confidence falls in {@code [lower, upper)} (the last band also includes its upper
 * edge), and how many of them are wrong.
 *
 * @param lower the lower edge, inclusive
 * @param upper the upper edge, exclusive except for the last band
 * @param predictions the number of predictions in the band
 * @param wrong the number of wrong predictions in the band
 * @param example the wrong prediction of the band with the lowest example index, if any
 */
public record ConfidenceBand(double lower, double upper, long predictions, long wrong,
        Optional<WrongPrediction> example) {

    /**
     * Checks the components.
     *
     * @param lower the lower edge
     * @param upper the upper edge
     * @param predictions the number of predictions in the band
     * @param wrong the number of wrong ones
     * @param example the picked wrong example, if any
     */
    public ConfidenceBand {
        Objects.requireNonNull(example, "example");
    }

    /**
     * Gives the share of the band's predictions that are wrong.
     *
     * @return {@code wrong / predictions}, NaN when the band is empty
     */
    public double errorRate() {
        return Formats.ratio(wrong, predictions);
    }

    /**
     * Reads as {@code "[0.9000, 1.0000]: 12 wrong of 800 (1.50%)"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return Formats.format("[%.4f, %.4f%s: ", lower, upper, upper >= 1.0 ? "]" : ")")
                + (predictions == 0 ? Formats.NO_EXAMPLES : wrong + " wrong of " + predictions + " (" + Formats.percent(errorRate()) + ")");
    }
}
