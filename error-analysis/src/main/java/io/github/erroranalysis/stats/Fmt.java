package io.github.erroranalysis.stats;

import java.util.Locale;

/** Formatting for people: {@link Locale#ROOT} numbers and "no examples" for undefined values. */
final class Fmt {

    /** What an undefined value reads as in text. */
    static final String NO_EXAMPLES = "no examples";

    private Fmt() {
    }

    /** A ratio with four decimals, or "no examples" when undefined. */
    static String ratio(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A signed change with four decimals, or "no examples" when undefined. */
    static String signed(double value) {
        return Double.isNaN(value) ? NO_EXAMPLES : String.format(Locale.ROOT, "%+.4f", value);
    }

    /** A p-value: four significant digits. */
    static String pValue(double value) {
        return Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.4g", value);
    }

    /** A level as a percentage, e.g. "95%" or "99.9%". */
    static String level(double level) {
        String s = String.format(Locale.ROOT, "%.4f", 100 * level).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    /** Formats with {@link Locale#ROOT}. */
    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
