package io.github.erroranalysis.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.erroranalysis.stats.Interval;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one JSON codec of every file the library writes: one Jackson factory, one {@code schemaVersion}, one way to
 * start a document ({@code {"schemaVersion": 2, "type": ...}}, a key written twice refused), one way to write a
 * number (undefined values as {@code null}), one shape of an interval, of a class reference and of a training epoch.
 * The JSON Schemas of the documents are shipped as resources beside this class ({@link #ANALYSIS_SCHEMA},
 * {@link #COMPARISON_SCHEMA}).
 */
public final class JsonCodec {

    /** The version of every JSON document this library writes; see CHANGELOG.md for what changed from 1. */
    public static final int SCHEMA_VERSION = 2;

    /** The version of the documents written before the one codec; the readers still accept it. */
    public static final int FIRST_SCHEMA_VERSION = 1;

    /** The prefix of every shipped schema's {@code $id}; the file name follows it. */
    public static final String SCHEMA_ID_PREFIX = "https://erroranalysis.github.io/schema/2/";

    /** The class-path resource of the JSON Schema of an analysis's and an accumulator's JSON (and the shared defs). */
    public static final String ANALYSIS_SCHEMA = "/io/github/erroranalysis/json/analysis.schema.json";

    /** The class-path resource of the JSON Schema of a model comparison's JSON ({@code comparison.json}). */
    public static final String COMPARISON_SCHEMA = "/io/github/erroranalysis/json/comparison.schema.json";

    /**
     * The class-path resource of the JSON Schema of one line of {@code wrong.jsonl}, the JSON Lines file of every wrong
     * prediction's record beside {@code report.json}.
     */
    public static final String WRONG_LINE_SCHEMA = "/io/github/erroranalysis/json/wrong.schema.json";

    /** The suffix of the key of a metric's interval, beside the metric's own key; no metric's name ends in it. */
    public static final String INTERVAL_SUFFIX = "Interval";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            // a writer that writes a key twice in one object fails instead of writing a document a reader misreads
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonCodec() {
    }

    /** The body of a document or an object: writes fields into the object the generator is in. */
    @FunctionalInterface
    public interface Fields {

        /**
         * Writes the fields.
         *
         * @param g the JSON generator, inside an object
         * @throws IOException if writing fails
         */
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Gives the shared Jackson factory, for generators and parsers.
     *
     * @return the factory
     */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * Writes one JSON document: an object that starts with {@code "schemaVersion"} ({@value #SCHEMA_VERSION}) and
     * {@code "type"}, then the given fields.
     *
     * @param type   the document's type, for example {@code "errorReport"}
     * @param pretty whether to indent (files people read) or write one line
     * @param fields the rest of the document
     * @return the JSON text; a pretty one ends with a line break
     */
    public static String document(String type, boolean pretty, Fields fields) {
        StringWriter out = new StringWriter(pretty ? 64 * 1024 : 1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("type", type);
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pretty ? out.append('\n').toString() : out.toString();
    }

    /**
     * Writes one JSON document as {@link #document(String, boolean, Fields)} does, streamed as UTF-8 into a stream
     * (for a document too large to hold as text).
     *
     * @param out    the stream to write to; it is flushed, not closed
     * @param type   the document's type, for example {@code "errorReport"}
     * @param pretty whether to indent (files people read) or write one line
     * @param fields the rest of the document
     * @throws IOException if writing fails
     */
    public static void document(java.io.OutputStream out, String type, boolean pretty, Fields fields)
            throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("type", type);
            fields.write(g);
            g.writeEndObject();
            if (pretty) {
                g.writeRaw('\n');
            }
        }
        out.flush();
    }

    /**
     * Writes a number field, or {@code null} when the value is NaN or infinite (undefined).
     *
     * @param g     the JSON generator
     * @param field the field name
     * @param value the value
     * @throws IOException if writing fails
     */
    public static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    /**
     * Writes an interval field, the one shape of an interval in every document: {@code {"estimate", "lower",
     * "upper", "level", "method"}}, the three values {@code null} when undefined; a null interval is {@code null}.
     *
     * @param g        the JSON generator
     * @param field    the field name, by convention {@code <metric>Interval} beside the metric's plain number
     * @param interval the interval, or null when none was computed
     * @throws IOException if writing fails
     */
    public static void interval(JsonGenerator g, String field, Interval interval) throws IOException {
        if (interval == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        number(g, "estimate", interval.estimate());
        number(g, "lower", interval.lower());
        number(g, "upper", interval.upper());
        number(g, "level", interval.level());
        g.writeStringField("method", interval.method());
        g.writeEndObject();
    }

    /**
     * Gives an interval as the plain values of its one shape ({@link #interval}): {@code estimate}, {@code lower},
     * {@code upper} ({@code null} when undefined), {@code level}, {@code method}, in that order; a null interval is
     * {@code null}. For documents built as values ({@link #value}), such as a report section's.
     *
     * @param interval the interval, or null when none was computed
     * @return the values, or null
     */
    public static java.util.Map<String, Object> intervalValues(Interval interval) {
        if (interval == null) {
            return null;
        }
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("estimate", numberValue(interval.estimate()));
        m.put("lower", numberValue(interval.lower()));
        m.put("upper", numberValue(interval.upper()));
        m.put("level", numberValue(interval.level()));
        m.put("method", interval.method());
        return m;
    }

    /**
     * Gives a number as a value {@link #value} writes as {@link #number} does: the number itself, or null when it
     * is NaN or infinite (undefined).
     *
     * @param value the number
     * @return the number, or null
     */
    public static Double numberValue(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    /**
     * Writes a plain value: a Number (a NaN or infinite double or float as {@code null}), String, Boolean, List, Map
     * (its keys as text, in its order) or null, nested freely; the one writer of documents built as values (a report
     * section's JSON, {@code audit.json}).
     *
     * @param g the JSON generator, where a value may be written
     * @param v the value
     * @throws IOException if writing fails
     * @throws IllegalArgumentException naming the type of a value that is none of these
     */
    public static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    g.writeNull();
                } else {
                    g.writeNumber(d);
                }
            } else if (n instanceof java.math.BigDecimal b) {
                g.writeNumber(b);
            } else if (n instanceof java.math.BigInteger b) {
                g.writeNumber(b);
            } else {
                g.writeNumber(n.longValue());
            }
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof java.util.List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                value(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof java.util.Map<?, ?> map) {
            g.writeStartObject();
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("a JSON value must be a Number, String, Boolean, List, Map or null, "
                    + "but is a " + v.getClass().getName());
        }
    }

    /**
     * Writes a metric as its plain number at {@code name} and its interval beside it at {@code <name>Interval}.
     *
     * @param g        the JSON generator
     * @param name     the metric's key
     * @param value    the metric's value (NaN: undefined, written as {@code null})
     * @param interval its interval, or null when none was computed
     * @throws IOException if writing fails
     */
    public static void metric(JsonGenerator g, String name, double value, Interval interval) throws IOException {
        if (name.endsWith(INTERVAL_SUFFIX)) {
            throw new IllegalArgumentException("a metric's key must not end in '" + INTERVAL_SUFFIX
                    + "' (the key of its interval does), but is '" + name + "'");
        }
        number(g, name, value);
        interval(g, name + INTERVAL_SUFFIX, interval);
    }

    /**
     * Writes a reference to a class, the one shape of it in every document: its name at {@code <role>Class} and its
     * index at {@code <role>ClassIndex} (for example {@code "trueClass": "cat", "trueClassIndex": 3}); both
     * {@code null} when there is no such class (a negative index).
     *
     * @param g     the JSON generator, inside an object
     * @param role  the class's role, for example {@code "true"}, {@code "predicted"}, {@code "given"}
     * @param index the class index, negative for none
     * @param name  the class name, ignored for none
     * @throws IOException if writing fails
     */
    public static void classReference(JsonGenerator g, String role, int index, String name) throws IOException {
        if (index < 0) {
            g.writeNullField(role + "Class");
            g.writeNullField(role + "ClassIndex");
        } else {
            g.writeStringField(role + "Class", name);
            g.writeNumberField(role + "ClassIndex", index);
        }
    }

    /**
     * Writes one epoch of a training history as a JSON object value, the one shape of it in every document (a saved
     * history's {@code epochs}, {@code report.json}'s {@code trainingHistory}): {@code epoch}, {@code trainLoss},
     * {@code trainAccuracy}, {@code validationLoss}, {@code validationAccuracy}, {@code seconds}; an undefined or
     * unrecorded value (NaN) is {@code null}.
     *
     * @param g                  the JSON generator, where a value may be written
     * @param epoch              the epoch number
     * @param trainLoss          the mean training loss
     * @param trainAccuracy      the training accuracy
     * @param validationLoss     the validation loss
     * @param validationAccuracy the validation accuracy
     * @param seconds            the epoch's wall-clock seconds
     * @throws IOException if writing fails
     */
    public static void trainingEpoch(JsonGenerator g, int epoch, double trainLoss, double trainAccuracy,
            double validationLoss, double validationAccuracy, double seconds) throws IOException {
        g.writeStartObject();
        g.writeNumberField("epoch", epoch);
        number(g, "trainLoss", trainLoss);
        number(g, "trainAccuracy", trainAccuracy);
        number(g, "validationLoss", validationLoss);
        number(g, "validationAccuracy", validationAccuracy);
        number(g, "seconds", seconds);
        g.writeEndObject();
    }

    /**
     * Checks the {@code schemaVersion} a reader found: {@value #SCHEMA_VERSION}, or {@value #FIRST_SCHEMA_VERSION}
     * where the reader still accepts the first layout.
     *
     * @param version  the version read, null when the document had none
     * @param acceptV1 whether the reader still reads version {@value #FIRST_SCHEMA_VERSION}
     * @param what     what was read, for the message
     * @return the version
     * @throws IllegalArgumentException naming the version when it is not one the reader reads
     */
    public static int checkVersion(Integer version, boolean acceptV1, String what) {
        if (version != null && (version == SCHEMA_VERSION || acceptV1 && version == FIRST_SCHEMA_VERSION)) {
            return version;
        }
        throw new IllegalArgumentException("unsupported " + what + ": schemaVersion is " + version + ", expected "
                + (acceptV1 ? FIRST_SCHEMA_VERSION + " or " : "") + SCHEMA_VERSION);
    }
}
