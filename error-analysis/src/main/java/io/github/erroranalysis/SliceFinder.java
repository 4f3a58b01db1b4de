package io.github.erroranalysis;

import java.util.List;

/**
 * Searches the slices of the test examples where a model is less accurate than on the rest: within all examples and
 * within each class, every range of one numeric attribute's quantiles (the lowest and highest 10, 20 and 30 %),
 * every category of a categorical one, and every pair of two attributes' lowest or highest 30 %, each with at least
 * the minimum support; each slice's accuracy is compared with the rest of its scope by Fisher's exact test
 * (one-sided), and the false discovery rate is controlled over all slices tried by Benjamini–Hochberg.
 */
public final class SliceFinder {

    /** The default false discovery rate. */
    public static final double DEFAULT_FDR = 0.05;

    /** The default fewest examples in a slice. */
    public static final int DEFAULT_MIN_SUPPORT = 25;

    /**
     * How slices are searched.
     *
     * @param fdr the false discovery rate the slices are reported at, in (0, 1)
     * @param minSupport the fewest examples a slice tried has, at least 1
     * @param level the confidence level of the slices' accuracy intervals, in (0, 1)
     */
    public record Settings(double fdr, int minSupport, double level) {

        /** The defaults: FDR 0.05, at least 25 examples, 95 % intervals. */
        public static final Settings DEFAULTS = new Settings(DEFAULT_FDR, DEFAULT_MIN_SUPPORT, 0.95);
    }

    private SliceFinder() {
    }

    /**
     * Finds the slices of an analysis's test examples where its model fails.
     *
     * @param analysis the analysis (its true classes, predictions and class names)
     * @param attributes the attributes of its examples, each as long as the analysis has examples
     * @param settings how to search
     * @return the slices found, with how many were tried
     * @throws IllegalArgumentException naming the attribute whose length differs from the analysis's examples
     */
    public static SliceSearch find(ErrorAnalysis analysis, List<SliceAttribute> attributes, Settings settings) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Finds the slices from each example's correctness and class, as {@link #find(ErrorAnalysis, List, Settings)}
     * (for permutation checks, which shuffle the correctness).
     *
     * @param correct whether each example is predicted correctly
     * @param labels each example's true class
     * @param classNames the class names
     * @param attributes the attributes, each as long as {@code correct}
     * @param settings how to search
     * @return the slices found
     */
    public static SliceSearch find(boolean[] correct, int[] labels, List<String> classNames,
            List<SliceAttribute> attributes, Settings settings) {
        throw new UnsupportedOperationException("step 0");
    }
}
