package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.ExactTests;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;

/**
 * How much suspected near-duplicates of training images inflate a test score: the accuracy on the suspected
 * examples against the accuracy on the rest, with Wilson intervals, Fisher's exact test of the difference, and the
 * inflation of the overall accuracy ({@code accuracy - restAccuracy}, with Newcombe's interval scaled by the
 * suspected share).
 *
 * <p>With {@code n} examples of which {@code n_s} are suspected, {@code accuracy - restAccuracy} is exactly
 * {@code (n_s / n)·(suspectedAccuracy - restAccuracy)}; its interval is Newcombe's hybrid score interval of the
 * difference of the two accuracies ({@link Intervals#newcombeDifference}) multiplied by {@code n_s / n}, which treats
 * the share of suspected examples as fixed. Without suspected examples the inflation is 0 with the interval [0, 0]
 * (the score is the rest's); when every example is suspected there is no rest and the inflation is undefined (NaN).
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
        Intervals.checkLevel(level);
        if (correct.length != suspected.length) {
            throw new IllegalArgumentException("the score effect needs one suspected flag per test example, but there are "
                    + correct.length + " correctness flags and " + suspected.length + " suspected flags");
        }
        int n = correct.length;
        int s = 0;
        int suspectedCorrect = 0;
        int allCorrect = 0;
        for (int i = 0; i < n; i++) {
            if (correct[i]) {
                allCorrect++;
            }
            if (suspected[i]) {
                s++;
                if (correct[i]) {
                    suspectedCorrect++;
                }
            }
        }
        int restCorrect = allCorrect - suspectedCorrect;
        int rest = n - s;
        Interval inflation;
        if (s == 0) {
            inflation = new Interval(0, 0, 0, level, Intervals.NEWCOMBE + ", no suspected examples");
        } else if (rest == 0) {
            inflation = Interval.undefined(level, Intervals.NEWCOMBE);
        } else {
            double share = (double) s / n;
            Interval difference = Intervals.newcombeDifference(suspectedCorrect, s, restCorrect, rest, level);
            inflation = new Interval(share * difference.estimate(), share * difference.lower(),
                    share * difference.upper(), level, Intervals.NEWCOMBE + " scaled by the suspected share");
        }
        double p = ExactTests.fisher(suspectedCorrect, s - suspectedCorrect, restCorrect, rest - restCorrect);
        return new ScoreEffect(n, s, Intervals.wilson(allCorrect, n, level), Intervals.wilson(suspectedCorrect, s, level),
                Intervals.wilson(restCorrect, rest, level), inflation, p);
    }

    /**
     * Says the effect in one sentence, for example "Your score is inflated by 0.4 points [0.1, 0.7]: 1.00 on the 47
     * suspected near-duplicates vs 0.69 on the other 4,953 (Fisher p = 2.1e-07)."
     *
     * @return the sentence
     */
    public String inWords() {
        int rest = examples - suspected;
        if (examples == 0) {
            return "There are no test examples, so there is no score to inflate.";
        }
        if (suspected == 0) {
            return Formats.format("No test example is a suspected near-duplicate, so none inflates the score "
                    + "(accuracy %s on all %,d).", accuracyText(accuracy.estimate()), examples);
        }
        if (rest == 0) {
            return Formats.format("Every one of the %,d test examples is a suspected near-duplicate (accuracy %s), so "
                    + "there is no rest to compare with.", examples, accuracyText(accuracy.estimate()));
        }
        String comparison = Formats.format("%s on the %,d suspected near-duplicate%s vs %s on the other %,d (Fisher p = %s)",
                accuracyText(suspectedAccuracy.estimate()), suspected, suspected == 1 ? "" : "s",
                accuracyText(restAccuracy.estimate()), rest, shortP(pValue));
        if (inflation.estimate() >= 0) {
            return Formats.format("Your score is inflated by %s points [%s, %s]: %s.", points(inflation.estimate()),
                    points(inflation.lower()), points(inflation.upper()), comparison);
        }
        return Formats.format("Your score is not inflated: the suspected near-duplicates lower it by %s points [%s, %s]: "
                + "%s.", points(-inflation.estimate()), points(-inflation.upper()), points(-inflation.lower()), comparison);
    }

    /** An accuracy with two decimals, as the sentences say it. */
    static String accuracyText(double accuracy) {
        return Formats.format("%.2f", accuracy);
    }

    /** A p- or q-value with two significant digits, as the sentences say it. */
    static String shortP(double p) {
        return Formats.format("%.2g", p);
    }

    /** A fraction as percentage points with one decimal ({@code 0.004} is {@code 0.4}), never "-0.0". */
    private static String points(double fraction) {
        String text = Formats.format("%.1f", 100 * fraction);
        return text.equals("-0.0") ? "0.0" : text;
    }
}
