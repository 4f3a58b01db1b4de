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
        if (settings.clusters() < 2) {
            throw new IllegalArgumentException("the audit's settings ask for " + settings.clusters() + " embedding "
                    + "clusters; at least 2 are needed");
        }
        int n = analysis.examples();
        ImageSource images = (i, origin) -> test.images().image(i, origin.isPresent() ? origin : analysis.origin(i));
        List<SliceAttribute> attributes = new ArrayList<>(ImageAttributes.of(images, n));
        EmbeddingClusters.attribute(model, test.inputs(), n, settings.clusters(), settings.slices().minSupport(),
                settings.seed()).ifPresent(attributes::add);
        return List.copyOf(attributes);
    }
}
