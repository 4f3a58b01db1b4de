package io.github.erroranalysis;

import java.util.Locale;

/** Formatting for people: {@link Locale#ROOT} numbers and "no examples" for undefined values. */
final class Text {

    /** What an undefined metric reads as in text. */
    static final String NO_EXAMPLES = "no examples";

    private Text() {
    }

    /** A ratio with four decimals, or "no examples" when undefined. */
    static String ratio(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A ratio as a percentage with two decimals, or "no examples" when undefined. */
    static String percent(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }

    /** Formats with {@link Locale#ROOT}. */
    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** Divides, giving NaN (undefined) when the denominator is 0. */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
