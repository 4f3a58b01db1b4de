package io.github.erroranalysis.report;

import io.github.erroranalysis.AnalysisJson;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.StatsJson;
import io.github.erroranalysis.TemperatureJson;
import io.github.erroranalysis.gate.GateJson;
import io.github.erroranalysis.json.JsonCodec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The report as JSON (schema version {@value JsonCodec#SCHEMA_VERSION}, camelCase keys, NaN written as
 * {@code null}, schema {@value #SCHEMA}): the analysis's metrics by the core's one writer
 * ({@link AnalysisJson#writeMetrics}), the comparison by the core's one comparison writer
 * ({@link StatsJson#writeComparison}), the examples the report shows by the one record writer
 * ({@link AnalysisJson#writeExample}, which writes each line of {@value ErrorReport#WRONG_FILE} too), the label issues by the triage's writer ({@link StatsJson#writeMistake}), the
 * training epochs by the one epoch writer ({@link JsonCodec#trainingEpoch}, as a saved history), class references by
 * {@link JsonCodec#classReference}, the gates by the gate model's writer ({@link GateJson}), then the keys only a
 * report has; REPORT.md documents every key.
 */
final class ReportJson {

    /** The class-path resource of the JSON Schema of {@code report.json}. */
    static final String SCHEMA = "/io/github/erroranalysis/report/report.schema.json";

    /**
     * How many of the most suspect label issues {@code report.json} lists (all of them when there are fewer);
     * {@code labelIssueCount} gives how many there are, and {@code wrong.jsonl} has every wrong prediction's record.
     */
    static final int LABEL_ISSUES_KEPT = 1000;

    private ReportJson() {
    }

    static String write(ErrorReport report) {
        return JsonCodec.document("errorReport", true, g -> body(g, report));
    }

    /** Streams the same document as {@link #write(ErrorReport)} into a stream (flushed, not closed). */
    static void write(ErrorReport report, java.io.OutputStream out) throws IOException {
        JsonCodec.document(out, "errorReport", true, g -> body(g, report));
    }

    private static void body(JsonGenerator g, ErrorReport report) throws IOException {
        ErrorAnalysis a = report.analysis();
        List<String> names = a.classNames();
        ReportStatistics stats = report.statistics();
        g.writeStringField("title", report.title());
        AnalysisJson.classNames(g, names);
        AnalysisJson.writeMetrics(g, a, stats.statistics());

        g.writeObjectFieldStart("wrongPredictions"); // every record is in wrong.jsonl beside report.json
        g.writeNumberField("count", a.wrong().size());
        g.writeStringField("file", ErrorReport.WRONG_FILE);
        g.writeEndObject();
        g.writeArrayFieldStart("shownExamples");
        for (int i : report.shownExamples()) {
            AnalysisJson.writeExample(g, a, i); // the one shape of a record, as in wrong.jsonl
        }
        g.writeEndArray();
        indexes(g, "inspected", ExamplePicks.firstWrong(a, ExamplePicks.COURSE_COUNT));

        List<ReportStatistics.LabelIssue> issues = stats.labelIssues();
        g.writeNumberField("labelIssueCount", issues.size());
        JsonCodec.number(g, "labelIssuesExpectedByChance", stats.labelIssuesExpectedByChance());
        g.writeArrayFieldStart("labelIssues"); // the most suspect first, at most LABEL_ISSUES_KEPT
        for (ReportStatistics.LabelIssue issue : issues.subList(0, Math.min(LABEL_ISSUES_KEPT, issues.size()))) {
            StatsJson.writeMistake(g, issue.mistake()); // the triage's own shape of a mistake
        }
        g.writeEndArray();

        g.writeFieldName("selectivePrediction"); // the core's one writer; the numbers the report's section shows
        StatsJson.writeSelectivePrediction(g, a.selectivePrediction(stats.statistics().level()));
        g.writeFieldName("comparison");
        if (report.comparison().isEmpty()) {
            g.writeNull();
        } else {
            ErrorReport.Comparison c = report.comparison().get();
            g.writeStartObject();
            StatsJson.writeComparison(g, c.result(), c.baselineName(), c.candidateName());
            g.writeEndObject();
        }
        ErrorReport.Temperature t = report.temperatureScaling().orElse(null); // the core's one temperature writer
        TemperatureJson.writeReportBlock(g, "temperatureScaling", t == null ? null : t.change(),
                t != null && t.applied(), t == null ? null : t.fittedOn(), t == null ? 0 : t.inSample());
        g.writeArrayFieldStart("trainingHistory");
        for (TrainingEpoch e : report.history()) { // the shape of a saved history's epochs (cifar-model)
            JsonCodec.trainingEpoch(g, e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                    e.validationAccuracy(), e.seconds());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("occlusion");
        for (ErrorReport.Occlusions o : report.occlusions()) {
            OcclusionMap m = o.map();
            OcclusionMap.Faithfulness f = m.faithfulness();
            g.writeStartObject();
            g.writeNumberField("index", o.example());
            JsonCodec.classReference(g, "explained", m.classIndex(), names.get(m.classIndex()));
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
        EvidenceJson.write(g, report.explanations(), names);
        indexes(g, "missingImages", report.missingImages());
        g.writeArrayFieldStart("figures");
        for (String f : report.figureNames()) {
            g.writeString(ErrorReport.FIGURE_FOLDER + "/" + f + ".png");
        }
        g.writeEndArray();
        AnalysisJson.writeProvenance(g, report.provenance().orElseGet(a::provenance));
        GateJson.write(g, report.gates());

        g.writeObjectFieldStart("metrics");
        for (ReportMetric m : report.metrics()) { // no metric's name ends in "Interval", so no key is written twice
            JsonCodec.metric(g, m.name(), m.value(), m.interval());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("sections");
        for (Map.Entry<String, Map<String, Object>> section : report.sectionValues().entrySet()) {
            g.writeFieldName(section.getKey());
            JsonCodec.value(g, section.getValue()); // the core's one writer of plain values (audit.json's too)
        }
        g.writeEndObject();
    }

    private static void indexes(JsonGenerator g, String field, List<Integer> indexes) throws IOException {
        g.writeArrayFieldStart(field);
        for (int i : indexes) {
            g.writeNumber(i);
        }
        g.writeEndArray();
    }
}
