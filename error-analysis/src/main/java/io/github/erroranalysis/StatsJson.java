package io.github.erroranalysis;

import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.McNemarTest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The JSON of the statistics records (schema version {@value JsonCodec#SCHEMA_VERSION}, camelCase keys,
 * {@code null} for undefined values): one writer per value type, shared by every document that holds the value.
 * {@link #writeComparison} is the one writer of a model comparison, used by {@code comparison.json} and by the
 * comparison part of {@code report.json}; {@link #writeMistake} the one writer of a triaged mistake, used by a
 * triage's JSON and by {@code report.json}'s label issues. Every class is referred to as
 * {@link JsonCodec#classReference} writes it.
 */
public final class StatsJson {

    private StatsJson() {
    }

    static String write(AnalysisStatistics s) {
        // the layout of AnalysisJson.writeMetrics for the values the statistics hold: calibration.eceInterval and
        // macro.f1Interval and weighted.f1Interval, not top-level keys of their own
        return JsonCodec.document("analysisStatistics", false, g -> {
            JsonCodec.number(g, "level", s.level());
            g.writeNumberField("examples", s.examples());
            JsonCodec.metric(g, "accuracy", s.accuracy().estimate(), s.accuracy());
            g.writeArrayFieldStart("perClass");
            for (ClassIntervals c : s.perClass()) {
                classIntervals(g, c, null, Double.NaN, false);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("macro");
            JsonCodec.metric(g, "f1", s.macroF1().estimate(), s.macroF1());
            g.writeEndObject();
            g.writeObjectFieldStart("weighted");
            JsonCodec.metric(g, "f1", s.weightedF1().estimate(), s.weightedF1());
            g.writeEndObject();
            hardest(g, s.hardest(), s.perClass(), null);
            g.writeObjectFieldStart("calibration");
            JsonCodec.metric(g, "ece", s.ece().estimate(), s.ece());
            g.writeEndObject();
            bootstrap(g, s.bootstrap());
        });
    }

    static String write(ModelComparison c) {
        return comparison(c, null, null, false);
    }

    /**
     * Gives a model comparison as one JSON document of type {@code modelComparison} (the layout of
     * {@code comparison.json}, schema {@link JsonCodec#COMPARISON_SCHEMA}).
     *
     * @param c             the comparison
     * @param baselineName  the baseline model's name, or null when it has none
     * @param candidateName the candidate model's name, or null when it has none
     * @param pretty        whether to indent the text
     * @return the JSON text
     */
    public static String comparison(ModelComparison c, String baselineName, String candidateName, boolean pretty) {
        return JsonCodec.document("modelComparison", pretty, g -> writeComparison(g, c, baselineName, candidateName));
    }

    /**
     * Writes the fields of a model comparison into the object the generator is in: the models' names, the test set,
     * both accuracies and their change (each a plain number with its interval beside it), the McNemar test, both
     * AURCs and their paired difference ({@code selectivePrediction}), the per-class changes, the confusion-pair
     * changes, every flipped example and the bootstrap settings.
     *
     * @param g             the JSON generator, inside an object
     * @param c             the comparison
     * @param baselineName  the baseline model's name, or null when it has none
     * @param candidateName the candidate model's name, or null when it has none
     * @throws IOException if writing fails
     */
    public static void writeComparison(JsonGenerator g, ModelComparison c, String baselineName, String candidateName)
            throws IOException {
        nullableString(g, "baselineModel", baselineName);
        nullableString(g, "candidateModel", candidateName);
        AnalysisJson.writeProvenance(g, "baselineProvenance", c.baselineProvenance());
        AnalysisJson.writeProvenance(g, "candidateProvenance", c.candidateProvenance());
        JsonCodec.number(g, "level", c.level());
        g.writeNumberField("examples", c.examples());
        g.writeStringField("testSet", c.testSet());
        JsonCodec.metric(g, "baselineAccuracy", c.baselineAccuracy().estimate(), c.baselineAccuracy());
        JsonCodec.metric(g, "candidateAccuracy", c.candidateAccuracy().estimate(), c.candidateAccuracy());
        JsonCodec.metric(g, "accuracyChange", c.accuracyChange().estimate(), c.accuracyChange());
        McNemarTest m = c.mcnemar();
        g.writeObjectFieldStart("mcnemar");
        g.writeNumberField("rightToWrong", m.rightToWrong());
        g.writeNumberField("wrongToRight", m.wrongToRight());
        JsonCodec.number(g, "pValue", m.pValue());
        g.writeBooleanField("significant", m.significant());
        g.writeStringField("test", "McNemar's exact, two-sided");
        g.writeEndObject();
        SelectiveComparison sc = c.selectivePrediction();
        g.writeObjectFieldStart("selectivePrediction");
        JsonCodec.number(g, "baselineAurc", sc.baselineAurc());
        JsonCodec.number(g, "candidateAurc", sc.candidateAurc());
        JsonCodec.metric(g, "aurcDifference", sc.aurcDifference().estimate(), sc.aurcDifference());
        g.writeEndObject();
        g.writeArrayFieldStart("perClass");
        for (ClassChange k : c.perClass()) {
            g.writeStartObject();
            g.writeNumberField("index", k.classIndex());
            g.writeStringField("name", k.className());
            g.writeNumberField("support", k.support());
            JsonCodec.number(g, "baselineAccuracy", k.baselineAccuracy());
            JsonCodec.number(g, "candidateAccuracy", k.candidateAccuracy());
            JsonCodec.metric(g, "change", k.change().estimate(), k.change());
            g.writeNumberField("rightToWrong", k.rightToWrong());
            g.writeNumberField("wrongToRight", k.wrongToRight());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("confusionChanges");
        for (ConfusionChange p : c.confusionChanges()) {
            g.writeStartObject();
            JsonCodec.classReference(g, "true", p.trueClass(), p.trueClassName());
            JsonCodec.classReference(g, "predicted", p.predictedClass(), p.predictedClassName());
            g.writeNumberField("baselineCount", p.baselineCount());
            g.writeNumberField("candidateCount", p.candidateCount());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flips");
        for (FlippedExample f : c.flips()) {
            g.writeStartObject();
            g.writeNumberField("index", f.index());
            nullableString(g, "origin", f.origin().orElse(null));
            JsonCodec.classReference(g, "true", f.trueClass(), f.trueClassName());
            g.writeStringField("flip", f.flip() == Flip.RIGHT_TO_WRONG ? "rightToWrong" : "wrongToRight");
            JsonCodec.classReference(g, "baselinePredicted", f.baselinePredicted(), f.baselinePredictedName());
            JsonCodec.number(g, "baselineConfidence", f.baselineConfidence());
            JsonCodec.classReference(g, "candidatePredicted", f.candidatePredicted(), f.candidatePredictedName());
            JsonCodec.number(g, "candidateConfidence", f.candidateConfidence());
            g.writeEndObject();
        }
        g.writeEndArray();
        bootstrap(g, c.bootstrap());
    }

    /**
     * Writes a selective prediction as a JSON object value, its one shape in every document ({@code report.json}'s
     * {@code selectivePrediction}, schema {@code analysis.schema.json#/$defs/selectivePrediction}): {@code examples},
     * {@code errors}, {@code aurc} with {@code aurcInterval} beside it, {@code optimalAurc}, {@code excessAurc},
     * {@code riskAtCoverage} ({@code [{coverage, answered, risk, threshold}]}) and {@code coverageAtRisk}
     * ({@code [{risk, answered, coverage, coverageInterval, threshold}]}, threshold {@code null} when no coverage
     * qualifies).
     *
     * @param g the JSON generator, where a value may be written
     * @param s the selective prediction
     * @throws IOException if writing fails
     */
    public static void writeSelectivePrediction(JsonGenerator g, SelectivePrediction s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("examples", s.examples());
        g.writeNumberField("errors", s.errors());
        JsonCodec.metric(g, "aurc", s.aurc(), s.aurcInterval());
        JsonCodec.number(g, "optimalAurc", s.optimalAurc());
        JsonCodec.number(g, "excessAurc", s.excessAurc());
        g.writeArrayFieldStart("riskAtCoverage");
        for (RiskAtCoverage r : s.riskAtCoverage()) {
            g.writeStartObject();
            JsonCodec.number(g, "coverage", r.coverage());
            g.writeNumberField("answered", r.answered());
            JsonCodec.number(g, "risk", r.risk());
            JsonCodec.number(g, "threshold", r.threshold());
            g.writeNumberField("answeredAtThreshold", r.answeredAtThreshold());
            JsonCodec.number(g, "riskAtThreshold", r.riskAtThreshold());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("coverageAtRisk");
        for (CoverageAtRisk c : s.coverageAtRisk()) {
            g.writeStartObject();
            JsonCodec.number(g, "risk", c.risk());
            g.writeNumberField("answered", c.answered());
            JsonCodec.metric(g, "coverage", c.coverage(), c.coverageInterval());
            JsonCodec.number(g, "threshold", c.threshold()); // NaN, written null, when no coverage qualifies
            g.writeNumberField("answeredAtThreshold", c.answeredAtThreshold());
            JsonCodec.number(g, "riskAtThreshold", c.riskAtThreshold()); // null when none qualifies
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static String write(Triage t) {
        return JsonCodec.document("triage", false, g -> {
            g.writeNumberField("examples", t.examples());
            JsonCodec.number(g, "lowLabelProbability", t.lowLabelProbability());
            JsonCodec.number(g, "ambiguityMargin", t.ambiguityMargin());
            g.writeArrayFieldStart("thresholds");
            List<Double> thresholds = t.thresholds();
            for (int c = 0; c < thresholds.size(); c++) {
                g.writeStartObject();
                g.writeNumberField("index", c);
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
                writeMistake(g, m);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("mistakes");
            for (TriagedMistake m : t.mistakes()) {
                writeMistake(g, m);
            }
            g.writeEndArray();
        });
    }

    // ---------------------------------------------------------------- one writer per value type

    /**
     * One class's entry of {@code perClass}: index, name, support, predicted count, and accuracy, precision and
     * recall each with its interval beside it; {@code correct} and {@code f1} when the caller has them.
     */
    static void classIntervals(JsonGenerator g, ClassIntervals c, Long correct, double f1, boolean withF1)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", c.classIndex());
        g.writeStringField("name", c.className());
        g.writeNumberField("support", c.support());
        if (correct != null) {
            g.writeNumberField("correct", correct);
        }
        g.writeNumberField("predicted", c.predicted());
        JsonCodec.metric(g, "accuracy", c.accuracy().estimate(), c.accuracy());
        JsonCodec.metric(g, "precision", c.precision().estimate(), c.precision());
        JsonCodec.metric(g, "recall", c.recall().estimate(), c.recall());
        if (withF1) {
            JsonCodec.number(g, "f1", f1);
        }
        g.writeEndObject();
    }

    /**
     * The {@code hardestClass} object: the hardest class with its accuracy interval, its test against the runner-up
     * (Fisher's exact) and verdict, the runner-up, and (when given) the class it is most often predicted as.
     */
    static void hardest(JsonGenerator g, HonestHardest h, List<ClassIntervals> perClass,
            Optional<ConfusedPair> mostConfusedWith) throws IOException {
        g.writeFieldName("hardestClass");
        classAccuracy(g, h.hardest(), perClass, () -> {
            g.writeStringField("verdict", h.verdict());
            g.writeBooleanField("significantlyHardest", h.significant());
            g.writeStringField("test", "Fisher's exact, two-sided");
            JsonCodec.number(g, "pValue", h.pValue());
            g.writeFieldName("runnerUp");
            if (h.runnerUp().isEmpty()) {
                g.writeNull();
            } else {
                classAccuracy(g, h.runnerUp().get(), perClass, () -> { });
            }
            if (mostConfusedWith != null) {
                g.writeFieldName("mostConfusedWith");
                if (mostConfusedWith.isEmpty()) {
                    g.writeNull();
                } else {
                    ConfusedPair p = mostConfusedWith.get();
                    g.writeStartObject();
                    JsonCodec.classReference(g, "predicted", p.predictedClass(), p.predictedClassName());
                    g.writeNumberField("count", p.count());
                    JsonCodec.number(g, "shareOfTrueClass", p.shareOfTrueClass());
                    g.writeEndObject();
                }
            }
        });
    }

    private interface More {
        void write() throws IOException;
    }

    private static void classAccuracy(JsonGenerator g, ClassAccuracy a, List<ClassIntervals> perClass, More more)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", a.classIndex());
        g.writeStringField("name", a.className());
        g.writeNumberField("support", a.support());
        g.writeNumberField("correct", a.correct());
        Interval interval = a.classIndex() < perClass.size() ? perClass.get(a.classIndex()).accuracy() : null;
        JsonCodec.metric(g, "accuracy", a.accuracy(), interval);
        more.write();
        g.writeEndObject();
    }

    static void bootstrap(JsonGenerator g, Bootstrap b) throws IOException {
        g.writeObjectFieldStart("bootstrap");
        g.writeNumberField("resamples", b.resamples());
        g.writeNumberField("seed", b.seed());
        g.writeEndObject();
    }

    /**
     * Writes one triaged mistake as a JSON object value, the one shape of it in every document (a triage's
     * {@code labelIssues} and {@code mistakes}, {@code report.json}'s {@code labelIssues}): {@code index},
     * {@code origin}, {@code givenClass}/{@code givenClassIndex}, {@code predictedClass}/{@code predictedClassIndex},
     * {@code givenClassProbability}, {@code confidence}, {@code margin}, {@code labelQuality} (from -1 to 0: the
     * lower, the more suspect the label), {@code kind} and {@code suggestedClass}/{@code suggestedClassIndex} (both
     * {@code null} unless the mistake is a likely label issue).
     *
     * @param g the JSON generator, where a value may be written
     * @param m the mistake
     * @throws IOException if writing fails
     */
    public static void writeMistake(JsonGenerator g, TriagedMistake m) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", m.index());
        nullableString(g, "origin", m.origin().orElse(null));
        JsonCodec.classReference(g, "given", m.givenClass(), m.givenClassName());
        JsonCodec.classReference(g, "predicted", m.predictedClass(), m.predictedClassName());
        JsonCodec.number(g, "givenClassProbability", m.givenClassProbability());
        JsonCodec.number(g, "confidence", m.confidence());
        JsonCodec.number(g, "margin", m.margin());
        JsonCodec.number(g, "labelQuality", m.labelQuality());
        g.writeStringField("kind", kindWord(m.kind()));
        ClassProbability suggested = m.suggestedLabel().orElse(null);
        JsonCodec.classReference(g, "suggested", suggested == null ? -1 : suggested.classIndex(),
                suggested == null ? null : suggested.className());
        g.writeEndObject();
    }

    static void nullableString(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    /** The JSON word of a mistake kind: {@code likelyLabelIssue}, {@code ambiguous} or {@code confidentModelError}. */
    static String kindWord(MistakeKind kind) {
        return switch (kind) {
            case LIKELY_LABEL_ISSUE -> "likelyLabelIssue";
            case AMBIGUOUS -> "ambiguous";
            case CONFIDENT_MODEL_ERROR -> "confidentModelError";
        };
    }
}
