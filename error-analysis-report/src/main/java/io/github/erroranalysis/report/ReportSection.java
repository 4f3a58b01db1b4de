package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;

/**
 * A section of the report, built in or a user's own: it appears in the HTML, the Markdown and {@code report.json}
 * (its values under {@code sections.<id>}).
 */
public interface ReportSection {

    /**
     * Names the section: {@code [a-z][a-zA-Z0-9-]*}, its JSON key under {@code sections} and its HTML anchor.
     *
     * @return the id
     */
    String id();

    /**
     * Gives the section's title, as people read it.
     *
     * @return the title
     */
    String title();

    /**
     * Writes the section's paragraphs, tables, figures and JSON values.
     *
     * @param out      where the section is written
     * @param analysis the analysis the report is about
     */
    void render(SectionWriter out, ErrorAnalysis analysis);
}
