package io.github.erroranalysis.report;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Where a {@link ReportSection} writes, in order: paragraphs, subheadings, tables and figures appear in the Markdown
 * and the HTML (figures also as PNG files under {@value ErrorReport#FIGURE_FOLDER}), JSON values in
 * {@code report.json} under {@code sections.<id>}; all text is escaped like every other text of the report
 * ({@link Escaping}). A writer is valid only while its section's {@code render} runs.
 */
public interface SectionWriter {

    /**
     * Adds a paragraph of plain text.
     *
     * @param text the text (escaped when rendered)
     * @return this writer
     */
    SectionWriter paragraph(String text);

    /**
     * Adds a subheading inside the section (one level below the section's title).
     *
     * @param text the subheading (escaped when rendered)
     * @return this writer
     */
    SectionWriter subheading(String text);

    /**
     * Adds a table.
     *
     * @param header the column headings (escaped when rendered)
     * @param rows   the rows, each as long as the header (escaped when rendered)
     * @return this writer
     * @throws IllegalArgumentException if a row is not as long as the header
     */
    SectionWriter table(List<String> header, List<List<String>> rows);

    /**
     * Adds a figure, written as a PNG file beside the report.
     *
     * @param name    the file name without extension, {@code [a-z0-9][a-z0-9-]*}, unique in the report
     * @param image   the picture (scaled down to at most {@value Figures#MAX_WIDTH} x {@value Figures#MAX_HEIGHT})
     * @param caption the caption (escaped when rendered)
     * @return this writer
     * @throws IllegalArgumentException if the name does not match or the report already has a figure of that name
     */
    SectionWriter figure(String name, BufferedImage image, String caption);

    /**
     * Adds a value to the section's JSON object in {@code report.json}.
     *
     * @param key   the key, not empty, once per section
     * @param value a Number, String, Boolean, List, Map (String keys) or null, nested freely; copied
     * @return this writer
     * @throws IllegalArgumentException naming the key and the type of a value that is none of these, or a key given
     *                                  twice
     */
    SectionWriter json(String key, Object value);
}
