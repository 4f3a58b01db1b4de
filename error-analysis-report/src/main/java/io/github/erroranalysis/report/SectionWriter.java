package io.github.erroranalysis.report;

import java.awt.image.BufferedImage;
import java.util.List;

/** Where a {@link ReportSection} writes: every call appears in all three renderings, escaped. */
public interface SectionWriter {

    /**
     * Adds a paragraph of plain text.
     *
     * @param text the text (escaped when rendered)
     * @return this writer
     */
    SectionWriter paragraph(String text);

    /**
     * Adds a table.
     *
     * @param header the column headings
     * @param rows   the rows, each as long as the header
     * @return this writer
     */
    SectionWriter table(List<String> header, List<List<String>> rows);

    /**
     * Adds a figure, written as a PNG file beside the report.
     *
     * @param name    the file name without extension, {@code [a-z0-9][a-z0-9-]*}
     * @param image   the picture
     * @param caption the caption
     * @return this writer
     */
    SectionWriter figure(String name, BufferedImage image, String caption);

    /**
     * Adds a value to the section's JSON object in {@code report.json}.
     *
     * @param key   the key
     * @param value a Number, String, Boolean, List, Map or null
     * @return this writer
     */
    SectionWriter json(String key, Object value);
}
