package io.github.erroranalysis.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Renders the report's blocks as one self-contained HTML file: styles inline, figures as {@code data:} URIs, and a
 * content security policy that forbids any network access; the one script is the explorer's ({@link Gallery#SCRIPT},
 * allowed by its hash), added only when a library-made HTML block (the gallery, the clickable matrix) needs it.
 */
final class HtmlRenderer {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1100px;\
            margin:2em auto;padding:0 1em;color:#222;line-height:1.45;overflow-wrap:break-word}
            h1{border-bottom:2px solid #ddd;padding-bottom:.3em}h2{margin-top:1.8em;border-bottom:1px solid #eee}
            table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
            th{background:#f3f3f3}td{font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
            td.n{white-space:nowrap;overflow-wrap:normal}
            figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:.9em}
            """ + Gallery.STYLE;

    /**
     * A cell that is a number, a percentage or an interval of them ({@code -0.0513}, {@code 40.1 %},
     * {@code [-0.0685, -0.0351]}): kept on one line ({@code td.n}), so a narrow column never splits its digits.
     */
    static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "(?=.{1,40}$)[\\[(]?[-+\u2212]?[0-9][0-9.,eE%+\u2212 -]*[\\])]?");

    private HtmlRenderer() {
    }

    /** The table of contents under the title: a link to each section's anchor (in-page links only). */
    private static void contents(StringBuilder s, List<Block> blocks) {
        StringBuilder links = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Block.Heading h && h.level() == 2 && !h.anchor().isEmpty()) {
                links.append("<a href=\"#").append(Escaping.html(h.anchor())).append("\">")
                        .append(Escaping.html(h.text())).append("</a>");
            }
        }
        if (links.length() > 0) {
            s.append("<nav class=\"toc\">").append(links).append("</nav>\n");
        }
    }

    static String render(String title, List<Block> blocks, Map<String, byte[]> figures) {
        int html = 0;
        for (Block b : blocks) {
            if (b instanceof Block.Html h) {
                html += h.html().length();
            }
        }
        StringBuilder s = new StringBuilder(256 * 1024 + html);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(Escaping.CONTENT_SECURITY_POLICY_META).append('\n')
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Escaping.html(title)).append("</title>\n<style>\n").append(STYLE)
                .append("\n</style>\n</head>\n<body>\n");
        Base64.Encoder base64 = Base64.getEncoder();
        boolean script = false;
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                s.append("<h").append(h.level());
                if (!h.anchor().isEmpty()) {
                    s.append(" id=\"").append(Escaping.html(h.anchor())).append('"');
                }
                s.append('>').append(Escaping.html(h.text())).append("</h").append(h.level()).append(">\n");
                if (h.level() == 1) {
                    contents(s, blocks);
                }
            } else if (b instanceof Block.Paragraph p) {
                s.append("<p>").append(Escaping.html(p.text())).append("</p>\n");
            } else if (b instanceof Block.Table t) {
                s.append("<table>\n<thead><tr>");
                for (String c : t.header()) {
                    s.append("<th>").append(Escaping.html(c)).append("</th>");
                }
                s.append("</tr></thead>\n<tbody>\n");
                for (List<String> r : t.rows()) {
                    s.append("<tr>");
                    for (String c : r) {
                        s.append(NUMBER.matcher(c).matches() ? "<td class=\"n\">" : "<td>").append(Escaping.html(c))
                                .append("</td>");
                    }
                    s.append("</tr>\n");
                }
                s.append("</tbody>\n</table>\n");
            } else if (b instanceof Block.Figure f) {
                byte[] png = figures.get(f.name());
                if (png == null) {
                    throw new IllegalStateException("the report refers to a figure that was not drawn: " + f.name());
                }
                s.append("<figure><img alt=\"").append(Escaping.html(f.caption())).append("\" src=\"data:image/png;base64,")
                        .append(base64.encodeToString(png)).append("\"><figcaption>").append(Escaping.html(f.caption()))
                        .append("</figcaption></figure>\n");
            } else if (b instanceof Block.Bullets l) {
                s.append("<ul>\n");
                for (String item : l.items()) {
                    s.append("<li>").append(Escaping.html(item)).append("</li>\n");
                }
                s.append("</ul>\n");
            } else if (b instanceof Block.Html h) {
                s.append(h.html()).append('\n');
                script = true;
            }
        }
        if (script) {
            s.append("<script>").append(Gallery.SCRIPT).append("</script>\n");
        }
        return s.append("</body>\n</html>\n").toString();
    }
}
