package io.github.erroranalysis.report;

import java.util.List;

/** One block of the report's document, rendered the same way as Markdown and as HTML; text is never pre-escaped. */
sealed interface Block {

    /** A section heading, level 1 (the title) to 3, with its HTML anchor ({@code ""} for none). */
    record Heading(int level, String text, String anchor) implements Block {
    }

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** A table with a header row; every row has as many cells as the header. */
    record Table(List<String> header, List<List<String>> rows) implements Block {

        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("a table row has " + row.size() + " cells but the header has "
                            + header.size() + ": " + row);
                }
            }
        }
    }

    /** A figure of the report, by its name (the PNG file {@code figures/<name>.png}), with a caption. */
    record Figure(String name, String caption) implements Block {
    }

    /**
     * A block of HTML made by this library (never from user text unescaped), with the blocks Markdown shows instead.
     *
     * @param html the HTML, already escaped where it holds text
     * @param markdown the blocks the Markdown rendering shows in its place (may be empty)
     */
    record Html(String html, List<Block> markdown) implements Block {

        public Html {
            java.util.Objects.requireNonNull(html, "html");
            markdown = List.copyOf(markdown);
        }
    }

    /** A bulleted list of plain-text items. */
    record Bullets(List<String> items) implements Block {

        public Bullets {
            items = List.copyOf(items);
        }
    }
}
