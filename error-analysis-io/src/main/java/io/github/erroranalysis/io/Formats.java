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
     * Formats a confidence threshold: four decimals, or, when those would round a value below 1 up to
     * {@code 1.0000}, its shortest exact representation (a float's {@link Float#toString}), so a rule "answer at or
     * above it" stays the rule meant; {@code none} for NaN (no threshold).
     *
     * @param threshold the threshold, a confidence in [0, 1], NaN when none
     * @return for example {@code 0.8579}, {@code 1.0000} or {@code 0.99999994}
     */
    public static String threshold(double threshold) {
        if (Double.isNaN(threshold)) {
            return "none";
        }
        String four = String.format(Locale.ROOT, "%.4f", threshold);
        return four.equals("1.0000") && threshold != 1 ? exact(threshold) : four;
    }

    /**
     * Formats thresholds shown together: each as {@link #threshold(double)}, and those whose four decimals would
     * read the same as another, different threshold's in their shortest exact representation, so that no two
     * different thresholds print alike.
     *
     * @param thresholds the thresholds, NaN for none
     * @return their texts, in order
     */
    public static java.util.List<String> thresholds(java.util.List<Double> thresholds) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (double t : thresholds) {
            String text = threshold(t);
            for (double other : thresholds) {
                if (!Double.isNaN(t) && other != t && threshold(other).equals(text)) {
                    text = exact(t);
                    break;
                }
            }
            out.add(text);
        }
        return out;
    }

    /** The shortest decimal that reads back as the value (as a float when it is one), never in E notation. */
    private static String exact(double value) {
        String shortest = (double) (float) value == value ? Float.toString((float) value) : Double.toString(value);
        return new java.math.BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }

    /**
     * Formats a target risk as a percentage with one decimal, more when needed to show it exactly, as gate names
     * and tables say it.
     *
     * @param risk the risk, a fraction
     * @return for example {@code 1.0 %}, {@code 0.25 %}
     */
    public static String risk(double risk) {
        java.math.BigDecimal p = java.math.BigDecimal.valueOf(risk).movePointRight(2).stripTrailingZeros();
        return (p.scale() <= 1 ? p.setScale(1) : p).toPlainString() + " %";
    }

    /**
     * Formats an estimate with its interval as ratios with four decimals.
     *
     * @param estimate the estimate
     * @param lower the interval's lower end
     * @param upper the interval's upper end
     * @return for example {@code 0.6944 [0.6654, 0.7232]}, or "no examples" when the estimate is NaN
     */
    public static String ratioInterval(double estimate, double lower, double upper) {
        return Double.isNaN(estimate) ? NO_EXAMPLES : ratio(estimate) + " [" + ratio(lower) + ", " + ratio(upper) + "]";
    }

    /**
     * Formats an estimate with its interval as percentages with one decimal.
     *
     * @param estimate the estimate, a fraction
     * @param lower the interval's lower end
     * @param upper the interval's upper end
     * @return for example {@code 3.9 % [3.0 %, 5.3 %]}, or "no examples" when the estimate is NaN
     */
    public static String percentInterval(double estimate, double lower, double upper) {
        return Double.isNaN(estimate) ? NO_EXAMPLES
                : percentOneDecimal(estimate) + " [" + percentOneDecimal(lower) + ", " + percentOneDecimal(upper) + "]";
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
