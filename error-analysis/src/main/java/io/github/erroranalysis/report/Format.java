package io.github.erroranalysis.report;

import java.util.Locale;

/** Numbers for people, with {@link Locale#ROOT}, and "no examples" for undefined values (NaN). */
final class Format {

    /** What an undefined metric reads as in text, as in the core analysis. */
    static final String NO_EXAMPLES = "no examples";

    private Format() {
    }

    /** A ratio with four decimals, or "no examples". */
    static String ratio(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A ratio as a whole percentage with a space, as in figure titles ("87 %"), or "no examples". */
    static String wholePercent(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.0f %%", 100 * value);
    }

    /** A ratio as a percentage with one decimal ("87.3 %"), or "no examples". */
    static String percent(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.1f %%", 100 * value);
    }

    /** Formats with {@link Locale#ROOT}. */
    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
