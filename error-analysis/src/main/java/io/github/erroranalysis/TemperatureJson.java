package io.github.erroranalysis;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.json.StrictJson;
import io.github.erroranalysis.stats.Interval;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one JSON writer and the one strict reader of temperatures: the temperature file ({@code "type":
 * "temperature"}, {@link TemperatureFit}) and {@code report.json}'s {@code temperatureScaling}; both share the
 * scaling's keys and the {@code calibrationChange} object. The schema is {@link #SCHEMA}.
 */
public final class TemperatureJson {

    /** The document type of a temperature file. */
    public static final String TYPE = "temperature";

    /** The class-path resource of the JSON Schema of a temperature file (and the defs report.json refers to). */
    public static final String SCHEMA = "/io/github/erroranalysis/json/temperature.schema.json";

    /** The keys of a temperature file, in the order they are written. */
    static final List<String> FILE_KEYS = List.of("schemaVersion", "type", "temperature", "boundReached",
            "minTemperature", "maxTemperature", "examples", "classes", "negativeLogLikelihoodBefore",
            "negativeLogLikelihoodAfter", "provenance", "calibrationChange");

    private static final List<String> CHANGE_KEYS = List.of("examples", "eceBefore", "eceBeforeInterval", "eceAfter",
            "eceAfterInterval", "logLossBefore", "logLossBeforeInterval", "logLossAfter", "logLossAfterInterval",
            "brierScoreBefore", "brierScoreBeforeInterval", "brierScoreAfter", "brierScoreAfterInterval");

    private static final List<String> PROVENANCE_KEYS = List.of("model", "modelFingerprint", "dataSource",
            "dataFingerprint", "libraryVersion", "date", "seed");

    private static final List<String> INTERVAL_KEYS = List.of("estimate", "lower", "upper", "level", "method");

    /** The longest value a message quotes. */
    private static final int QUOTED = 60;

    private TemperatureJson() {
    }

    /**
     * Writes a temperature file's document (pretty, ending with a line break).
     *
     * @param fit the fitted temperature with its fit data
     * @return the JSON text
     */
    static String write(TemperatureFit fit) {
        return JsonCodec.document(TYPE, true, g -> {
            scalingFields(g, fit.scaling());
            AnalysisJson.writeProvenance(g, fit.provenance());
            change(g, "calibrationChange", fit.change());
        });
    }

    /**
     * Writes {@code report.json}'s {@code temperatureScaling} object: {@code applied}, {@code given}, {@code fittedOn},
     * the scaling's keys as in a temperature file ({@code temperature}, {@code boundReached}, the fit's
     * {@code examples}, ...) and the {@code calibrationChange} of the reported examples; {@code null} without one. A
     * temperature given by hand ({@link TemperatureScaling#of}) has {@code given} true and every fit key null
     * ({@code fittedOn}, {@code boundReached}, the bounds, {@code examples}, {@code classes}, the NLL).
     *
     * @param g the JSON generator, inside an object
     * @param field the key, {@code temperatureScaling}
     * @param change the change of the reported examples, or null for none
     * @param applied whether the reported analysis is the scaled one
     * @param fittedOn what T was fitted on, in words after its count (such as {@code "validation images"})
     * @throws IOException if writing fails
     */
    public static void writeReportBlock(JsonGenerator g, String field, CalibrationChange change, boolean applied,
            String fittedOn) throws IOException {
        writeReportBlock(g, field, change, applied, fittedOn, 0);
    }

    /**
     * Writes {@code report.json}'s {@code temperatureScaling} object as
     * {@link #writeReportBlock(JsonGenerator, String, CalibrationChange, boolean, String)} does, a fitted one also
     * with {@code inSample}: how many of the reported examples T was fitted on (0 when its scores are out of sample).
     *
     * @param g the JSON generator, inside an object
     * @param field the key, {@code temperatureScaling}
     * @param change the change of the reported examples, or null for none
     * @param applied whether the reported analysis is the scaled one
     * @param fittedOn what T was fitted on, in words after its count
     * @param inSample how many of the reported examples T was fitted on
     * @throws IOException if writing fails
     */
    public static void writeReportBlock(JsonGenerator g, String field, CalibrationChange change, boolean applied,
            String fittedOn, int inSample) throws IOException {
        if (change == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeBooleanField("applied", applied);
        TemperatureScaling s = change.scaling();
        boolean given = s.examples() == 0;
        g.writeBooleanField("given", given);
        if (given) {
            // given by hand, not fitted: the fit's keys say so with null rather than describe a fit that never ran
            g.writeNullField("fittedOn");
            g.writeNumberField("temperature", s.temperature());
            for (String key : FILE_KEYS.subList(FILE_KEYS.indexOf("boundReached"),
                    FILE_KEYS.indexOf("negativeLogLikelihoodAfter") + 1)) {
                g.writeNullField(key);
            }
        } else {
            g.writeStringField("fittedOn", fittedOn);
            g.writeNumberField("inSample", inSample);
            scalingFields(g, s);
        }
        change(g, "calibrationChange", change);
        g.writeEndObject();
    }

    /** The scaling's keys: T, whether it is a bound, the bounds, the fit's examples, classes and NLL. */
    private static void scalingFields(JsonGenerator g, TemperatureScaling s) throws IOException {
        g.writeNumberField("temperature", s.temperature());
        g.writeBooleanField("boundReached", s.boundReached());
        g.writeNumberField("minTemperature", TemperatureScaling.MIN_TEMPERATURE);
        g.writeNumberField("maxTemperature", TemperatureScaling.MAX_TEMPERATURE);
        g.writeNumberField("examples", s.examples());
        g.writeArrayFieldStart("classes");
        for (String c : s.classes()) {
            g.writeString(c);
        }
        g.writeEndArray();
        JsonCodec.number(g, "negativeLogLikelihoodBefore", s.negativeLogLikelihoodBefore());
        JsonCodec.number(g, "negativeLogLikelihoodAfter", s.negativeLogLikelihoodAfter());
    }

    /** The calibration change: its examples and each score before and after, with its interval beside it. */
    private static void change(JsonGenerator g, String field, CalibrationChange c) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("examples", c.examples());
        JsonCodec.metric(g, "eceBefore", c.eceBefore().estimate(), c.eceBefore());
        JsonCodec.metric(g, "eceAfter", c.eceAfter().estimate(), c.eceAfter());
        JsonCodec.metric(g, "logLossBefore", c.logLossBefore().estimate(), c.logLossBefore());
        JsonCodec.metric(g, "logLossAfter", c.logLossAfter().estimate(), c.logLossAfter());
        JsonCodec.metric(g, "brierScoreBefore", c.brierScoreBefore().estimate(), c.brierScoreBefore());
        JsonCodec.metric(g, "brierScoreAfter", c.brierScoreAfter().estimate(), c.brierScoreAfter());
        g.writeEndObject();
    }

    /**
     * Reads a temperature file strictly: every key of {@link #FILE_KEYS} and no other, each value of its type and
     * range, schemaVersion {@value JsonCodec#SCHEMA_VERSION} and type {@value #TYPE}.
     *
     * @param json the file's text
     * @param name the file's name, for messages
     * @return the temperature with its fit data
     * @throws TemperatureFileException naming the file and the offending key and value, in one line
     */
    static TemperatureFit read(String json, String name) {
        Reader r = new Reader(name);
        Object root = StrictJson.read(json, new StrictJson.Dialect("a temperature file", 64, true,
                key -> "the key " + Reader.quote(key) + " appears twice in one object"), r::fail);
        return r.file(root);
    }

    /** The strict reader of one file: a small tree from the parser, then every key checked against the layout. */
    private static final class Reader {

        private final String name;

        Reader(String name) {
            this.name = name;
        }

        TemperatureFileException fail(String problem, Throwable cause) {
            return new TemperatureFileException(name + ": " + problem, cause);
        }

        TemperatureFileException fail(String key, Object value, String problem) {
            return fail(key + " is " + quote(value) + ": " + problem, null);
        }

        TemperatureFit file(Object root) {
            if (root instanceof Map<?, ?> map && map.containsKey("type") && !TYPE.equals(map.get("type"))) {
                // another document of this library (a report.json, a comparison.json): say so before its keys
                throw fail("type", map.get("type"), "not a temperature file (its type is \"" + TYPE + "\")");
            }
            Map<String, Object> top = object("the document", root, FILE_KEYS);
            Object version = top.get("schemaVersion");
            if (!(version instanceof Long v && v == JsonCodec.SCHEMA_VERSION)) {
                throw fail("schemaVersion", version, "this version reads temperature files of schemaVersion "
                        + JsonCodec.SCHEMA_VERSION + " only");
            }
            if (!TYPE.equals(top.get("type"))) {
                throw fail("type", top.get("type"), "not a temperature file (its type is \"" + TYPE + "\")");
            }
            double temperature = number("temperature", top.get("temperature"));
            if (!(temperature > 0 && Double.isFinite(temperature))) {
                throw fail("temperature", top.get("temperature"), "a temperature must be a finite number above 0");
            }
            boolean bound = bool("boundReached", top.get("boundReached"));
            constant("minTemperature", top.get("minTemperature"), TemperatureScaling.MIN_TEMPERATURE);
            constant("maxTemperature", top.get("maxTemperature"), TemperatureScaling.MAX_TEMPERATURE);
            int examples = count("examples", top.get("examples"));
            if (examples < 1) {
                throw fail("examples", top.get("examples"), "a fitted temperature has at least 1 example");
            }
            List<String> classes = classes(top.get("classes"));
            double before = nonNegative("negativeLogLikelihoodBefore", top.get("negativeLogLikelihoodBefore"));
            double after = nonNegative("negativeLogLikelihoodAfter", top.get("negativeLogLikelihoodAfter"));
            TemperatureScaling scaling = new TemperatureScaling(temperature, examples, classes, before, after);
            if (scaling.boundReached() != bound) {
                throw fail("boundReached", bound, "T = " + temperature + (bound ? " is not" : " is")
                        + " a bound of the fit (" + TemperatureScaling.MIN_TEMPERATURE + " or "
                        + TemperatureScaling.MAX_TEMPERATURE + ")");
            }
            Provenance provenance = provenance(top.get("provenance"));
            CalibrationChange change = change(top.get("calibrationChange"), scaling);
            if (change.examples() != examples) {
                throw fail("calibrationChange.examples", (long) change.examples(), "the change is scored on the "
                        + "fit data, " + examples + " examples");
            }
            return new TemperatureFit(change, provenance);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String key, Object value, List<String> keys) {
            if (!(value instanceof Map)) {
                throw fail(key, value, "expected a JSON object");
            }
            Map<String, Object> map = (Map<String, Object>) value;
            String prefix = key.equals("the document") ? "" : key + ".";
            for (String k : map.keySet()) {
                if (!keys.contains(k)) {
                    throw fail("unknown key " + quote(prefix + k) + " (the keys are " + String.join(", ", keys)
                            + ")", null);
                }
            }
            for (String k : keys) {
                if (!map.containsKey(k)) {
                    throw fail("the key " + quote(prefix + k) + " is missing", null);
                }
            }
            return map;
        }

        double number(String key, Object value) {
            if (value instanceof Long l) {
                return l;
            }
            if (value instanceof Double d) {
                return d;
            }
            throw fail(key, value, "expected a number");
        }

        double nonNegative(String key, Object value) {
            double v = number(key, value);
            if (!(v >= 0 && Double.isFinite(v))) {
                throw fail(key, value, "expected a finite number at least 0");
            }
            return v;
        }

        void constant(String key, Object value, double expected) {
            if (number(key, value) != expected) {
                throw fail(key, value, "expected " + expected);
            }
        }

        boolean bool(String key, Object value) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw fail(key, value, "expected true or false");
        }

        int count(String key, Object value) {
            if (value instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
                return (int) (long) l;
            }
            throw fail(key, value, "expected a whole number from 0 to " + Integer.MAX_VALUE);
        }

        String text(String key, Object value) {
            if (value instanceof String s) {
                return s;
            }
            throw fail(key, value, "expected a string");
        }

        List<String> classes(Object value) {
            if (!(value instanceof List<?> list)) {
                throw fail("classes", value, "expected a list of class names");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String n = text("classes[" + i + "]", list.get(i));
                if (n.isBlank() || names.contains(n)) {
                    throw fail("classes[" + i + "]", n, n.isBlank() ? "a class name is not blank"
                            : "the class names are distinct");
                }
                names.add(n);
            }
            if (names.size() < 2) {
                throw fail("classes", value, "a temperature is fitted on at least 2 classes");
            }
            return names;
        }

        Provenance provenance(Object value) {
            Map<String, Object> m = object("provenance", value, PROVENANCE_KEYS);
            String date = text("provenance.date", m.get("date"));
            Instant instant;
            try {
                instant = Instant.parse(date);
            } catch (DateTimeParseException e) {
                throw fail("provenance.date", date, "expected an ISO-8601 instant such as 2026-12-01T16:50:00Z");
            }
            if (!(m.get("seed") instanceof Long seed)) {
                throw fail("provenance.seed", m.get("seed"), "expected a whole number");
            }
            return new Provenance(text("provenance.model", m.get("model")),
                    text("provenance.modelFingerprint", m.get("modelFingerprint")),
                    text("provenance.dataSource", m.get("dataSource")),
                    text("provenance.dataFingerprint", m.get("dataFingerprint")),
                    text("provenance.libraryVersion", m.get("libraryVersion")), instant, seed);
        }

        CalibrationChange change(Object value, TemperatureScaling scaling) {
            Map<String, Object> m = object("calibrationChange", value, CHANGE_KEYS);
            int examples = count("calibrationChange.examples", m.get("examples"));
            return new CalibrationChange(scaling, examples, metric(m, "eceBefore"), metric(m, "eceAfter"),
                    metric(m, "logLossBefore"), metric(m, "logLossAfter"), metric(m, "brierScoreBefore"),
                    metric(m, "brierScoreAfter"));
        }

        /** A metric's plain number and its interval beside it, which must agree. */
        Interval metric(Map<String, Object> change, String key) {
            String at = "calibrationChange." + key;
            double plain = orNaN(at, change.get(key));
            Interval interval = interval(at + JsonCodec.INTERVAL_SUFFIX, change.get(key + JsonCodec.INTERVAL_SUFFIX));
            if (Double.compare(plain, interval.estimate()) != 0) {
                throw fail(at, change.get(key), "differs from its interval's estimate " + interval.estimate());
            }
            return interval;
        }

        Interval interval(String key, Object value) {
            Map<String, Object> m = object(key, value, INTERVAL_KEYS);
            double estimate = orNaN(key + ".estimate", m.get("estimate"));
            double lower = orNaN(key + ".lower", m.get("lower"));
            double upper = orNaN(key + ".upper", m.get("upper"));
            double level = number(key + ".level", m.get("level"));
            if (!(level > 0 && level < 1)) {
                throw fail(key + ".level", m.get("level"), "expected a confidence level between 0 and 1");
            }
            if (lower > upper) {
                throw fail(key + ".lower", m.get("lower"), "above the upper end " + upper);
            }
            String method = text(key + ".method", m.get("method"));
            if (method.isEmpty()) {
                throw fail(key + ".method", method, "expected how the interval was made");
            }
            return new Interval(estimate, lower, upper, level, method);
        }

        double orNaN(String key, Object value) {
            if (value == null) {
                return Double.NaN;
            }
            double v = number(key, value);
            if (!Double.isFinite(v) || v < 0) {
                throw fail(key, value, "expected a finite number at least 0, or null");
            }
            return v;
        }

        static String quote(Object value) {
            String s = value instanceof String text ? "\"" + text + "\""
                    : value instanceof Map ? "an object" : value instanceof List ? "a list" : String.valueOf(value);
            s = s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "?");
            return s.length() > QUOTED ? s.substring(0, QUOTED) + "..." : s;
        }
    }
}
