package io.github.erroranalysis.internal;

import java.io.IOException;
import java.util.Locale;
import org.nd4j.shade.jackson.core.JsonGenerator;

/**
 * Number formatting shared by the analysis, statistics and report packages: {@link Locale#ROOT} everywhere, "no
 * examples" in text and {@code null} in JSON for an undefined (NaN) value. Internal: not part of the API.
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

    /**
     * Writes a number field, or {@code null} when the value is NaN or infinite (undefined).
     *
     * @param g     the JSON generator
     * @param field the field name
     * @param value the value
     * @throws IOException if writing fails
     */
    public static void jsonNumber(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
