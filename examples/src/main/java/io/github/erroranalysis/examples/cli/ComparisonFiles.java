package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.report.Escaping;
import io.github.erroranalysis.ClassChange;
import io.github.erroranalysis.ConfusionChange;
import io.github.erroranalysis.stats.McNemarTest;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.StatsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The files of {@code compare}: {@value #JSON_FILE} (the core's one comparison JSON, {@link StatsJson#comparison},
 * schema {@code comparison.schema.json}: model A as {@code baselineModel}, model B as {@code candidateModel}, so
 * {@code mcnemar.rightToWrong} counts the examples A got right and B wrong), {@value #MARKDOWN_FILE} and
 * {@value #HTML_FILE}, written as one
 * folder that replaces an existing one only when complete. Names are escaped exactly as in the error report
 * ({@link Escaping}), and the HTML carries the report's content security policy.
 */
public final class ComparisonFiles {

    /** The JSON file. */
    public static final String JSON_FILE = "comparison.json";
    /** The Markdown file. */
    public static final String MARKDOWN_FILE = "comparison.md";
    /** The HTML file. */
    public static final String HTML_FILE = "comparison.html";
    /** What the folder is called in messages. */
    public static final String FOLDER_KIND = "comparison folder";
    /** How many confusion-pair changes the Markdown and HTML list. */
    public static final int CONFUSION_CHANGES_SHOWN = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ComparisonFiles() {
    }

    /**
     * Writes the three files into a folder.
     *
     * @param comparison the comparison, model A as baseline and B as candidate
     * @param nameA model A's name
     * @param nameB model B's name
     * @param folder the folder to create or replace: absent, empty, or a comparison folder (see
     *               {@link #checkFolder}); its files are staged in a hidden sibling and renamed in as in
     *               {@link OutputFolders}
     * @return the folder, absolute (a symbolic link resolved)
     * @throws io.github.erroranalysis.io.ForeignFolderException if the folder holds other files; nothing is written
     * @throws IOException if the folder cannot be written; an existing one is then kept
     */
    public static Path write(ModelComparison comparison, String nameA, String nameB, Path folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(JSON_FILE, json(comparison, nameA, nameB).getBytes(StandardCharsets.UTF_8));
        files.put(MARKDOWN_FILE, markdown(comparison, nameA, nameB).getBytes(StandardCharsets.UTF_8));
        files.put(HTML_FILE, html(comparison, nameA, nameB).getBytes(StandardCharsets.UTF_8));
        return OutputFolders.replace(folder, FOLDER_KIND, files, ComparisonFiles::isEarlierComparison);
    }

    /**
     * Checks, changing nothing, that {@link #write} may write a folder: it is absent, empty, holds the marker file
     * {@value OutputFolders#MARKER} listing everything in it, or is a comparison folder written before the marker
     * (only the three files, with a {@value #JSON_FILE} of schema version 1 or 2 holding its McNemar test); the
     * caller's working folder and
     * any folder holding it are refused.
     *
     * @param folder the folder to be written, resolved against {@code workingFolder} if relative
     * @param workingFolder the caller's working folder
     * @return the folder that would be written, absolute (a symbolic link resolved)
     * @throws io.github.erroranalysis.io.ForeignFolderException if the folder holds other files
     * @throws IOException if the folder is a file, the root, the working folder or a folder holding it
     */
    public static Path checkFolder(Path folder, Path workingFolder) throws IOException {
        return OutputFolders.check(folder, FOLDER_KIND, ComparisonFiles::isEarlierComparison, workingFolder);
    }

    /**
     * A comparison folder written before the marker: nothing but the three files, the JSON one object (at most
     * 64 MiB) with its McNemar test object.
     */
    static boolean isEarlierComparison(Path folder) {
        Set<String> ours = Set.of(JSON_FILE, MARKDOWN_FILE, HTML_FILE);
        if (!OutputFolders.holdsOnly(folder, ours::contains)) {
            return false;
        }
        Path json = folder.resolve(JSON_FILE);
        try {
            if (!Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS) || Files.size(json) > (64L << 20)) {
                return false;
            }
            JsonNode root = JSON.readTree(json.toFile());
            return root != null && root.isObject() && root.path("mcnemar").isObject();
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
     * Gives the one-line summary: both accuracies, the change and the McNemar p-value, and in words how many examples
     * A got right and B wrong, and the other way round.
     *
     * @param c the comparison
     * @param nameA model A's name
     * @param nameB model B's name
     * @return the summary
     */
    public static String summary(ModelComparison c, String nameA, String nameB) {
        McNemarTest m = c.mcnemar();
        return String.format(Locale.ROOT, "%s %.4f vs %s %.4f on %d examples: change %+.4f; McNemar p = %.4g "
                + "(%d %s right with %s and wrong with %s, %d the other way round; %s at %.0f %%)", nameA, c.baselineAccuracy().estimate(),
                nameB, c.candidateAccuracy().estimate(), c.examples(), c.accuracyChange().estimate(), m.pValue(),
                m.rightToWrong(), m.rightToWrong() == 1 ? "example" : "examples", nameA, nameB, m.wrongToRight(), m.significant() ? "significant" : "not significant",
                100 * c.level());
    }

    static String markdown(ModelComparison c, String nameA, String nameB) {
        StringBuilder s = new StringBuilder();
        s.append("# Comparison: ").append(Escaping.markdown(nameA)).append(" (A) against ")
                .append(Escaping.markdown(nameB)).append(" (B)\n\n");
        s.append(Escaping.markdownParagraph(summary(c, nameA, nameB))).append("\n\n");
        s.append("| model | accuracy |\n| --- | --- |\n");
        s.append("| A: ").append(Escaping.markdown(nameA)).append(" | ")
                .append(Escaping.markdown(c.baselineAccuracy().toString())).append(" |\n");
        s.append("| B: ").append(Escaping.markdown(nameB)).append(" | ")
                .append(Escaping.markdown(c.candidateAccuracy().toString())).append(" |\n\n");
        s.append("Change B − A: ").append(Escaping.markdown(c.accuracyChange().toString())).append("\n\n");
        s.append(Escaping.markdownParagraph(c.mcnemar().toString())).append(" (right → wrong: A right, B wrong)\n\n");
        s.append("## Per class\n\n| class | support | A | B | change | A right, B wrong | A wrong, B right |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (ClassChange k : c.perClass()) {
            s.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %+.4f | %d | %d |\n",
                    Escaping.markdown(k.className()), k.support(), k.baselineAccuracy(), k.candidateAccuracy(),
                    k.change().estimate(), k.rightToWrong(), k.wrongToRight()));
        }
        s.append("\n## Largest confusion changes (rows true class, columns predicted)\n\n");
        c.confusionChanges().stream().limit(CONFUSION_CHANGES_SHOWN).forEach(p -> s.append("- ")
                .append(Escaping.markdown(p.toString())).append('\n'));
        return s.toString();
    }

    static String html(ModelComparison c, String nameA, String nameB) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append(Escaping.CONTENT_SECURITY_POLICY_META).append("\n<title>Comparison: ")
                .append(Escaping.html(nameA)).append(" against ").append(Escaping.html(nameB))
                .append("</title>\n<style>body{"
                + "font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:"
                + "1px solid #ccc;padding:.2em .6em;text-align:right}td:first-child{text-align:left}</style></head>"
                + "<body>\n");
        s.append("<h1>Comparison: ").append(Escaping.html(nameA)).append(" (A) against ").append(Escaping.html(nameB))
                .append(" (B)</h1>\n<p>").append(Escaping.html(summary(c, nameA, nameB))).append("</p>\n");
        s.append("<table><tr><th>model</th><th>accuracy</th></tr>\n<tr><td>A: ").append(Escaping.html(nameA))
                .append("</td><td>").append(Escaping.html(c.baselineAccuracy().toString()))
                .append("</td></tr>\n<tr><td>B: ").append(Escaping.html(nameB)).append("</td><td>")
                .append(Escaping.html(c.candidateAccuracy().toString()))
                .append("</td></tr></table>\n");
        s.append("<p>Change B − A: ").append(Escaping.html(c.accuracyChange().toString())).append("</p>\n<p>")
                .append(Escaping.html(c.mcnemar().toString())).append(" (right → wrong: A right, B wrong)</p>\n");
        s.append("<h2>Per class</h2>\n<table><tr><th>class</th><th>support</th><th>A</th><th>B</th><th>change</th>"
                + "<th>A right, B wrong</th><th>A wrong, B right</th></tr>\n");
        for (ClassChange k : c.perClass()) {
            s.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.4f</td><td>%.4f</td><td>%+.4f</td>"
                    + "<td>%d</td><td>%d</td></tr>\n", Escaping.html(k.className()), k.support(), k.baselineAccuracy(),
                    k.candidateAccuracy(), k.change().estimate(), k.rightToWrong(), k.wrongToRight()));
        }
        s.append("</table>\n<h2>Largest confusion changes (rows true class, columns predicted)</h2>\n<ul>\n");
        for (ConfusionChange p : c.confusionChanges().stream().limit(CONFUSION_CHANGES_SHOWN).toList()) {
            s.append("<li>").append(Escaping.html(p.toString())).append("</li>\n");
        }
        return s.append("</ul>\n</body></html>\n").toString();
    }
}
