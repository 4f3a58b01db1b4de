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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The report's document while it is built: its blocks in order, its figures as PNG bytes by name, and each section's
 * JSON values; every section, built in or a user's, writes into it through a {@link SectionWriter}. On a machine of
 * two cores or more the built-in sections' figures are encoded as PNG on a second thread while the next ones are drawn
 * (the same bytes, only sooner); a user's figure is encoded at once, since the user may draw into the same image
 * again. {@link #close} ends that thread.
 */
final class Document implements AutoCloseable {

    /** What a figure's name must look like: it is also a file name and part of a link. */
    static final Pattern FIGURE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** How deeply a section's JSON value may nest Lists and Maps. */
    static final int MAX_JSON_DEPTH = 100;

    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Future<byte[]>> figures = new LinkedHashMap<>();
    private final ExecutorService encoder = Runtime.getRuntime().availableProcessors() > 1
            ? Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "error-report-png");
                t.setDaemon(true);
                return t;
            })
            : null;

    /** The HTML blocks still being made on another thread, by their position in {@link #blocks}. */
    private final Map<Integer, Future<String>> pendingHtml = new LinkedHashMap<>();

    /** Gives the blocks written so far, waiting for HTML blocks still being made. */
    List<Block> blocks() {
        for (Map.Entry<Integer, Future<String>> p : pendingHtml.entrySet()) {
            Block.Html placeholder = (Block.Html) blocks.get(p.getKey());
            blocks.set(p.getKey(), new Block.Html(join(p.getValue(), "an HTML block"), placeholder.markdown()));
        }
        pendingHtml.clear();
        return blocks;
    }

    /** Waits for work of another thread; its failure is rethrown as it was thrown. */
    private static <T> T join(Future<T> work, String what) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " could not be made: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Gives the figures drawn so far, PNG bytes by name, in the order they were added, waiting for those still being
     * encoded.
     */
    Map<String, byte[]> figures() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Future<byte[]>> f : figures.entrySet()) {
            try {
                out.put(f.getKey(), f.getValue().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while encoding the figure '" + f.getKey() + "'", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("the figure '" + f.getKey() + "' could not be encoded: "
                        + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    /** Ends the encoding thread (figures not yet encoded are dropped). */
    @Override
    public void close() {
        if (encoder != null) {
            encoder.shutdownNow();
        }
    }

    /**
     * Starts a user's section: its heading (level 2), anchored by its id, and a writer for its content; its figures
     * are encoded at once.
     */
    Writer section(String id, int level, String title) {
        return section(id, level, title, false);
    }

    /**
     * Starts a section: its heading (level 1 for the report's title, 2 for a section), anchored by its id, and a
     * writer for its content; a built-in section's figures (images it never draws into again) may be encoded on the
     * second thread.
     */
    Writer section(String id, int level, String title, boolean builtIn) {
        blocks.add(new Block.Heading(level, title, id));
        return new Writer(id, builtIn);
    }

    /** The writer of one section: blocks go to the document, JSON values to the section's own object. */
    final class Writer implements SectionWriter {

        private final String id;
        private final boolean builtIn;
        private final Map<String, Object> json = new LinkedHashMap<>();
        private boolean closed;

        private Writer(String id, boolean builtIn) {
            this.id = id;
            this.builtIn = builtIn;
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

        /**
         * Adds a block of library-made HTML (its text already escaped) that the Markdown rendering replaces by what
         * {@code markdown} writes through this writer (paragraphs, tables, figures: those appear in Markdown only).
         */
        SectionWriter html(String html, java.util.function.Consumer<SectionWriter> markdown) {
            Objects.requireNonNull(html, "the HTML of section '" + id + "'");
            return html(CompletableFuture.completedFuture(html), markdown);
        }

        /**
         * Adds a block of library-made HTML that another thread is still making (the document waits for it when
         * its blocks are read), with the blocks Markdown shows instead, as {@link #html(String, java.util.function.Consumer)}.
         */
        SectionWriter html(Future<String> html, java.util.function.Consumer<SectionWriter> markdown) {
            open();
            Objects.requireNonNull(html, "the HTML of section '" + id + "'");
            int start = blocks.size();
            markdown.accept(this);
            List<Block> alternative = new ArrayList<>(blocks.subList(start, blocks.size()));
            blocks.subList(start, blocks.size()).clear();
            if (html.isDone()) {
                blocks.add(new Block.Html(join(html, "the HTML of section '" + id + "'"), alternative));
            } else {
                pendingHtml.put(blocks.size(), html);
                blocks.add(new Block.Html("", alternative));
            }
            return this;
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
            if (builtIn && encoder != null) {
                figures.put(name, encoder.submit(() -> Figures.png(Figures.fit(image))));
            } else {
                figures.put(name, CompletableFuture.completedFuture(Figures.png(Figures.fit(image))));
            }
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
