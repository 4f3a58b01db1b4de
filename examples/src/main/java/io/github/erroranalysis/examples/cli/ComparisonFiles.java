package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.StatsJson;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.report.ComparisonReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The files of {@code compare}, written by the report module's {@link ComparisonReport} (the one writer of the
 * comparison's Markdown and HTML, with the error report's renderer and look): {@value #JSON_FILE} (the core's one
 * comparison JSON, {@link StatsJson#comparison}, schema {@code comparison.schema.json}: model A as
 * {@code baselineModel}, model B as {@code candidateModel}, so {@code mcnemar.rightToWrong} counts the examples A got
 * right and B wrong), {@value #MARKDOWN_FILE}, {@value #HTML_FILE} and the figures under
 * {@value ComparisonReport#FIGURE_FOLDER}, written as one folder that replaces an existing one only when complete.
 */
public final class ComparisonFiles {

    /** The JSON file. */
    public static final String JSON_FILE = ComparisonReport.JSON_FILE;
    /** The Markdown file. */
    public static final String MARKDOWN_FILE = ComparisonReport.MARKDOWN_FILE;
    /** The HTML file. */
    public static final String HTML_FILE = ComparisonReport.HTML_FILE;
    /** What the folder is called in messages. */
    public static final String FOLDER_KIND = ComparisonReport.FOLDER_KIND;

    private ComparisonFiles() {
    }

    /**
     * Writes the comparison folder (see {@link ComparisonReport#writeTo}).
     *
     * @param report the comparison report
     * @param folder the folder to create or replace: absent, empty, or a comparison folder (see {@link #checkFolder})
     * @return the folder, absolute (a symbolic link resolved)
     * @throws io.github.erroranalysis.io.ForeignFolderException if the folder holds other files; nothing is written
     * @throws IOException if the folder cannot be written; an existing one is then kept
     */
    public static Path write(ComparisonReport report, Path folder) throws IOException {
        return report.writeTo(folder);
    }

    /**
     * Checks, changing nothing, that {@link #write} may write a folder: it is absent, empty, holds the marker file
     * {@value OutputFolders#MARKER} listing everything in it, or is a comparison folder written before the marker;
     * the caller's working folder and any folder holding it are refused (see {@link ComparisonReport#checkFolder}).
     *
     * @param folder the folder to be written, resolved against {@code workingFolder} if relative
     * @param workingFolder the caller's working folder
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws io.github.erroranalysis.io.ForeignFolderException if the folder holds other files
     * @throws IOException if the folder is a file, the root, the working folder or a folder holding it
     */
    public static Path checkFolder(Path folder, Path workingFolder) throws IOException {
        return ComparisonReport.checkFolder(folder, workingFolder);
    }

    /**
     * Gives the comparison JSON ({@code schemaVersion} 2): the core's comparison document with model A as the
     * baseline ({@code baselineModel}) and model B as the candidate ({@code candidateModel}), indented.
     *
     * @param comparison the comparison
     * @param nameA model A's name
     * @param nameB model B's name
     * @return the JSON text
     */
    public static String json(ModelComparison comparison, String nameA, String nameB) {
        return StatsJson.comparison(comparison, nameA, nameB, true);
    }

    /**
     * Gives the one-line summary (see {@link ComparisonReport#summary}).
     *
     * @param c the comparison
     * @param nameA model A's name
     * @param nameB model B's name
     * @return the summary
     */
    public static String summary(ModelComparison c, String nameA, String nameB) {
        return ComparisonReport.summary(c, nameA, nameB);
    }
}
