package io.github.erroranalysis.report;

import java.util.List;

/**
 * The model-randomisation sanity check of saliency maps (Adebayo et al., "Sanity Checks for Saliency Maps", 2018):
 * the maps of a copy of the model with randomised weights must differ from the model's own; the Spearman rank
 * correlation between the two maps of each example says how much they agree.
 *
 * @param method the saliency method checked
 * @param examples the examples whose maps were compared
 * @param rankCorrelations the Spearman rank correlation of each example's two maps, in the order of {@code examples}
 * @param meanRankCorrelation the mean of the rank correlations
 * @param threshold the mean correlation below which the check passes
 * @param constantMaps how many examples were left out because a map of theirs (the model's or the randomised
 *                     model's) was constant, which no correlation can compare
 */
public record SanityCheck(String method, List<Integer> examples, List<Double> rankCorrelations,
        double meanRankCorrelation, double threshold, int constantMaps) {

    /**
     * A check that left no example out.
     *
     * @param method the method
     * @param examples the examples
     * @param rankCorrelations the correlations
     * @param meanRankCorrelation their mean
     * @param threshold the passing threshold
     */
    public SanityCheck(String method, List<Integer> examples, List<Double> rankCorrelations,
            double meanRankCorrelation, double threshold) {
        this(method, examples, rankCorrelations, meanRankCorrelation, threshold, 0);
    }

    /**
     * Copies the lists.
     *
     * @param method the method
     * @param examples the examples
     * @param rankCorrelations the correlations
     * @param meanRankCorrelation their mean
     * @param threshold the passing threshold
     * @param constantMaps the examples left out for a constant map, not negative
     */
    public SanityCheck {
        if (constantMaps < 0) {
            throw new IllegalArgumentException("constantMaps must not be negative, but was " + constantMaps);
        }
        examples = List.copyOf(examples);
        rankCorrelations = List.copyOf(rankCorrelations);
        if (examples.size() != rankCorrelations.size()) {
            throw new IllegalArgumentException(examples.size() + " examples but " + rankCorrelations.size()
                    + " rank correlations");
        }
    }

    /**
     * Tells whether the maps depend on the model's weights: some example was compared and the mean rank correlation
     * is below the threshold.
     *
     * @return true when the check passes
     */
    public boolean passes() {
        return !inconclusive() && meanRankCorrelation < threshold;
    }

    /**
     * Tells whether no example could be compared (every one had a constant map), so the check says nothing.
     *
     * @return true when no rank correlation was computed
     */
    public boolean inconclusive() {
        return rankCorrelations.isEmpty();
    }
}
