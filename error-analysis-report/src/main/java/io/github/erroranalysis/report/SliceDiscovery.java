package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SliceAttribute;
import io.github.erroranalysis.SliceFinder;
import io.github.erroranalysis.SliceSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;

/**
 * Describes test examples by their {@link ImageAttributes} and embedding cluster, and searches the slices where the
 * model fails with the core's {@code SliceFinder}.
 */
final class SliceDiscovery {

    private SliceDiscovery() {
    }

    /**
     * Runs the slice half of the audit ({@link DataAudit#slices}).
     *
     * @param analysis the analysis of the test examples
     * @param model the model
     * @param test the test examples
     * @param settings how to run
     * @return the slices found
     */
    static SliceSearch search(ErrorAnalysis analysis, Model model, DataAudit.Data test, DataAudit.Settings settings) {
        return SliceFinder.find(analysis, attributes(analysis, model, test, settings), settings.slices());
    }

    /**
     * Runs the slice half of the audit on the test examples' embeddings already computed (the near-duplicate search
     * embeds them too).
     *
     * @param analysis the analysis of the test examples
     * @param embeddings the test examples' penultimate-layer embeddings, one row each, in the analysis's order
     * @param test the test examples
     * @param settings how to run
     * @return the slices found
     */
    static SliceSearch search(ErrorAnalysis analysis, Embeddings.Matrix embeddings, DataAudit.Data test,
            DataAudit.Settings settings) {
        return SliceFinder.find(analysis, attributes(analysis, embeddings, test, settings), settings.slices());
    }

    /**
     * Gives the attributes the slices are searched over: the image attributes, then the embedding cluster (when
     * there are enough examples for two clusters).
     *
     * @param analysis the analysis of the test examples
     * @param model the model
     * @param test the test examples, in the analysis's order
     * @param settings how to run
     * @return the attributes, one value per example each
     */
    static List<SliceAttribute> attributes(ErrorAnalysis analysis, Model model, DataAudit.Data test,
            DataAudit.Settings settings) {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(settings, "settings");
        int n = analysis.examples();
        List<SliceAttribute> attributes = new ArrayList<>(imageAttributes(analysis, test));
        EmbeddingClusters.attribute(model, test.inputs(), n, settings.clusters(), settings.slices().minSupport(),
                settings.seed()).ifPresent(attributes::add);
        return List.copyOf(attributes);
    }

    /**
     * Gives the attributes the slices are searched over from the test examples' embeddings already computed.
     *
     * @param analysis the analysis of the test examples
     * @param embeddings the test examples' penultimate-layer embeddings, one row each, in the analysis's order
     * @param test the test examples, in the analysis's order
     * @param settings how to run
     * @return the attributes, one value per example each
     */
    static List<SliceAttribute> attributes(ErrorAnalysis analysis, Embeddings.Matrix embeddings, DataAudit.Data test,
            DataAudit.Settings settings) {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(settings, "settings");
        if (embeddings.rows() != analysis.examples()) {
            throw new IllegalArgumentException("the test embeddings have " + embeddings.rows() + " rows but the "
                    + "analysis has " + analysis.examples() + " examples");
        }
        List<SliceAttribute> attributes = new ArrayList<>(imageAttributes(analysis, test));
        EmbeddingClusters.attribute(embeddings, settings.clusters(), settings.slices().minSupport(), settings.seed())
                .ifPresent(attributes::add);
        return List.copyOf(attributes);
    }

    /** The image attributes, each image asked for with the analysis's origin of its example. */
    private static List<SliceAttribute> imageAttributes(ErrorAnalysis analysis, DataAudit.Data test) {
        ImageSource images = test.images();
        return ImageAttributes.of((i, none) -> images.image(i, analysis.origin(i)), analysis.examples());
    }
}
