package io.github.erroranalysis.report;

import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.Calibration;
import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ClassScores;
import io.github.erroranalysis.ConfusedPair;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.HardestClass;
import io.github.erroranalysis.PrecisionRecallF1;
import io.github.erroranalysis.ReliabilityBin;
import io.github.erroranalysis.Flip;
import io.github.erroranalysis.FlippedExample;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The report as JSON (schema version {@value ErrorReport#SCHEMA_VERSION}, camelCase keys, NaN written as
 * {@code null}), with ND4J's shaded Jackson as the core's JSON; REPORT.md documents every key.
 */
final class ReportJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    static String write(ErrorReport report) {
        StringWriter out = new StringWriter(64 * 1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            body(g, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }


    private static void body(JsonGenerator g, ErrorReport report) throws IOException {
        ErrorAnalysis a = report.analysis();
        List<String> names = a.classNames();
        ReportStatistics stats = report.statistics();
        g.writeStartObject();
        g.writeNumberField("schemaVersion", ErrorReport.SCHEMA_VERSION);
        g.writeStringField("type", "errorReport");
        g.writeStringField("title", report.title());
        g.writeArrayFieldStart("classNames");
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeNumberField("examples", a.examples());
        g.writeNumberField("correct", a.correct());
        JsonCodec.number(g, "accuracy", a.accuracy());
        g.writeObjectFieldStart("topKAccuracy");
        for (int k : ErrorReport.topK(a.classCount())) {
            JsonCodec.number(g, Integer.toString(k), a.topKAccuracy(k));
        }
        g.writeEndObject();

        HardestClass h = a.hardest();
        g.writeObjectFieldStart("hardestClass");
        g.writeNumberField("index", h.index());
        g.writeStringField("name", h.name());
        JsonCodec.number(g, "accuracy", h.accuracy());
        g.writeNumberField("support", h.support());
        g.writeNumberField("correct", h.correct());
        JsonCodec.number(g, "ciLow", stats.low(h.index()));
        JsonCodec.number(g, "ciHigh", stats.high(h.index()));
        g.writeStringField("verdict", stats.hardest().verdict());
        g.writeBooleanField("significantlyHardest", stats.hardest().significant());
        JsonCodec.number(g, "pValue", stats.hardest().pValue());
        if (stats.hardest().runnerUp().isPresent()) {
            g.writeStringField("runnerUp", stats.hardest().runnerUp().get().className());
        } else {
            g.writeNullField("runnerUp");
        }
        g.writeFieldName("mostConfusedWith");
        Optional<ConfusedPair> pair = report.hardestPair();
        if (pair.isEmpty()) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("predictedClass", pair.get().predictedClassName());
            g.writeNumberField("count", pair.get().count());
            JsonCodec.number(g, "shareOfTrueClass", pair.get().shareOfTrueClass());
            g.writeEndObject();
        }
        g.writeEndObject();

        PrecisionRecallF1 scores = a.precisionRecallF1();
        g.writeArrayFieldStart("perClass");
        for (ClassAccuracy c : a.perClassAccuracy().classes()) {
            ClassScores s = scores.perClass().get(c.classIndex());
            g.writeStartObject();
            g.writeStringField("name", c.className());
            JsonCodec.number(g, "accuracy", c.accuracy());
            g.writeNumberField("support", c.support());
            JsonCodec.number(g, "ciLow", stats.low(c.classIndex()));
            JsonCodec.number(g, "ciHigh", stats.high(c.classIndex()));
            JsonCodec.number(g, "precision", s.precision());
            JsonCodec.number(g, "recall", s.recall());
            JsonCodec.number(g, "f1", s.f1());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("intervalMethod", stats.intervalMethod());

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
        JsonCodec.number(g, "ece", cal.ece());
        if (stats.ece().isPresent() && stats.ece().get().isDefined()) {
            JsonCodec.number(g, "eceCiLow", stats.ece().get().lower());
            JsonCodec.number(g, "eceCiHigh", stats.ece().get().upper());
        }
        JsonCodec.number(g, "maxCalibrationError", cal.maxCalibrationError());
        g.writeArrayFieldStart("bins");
        for (ReliabilityBin b : cal.bins()) {
            g.writeStartObject();
            g.writeNumberField("lower", b.lower());
            g.writeNumberField("upper", b.upper());
            g.writeNumberField("count", b.count());
            JsonCodec.number(g, "meanConfidence", b.meanConfidence());
            JsonCodec.number(g, "accuracy", b.accuracy());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        JsonCodec.number(g, "logLoss", cal.logLoss());
        JsonCodec.number(g, "brier", cal.brierScore());

        g.writeArrayFieldStart("wrong");
        for (int i : a.wrong().indexes()) {
            g.writeStartObject();
            g.writeNumberField("index", i);
            g.writeStringField("trueClass", names.get(a.trueClass(i)));
            g.writeStringField("predictedClass", names.get(a.predictedClass(i)));
            JsonCodec.number(g, "confidence", a.confidence(i));
            g.writeEndObject();
        }
        g.writeEndArray();
        indexes(g, "inspected", ExamplePicks.firstWrong(a, ExamplePicks.COURSE_COUNT));

        g.writeArrayFieldStart("labelIssues");
        for (ReportStatistics.LabelIssue issue : stats.labelIssues()) {
            g.writeStartObject();
            g.writeNumberField("index", issue.index());
            g.writeStringField("givenClass", issue.givenClass());
            g.writeStringField("suggestedClass", issue.suggestedClass());
            JsonCodec.number(g, "score", issue.score());
            g.writeEndObject();
        }
        g.writeEndArray();

        comparison(g, report);
        g.writeArrayFieldStart("trainingHistory");
        for (TrainingEpoch e : report.history()) {
            g.writeStartObject();
            g.writeNumberField("epoch", e.epoch());
            JsonCodec.number(g, "trainLoss", e.trainLoss());
            JsonCodec.number(g, "trainAccuracy", e.trainAccuracy());
            JsonCodec.number(g, "validationLoss", e.validationLoss());
            JsonCodec.number(g, "validationAccuracy", e.validationAccuracy());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("occlusion");
        for (ErrorReport.Occlusions o : report.occlusions()) {
            OcclusionMap m = o.map();
            OcclusionMap.Faithfulness f = m.faithfulness();
            g.writeStartObject();
            g.writeNumberField("index", o.example());
            g.writeStringField("explainedClass", names.get(m.classIndex()));
            g.writeStringField("figure", ErrorReport.FIGURE_FOLDER + "/"
                    + ErrorReport.occlusionFigureName(o.example(), m.classIndex(), names.get(m.classIndex())) + ".png");
            JsonCodec.number(g, "baseProbability", m.baseProbability());
            g.writeNumberField("patch", m.patch());
            g.writeNumberField("stride", m.stride());
            g.writeNumberField("positions", m.positions());
            JsonCodec.number(g, "probabilityAfterMostImportant", f.probabilityAfterMostImportant());
            JsonCodec.number(g, "probabilityAfterRandom", f.probabilityAfterRandom());
            g.writeBooleanField("faithful", f.passes());
            g.writeEndObject();
        }
        g.writeEndArray();
        indexes(g, "missingImages", report.missingImages());
        g.writeArrayFieldStart("figures");
        for (String f : report.figureNames()) {
            g.writeString(ErrorReport.FIGURE_FOLDER + "/" + f + ".png");
        }
        g.writeEndArray();
        provenance(g, report.provenance());
        g.writeEndObject();
    }

    private static void indexes(JsonGenerator g, String field, List<Integer> indexes) throws IOException {
        g.writeArrayFieldStart(field);
        for (int i : indexes) {
            g.writeNumber(i);
        }
        g.writeEndArray();
    }

    private static void comparison(JsonGenerator g, ErrorReport report) throws IOException {
        g.writeFieldName("comparison");
        if (report.comparison().isEmpty()) {
            g.writeNull();
            return;
        }
        ErrorReport.Comparison c = report.comparison().get();
        g.writeStartObject();
        g.writeStringField("baselineModel", c.baselineName());
        g.writeStringField("candidateModel", c.candidateName());
        JsonCodec.number(g, "baselineAccuracy", report.analysis().accuracy());
        JsonCodec.number(g, "candidateAccuracy", c.candidate().accuracy());
        JsonCodec.number(g, "mcnemarPValue", c.result().mcnemar().pValue());
        g.writeBooleanField("significant", c.result().mcnemar().significant());
        indexes(g, "rightToWrong", c.result().flips(Flip.RIGHT_TO_WRONG).stream().map(FlippedExample::index).toList());
        indexes(g, "wrongToRight", c.result().flips(Flip.WRONG_TO_RIGHT).stream().map(FlippedExample::index).toList());
        g.writeEndObject();
    }

    private static void provenance(JsonGenerator g, Optional<Provenance> provenance) throws IOException {
        g.writeFieldName("provenance");
        if (provenance.isEmpty()) {
            g.writeNull();
            return;
        }
        Provenance p = provenance.get();
        g.writeStartObject();
        g.writeStringField("model", p.model());
        g.writeStringField("modelFingerprint", p.modelFingerprint());
        g.writeStringField("dataSource", p.dataSource());
        g.writeStringField("dataFingerprint", p.dataFingerprint());
        g.writeStringField("libraryVersion", p.libraryVersion());
        g.writeStringField("date", p.date().toString());
        g.writeNumberField("seed", p.seed());
        g.writeEndObject();
    }
}
