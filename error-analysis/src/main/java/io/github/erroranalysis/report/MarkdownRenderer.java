package io.github.erroranalysis.report;

import java.util.List;

/** Renders the report's blocks as Markdown (CommonMark with GitHub tables), figures linked beside it. */
final class MarkdownRenderer {

    private MarkdownRenderer() {
    }

    static String render(List<Block> blocks) {
        StringBuilder s = new StringBuilder(16 * 1024);
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                s.append("#".repeat(h.level())).append(' ').append(escape(h.text())).append("\n\n");
            } else if (b instanceof Block.Paragraph p) {
                s.append(escapeLineStart(escape(p.text()))).append("\n\n");
            } else if (b instanceof Block.Table t) {
                row(s, t.header());
                s.append('|');
                s.append(" --- |".repeat(t.header().size()));
                s.append('\n');
                for (List<String> r : t.rows()) {
                    row(s, r);
                }
                s.append('\n');
            } else if (b instanceof Block.Figure f) {
                s.append("![").append(escape(f.caption())).append("](").append(ErrorReport.FIGURE_FOLDER).append('/')
                        .append(f.name()).append(".png)\n\n");
            } else if (b instanceof Block.Bullets l) {
                for (String item : l.items()) {
                    s.append("- ").append(escape(item)).append('\n');
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static void row(StringBuilder s, List<String> cells) {
        s.append('|');
        for (String c : cells) {
            s.append(' ').append(escape(c)).append(" |");
        }
        s.append('\n');
    }

    /**
     * Escapes text so Markdown shows it literally: the characters that start emphasis, code, links, HTML, tables,
     * or entities get a backslash (a paragraph's leading list or heading mark too), and line breaks become spaces.
     */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 8);
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            switch (ch) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!' -> s.append('\\').append(ch);
                case '\n', '\r' -> s.append(' ');
                default -> s.append(ch);
            }
        }
        return s.toString();
    }

    /** Keeps a paragraph from starting a list, a setext underline or a heading. */
    private static String escapeLineStart(String text) {
        return !text.isEmpty() && "-+=#".indexOf(text.charAt(0)) >= 0 ? "\\" + text : text;
    }
}
