package io.github.erroranalysis.modelimport;

import java.util.Locale;

/**
 * How an imported model compared with the original framework's outputs on the reference images: the largest
 * absolute difference of a probability (where and both values) and how many examples disagree on the top class.
 *
 * @param referenceOutputs the reference outputs' file name, for messages
 * @param examples the number of reference examples compared
 * @param classes the number of classes
 * @param tolerance the largest absolute difference allowed
 * @param largestDifference the largest absolute difference of a probability
 * @param example the example of the largest difference (0-based)
 * @param classIndex the class of the largest difference
 * @param className that class's name
 * @param here the imported model's probability there
 * @param reference the reference probability there
 * @param topDisagreements how many examples have another top class here than in the reference
 * @param firstDisagreement the first such example, or -1 for none
 * @param topHere the imported model's top class of the first disagreement, or null for none
 * @param topReference the reference's top class of the first disagreement, or null for none
 */
public record Verification(String referenceOutputs, int examples, int classes, double tolerance,
                           double largestDifference, int example, int classIndex, String className, double here,
                           double reference, int topDisagreements, int firstDisagreement, String topHere,
                           String topReference) {

    /**
     * Tells whether the import reproduces the reference: no difference beyond the tolerance, no top-1 disagreement.
     *
     * @return whether it passed
     */
    public boolean passed() {
        return largestDifference <= tolerance && topDisagreements == 0;
    }

    /**
     * Says the verification as provenance does.
     *
     * @return for example {@code "verified against 64 reference outputs (largest difference 3.1e-7)"}
     */
    public String inWords() {
        return "verified against " + examples + " reference outputs (largest difference "
                + scientific(largestDifference) + ")";
    }

    /**
     * Says why the import was refused, after the model file's name and a colon.
     *
     * @return for example {@code "the import does not reproduce the reference outputs: example 17, class 'cat':
     *         0.41230 here vs 0.39980 in ref.npy (difference 1.25e-2 > tolerance 1e-4); 3 of 64 examples disagree
     *         on the top class (first: example 5, 'dog' here vs 'cat')"}
     */
    public String refusal() {
        boolean alike = fixed(here).equals(fixed(reference)) && Double.compare(here, reference) != 0;
        String where = "example " + example + ", class '" + className + "': " + (alike ? precise(here) : fixed(here))
                + " here vs " + (alike ? precise(reference) : fixed(reference)) + " in " + referenceOutputs
                + " (difference "
                + (Double.isNaN(here - reference) ? "NaN" : scientific(largestDifference))
                + (largestDifference > tolerance ? " > " : " <= ") + "tolerance " + scientific(tolerance) + ")";
        String top = topDisagreements == 0 ? "" : topDisagreements + " of " + examples + " examples disagree on the "
                + "top class (first: example " + firstDisagreement + ", '" + topHere + "' here vs '" + topReference
                + "')" + (2 * topDisagreements > examples ? "; most examples disagree: check the preprocessing "
                        + "(--input-scale, --input-mean, --input-std, --bgr, --input-layout)" : "");
        if (largestDifference > tolerance) {
            return "the import does not reproduce the reference outputs: " + where + (top.isEmpty() ? "" : "; " + top);
        }
        return "the import does not reproduce the reference outputs: " + top + "; the largest difference is "
                + "within the tolerance: " + where;
    }

    /** A probability with five decimals, as a message shows it. */
    static String fixed(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }

    /** A probability with up to nine significant digits, for two that five decimals would show alike. */
    static String precise(double v) {
        if (!Double.isFinite(v)) {
            return fixed(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(9)).stripTrailingZeros().toPlainString();
    }

    /** A difference in short scientific notation: {@code 1.25e-2}, {@code 3.1e-7}, {@code 0}. */
    static String scientific(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        String s = String.format(Locale.ROOT, "%.2e", v); // 1.25e-02
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }
}
