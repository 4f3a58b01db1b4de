package io.github.erroranalysis;

import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.McNemarTest;
import io.github.erroranalysis.io.Formats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** JSON of the statistics records with ND4J's shaded Jackson: camelCase keys, {@code null} for undefined values. */
final class StatsJson {

    /** Version of the JSON written here. */
    static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private StatsJson() {
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(String type, Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("type", type);
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String write(AnalysisStatistics s) {
        return write("analysisStatistics", g -> {
            g.writeNumberField("level", s.level());
            g.writeNumberField("examples", s.examples());
            interval(g, "accuracy", s.accuracy());
            g.writeArrayFieldStart("perClass");
            for (ClassIntervals c : s.perClass()) {
                g.writeStartObject();
                g.writeNumberField("index", c.classIndex());
                g.writeStringField("name", c.className());
                g.writeNumberField("support", c.support());
                g.writeNumberField("predicted", c.predicted());
                interval(g, "accuracy", c.accuracy());
                interval(g, "precision", c.precision());
                interval(g, "recall", c.recall());
                g.writeEndObject();
            }
            g.writeEndArray();
            HonestHardest h = s.hardest();
            g.writeObjectFieldStart("hardest");
            classAccuracy(g, "hardestClass", Optional.of(h.hardest()));
            classAccuracy(g, "runnerUp", h.runnerUp());
            g.writeStringField("test", "Fisher's exact, two-sided");
            JsonCodec.number(g, "pValue", h.pValue());
            g.writeBooleanField("significant", h.significant());
            g.writeStringField("verdict", h.verdict());
            g.writeEndObject();
            interval(g, "ece", s.ece());
            interval(g, "macroF1", s.macroF1());
            bootstrap(g, s.bootstrap());
        });
    }

    static String write(ModelComparison c) {
        return write("modelComparison", g -> {
            g.writeNumberField("level", c.level());
            g.writeNumberField("examples", c.examples());
            g.writeStringField("testSet", c.testSet());
            interval(g, "baselineAccuracy", c.baselineAccuracy());
            interval(g, "candidateAccuracy", c.candidateAccuracy());
            interval(g, "accuracyChange", c.accuracyChange());
            McNemarTest m = c.mcnemar();
            g.writeObjectFieldStart("mcnemar");
            g.writeNumberField("rightToWrong", m.rightToWrong());
            g.writeNumberField("wrongToRight", m.wrongToRight());
            JsonCodec.number(g, "pValue", m.pValue());
            g.writeBooleanField("significant", m.significant());
            g.writeEndObject();
            g.writeArrayFieldStart("perClass");
            for (ClassChange k : c.perClass()) {
                g.writeStartObject();
                g.writeNumberField("index", k.classIndex());
                g.writeStringField("name", k.className());
                g.writeNumberField("support", k.support());
                JsonCodec.number(g, "baselineAccuracy", k.baselineAccuracy());
                JsonCodec.number(g, "candidateAccuracy", k.candidateAccuracy());
                interval(g, "change", k.change());
                g.writeNumberField("rightToWrong", k.rightToWrong());
                g.writeNumberField("wrongToRight", k.wrongToRight());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("confusionChanges");
            for (ConfusionChange p : c.confusionChanges()) {
                g.writeStartObject();
                g.writeNumberField("trueClass", p.trueClass());
                g.writeStringField("trueClassName", p.trueClassName());
                g.writeNumberField("predictedClass", p.predictedClass());
                g.writeStringField("predictedClassName", p.predictedClassName());
                g.writeNumberField("baselineCount", p.baselineCount());
                g.writeNumberField("candidateCount", p.candidateCount());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("flips");
            for (FlippedExample f : c.flips()) {
                g.writeStartObject();
                g.writeNumberField("index", f.index());
                origin(g, f.origin());
                g.writeStringField("trueClassName", f.trueClassName());
                g.writeStringField("flip", f.flip() == Flip.RIGHT_TO_WRONG ? "rightToWrong" : "wrongToRight");
                g.writeStringField("baselinePredicted", f.baselinePredictedName());
                g.writeNumberField("baselineConfidence", f.baselineConfidence());
                g.writeStringField("candidatePredicted", f.candidatePredictedName());
                g.writeNumberField("candidateConfidence", f.candidateConfidence());
                g.writeEndObject();
            }
            g.writeEndArray();
            bootstrap(g, c.bootstrap());
        });
    }

    static String write(Triage t) {
        return write("triage", g -> {
            g.writeNumberField("examples", t.examples());
            g.writeNumberField("lowLabelProbability", t.lowLabelProbability());
            g.writeNumberField("ambiguityMargin", t.ambiguityMargin());
            g.writeArrayFieldStart("thresholds");
            List<Double> thresholds = t.thresholds();
            for (int c = 0; c < thresholds.size(); c++) {
                g.writeStartObject();
                g.writeStringField("name", t.classNames().get(c));
                JsonCodec.number(g, "threshold", thresholds.get(c));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("likelyLabelIssue", t.count(MistakeKind.LIKELY_LABEL_ISSUE));
            g.writeNumberField("ambiguous", t.count(MistakeKind.AMBIGUOUS));
            g.writeNumberField("confidentModelError", t.count(MistakeKind.CONFIDENT_MODEL_ERROR));
            g.writeEndObject();
            g.writeArrayFieldStart("labelIssues");
            for (TriagedMistake m : t.labelIssues()) {
                mistake(g, m);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("mistakes");
            for (TriagedMistake m : t.mistakes()) {
                mistake(g, m);
            }
            g.writeEndArray();
        });
    }

    private static void mistake(JsonGenerator g, TriagedMistake m) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", m.index());
        origin(g, m.origin());
        g.writeStringField("givenClassName", m.givenClassName());
        g.writeStringField("predictedClassName", m.predictedClassName());
        g.writeNumberField("givenClassProbability", m.givenClassProbability());
        g.writeNumberField("confidence", m.confidence());
        g.writeNumberField("margin", m.margin());
        g.writeNumberField("labelQuality", m.labelQuality());
        g.writeStringField("kind", switch (m.kind()) {
            case LIKELY_LABEL_ISSUE -> "likelyLabelIssue";
            case AMBIGUOUS -> "ambiguous";
            case CONFIDENT_MODEL_ERROR -> "confidentModelError";
        });
        if (m.suggestedLabel().isPresent()) {
            g.writeStringField("suggestedLabel", m.suggestedLabel().get().className());
        } else {
            g.writeNullField("suggestedLabel");
        }
        g.writeEndObject();
    }

    private static void origin(JsonGenerator g, Optional<String> origin) throws IOException {
        if (origin.isPresent()) {
            g.writeStringField("origin", origin.get());
        } else {
            g.writeNullField("origin");
        }
    }

    private static void classAccuracy(JsonGenerator g, String field, Optional<ClassAccuracy> a) throws IOException {
        if (a.isEmpty()) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeNumberField("index", a.get().classIndex());
        g.writeStringField("name", a.get().className());
        g.writeNumberField("correct", a.get().correct());
        g.writeNumberField("support", a.get().support());
        JsonCodec.number(g, "accuracy", a.get().accuracy());
        g.writeEndObject();
    }

    private static void bootstrap(JsonGenerator g, Bootstrap b) throws IOException {
        g.writeObjectFieldStart("bootstrap");
        g.writeNumberField("resamples", b.resamples());
        g.writeNumberField("seed", b.seed());
        g.writeEndObject();
    }

    private static void interval(JsonGenerator g, String field, Interval i) throws IOException {
        g.writeObjectFieldStart(field);
        JsonCodec.number(g, "estimate", i.estimate());
        JsonCodec.number(g, "lower", i.lower());
        JsonCodec.number(g, "upper", i.upper());
        g.writeNumberField("level", i.level());
        g.writeStringField("method", i.method());
        g.writeEndObject();
    }

}
