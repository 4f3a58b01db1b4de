package io.github.erroranalysis.report;

import io.github.erroranalysis.Audit;
import io.github.erroranalysis.DuplicateAudit;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.SliceFinder;
import io.github.erroranalysis.SliceSearch;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;

/**
 * Audits a test set: its near-duplicates in the training data, and the slices where the model fails (over the
 * images' {@link ImageAttributes} and the clusters of the model's penultimate-layer embedding).
 */
public final class DataAudit {

    /** The default seed of the random choices. */
    public static final long DEFAULT_SEED = 42;

    /** The default number of embedding clusters. */
    public static final int DEFAULT_CLUSTERS = 16;

    /**
     * Examples on one side of the audit: as the model takes them (for the embedding) and as images (for the
     * attributes and pixel descriptors), with labels and origins.
     *
     * @param inputs the examples as the model takes them, with labels and origins
     * @param images their images, by index
     * @param source where they came from, for the report
     */
    public record Data(ModelInputs inputs, ImageSource images, String source) {

        /**
         * Checks the components.
         *
         * @param inputs the inputs
         * @param images the images
         * @param source the source
         */
        public Data {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * How the audit runs.
     *
     * @param seed the seed of the random choices
     * @param threshold the largest distance that counts as a suspected near-duplicate, or NaN for
     *                  {@link NearDuplicates#DEFAULT_THRESHOLD}
     * @param clusters how many embedding clusters slices are searched over, at least 2
     * @param slices how slices are searched
     */
    public record Settings(long seed, double threshold, int clusters, SliceFinder.Settings slices) {

        /** The defaults. */
        public static final Settings DEFAULTS = new Settings(DEFAULT_SEED, Double.NaN, DEFAULT_CLUSTERS,
                SliceFinder.Settings.DEFAULTS);
    }

    private DataAudit() {
    }

    /**
     * Searches the near-duplicates of test examples in the training data and within the test data, and measures
     * their effect on the analysis's accuracy.
     *
     * @param analysis the analysis of the test examples
     * @param model the model whose penultimate layer embeds the examples
     * @param test the test examples, in the analysis's order
     * @param training the training data
     * @param settings how to run
     * @param progress hears the embedded examples (test and training together)
     * @return the near-duplicate audit
     */
    public static DuplicateAudit duplicates(ErrorAnalysis analysis, Model model, Data test, Data training,
            Settings settings, Progress progress) {
        return NearDuplicates.audit(analysis, model, test, training, settings, progress);
    }

    /**
     * Searches the slices of the test examples where the model fails.
     *
     * @param analysis the analysis of the test examples
     * @param model the model whose penultimate layer embeds the examples (for the clusters)
     * @param test the test examples, in the analysis's order
     * @param settings how to run
     * @return the slices found
     */
    public static SliceSearch slices(ErrorAnalysis analysis, Model model, Data test, Settings settings) {
        return SliceDiscovery.search(analysis, model, test, settings);
    }

    /**
     * Gives the attributes the slices are searched over: the {@link ImageAttributes} of each test image, then its
     * embedding cluster ("embedding cluster", categories "1" .. "k", 1 the largest).
     *
     * @param analysis the analysis of the test examples
     * @param model the model whose penultimate layer embeds the examples
     * @param test the test examples, in the analysis's order
     * @param settings how to run (the seed and number of clusters, the minimum support)
     * @return the attributes, one value per example each
     */
    public static java.util.List<io.github.erroranalysis.SliceAttribute> attributes(ErrorAnalysis analysis,
            Model model, Data test, Settings settings) {
        return SliceDiscovery.attributes(analysis, model, test, settings);
    }

    /**
     * Runs the whole audit: the near-duplicates when training data is given, and the slices.
     *
     * @param analysis the analysis of the test examples
     * @param model the model
     * @param test the test examples
     * @param training the training data, or empty
     * @param settings how to run
     * @param progress hears the embedded examples
     * @return the audit
     */
    public static Audit run(ErrorAnalysis analysis, Model model, Data test, Optional<Data> training,
            Settings settings, Progress progress) {
        Optional<DuplicateAudit> d = training.map(t -> duplicates(analysis, model, test, t, settings, progress));
        SliceSearch s = slices(analysis, model, test, settings);
        return new Audit(d, Optional.of(s), settings.seed(), test.source(), training.map(Data::source));
    }
}
