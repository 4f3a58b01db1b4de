package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SliceSearch;
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
        throw new UnsupportedOperationException("step 0");
    }
}
