package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;

/**
 * How much suspected near-duplicates of training images inflate a test score: the accuracy on the suspected
 * examples against the accuracy on the rest, with Wilson intervals, Fisher's exact test of the difference, and the
 * inflation of the overall accuracy ({@code accuracy - restAccuracy}, with Newcombe's interval scaled by the
 * suspected share).
 *
 * @param examples the test examples
 * @param suspected how many of them are suspected near-duplicates
 * @param accuracy the accuracy on all test examples, with its interval
 * @param suspectedAccuracy the accuracy on the suspected examples, with its interval (undefined when there are none)
 * @param restAccuracy the accuracy on the other examples, with its interval (undefined when there are none)
 * @param inflation the overall accuracy minus the rest's, as a fraction (0.004 is 0.4 points), with its interval
 * @param pValue the two-sided p-value of Fisher's exact test on (suspected, rest) × (correct, wrong); 1 when a row
 *               or column is empty
 */
public record ScoreEffect(int examples, int suspected, Interval accuracy, Interval suspectedAccuracy,
        Interval restAccuracy, Interval inflation, double pValue) {

    /**
     * Measures the effect of the suspected examples on the accuracy.
     *
     * @param correct whether each test example is predicted correctly
     * @param suspected whether each test example is a suspected near-duplicate, as long as {@code correct}
     * @param level the confidence level of the intervals, in (0, 1)
     * @return the effect
     * @throws IllegalArgumentException naming the lengths when they differ, or the level when it is out of range
     */
    public static ScoreEffect of(boolean[] correct, boolean[] suspected, double level) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Says the effect in one sentence, for example "Your score is inflated by 0.4 points [0.1, 0.7]: 1.00 on the 47
     * suspected near-duplicates vs 0.69 on the other 4,953 (Fisher p = 2.1e-07)."
     *
     * @return the sentence
     */
    public String inWords() {
        throw new UnsupportedOperationException("step 0");
    }
}
