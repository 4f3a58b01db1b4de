package io.github.erroranalysis.report;

import io.github.erroranalysis.stats.Interval;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The evidence a report shows for its examples: each explained example's saliency maps and nearest training
 * examples, the faithfulness of each method over all its maps, the sanity check, and the training data searched.
 *
 * @param examples the evidence of each explained example, by example index
 * @param faithfulness the mean faithfulness of each method over its maps, with a bootstrap interval over examples
 * @param sanityCheck the model-randomisation check of the gradient maps, when one ran
 * @param training the training data searched for neighbours, when given
 */
public record Explanations(Map<Integer, ExampleEvidence> examples, Map<String, Interval> faithfulness,
        Optional<SanityCheck> sanityCheck, Optional<TrainingSearch> training) {

    /**
     * The training data searched for nearest examples.
     *
     * @param source where the training data came from, as the user named it
     * @param examples the number of training records read
     * @param excluded the records left out because the analysed data holds the same origin and the same input
     * @param neighbours how many neighbours each explained example lists
     * @param identicalImages the explained examples with a neighbour whose model input is exactly theirs (the same
     *     image in the training data: the analysed data leaks into it)
     */
    public record TrainingSearch(String source, int examples, int excluded, int neighbours, int identicalImages) {
    }

    /** No evidence: a report without a model. */
    public static final Explanations NONE = new Explanations(Map.of(), Map.of(), Optional.empty(), Optional.empty());

    /**
     * Copies the components, the examples sorted by index.
     *
     * @param examples the evidence by example
     * @param faithfulness the per-method faithfulness
     * @param sanityCheck the sanity check
     * @param training the training data searched
     */
    public Explanations {
        examples = java.util.Collections.unmodifiableMap(new TreeMap<>(examples));
        faithfulness = Map.copyOf(faithfulness);
    }

    /**
     * Gives the evidence of one example.
     *
     * @param example the example's index
     * @return its evidence, or empty when it was not explained
     */
    public Optional<ExampleEvidence> of(int example) {
        return Optional.ofNullable(examples.get(example));
    }

    /**
     * Gives the explained examples, increasing.
     *
     * @return the example indexes
     */
    public List<Integer> explained() {
        return List.copyOf(examples.keySet());
    }
}
