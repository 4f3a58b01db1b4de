package io.github.erroranalysis.report;

import io.github.erroranalysis.Audit;
import io.github.erroranalysis.ErrorAnalysis;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The audit command's report folder: {@code audit.json}, {@code report.html}, {@code report.md} and the figures of
 * the {@link AuditSection}, written atomically into a new, empty or earlier audit folder.
 */
public final class AuditReport {

    /** The audit document's file name. */
    public static final String JSON_FILE = "audit.json";

    /** The kind of folder the marker records. */
    public static final String FOLDER_KIND = "audit folder";

    private AuditReport() {
    }

    /**
     * Writes the audit's report folder.
     *
     * @param folder the folder: new, empty or an earlier audit folder (never a user's data)
     * @param analysis the analysis the audit is about
     * @param audit the audit
     * @param testImages the test examples' images
     * @param trainingImages the training records' images
     * @return the folder written
     * @throws IOException when it cannot be written (nothing half-written stays)
     */
    public static Path write(Path folder, ErrorAnalysis analysis, Audit audit, ImageSource testImages,
            ImageSource trainingImages) throws IOException {
        throw new UnsupportedOperationException("step 0");
    }
}
