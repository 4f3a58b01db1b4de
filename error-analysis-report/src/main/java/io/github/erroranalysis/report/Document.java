package io.github.erroranalysis.report;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The report's document while it is built: its blocks in order, its figures as PNG bytes by name, and each section's
 * JSON values; every section, built in or a user's, writes into it through a {@link SectionWriter}.
 */
final class Document {

    /** What a figure's name must look like: it is also a file name and part of a link. */
    static final Pattern FIGURE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** How deeply a section's JSON value may nest Lists and Maps. */
    static final int MAX_JSON_DEPTH = 100;

    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, byte[]> figures = new LinkedHashMap<>();

    /** Gives the blocks written so far. */
    List<Block> blocks() {
        return blocks;
    }

    /** Gives the figures drawn so far, PNG bytes by name, in the order they were added. */
    Map<String, byte[]> figures() {
        return figures;
    }

    /**
     * Starts a section: its heading (level 1 for the report's title, 2 for a section), anchored by its id, and a
     * writer for its content.
     */
    Writer section(String id, int level, String title) {
        blocks.add(new Block.Heading(level, title, id));
        return new Writer(id);
    }

    /** The writer of one section: blocks go to the document, JSON values to the section's own object. */
    final class Writer implements SectionWriter {

        private final String id;
        private final Map<String, Object> json = new LinkedHashMap<>();
        private boolean closed;

        private Writer(String id) {
            this.id = id;
        }

        /** Ends the section: a later call (a writer kept beyond its {@code render}) is refused. */
        void close() {
            closed = true;
        }

        private void open() {
            if (closed) {
                throw new IllegalStateException("section '" + id + "' is already written; use its SectionWriter only "
                        + "inside its render method");
            }
        }

        @Override
        public SectionWriter paragraph(String text) {
            open();
            blocks.add(new Block.Paragraph(Objects.requireNonNull(text, "the paragraph of section '" + id + "'")));
            return this;
        }

        @Override
        public SectionWriter subheading(String text) {
            open();
            Objects.requireNonNull(text, "the subheading of section '" + id + "'");
            blocks.add(new Block.Heading(3, text, ""));
            return this;
        }

        @Override
        public SectionWriter table(List<String> header, List<List<String>> rows) {
            open();
            Objects.requireNonNull(header, "the table header of section '" + id + "'");
            Objects.requireNonNull(rows, "the table rows of section '" + id + "'");
            if (header.isEmpty()) {
                throw new IllegalArgumentException("a table of section '" + id + "' has no columns");
            }
            noNullCell(header, "header");
            for (int r = 0; r < rows.size(); r++) {
                noNullCell(Objects.requireNonNull(rows.get(r), "row " + r + " of a table of section '" + id + "'"),
                        "row " + r);
            }
            blocks.add(new Block.Table(header, rows));
            return this;
        }

        private void noNullCell(List<String> cells, String where) {
            for (int c = 0; c < cells.size(); c++) {
                if (cells.get(c) == null) {
                    throw new NullPointerException("cell " + c + " of the " + where + " of a table of section '" + id
                            + "' is null");
                }
            }
        }

        @Override
        public SectionWriter figure(String name, BufferedImage image, String caption) {
            open();
            Objects.requireNonNull(name, "a figure name of section '" + id + "'");
            if (!FIGURE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("the figure name '" + name + "' of section '" + id
                        + "' must match [a-z0-9][a-z0-9-]* (it names the file " + ErrorReport.FIGURE_FOLDER + "/"
                        + "<name>.png)");
            }
            if (figures.containsKey(name)) {
                throw new IllegalArgumentException("the report already has a figure named '" + name
                        + "'; section '" + id + "' must give its figure another name");
            }
            Objects.requireNonNull(image, "the image of figure '" + name + "'");
            Objects.requireNonNull(caption, "the caption of figure '" + name + "'");
            figures.put(name, Figures.png(Figures.fit(image)));
            blocks.add(new Block.Figure(name, caption));
            return this;
        }

        @Override
        public SectionWriter json(String key, Object value) {
            open();
            Objects.requireNonNull(key, "a JSON key of section '" + id + "'");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("a JSON key of section '" + id + "' is empty");
            }
            if (json.containsKey(key)) {
                throw new IllegalArgumentException("section '" + id + "' already has the JSON key '" + key + "'");
            }
            json.put(key, copy(value, key, 0));
            return this;
        }

        /** Gives the section's JSON values, in the order they were written (values immutable). */
        Map<String, Object> values() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(json));
        }

        /** A validated, immutable copy of a JSON value; {@code path} names it in messages. */
        private Object copy(Object value, String path, int depth) {
            if (depth > MAX_JSON_DEPTH) {
                throw new IllegalArgumentException("the JSON value of key '" + path + "' of section '" + id
                        + "' is nested deeper than " + MAX_JSON_DEPTH + " Lists and Maps (does it hold itself?)");
            }
            if (value == null || value instanceof String || value instanceof Boolean) {
                return value;
            }
            if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float
                    || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                    || value instanceof BigDecimal) {
                return value;
            }
            if (value instanceof Number n) {
                // AtomicLong, LongAdder and the like: their value now, as an immutable number
                try {
                    return new BigDecimal(n.toString());
                } catch (NumberFormatException e) {
                    return n.doubleValue();
                }
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (int k = 0; k < list.size(); k++) {
                    out.add(copy(list.get(k), path + "[" + k + "]", depth + 1));
                }
                return Collections.unmodifiableList(out);
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String k)) {
                        throw new IllegalArgumentException("the JSON value of key '" + path + "' of section '" + id
                                + "' is a Map with a key of type " + typeName(e.getKey())
                                + "; JSON object keys must be Strings");
                    }
                    out.put(k, copy(e.getValue(), path + "." + k, depth + 1));
                }
                return Collections.unmodifiableMap(out);
            }
            throw new IllegalArgumentException("the JSON value of key '" + path + "' of section '" + id + "' is a "
                    + typeName(value) + "; give a Number, String, Boolean, List, Map or null");
        }
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
