package io.github.erroranalysis.report;

import io.github.erroranalysis.stats.Interval;
import java.util.Objects;

/**
 * How faithful a saliency map is, by a deletion curve: the pixels are removed (imputed from their neighbours) in
 * the map's order, most salient first, and in random orders; each curve's area is the mean drop of the explained
 * class's probability over the deletion steps. The score is the map's area minus the random orders' mean area:
 * positive means that removing what the map calls salient lowers the probability faster than removing pixels at
 * random (the map is better than random), zero or less that it is not.
 *
 * @param score the map's deletion area minus the random orders' mean deletion area (the JSON's {@code faithfulness})
 * @param interval the interval of the score ({@code faithfulnessInterval})
 * @param deletionArea the map's deletion area: the mean drop in probability over the deletion steps
 * @param randomDeletionArea the mean deletion area of the random orders
 * @param steps the number of deletion steps
 * @param randomOrders the number of random orders
 */
public record Faithfulness(double score, Interval interval, double deletionArea, double randomDeletionArea,
        int steps, int randomOrders) {

    /**
     * Checks the components.
     *
     * @param score the score
     * @param interval its interval
     * @param deletionArea the map's area
     * @param randomDeletionArea the random orders' area
     * @param steps the deletion steps, at least 1
     * @param randomOrders the random orders, at least 1
     */
    public Faithfulness {
        Objects.requireNonNull(interval, "interval");
        if (steps < 1 || randomOrders < 1) {
            throw new IllegalArgumentException("a deletion curve needs at least one step and one random order, but "
                    + "has steps=" + steps + ", randomOrders=" + randomOrders);
        }
    }

    /**
     * Tells whether the map beat every one of its {@code randomOrders} random orders (the interval, their range,
     * lies above zero); a map no better than random does so with probability {@code 1/(randomOrders + 1)}, see
     * {@link #chanceRate()}.
     *
     * @return true when the interval's lower end is above zero
     */
    public boolean betterThanRandom() {
        return interval.lower() > 0;
    }

    /**
     * The probability that a map no better than random is called {@link #betterThanRandom()}: 1/(R+1) for R random
     * orders (the map's area is then exchangeable with theirs).
     *
     * @return {@code 1 / (randomOrders + 1)}
     */
    public double chanceRate() {
        return 1.0 / (randomOrders + 1);
    }
}
