package io.github.erroranalysis;

import java.util.List;

/**
 * The slices found where a model fails: every slice tried is tested, and those whose Benjamini–Hochberg q-value is at
 * most the false discovery rate are reported, most significant first.
 *
 * @param slices the slices found, smallest p-value first
 * @param tried how many slices were tested (the number the q-values correct for)
 * @param fdr the false discovery rate the slices are reported at
 * @param minSupport the fewest examples a slice tried has
 * @param attributes the attributes searched, by name
 */
public record SliceSearch(List<Slice> slices, int tried, double fdr, int minSupport, List<String> attributes) {

    /**
     * Copies the lists.
     *
     * @param slices the slices found
     * @param tried the slices tested
     * @param fdr the false discovery rate
     * @param minSupport the minimum support
     * @param attributes the attributes
     */
    public SliceSearch {
        slices = List.copyOf(slices);
        attributes = List.copyOf(attributes);
    }

    /**
     * Gives how many slices were found.
     *
     * @return the number of slices reported
     */
    public int found() {
        return slices.size();
    }
}
