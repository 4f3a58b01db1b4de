package io.github.erroranalysis.report;

import java.awt.FontMetrics;

/** Shortens text to fit: class names in figures, titles to a width in pixels. */
final class Shorten {

    /** The longest class name drawn in full on a chart axis. */
    static final int MAX_LABEL = 24;

    private Shorten() {
    }

    /** A class name cut to {@link #MAX_LABEL} characters with an ellipsis. */
    static String label(String name) {
        return name.length() <= MAX_LABEL ? name : name.substring(0, MAX_LABEL - 1) + "\u2026";
    }

    /** Cuts text with an ellipsis until it is at most {@code width} pixels wide in the metrics' font. */
    static String toWidth(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (!s.isEmpty() && metrics.stringWidth(s + "\u2026") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "\u2026";
    }
}
