package io.github.erroranalysis;

import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON of analyses and accumulators (schema version {@value JsonCodec#SCHEMA_VERSION}, camelCase keys, schema
 * {@link JsonCodec#ANALYSIS_SCHEMA}), and the one writer of an analysis's metrics, {@link #writeMetrics}, that the
 * analysis's JSON and {@code report.json} share. Probabilities are written as the shortest decimal of each float and
 * read back with {@link Float#parseFloat}, so the round trip is lossless; undefined metrics are {@code null}.
 */
public final class AnalysisJson {

    /** The k of the top-k accuracies written (those at most the class count). */
    private static final int[] TOP_K = {1, 3, 5};

    private AnalysisJson() {
    }

    // ---------------------------------------------------------------- writing

    static String writeAccumulator(ErrorAnalysisAccumulator acc) {
        return JsonCodec.document("errorAnalysisAccumulator", false, g -> {
            classNames(g, acc.classNames());
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
        return JsonCodec.document("errorAnalysis", false, g -> {
            classNames(g, a.classNames());
            g.writeNumberField("classCount", a.classCount());
            g.writeFieldName("predictions");
            Segment s = new Segment(0, a.classCount());
            s.size = a.examples();
            s.labels = a.context().labels();
            s.probs = a.context().probs();
            s.origins = a.context().origins();
            segment(g, s);
            writeMetrics(g, a, a.statistics());
            writeProvenance(g, a.provenance());
        });
    }

    /** How many of an example's most probable classes its record lists under {@code top}. */
    public static final int RECORD_TOP = 3;

    /**
     * Writes one example's record as a JSON object value, the one shape of a per-example record in every document
     * ({@code report.json}'s {@code shownExamples} and each line of {@code wrong.jsonl}): {@code index},
     * {@code origin} (null when the test set gave none), {@code trueClass}/{@code trueClassIndex},
     * {@code predictedClass}/{@code predictedClassIndex}, {@code confidence} (the probability of the predicted
     * class), {@code trueClassProbability}, {@code margin} (the confidence minus the runner-up's probability; null
     * with one class) and {@code top}, the {@value #RECORD_TOP} most probable classes (fewer with fewer classes), most
     * probable first, each {@code index}, {@code name}, {@code probability}; the same values as
     * {@link WrongPrediction}'s.
     *
     * @param g the JSON generator, where a value may be written
     * @param a the analysis
     * @param example the example index, from 0
     * @throws IOException if writing fails
     */
    public static void writeExample(JsonGenerator g, ErrorAnalysis a, int example) throws IOException {
        AnalysisContext c = a.context();
        new RecordWriter(c, null).write(g, java.util.Objects.checkIndex(example, c.examples()), null);
    }

    /**
     * Writes every wrong prediction of an analysis as JSON Lines, by example index: one {@link #writeExample record}
     * per line with its triage kind ({@code kind}: {@code likelyLabelIssue}, {@code ambiguous} or
     * {@code confidentModelError}, from {@link ErrorAnalysis#triage()}), UTF-8, each line ending in a line break; streamed in chunks of {@value #LINES_CHUNK} records (two
     * chunks encoded at once on two cores), so that at most a few chunks are held, never the whole file.
     *
     * @param out the stream to write to; it is flushed, not closed
     * @param a the analysis
     * @return how many records were written (the number of wrong predictions)
     * @throws IOException if writing fails
     */
    public static long writeWrongLines(java.io.OutputStream out, ErrorAnalysis a) throws IOException {
        AnalysisContext c = a.context();
        int[] wrong = c.wrong();
        // each line says the mistake's triage kind: the triage lists every wrong prediction by example index
        List<TriagedMistake> mistakes = a.triage().mistakes();
        String[] kinds = new String[wrong.length];
        for (int k = 0; k < wrong.length; k++) {
            TriagedMistake m = mistakes.get(k);
            if (m.index() != wrong[k]) {
                throw new IllegalStateException("the triage's mistake " + k + " is example " + m.index()
                        + ", not the wrong prediction " + wrong[k]);
            }
            kinds[k] = StatsJson.kindWord(m.kind());
        }
        RecordWriter records = new RecordWriter(c, kinds);
        boolean twoCores = Runtime.getRuntime().availableProcessors() > 1 && wrong.length > LINES_CHUNK;
        // one helper thread for the whole file encodes every second chunk while this thread writes the first
        java.util.concurrent.ExecutorService helper = twoCores ? java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> {
                    Thread t = new Thread(r, "wrong.jsonl encoder");
                    t.setDaemon(true);
                    return t;
                }) : null;
        int chunkBytes = Math.max(1, Math.min(wrong.length, LINES_CHUNK)) * 512; // lines are about 440 bytes
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(chunkBytes);
        java.io.ByteArrayOutputStream helperBuffer = helper == null ? null
                : new java.io.ByteArrayOutputStream(chunkBytes);
        try {
            for (int from = 0; from < wrong.length; from += 2 * LINES_CHUNK) {
                int middle = Math.min(from + LINES_CHUNK, wrong.length);
                int to = Math.min(from + 2 * LINES_CHUNK, wrong.length);
                int second = middle;
                java.util.concurrent.Future<java.io.ByteArrayOutputStream> later = helper != null && middle < to
                        ? helper.submit(() -> records.lines(helperBuffer, wrong, second, to))
                        : null;
                records.lines(buffer, wrong, from, middle).writeTo(out);
                if (later != null) {
                    join(later).writeTo(out);
                } else if (middle < to) {
                    records.lines(buffer, wrong, middle, to).writeTo(out);
                }
            }
        } finally {
            if (helper != null) {
                helper.shutdownNow(); // a failed write leaves no chunk encoding behind
            }
        }
        out.flush();
        return wrong.length;
    }

    /** How many records {@link #writeWrongLines} encodes at once. */
    static final int LINES_CHUNK = 8192;

    /** The bytes a helper encoded; its failure is rethrown as it was thrown. */
    private static java.io.ByteArrayOutputStream join(java.util.concurrent.Future<java.io.ByteArrayOutputStream> f)
            throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while encoding wrong.jsonl");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("encoding wrong.jsonl failed: " + cause, cause);
        }
    }

    /**
     * The one writer of a per-example record, with its keys and the class names serialized once (a file of a million
     * records escapes no name twice); the keys are those of {@link JsonCodec#classReference} and {@link JsonCodec#number}
     * (NaN as null) writes, in the order documented at {@link #writeExample}.
     */
    private static final class RecordWriter {

        private static final SerializedString INDEX = new SerializedString("index");
        private static final SerializedString ORIGIN = new SerializedString("origin");
        private static final SerializedString TRUE_CLASS = new SerializedString("trueClass");
        private static final SerializedString TRUE_CLASS_INDEX = new SerializedString("trueClassIndex");
        private static final SerializedString PREDICTED_CLASS = new SerializedString("predictedClass");
        private static final SerializedString PREDICTED_CLASS_INDEX = new SerializedString("predictedClassIndex");
        private static final SerializedString CONFIDENCE = new SerializedString("confidence");
        private static final SerializedString TRUE_CLASS_PROBABILITY = new SerializedString("trueClassProbability");
        private static final SerializedString MARGIN = new SerializedString("margin");
        private static final SerializedString TOP = new SerializedString("top");
        private static final SerializedString NAME = new SerializedString("name");
        private static final SerializedString PROBABILITY = new SerializedString("probability");
        private static final SerializedString KIND = new SerializedString("kind");

        private final AnalysisContext c;
        private final SerializedString[] names;
        /** The triage kind of each wrong prediction, by position in {@code wrong()}, or null for records without. */
        private final String[] kinds;

        RecordWriter(AnalysisContext c, String[] kinds) {
            this.c = c;
            this.kinds = kinds;
            List<String> classNames = c.classNames();
            this.names = new SerializedString[classNames.size()];
            for (int k = 0; k < names.length; k++) {
                names[k] = new SerializedString(classNames.get(k));
            }
        }

        /**
         * Encodes the records of {@code examples[from..to)} as JSON Lines, each line ending in a line break, into a
         * buffer emptied first (one buffer per thread, reused chunk after chunk: no garbage the size of a chunk).
         */
        java.io.ByteArrayOutputStream lines(java.io.ByteArrayOutputStream bytes, int[] examples, int from, int to) {
            bytes.reset();
            try (JsonGenerator g = JsonCodec.factory().createGenerator(bytes)) {
                g.setRootValueSeparator(null); // each record ends its line; no separator before the next
                // the keys are this writer's constants, never twice in a record: no duplicate bookkeeping per key
                g.disable(JsonGenerator.Feature.STRICT_DUPLICATE_DETECTION);
                // the shortest decimal that reads back as the same double (Schubfach), several times faster than
                // Double.toString on a cold JVM; it reads back exactly as what JsonCodec.number writes elsewhere
                g.enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
                for (int k = from; k < to; k++) {
                    write(g, examples[k], kinds == null ? null : kinds[k]);
                    g.writeRaw('\n');
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return bytes;
        }

        void write(JsonGenerator g, int example, String kind) throws IOException {
            int classes = c.classCount();
            float[] probs = c.probs();
            int off = example * classes;
            int t = c.labels()[example];
            int p = c.predicted()[example];
            int[] top = ClassProbability.topIndexes(probs, off, classes, RECORD_TOP);
            double confidence = probs[off + p];
            g.writeStartObject();
            g.writeFieldName(INDEX);
            g.writeNumber(example);
            g.writeFieldName(ORIGIN);
            String origin = c.origin(example).orElse(null);
            if (origin == null) {
                g.writeNull();
            } else {
                g.writeString(origin);
            }
            g.writeFieldName(TRUE_CLASS);
            g.writeString(names[t]);
            g.writeFieldName(TRUE_CLASS_INDEX);
            g.writeNumber(t);
            g.writeFieldName(PREDICTED_CLASS);
            g.writeString(names[p]);
            g.writeFieldName(PREDICTED_CLASS_INDEX);
            g.writeNumber(p);
            number(g, CONFIDENCE, confidence);
            number(g, TRUE_CLASS_PROBABILITY, probs[off + t]);
            number(g, MARGIN, top.length > 1 ? confidence - (double) probs[off + top[1]] : Double.NaN);
            g.writeFieldName(TOP);
            g.writeStartArray();
            for (int k : top) {
                g.writeStartObject();
                g.writeFieldName(INDEX);
                g.writeNumber(k);
                g.writeFieldName(NAME);
                g.writeString(names[k]);
                number(g, PROBABILITY, probs[off + k]);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (kind != null) {
                g.writeFieldName(KIND);
                g.writeString(kind);
            }
            g.writeEndObject();
        }

        /** {@link JsonCodec#number} with a serialized key: NaN and infinities as null. */
        private static void number(JsonGenerator g, SerializedString key, double value) throws IOException {
            g.writeFieldName(key);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                g.writeNull();
            } else {
                g.writeNumber(value);
            }
        }
    }

    /**
     * Writes the class names as {@code "classNames": [...]}, in class-index order.
     *
     * @param g          the JSON generator, inside an object
     * @param classNames the class names
     * @throws IOException if writing fails
     */
    public static void classNames(JsonGenerator g, List<String> classNames) throws IOException {
        g.writeArrayFieldStart("classNames");
        for (String name : classNames) {
            g.writeString(name);
        }
        g.writeEndArray();
    }

    /**
     * Writes an analysis's metrics into the object the generator is in, the one layout of them in every document:
     * {@code examples}, {@code correct}, {@code accuracy} with {@code accuracyInterval}, {@code topKAccuracy},
     * {@code perClass} (each class's counts, accuracy, precision and recall with their intervals, and F1),
     * {@code macro} and {@code weighted} averages (each F1 with {@code f1Interval}), {@code hardestClass} (with its
     * interval, its test against the runner-up and the class it is most confused with), {@code confusion} (rows
     * true, columns predicted), {@code calibration} (bins with their index, ECE with {@code eceInterval}, maximum
     * calibration error, {@code brierScore}, {@code logLoss}) and the {@code bootstrap} settings.
     *
     * @param g          the JSON generator, inside an object
     * @param a          the analysis
     * @param statistics its statistics (intervals at one level, the honest hardest class, the bootstrap)
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the statistics are of another number of examples or classes
     */
    public static void writeMetrics(JsonGenerator g, ErrorAnalysis a, AnalysisStatistics statistics)
            throws IOException {
        if (statistics.examples() != a.examples() || statistics.perClass().size() != a.classCount()) {
            throw new IllegalArgumentException("the statistics are of " + statistics.examples() + " examples and "
                    + statistics.perClass().size() + " classes, but the analysis has " + a.examples()
                    + " examples and " + a.classCount() + " classes");
        }
        g.writeNumberField("examples", a.examples());
        g.writeNumberField("correct", a.correct());
        JsonCodec.metric(g, "accuracy", a.accuracy(), statistics.accuracy());
        g.writeObjectFieldStart("topKAccuracy");
        for (int k : TOP_K) {
            if (k <= a.classCount()) {
                JsonCodec.number(g, Integer.toString(k), a.topKAccuracy(k));
            }
        }
        g.writeEndObject();
        PrecisionRecallF1 scores = a.precisionRecallF1();
        PerClassAccuracy perClass = a.perClassAccuracy();
        g.writeArrayFieldStart("perClass");
        for (int c = 0; c < a.classCount(); c++) {
            StatsJson.classIntervals(g, statistics.perClass().get(c), perClass.get(c).correct(),
                    scores.perClass().get(c).f1(), true);
        }
        g.writeEndArray();
        averages(g, "macro", scores.macro(), statistics.macroF1());
        averages(g, "weighted", scores.weighted(), statistics.weightedF1());
        StatsJson.hardest(g, statistics.hardest(), statistics.perClass(),
                a.confusion().mostConfusedWith(statistics.hardest().hardest().classIndex()));
        g.writeObjectFieldStart("confusion");
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
        JsonCodec.metric(g, "ece", cal.ece(), statistics.ece());
        JsonCodec.number(g, "maxCalibrationError", cal.maxCalibrationError());
        JsonCodec.number(g, "brierScore", cal.brierScore());
        JsonCodec.number(g, "logLoss", cal.logLoss());
        g.writeArrayFieldStart("bins");
        for (ReliabilityBin b : cal.bins()) {
            g.writeStartObject();
            g.writeNumberField("index", b.index());
            JsonCodec.number(g, "lower", b.lower());
            JsonCodec.number(g, "upper", b.upper());
            g.writeNumberField("count", b.count());
            JsonCodec.number(g, "meanConfidence", b.meanConfidence());
            JsonCodec.number(g, "accuracy", b.accuracy());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        StatsJson.bootstrap(g, statistics.bootstrap());
    }

    /**
     * Writes a provenance as {@code "provenance": {model, modelFingerprint, dataSource, dataFingerprint,
     * libraryVersion, date, seed}}, the date as an ISO-8601 instant.
     *
     * @param g the JSON generator, inside an object
     * @param p the provenance
     * @throws IOException if writing fails
     */
    public static void writeProvenance(JsonGenerator g, Provenance p) throws IOException {
        writeProvenance(g, "provenance", p);
    }

    /**
     * Writes a provenance under another key, for example a comparison's {@code baselineProvenance}.
     *
     * @param g the JSON generator, inside an object
     * @param field the key
     * @param p the provenance
     * @throws IOException if writing fails
     */
    public static void writeProvenance(JsonGenerator g, String field, Provenance p) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("model", p.model());
        g.writeStringField("modelFingerprint", p.modelFingerprint());
        g.writeStringField("dataSource", p.dataSource());
        g.writeStringField("dataFingerprint", p.dataFingerprint());
        g.writeStringField("libraryVersion", p.libraryVersion());
        g.writeStringField("date", p.date().toString());
        g.writeNumberField("seed", p.seed());
        g.writeEndObject();
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
                float v = s.probs[i * s.classes + c];
                if (Float.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull(); // as JsonCodec.number: an undefined value is null, read back as NaN
                }
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

    private static void averages(JsonGenerator g, String field, AverageScores s, Interval f1) throws IOException {
        g.writeObjectFieldStart(field);
        JsonCodec.number(g, "precision", s.precision());
        JsonCodec.number(g, "recall", s.recall());
        if (f1 == null) {
            JsonCodec.number(g, "f1", s.f1());
        } else {
            JsonCodec.metric(g, "f1", s.f1(), f1);
        }
        g.writeEndObject();
    }

    // ---------------------------------------------------------------- reading

    static ErrorAnalysisAccumulator readAccumulator(String json) {
        return read(json).accumulator();
    }

    /** Reads an analysis's JSON (or an accumulator's), with the provenance a version 2 analysis carries. */
    static ErrorAnalysis readAnalysis(String json) {
        Read read = read(json);
        ErrorAnalysis analysis = read.accumulator().snapshot();
        return read.provenance() == null ? analysis : analysis.withProvenance(read.provenance());
    }

    /** What a document holds: the examples as an accumulator, and the provenance if it has one. */
    private record Read(ErrorAnalysisAccumulator accumulator, Provenance provenance) {
    }

    private static Read read(String json) {
        try (JsonParser p = JsonCodec.factory().createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the document");
            Integer version = null;
            String type = null;
            List<String> names = new ArrayList<>();
            long shard = 0;
            int classCount = -1;
            Segment own = null;
            List<Segment> merged = new ArrayList<>();
            Provenance provenance = null;
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
                    // "examples" is the segment in version 1 and a count (skipped) in version 2
                    case "own", "predictions", "examples" -> {
                        if (t == JsonToken.START_OBJECT) {
                            own = readSegment(p, classCount);
                        } else if (t != JsonToken.VALUE_NULL && !t.isNumeric()) {
                            p.skipChildren();
                        }
                    }
                    case "merged" -> {
                        expect(p, t, JsonToken.START_ARRAY, field);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            merged.add(readSegment(p, classCount));
                        }
                    }
                    case "provenance" -> provenance = t == JsonToken.VALUE_NULL ? null : readProvenance(p);
                    default -> p.skipChildren();
                }
            }
            JsonCodec.checkVersion(version, true, "JSON");
            if (!"errorAnalysis".equals(type) && !"errorAnalysisAccumulator".equals(type)) {
                throw new IllegalArgumentException("unsupported JSON: type is " + type
                        + ", expected errorAnalysis or errorAnalysisAccumulator");
            }
            ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(names, shard);
            acc.restore(classCount, own, merged);
            return new Read(acc, provenance);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Provenance readProvenance(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, "the provenance");
        java.util.Map<String, String> text = new java.util.HashMap<>();
        long seed = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.getCurrentName();
            JsonToken t = p.nextToken();
            if (field.equals("seed")) {
                seed = p.getLongValue();
            } else if (t == JsonToken.VALUE_STRING) {
                text.put(field, p.getText());
            } else {
                p.skipChildren();
            }
        }
        String date = text.get("date");
        try {
            return new Provenance(provenanceText(text, "model"), provenanceText(text, "modelFingerprint"),
                    provenanceText(text, "dataSource"), provenanceText(text, "dataFingerprint"),
                    provenanceText(text, "libraryVersion"), java.time.Instant.parse(String.valueOf(date)), seed);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("invalid JSON: provenance.date '" + date + "' is not an ISO-8601 instant",
                    e);
        }
    }

    private static String provenanceText(java.util.Map<String, String> text, String field) {
        return text.getOrDefault(field, Provenance.UNKNOWN);
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
                            probs[rows * classCount + c++] = p.currentToken() == JsonToken.VALUE_NULL ? Float.NaN
                                    : Float.parseFloat(p.getText());
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
