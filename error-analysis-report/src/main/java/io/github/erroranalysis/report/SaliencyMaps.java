package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.stats.Interval;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;

/** Computes the saliency maps of a report's explained examples, their faithfulness and the sanity check. */
final class SaliencyMaps {

    /**
     * The maps of the explained examples, the per-method faithfulness and the sanity check.
     *
     * @param maps the maps of each example
     * @param faithfulness the mean faithfulness of each method with its interval
     * @param sanityCheck the sanity check, when one ran
     */
    record Result(Map<Integer, List<SaliencyMap>> maps, Map<String, Interval> faithfulness,
            Optional<SanityCheck> sanityCheck) {

        /** No maps. */
        static final Result EMPTY = new Result(Map.of(), Map.of(), Optional.empty());
    }

    private SaliencyMaps() {
    }

    /** Maps the examples (TODO saliency helper: occlusion + Grad-CAM, faithfulness, sanity check). */
    static Result explain(Model model, ModelInputs inputs, ErrorAnalysis analysis, List<Integer> examples, long seed) {
        return Result.EMPTY;
    }
}
