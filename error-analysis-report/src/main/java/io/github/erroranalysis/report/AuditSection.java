package io.github.erroranalysis.report;

import io.github.erroranalysis.Audit;
import io.github.erroranalysis.ErrorAnalysis;
import java.util.Objects;

/**
 * The report's data audit section ({@code audit}): the suspected near-duplicates with side-by-side thumbnails and
 * the score effect, and the slices where the model fails with example grids and a figure; its JSON is
 * {@code audit.json}'s values.
 */
public final class AuditSection implements ReportSection {

    /** The section's id. */
    public static final String ID = "audit";

    private final Audit audit;
    private final ImageSource testImages;
    private final ImageSource trainingImages;

    /**
     * Makes the section.
     *
     * @param audit the audit
     * @param testImages the test examples' images, by test index
     * @param trainingImages the training records' images, by training index
     */
    public AuditSection(Audit audit, ImageSource testImages, ImageSource trainingImages) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.testImages = Objects.requireNonNull(testImages, "testImages");
        this.trainingImages = Objects.requireNonNull(trainingImages, "trainingImages");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Data audit";
    }

    @Override
    public void render(SectionWriter out, ErrorAnalysis analysis) {
        throw new UnsupportedOperationException("step 0");
    }
}
