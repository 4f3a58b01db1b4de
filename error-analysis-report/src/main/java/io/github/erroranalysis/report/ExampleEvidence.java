package io.github.erroranalysis.report;

import java.util.List;

/**
 * The visual evidence of why one example was predicted as it was: its saliency maps (each with its faithfulness)
 * and its nearest training examples.
 *
 * @param example the example's index in the analysis
 * @param saliency the saliency maps, one per method (empty when none was computed)
 * @param nearestTrainingExamples the nearest training examples, nearest first (empty without training data)
 */
public record ExampleEvidence(int example, List<SaliencyMap> saliency, List<TrainingNeighbour> nearestTrainingExamples) {

    /**
     * Copies the lists.
     *
     * @param example the example
     * @param saliency the maps
     * @param nearestTrainingExamples the neighbours
     */
    public ExampleEvidence {
        saliency = List.copyOf(saliency);
        nearestTrainingExamples = List.copyOf(nearestTrainingExamples);
    }
}
