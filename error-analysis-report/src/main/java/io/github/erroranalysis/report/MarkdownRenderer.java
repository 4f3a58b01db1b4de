package io.github.erroranalysis.report;

import java.util.List;

/** Renders the report's blocks as Markdown (CommonMark with GitHub tables), figures linked beside it. */
final class MarkdownRenderer {

    private MarkdownRenderer() {
    }

    static String render(List<Block> blocks) {
        StringBuilder s = new StringBuilder(16 * 1024);
        render(s, blocks);
        return s.toString();
    }

    private static void render(StringBuilder s, List<Block> blocks) {
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                s.append("#".repeat(h.level())).append(' ').append(Escaping.markdown(h.text())).append("\n\n");
            } else if (b instanceof Block.Paragraph p) {
                s.append(Escaping.markdownParagraph(p.text())).append("\n\n");
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
                s.append("![").append(Escaping.markdown(f.caption())).append("](").append(ErrorReport.FIGURE_FOLDER).append('/')
                        .append(f.name()).append(".png)\n\n");
            } else if (b instanceof Block.Bullets l) {
                for (String item : l.items()) {
                    s.append("- ").append(Escaping.markdown(item)).append('\n');
                }
                s.append('\n');
            } else if (b instanceof Block.Html h) {
                render(s, h.markdown());
            }
        }
    }

    private static void row(StringBuilder s, List<String> cells) {
        s.append('|');
        for (String c : cells) {
            s.append(' ').append(Escaping.markdown(c)).append(" |");
        }
        s.append('\n');
    }
}
