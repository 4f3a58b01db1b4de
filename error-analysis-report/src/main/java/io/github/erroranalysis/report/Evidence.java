package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;

/**
 * What a report needs to explain its mistakes with visual evidence: the model (a {@code MultiLayerNetwork} or
 * {@code ComputationGraph}), the analysed examples as the model takes them, and optionally the training data for the
 * nearest training examples. Immutable; give it to {@link ErrorReport.Builder#evidence(Evidence)}.
 *
 * <p>By default the report computes saliency maps, each with its faithfulness, for the mistakes it shows in a grid
 * and the first {@value #GALLERY_MAPS} of the gallery (Grad-CAM for all of them, occlusion too for the grid ones;
 * {@link SaliencyScope#ALL}: Grad-CAM for every mistake, occlusion still for the grid ones), and lists the
 * {@value #DEFAULT_NEIGHBOURS} nearest training examples of every explained example when training data is given.
 *
 * @param model the model whose predictions the analysis holds
 * @param inputs the analysed examples, by the analysis's example index
 * @param training the training data, if given
 * @param trainingSource where the training data came from, for the report
 * @param trainingImages the training examples' images, by training index, for the neighbours' thumbnails
 * @param scope which examples get saliency maps
 * @param neighbours how many nearest training examples each explained example lists (0 for none)
 * @param seed the seed of the random deletion orders and the randomised model
 */
public record Evidence(Model model, ModelInputs inputs, Optional<ModelInputs> training, String trainingSource,
        ImageSource trainingImages, SaliencyScope scope, int neighbours, long seed) {

    /** How many mistakes of the gallery's default order get saliency maps with {@link SaliencyScope#SHOWN}. */
    public static final int GALLERY_MAPS = 64;

    /** The default number of nearest training examples. */
    public static final int DEFAULT_NEIGHBOURS = 3;

    /** The default seed. */
    public static final long DEFAULT_SEED = 42;

    /**
     * Checks the components.
     *
     * @param model the model
     * @param inputs the analysed examples
     * @param training the training data
     * @param trainingSource its description
     * @param trainingImages the training images
     * @param scope the saliency scope
     * @param neighbours the neighbours per example
     * @param seed the seed
     */
    public Evidence {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(trainingSource, "trainingSource");
        Objects.requireNonNull(trainingImages, "trainingImages");
        Objects.requireNonNull(scope, "scope");
        if (neighbours < 0) {
            throw new IllegalArgumentException("the number of neighbours must be at least 0, but is " + neighbours);
        }
    }

    /**
     * Gives the default evidence of a model: saliency for the shown mistakes, no training data.
     *
     * @param model the model
     * @param inputs the analysed examples, by example index
     * @return the evidence settings
     */
    public static Evidence of(Model model, ModelInputs inputs) {
        return new Evidence(model, inputs, Optional.empty(), "", ImageSource.none(), SaliencyScope.SHOWN, DEFAULT_NEIGHBOURS,
                DEFAULT_SEED);
    }

    /**
     * Gives the same settings with training data for the nearest training examples; records with the same origin
     * and the same model input as an analysed example are left out.
     *
     * @param data the training data
     * @param images the training examples' images by training index (for the neighbours' thumbnails)
     * @param source where it came from, for the report
     * @return new settings
     */
    public Evidence withTraining(ModelInputs data, ImageSource images, String source) {
        return new Evidence(model, inputs, Optional.of(data), source, images, scope, neighbours, seed);
    }

    /**
     * Gives the same settings with another saliency scope.
     *
     * @param which which examples get maps
     * @return new settings
     */
    public Evidence withScope(SaliencyScope which) {
        return new Evidence(model, inputs, training, trainingSource, trainingImages, which, neighbours, seed);
    }

    /**
     * Gives the same settings with another number of neighbours.
     *
     * @param k the neighbours per explained example, 0 for none
     * @return new settings
     */
    public Evidence withNeighbours(int k) {
        return new Evidence(model, inputs, training, trainingSource, trainingImages, scope, k, seed);
    }

    /**
     * Gives the same settings with another seed.
     *
     * @param s the seed
     * @return new settings
     */
    public Evidence withSeed(long s) {
        return new Evidence(model, inputs, training, trainingSource, trainingImages, scope, neighbours, s);
    }

    /**
     * Explains examples of an analysis: saliency maps for {@code mapped}, nearest training examples for
     * {@code mapped} and {@code neighboured}.
     *
     * @param analysis the analysis whose examples {@link #inputs()} holds
     * @param mapped the examples that get saliency maps
     * @param neighboured further examples that get only nearest training examples
     * @return the explanations
     */
    public Explanations explain(ErrorAnalysis analysis, List<Integer> mapped, List<Integer> neighboured) {
        return explain(analysis, mapped, Math.min(mapped.size(), SaliencyMaps.FULL_OCCLUSION), neighboured);
    }

    /**
     * Explains examples of an analysis, the first {@code detailed} of {@code mapped} in detail: occlusion at the
     * default 4×4 patch and stride 2 and more random deletion orders (the others get a coarser occlusion, to keep
     * the cost of a report small).
     *
     * @param analysis the analysis whose examples {@link #inputs()} holds
     * @param mapped the examples that get saliency maps, the detailed ones first
     * @param detailed how many of the first mapped examples are detailed (the report: the mistakes in its grids)
     * @param neighboured further examples that get only nearest training examples
     * @return the explanations
     */
    public Explanations explain(ErrorAnalysis analysis, List<Integer> mapped, int detailed, List<Integer> neighboured) {
        if (inputs.size() != analysis.examples()) {
            throw new IllegalArgumentException("the evidence's inputs hold " + inputs.size() + " examples, but the "
                    + "analysis has " + analysis.examples());
        }
        SaliencyMaps.Result maps = scope == SaliencyScope.NONE ? SaliencyMaps.Result.EMPTY
                : SaliencyMaps.explain(model, inputs, analysis, mapped, detailed, seed);
        java.util.LinkedHashSet<Integer> all = new java.util.LinkedHashSet<>(mapped);
        all.addAll(neighboured);
        NearestTraining.Result near = training.isEmpty() || neighbours == 0 ? NearestTraining.Result.EMPTY
                : NearestTraining.search(model, inputs, analysis, training.get(), List.copyOf(all), neighbours);
        java.util.Map<Integer, ExampleEvidence> byExample = new java.util.TreeMap<>();
        for (int i : all) {
            List<SaliencyMap> m = maps.maps().getOrDefault(i, List.of());
            List<TrainingNeighbour> n = near.neighbours().getOrDefault(i, List.of());
            if (!m.isEmpty() || !n.isEmpty()) {
                byExample.put(i, new ExampleEvidence(i, m, n));
            }
        }
        Optional<Explanations.TrainingSearch> searched = training.isEmpty() || neighbours == 0 ? Optional.empty()
                : Optional.of(new Explanations.TrainingSearch(trainingSource, training.get().size(), near.excluded(),
                        neighbours, (int) near.neighbours().values().stream()
                                .filter(l -> l.stream().anyMatch(TrainingNeighbour::identical)).count()));
        return new Explanations(byExample, maps.faithfulness(), maps.sanityCheck(), searched);
    }
}
