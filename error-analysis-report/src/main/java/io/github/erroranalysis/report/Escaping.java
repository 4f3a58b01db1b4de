package io.github.erroranalysis.report;

import java.util.Objects;

/**
 * The one escaping path of every rendering of this project (the error report's HTML and Markdown, and the CLI's
 * comparison files): text that came from users (class names, model names, titles) is shown literally and never
 * becomes markup, links or scripts, and every HTML page carries the same content security policy.
 */
public final class Escaping {

    /**
     * The content security policy of every HTML page: nothing from the network, images only as {@code data:} URIs,
     * inline styles only, and one script: the report's explorer (filters, sort, detail view, clickable matrix),
     * allowed by the SHA-256 hash of its exact text; any other script, inline or not, is refused.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; "
            + "style-src 'unsafe-inline'; script-src '" + sha256(Gallery.SCRIPT) + "'";

    /** The {@code <meta>} element that applies {@link #CONTENT_SECURITY_POLICY}, for every page's {@code <head>}. */
    public static final String CONTENT_SECURITY_POLICY_META = "<meta http-equiv=\"Content-Security-Policy\" content=\""
            + CONTENT_SECURITY_POLICY + "\">";

    private Escaping() {
    }

    /** The CSP source of an inline script: {@code sha256-} and the Base64 of its text's SHA-256 (UTF-8). */
    static String sha256(String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /**
     * Escapes the five characters that are special in HTML text and attribute values ({@code & < > " '}).
     *
     * @param text the plain text
     * @return the text, safe inside an element or a quoted attribute
     */
    public static String html(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            switch (ch) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(ch);
            }
        }
        return s.toString();
    }

    /**
     * Escapes text so that Markdown (CommonMark with GitHub tables) shows it literally inside a line: the characters
     * that start emphasis, code, links, images, HTML, table cells or entities get a backslash, and line breaks become
     * spaces.
     *
     * @param text the plain text
     * @return the text, safe inside a paragraph, a heading, a list item, a table cell or a link's text
     */
    public static String markdown(String text) {
        Objects.requireNonNull(text, "text");
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

    /**
     * Escapes text that starts a Markdown paragraph: as {@link #markdown(String)}, and a leading {@code - + = #}
     * (or the dot or parenthesis of a leading {@code 1. } / {@code 1) }) gets a backslash too, so that the line starts
     * no list, heading or setext underline; leading blanks are dropped (four would start a code block). A blank line
     * in the text stays a paragraph break, each paragraph escaped alike.
     *
     * @param text the plain text
     * @return the text, safe as one or more whole paragraphs
     */
    public static String markdownParagraph(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (String part : text.split("\\R[ \\t]*\\R\\s*")) {
            String one = oneParagraph(part);
            if (!one.isEmpty()) {
                if (out.length() > 0) {
                    out.append("\n\n");
                }
                out.append(one);
            }
        }
        return out.toString();
    }

    private static String oneParagraph(String text) {
        String escaped = markdown(text).strip();
        if (!escaped.isEmpty() && "-+=#".indexOf(escaped.charAt(0)) >= 0) {
            return "\\" + escaped;
        }
        int digits = 0;
        while (digits < escaped.length() && digits < 10 && Character.isDigit(escaped.charAt(digits))) {
            digits++;
        }
        if (digits > 0 && digits < escaped.length() && ".)".indexOf(escaped.charAt(digits)) >= 0
                && (digits + 1 == escaped.length() || escaped.charAt(digits + 1) == ' ')) {
            return escaped.substring(0, digits) + "\\" + escaped.substring(digits);
        }
        return escaped;
    }
}
