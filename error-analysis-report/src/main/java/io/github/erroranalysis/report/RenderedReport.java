package io.github.erroranalysis.report;

import io.github.erroranalysis.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rendered content of a report written as one folder (the comparison and the robustness report): its title,
 * blocks and figures, with the Markdown, the self-contained HTML and the folder's files made from them.
 *
 * @param what the report's kind in error messages, for example "the comparison"
 * @param title the report's title
 * @param blocks the report's blocks, in order
 * @param figures the figures' PNG bytes by name, in the order they appear
 */
record RenderedReport(String what, String title, List<Block> blocks, Map<String, byte[]> figures) {

    /** Copies the blocks and the figures into unmodifiable collections. */
    RenderedReport {
        blocks = List.copyOf(blocks);
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /**
     * Takes the blocks and figures a document has collected.
     *
     * @param what the report's kind in error messages
     * @param title the report's title
     * @param document the document, all its sections closed
     * @return the rendered report
     */
    static RenderedReport of(String what, String title, Document document) {
        return new RenderedReport(what, title, document.blocks(), document.figures());
    }

    /**
     * Checks a name or title a folder report's builder is given.
     *
     * @param s the text
     * @param what what it is, for the message (such as "model A's name")
     * @return the text
     * @throws IllegalArgumentException if it is null or blank
     */
    static String notBlank(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, but is '" + s + "'");
        }
        return s;
    }

    /**
     * Gives the names of the figures, in the order they appear.
     *
     * @return the figure names
     */
    List<String> figureNames() {
        return List.copyOf(figures.keySet());
    }

    /**
     * Gives one figure as PNG bytes.
     *
     * @param name a name from {@link #figureNames()}
     * @return a fresh copy of the PNG bytes
     */
    byte[] figurePng(String name) {
        byte[] png = figures.get(name);
        if (png == null) {
            throw new IllegalArgumentException(what + " has no figure named '" + name + "'; it has "
                    + figures.keySet());
        }
        return png.clone();
    }

    /**
     * Renders the report as Markdown, figures linked beside it.
     *
     * @return the Markdown text
     */
    String markdown() {
        return MarkdownRenderer.render(blocks);
    }

    /**
     * Renders the report as one self-contained HTML file, figures inlined.
     *
     * @return the HTML text
     */
    String html() {
        return HtmlRenderer.render(title, blocks, figures);
    }

    /**
     * Gives the folder's files for {@code OutputFolders.replaceWith}: the JSON, Markdown and HTML files, then the
     * figures as {@code <figureFolder>/<name>.png}.
     *
     * @param jsonFile the JSON file's name
     * @param json the JSON text, made when the file is written
     * @param markdownFile the Markdown file's name
     * @param htmlFile the HTML file's name
     * @param figureFolder the figures' folder
     * @return the files by relative path, in writing order
     */
    Map<String, AtomicFiles.Content> files(String jsonFile, Supplier<String> json, String markdownFile,
            String htmlFile, String figureFolder) {
        Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
        files.put(jsonFile, out -> out.write(json.get().getBytes(StandardCharsets.UTF_8)));
        files.put(markdownFile, out -> out.write(markdown().getBytes(StandardCharsets.UTF_8)));
        files.put(htmlFile, out -> out.write(html().getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, byte[]> f : figures.entrySet()) {
            byte[] png = f.getValue();
            files.put(figureFolder + "/" + f.getKey() + ".png", out -> out.write(png));
        }
        return files;
    }
}
