package io.github.erroranalysis.stats;

import io.github.erroranalysis.io.Formats;

/**
 * Confidence intervals for proportions (Wilson's score interval) and the normal quantile they need.
 *
 * <p>Wilson's interval for {@code k} successes in {@code n} trials at level {@code 1 - α}, with
 * {@code z = Φ⁻¹(1 - α/2)} and {@code p̂ = k/n}, is
 * {@code (p̂ + z²/2n ± z·√(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n)} (Wilson 1927; Newcombe 1998, method 3), the
 * same as SciPy's {@code binomtest(k, n).proportion_ci(method='wilson')}. Unlike the textbook
 * {@code p̂ ± z·√(p̂(1-p̂)/n)}, it stays inside [0, 1] and is not empty at 0 or n successes.
 */
public final class Intervals {

    /** The default confidence level, 95 %. */
    public static final double DEFAULT_LEVEL = 0.95;

    /** The name of Wilson's method, as shown in {@link Interval#method()}. */
    public static final String WILSON = "Wilson";

    /** The method name of {@link #newcombeDifference}. */
    public static final String NEWCOMBE = "Newcombe";

    private Intervals() {
    }

    /**
     * Makes Wilson's score interval for a proportion of successes.
     *
     * @param successes the number of successes k, from 0 to {@code trials}
     * @param trials the number of trials n, at least 0 (0 gives the undefined interval, all NaN)
     * @param level the confidence level, strictly between 0 and 1 (0.95 for 95 %)
     * @return the proportion {@code k/n} with its interval
     * @throws IllegalArgumentException naming the level, successes or trials when out of range
     */
    public static Interval wilson(long successes, long trials, double level) {
        checkLevel(level);
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("Wilson's interval needs 0 <= successes <= trials, but successes is "
                    + successes + " and trials is " + trials);
        }
        if (trials == 0) {
            return Interval.undefined(level, WILSON);
        }
        double z = normalQuantile(0.5 + level / 2);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        double lower = successes == 0 ? 0.0 : Math.max(0.0, center - half);
        double upper = successes == trials ? 1.0 : Math.min(1.0, center + half);
        return new Interval(p, lower, upper, level, WILSON);
    }

    /**
     * Makes Wilson's 95 % score interval for a proportion of successes.
     *
     * @param successes the number of successes, from 0 to {@code trials}
     * @param trials the number of trials, at least 0
     * @return the proportion with its 95 % interval
     */
    public static Interval wilson(long successes, long trials) {
        return wilson(successes, trials, DEFAULT_LEVEL);
    }

    /**
     * Gives the quantile of the standard normal distribution, {@code Φ⁻¹(p)}, by Wichura's algorithm AS 241
     * (PPND16, Applied Statistics 37, 1988), accurate to about 1 part in 10¹⁶.
     *
     * @param p a probability, strictly between 0 and 1
     * @return the z with {@code Φ(z) = p}
     * @throws IllegalArgumentException if p is not strictly between 0 and 1
     */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a normal quantile needs a probability strictly between 0 and 1, but got " + p);
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r
                    + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                    + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
                    / (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r
                    + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                    + 4.2313330701600911252e1) * r + 1.0);
        }
        double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
        double value;
        if (r <= 5.0) {
            r -= 1.6;
            value = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r
                    + 1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                    + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
                    / (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r
                    + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                    + 2.05319162663775882187e0) * r + 1.0);
        } else {
            r -= 5.0;
            value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r
                    + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                    + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
                    / (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
                    + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                    + 5.99832206555887937690e-1) * r + 1.0);
        }
        return q < 0 ? -value : value;
    }

    /**
     * Checks a confidence level.
     *
     * @param level the level
     * @return the level
     * @throws IllegalArgumentException naming the level when it is not strictly between 0 and 1
     */
    public static double checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the confidence level must be strictly between 0 and 1 (0.95 for 95%), "
                    + "but is " + level);
        }
        return level;
    }

    /**
     * Gives a quantile of sorted values with linear interpolation between order statistics (NumPy's default,
     * Hyndman and Fan's type 7).
     *
     * @param sorted values in ascending order, at least one
     * @param q the quantile, from 0 to 1
     * @return the interpolated quantile
     */
    static double quantileOfSorted(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /**
     * Makes a percentile interval from resampled values, which it sorts in place. Resamples on which the statistic is
     * undefined (NaN, for example a class drawn without examples) are left out and counted in the method; when every
     * resample is undefined, so is the interval.
     *
     * @param estimate the estimate on the data themselves
     * @param resampled the statistic on each resample; sorted in place
     * @param level the confidence level
     * @param method how the resamples were made
     * @return the interval between the {@code (1-level)/2} and {@code (1+level)/2} quantiles
     */
    public static Interval percentile(double estimate, double[] resampled, double level, String method) {
        if (Double.isNaN(estimate)) {
            return Interval.undefined(level, method);
        }
        java.util.Arrays.sort(resampled); // NaN sorts last
        int defined = resampled.length;
        while (defined > 0 && Double.isNaN(resampled[defined - 1])) {
            defined--;
        }
        if (defined < resampled.length) {
            method = method + Formats.format(", %d of %d resamples undefined and left out", resampled.length - defined,
                    resampled.length);
            if (defined == 0) {
                return Interval.undefined(level, method);
            }
            resampled = java.util.Arrays.copyOf(resampled, defined);
        }
        double lower = quantileOfSorted(resampled, (1 - level) / 2);
        double upper = quantileOfSorted(resampled, (1 + level) / 2);
        return new Interval(estimate, lower, Math.max(lower, upper), level, method);
    }

    /**
     * Gives Newcombe's hybrid score interval (1998, method 10) for the difference {@code s1/n1 - s2/n2} of two
     * independent proportions, from the Wilson interval of each; statsmodels'
     * {@code confint_proportions_2indep(s1, n1, s2, n2, compare="diff", method="newcomb")}.
     *
     * @param s1 successes in the first group
     * @param n1 trials in the first group, at least 1
     * @param s2 successes in the second group
     * @param n2 trials in the second group, at least 1
     * @param level the confidence level, in (0, 1)
     * @return the interval around the difference, method {@value #NEWCOMBE}
     * @throws IllegalArgumentException naming the value when a count is out of range
     */
    public static Interval newcombeDifference(long s1, long n1, long s2, long n2, double level) {
        checkLevel(level);
        if (n1 < 1 || n2 < 1 || s1 < 0 || s1 > n1 || s2 < 0 || s2 > n2) {
            throw new IllegalArgumentException(Formats.format("Newcombe's interval of a difference needs at least one "
                    + "trial in each group and 0 <= successes <= trials, but the first group has %d of %d and the "
                    + "second %d of %d", s1, n1, s2, n2));
        }
        Interval first = wilson(s1, n1, level);
        Interval second = wilson(s2, n2, level);
        double p1 = first.estimate();
        double p2 = second.estimate();
        double difference = p1 - p2;
        double below = Math.sqrt(square(p1 - first.lower()) + square(second.upper() - p2));
        double above = Math.sqrt(square(p2 - second.lower()) + square(first.upper() - p1));
        return new Interval(difference, difference - below, difference + above, level, NEWCOMBE);
    }

    private static double square(double x) {
        return x * x;
    }
}
