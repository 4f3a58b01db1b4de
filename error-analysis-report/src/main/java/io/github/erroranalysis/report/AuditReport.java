package io.github.erroranalysis.report;

import io.github.erroranalysis.Audit;
import io.github.erroranalysis.AuditJson;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.OutputFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The audit command's report folder: {@code audit.json}, {@code report.html}, {@code report.md} and the figures of
 * the {@link AuditSection}, written atomically into a new, empty or earlier audit folder.
 */
public final class AuditReport {

    /** The audit document's file name. */
    public static final String JSON_FILE = "audit.json";

    /** The Markdown file. */
    public static final String MARKDOWN_FILE = ErrorReport.MARKDOWN_FILE;

    /** The HTML file. */
    public static final String HTML_FILE = ErrorReport.HTML_FILE;

    /** The folder that holds the figures as PNG files (as in the error report). */
    public static final String FIGURE_FOLDER = ErrorReport.FIGURE_FOLDER;

    /** The kind of folder the marker records. */
    public static final String FOLDER_KIND = "audit folder";

    private AuditReport() {
    }

    /**
     * Writes the audit's report folder: {@value #JSON_FILE} ({@link AuditJson#write}, the one writer),
     * {@value #MARKDOWN_FILE}, {@value #HTML_FILE} (self-contained, figures inlined) and the figures under
     * {@value #FIGURE_FOLDER}, with the marker file {@value OutputFolders#MARKER}, staged in a hidden sibling and
     * renamed in (see {@link OutputFolders}); an existing folder is replaced only when this library wrote it as an
     * audit folder.
     *
     * @param folder the folder: new, empty or an earlier audit folder (never a user's data)
     * @param analysis the analysis the audit is about
     * @param audit the audit
     * @param testImages the test examples' images
     * @param trainingImages the training records' images
     * @return the folder written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds other files; nothing is written
     * @throws IOException when it cannot be written (nothing half-written stays; an existing folder is kept)
     */
    public static Path write(Path folder, ErrorAnalysis analysis, Audit audit, ImageSource testImages,
            ImageSource trainingImages) throws IOException {
        return write(folder, analysis, new AuditSection(audit, testImages, trainingImages), audit);
    }

    /**
     * Writes the audit's report folder as {@link #write(Path, ErrorAnalysis, Audit, ImageSource, ImageSource)} does,
     * the suspected pairs showing each training record's label too.
     *
     * @param folder the folder: new, empty or an earlier audit folder (never a user's data)
     * @param analysis the analysis the audit is about
     * @param audit the audit
     * @param testImages the test examples' images
     * @param trainingImages the training records' images
     * @param trainingLabels the class index of a training record, by training index ({@code training.inputs()::label})
     * @return the folder written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds other files; nothing is written
     * @throws IOException when it cannot be written (nothing half-written stays; an existing folder is kept)
     */
    public static Path write(Path folder, ErrorAnalysis analysis, Audit audit, ImageSource testImages,
            ImageSource trainingImages, java.util.function.IntUnaryOperator trainingLabels) throws IOException {
        return write(folder, analysis, new AuditSection(audit, testImages, trainingImages)
                .withTrainingLabels(trainingLabels), audit);
    }

    private static Path write(Path folder, ErrorAnalysis analysis, AuditSection section, Audit audit)
            throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(analysis, "analysis");
        RenderedReport rendered = render(analysis, audit, section);
        return OutputFolders.replaceWith(folder, FOLDER_KIND, rendered.files(JSON_FILE, () -> AuditJson.write(audit),
                MARKDOWN_FILE, HTML_FILE, FIGURE_FOLDER), AuditReport::isEarlierVersion);
    }

    /**
     * Checks, changing nothing, that {@link #write} may write a folder: it is absent, empty or holds the marker file
     * {@value OutputFolders#MARKER} of an audit folder listing everything in it; the caller's working folder and any
     * folder holding it are refused.
     *
     * @param folder the folder to be written, resolved against {@code workingFolder} if relative
     * @param workingFolder the caller's working folder
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws ForeignFolderException if the folder holds other files
     * @throws IOException if the folder is a file, the root, the working folder or a folder holding it
     */
    public static Path checkFolder(Path folder, Path workingFolder) throws IOException {
        return OutputFolders.check(folder, FOLDER_KIND, AuditReport::isEarlierVersion, workingFolder);
    }

    /** Renders the folder's one document: the report's title, then the audit section's content. */
    static RenderedReport render(ErrorAnalysis analysis, Audit audit, AuditSection section) {
        String title = "Data audit: " + audit.testSource();
        try (Document document = new Document()) {
            Document.Writer w = document.section(AuditSection.ID, 1, title, true);
            section.render(w, analysis);
            w.close();
            return RenderedReport.of("the data audit", title, document);
        }
    }

    /** No audit folder was ever written without the marker, so none is an earlier version. */
    static boolean isEarlierVersion(Path folder) {
        return false;
    }
}
