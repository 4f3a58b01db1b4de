package io.github.erroranalysis;

import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.io.Formats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * JSON of analyses and accumulators (schema version 1, camelCase keys), with ND4J's shaded Jackson.
 * Probabilities are written as the shortest decimal of each float and read back with
 * {@link Float#parseFloat}, so the round trip is lossless; undefined metrics are {@code null}.
 */
final class AnalysisJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AnalysisJson() {
    }

    // ---------------------------------------------------------------- writing

    static String writeAccumulator(ErrorAnalysisAccumulator acc) {
        return write(g -> {
            header(g, "errorAnalysisAccumulator", acc.classNames());
            g.writeNumberField("shard", acc.shard());
            if (acc.classCount() < 0) {
                g.writeNullField("classCount");
            } else {
                g.writeNumberField("classCount", acc.classCount());
            }
            Segment own = acc.ownSegment();
            g.writeFieldName("own");
            if (own == null) {
                g.writeNull();
            } else {
                segment(g, own);
            }
            g.writeArrayFieldStart("merged");
            for (Segment s : acc.mergedSegments()) {
                segment(g, s);
            }
            g.writeEndArray();
        });
    }

    static String writeAnalysis(ErrorAnalysis a) {
        return write(g -> {
            header(g, "errorAnalysis", a.classNames());
            g.writeNumberField("classCount", a.classCount());
            g.writeFieldName("examples");
            Segment s = new Segment(0, a.classCount());
            s.size = a.examples();
            s.labels = a.labelsArray();
            s.probs = a.probsArray();
            s.origins = a.originsArray();
            segment(g, s);
            metrics(g, a);
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void header(JsonGenerator g, String type, List<String> classNames) throws IOException {
        g.writeNumberField("schemaVersion", ErrorAnalysis.SCHEMA_VERSION);
        g.writeStringField("type", type);
        g.writeArrayFieldStart("classNames");
        for (String name : classNames) {
            g.writeString(name);
        }
        g.writeEndArray();
    }

    private static void segment(JsonGenerator g, Segment s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("shard", s.shard);
        g.writeArrayFieldStart("trueClasses");
        for (int i = 0; i < s.size; i++) {
            g.writeNumber(s.labels[i]);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("probabilities");
        for (int i = 0; i < s.size; i++) {
            g.writeStartArray();
            for (int c = 0; c < s.classes; c++) {
                g.writeNumber(s.probs[i * s.classes + c]);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeFieldName("origins");
        if (s.origins == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (int i = 0; i < s.size; i++) {
                g.writeString(s.origins[i]);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }


    private static void metrics(JsonGenerator g, ErrorAnalysis a) throws IOException {
        g.writeObjectFieldStart("metrics");
        g.writeNumberField("examples", a.examples());
        g.writeNumberField("correct", a.correct());
        JsonCodec.number(g, "accuracy", a.accuracy());
        JsonCodec.number(g, "top3Accuracy", a.topKAccuracy(3));
        PrecisionRecallF1 scores = a.precisionRecallF1();
        PerClassAccuracy perClass = a.perClassAccuracy();
        g.writeArrayFieldStart("perClass");
        for (int c = 0; c < a.classCount(); c++) {
            ClassAccuracy acc = perClass.get(c);
            ClassScores s = scores.perClass().get(c);
            g.writeStartObject();
            g.writeNumberField("index", c);
            g.writeStringField("name", acc.className());
            g.writeNumberField("support", acc.support());
            g.writeNumberField("correct", acc.correct());
            JsonCodec.number(g, "accuracy", acc.accuracy());
            JsonCodec.number(g, "precision", s.precision());
            JsonCodec.number(g, "recall", s.recall());
            JsonCodec.number(g, "f1", s.f1());
            g.writeEndObject();
        }
        g.writeEndArray();
        averages(g, "macro", scores.macro());
        averages(g, "weighted", scores.weighted());
        HardestClass hardest = perClass.hardest();
        g.writeObjectFieldStart("hardestClass");
        g.writeNumberField("index", hardest.index());
        g.writeStringField("name", hardest.name());
        JsonCodec.number(g, "accuracy", hardest.accuracy());
        g.writeEndObject();
        g.writeObjectFieldStart("confusionMatrix");
        g.writeStringField("rows", "true class");
        g.writeStringField("columns", "predicted class");
        g.writeArrayFieldStart("counts");
        for (long[] row : a.confusion().counts()) {
            g.writeArray(row, 0, row.length);
        }
        g.writeEndArray();
        g.writeEndObject();
        Calibration cal = a.calibration();
        g.writeObjectFieldStart("calibration");
        g.writeArrayFieldStart("bins");
        for (ReliabilityBin b : cal.bins()) {
            g.writeStartObject();
            g.writeNumberField("index", b.index());
            g.writeNumberField("lower", b.lower());
            g.writeNumberField("upper", b.upper());
            g.writeNumberField("count", b.count());
            JsonCodec.number(g, "meanConfidence", b.meanConfidence());
            JsonCodec.number(g, "accuracy", b.accuracy());
            g.writeEndObject();
        }
        g.writeEndArray();
        JsonCodec.number(g, "ece", cal.ece());
        JsonCodec.number(g, "maxCalibrationError", cal.maxCalibrationError());
        JsonCodec.number(g, "brierScore", cal.brierScore());
        JsonCodec.number(g, "logLoss", cal.logLoss());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void averages(JsonGenerator g, String field, AverageScores s) throws IOException {
        g.writeObjectFieldStart(field);
        JsonCodec.number(g, "precision", s.precision());
        JsonCodec.number(g, "recall", s.recall());
        JsonCodec.number(g, "f1", s.f1());
        g.writeEndObject();
    }

    // ---------------------------------------------------------------- reading

    static ErrorAnalysisAccumulator readAccumulator(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the document");
            Integer version = null;
            String type = null;
            List<String> names = new ArrayList<>();
            long shard = 0;
            int classCount = -1;
            Segment own = null;
            List<Segment> merged = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "schemaVersion" -> version = p.getIntValue();
                    case "type" -> type = p.getText();
                    case "classNames" -> {
                        expect(p, t, JsonToken.START_ARRAY, field);
                        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                            if (e != JsonToken.VALUE_NULL) { // null is kept, for the class-name check to name it
                                expect(p, e, JsonToken.VALUE_STRING, "a class name");
                            }
                            names.add(e == JsonToken.VALUE_NULL ? null : p.getText());
                        }
                    }
                    case "shard" -> shard = p.getLongValue();
                    case "classCount" -> classCount = t == JsonToken.VALUE_NULL ? -1 : p.getIntValue();
                    case "own", "examples" -> own = t == JsonToken.VALUE_NULL ? null : readSegment(p, classCount);
                    case "merged" -> {
                        expect(p, t, JsonToken.START_ARRAY, field);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            merged.add(readSegment(p, classCount));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (version == null || version != ErrorAnalysis.SCHEMA_VERSION) {
                throw new IllegalArgumentException("unsupported JSON: schemaVersion is " + version + ", expected "
                        + ErrorAnalysis.SCHEMA_VERSION);
            }
            if (!"errorAnalysis".equals(type) && !"errorAnalysisAccumulator".equals(type)) {
                throw new IllegalArgumentException("unsupported JSON: type is " + type
                        + ", expected errorAnalysis or errorAnalysisAccumulator");
            }
            ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(names, shard);
            acc.restore(classCount, own, merged);
            return acc;
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Segment readSegment(JsonParser p, int classCount) throws IOException {
        if (classCount < 0) {
            throw new IllegalArgumentException("invalid JSON: classCount must come before the examples");
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT, "a segment");
        long shard = 0;
        int[] labels = new int[16];
        float[] probs = new float[16 * classCount];
        String[] origins = null;
        int n = 0;
        int rows = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "shard" -> shard = p.getLongValue();
                case "trueClasses" -> {
                    expect(p, t, JsonToken.START_ARRAY, field);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (n == labels.length) {
                            labels = java.util.Arrays.copyOf(labels, 2 * n);
                        }
                        labels[n++] = p.getIntValue();
                    }
                }
                case "probabilities" -> {
                    expect(p, t, JsonToken.START_ARRAY, field);
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        if ((rows + 1) * classCount > probs.length) {
                            probs = java.util.Arrays.copyOf(probs, 2 * probs.length + classCount);
                        }
                        int c = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (c >= classCount) {
                                throw new IllegalArgumentException(Formats.format(
                                        "invalid JSON: probabilities row %d has more than %d values", rows, classCount));
                            }
                            probs[rows * classCount + c++] = Float.parseFloat(p.getText());
                        }
                        if (c != classCount) {
                            throw new IllegalArgumentException(Formats.format(
                                    "invalid JSON: probabilities row %d has %d values, expected %d", rows, c, classCount));
                        }
                        rows++;
                    }
                }
                case "origins" -> {
                    if (t != JsonToken.VALUE_NULL) {
                        List<String> list = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            list.add(p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText());
                        }
                        origins = list.toArray(new String[0]);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (rows != n || (origins != null && origins.length != n)) {
            throw new IllegalArgumentException(Formats.format("invalid JSON: a segment has %d true classes, %d probability "
                    + "rows and %s origins", n, rows, origins == null ? "no" : Integer.toString(origins.length)));
        }
        Segment s = new Segment(shard, classCount);
        s.size = n;
        s.labels = java.util.Arrays.copyOf(labels, n);
        s.probs = java.util.Arrays.copyOf(probs, n * classCount);
        s.origins = origins;
        return s;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException("invalid JSON: expected " + expected + " for " + what + " but found "
                    + actual + " at " + p.getCurrentLocation());
        }
    }
}
