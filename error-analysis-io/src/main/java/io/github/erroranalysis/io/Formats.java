package io.github.erroranalysis.io;

import java.util.Locale;

/**
 * Number formatting shared by every module: {@link Locale#ROOT} everywhere and "no examples" in text for an
 * undefined (NaN) value.
 */
public final class Formats {

    /** What an undefined metric reads as in text. */
    public static final String NO_EXAMPLES = "no examples";

    private Formats() {
    }

    /**
     * Formats a ratio with four decimals.
     *
     * @param value the ratio, NaN when undefined
     * @return for example {@code 0.6954}, or "no examples"
     */
    public static String ratio(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * Formats a signed change with four decimals.
     *
     * @param value the change, NaN when undefined
     * @return for example {@code +0.0312}, or "no examples"
     */
    public static String signed(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%+.4f", value);
    }

    /**
     * Formats a ratio as a percentage with two decimals.
     *
     * @param value the ratio, NaN when undefined
     * @return for example {@code 69.54%}, or "no examples"
     */
    public static String percent(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }

    /**
     * Formats a ratio as a percentage with one decimal and a space, as in reports.
     *
     * @param value the ratio, NaN when undefined
     * @return for example {@code 87.3 %}, or "no examples"
     */
    public static String percentOneDecimal(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.1f %%", 100 * value);
    }

    /**
     * Formats a ratio as a whole percentage with a space, as in figure titles.
     *
     * @param value the ratio, NaN when undefined
     * @return for example {@code 87 %}, or "no examples"
     */
    public static String wholePercent(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.0f %%", 100 * value);
    }

    /**
     * Formats a p-value with four significant digits.
     *
     * @param value the p-value, NaN when undefined
     * @return for example {@code 0.001510}, or "undefined"
     */
    public static String pValue(double value) {
        return Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.4g", value);
    }

    /**
     * Formats a confidence level as a percentage without trailing zeros.
     *
     * @param level the level in (0, 1)
     * @return for example {@code 95%} or {@code 99.9%}
     */
    public static String level(double level) {
        String s = String.format(Locale.ROOT, "%.4f", 100 * level).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    /**
     * Formats with {@link Locale#ROOT}.
     *
     * @param pattern a {@link String#format} pattern
     * @param args    the arguments
     * @return the formatted text
     */
    public static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /**
     * Divides, giving NaN (undefined) when the denominator is 0.
     *
     * @param numerator   the numerator
     * @param denominator the denominator
     * @return the ratio, or NaN
     */
    public static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
