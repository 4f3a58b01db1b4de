package io.github.erroranalysis.report;

import io.github.erroranalysis.DuplicateAudit;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Progress;
import org.deeplearning4j.nn.api.Model;

/**
 * Searches the near-duplicates of test examples among training records and among the other test examples.
 */
final class NearDuplicates {

    /** The default largest distance of a suspected near-duplicate (chosen from measured figures; step 0: none yet). */
    static final double DEFAULT_THRESHOLD = Double.NaN;

    private NearDuplicates() {
    }

    /**
     * Runs the near-duplicate half of the audit ({@link DataAudit#duplicates}).
     *
     * @param analysis the analysis of the test examples
     * @param model the model
     * @param test the test examples
     * @param training the training data
     * @param settings how to run
     * @param progress hears the embedded examples
     * @return the audit
     */
    static DuplicateAudit audit(ErrorAnalysis analysis, Model model, DataAudit.Data test, DataAudit.Data training,
            DataAudit.Settings settings, Progress progress) {
        throw new UnsupportedOperationException("step 0");
    }
}
