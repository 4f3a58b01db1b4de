package io.github.erroranalysis;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.McNemarTest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * The one writer of {@code robustness.json} (type {@code robustness}, schema {@link #SCHEMA}): a robustness study's
 * clean accuracy, mean corruption accuracy over the standard corruptions, mean over the extras, relative drop and
 * worst corruption, every corruption with its cells, the per-class accuracy under the worst corruption, with two
 * models the comparison (per cell McNemar's exact test, per corruption the paired bootstrap difference), the gates
 * and the provenance. Corruption names are values in lists, never keys; a scalar is a plain number with its
 * interval beside it at {@code <key>Interval}, as every document of the library writes them ({@link JsonCodec}).
 *
 * <p>Gate results are written by the core's one gate writer ({@code GateJson}); the root package does not import the
 * gate package, so the caller gives them as a writer ({@link JsonCodec.Fields}, for example
 * {@code RobustnessGates.json(results)}).
 */
public final class RobustnessJson {

    /** The document's type. */
    public static final String TYPE = "robustness";

    /** The class-path resource of the JSON Schema of {@code robustness.json}. */
    public static final String SCHEMA = "/io/github/erroranalysis/json/robustness.schema.json";

    private RobustnessJson() {
    }

    /**
     * Gives a study (and, with two models, their comparison) as the text of {@code robustness.json}.
     *
     * @param study the study of the model ({@code --model}), which the gates judge
     * @param comparison the comparison of {@code study} with {@code --model-b}'s study, or null for one model
     * @param gates writes the {@code gates} array (for example {@code RobustnessGates.json(results)}), or null
     *              for an empty one
     * @param level the confidence level of every interval
     * @param pretty whether to indent the text
     * @return the JSON text
     * @throws IllegalArgumentException if the comparison is not of this study
     */
    public static String write(Robustness study, RobustnessComparison comparison, JsonCodec.Fields gates,
            double level, boolean pretty) {
        check(study, comparison);
        return JsonCodec.document(TYPE, pretty, g -> writeFields(g, study, comparison, gates, level));
    }

    /**
     * Streams {@code robustness.json} as UTF-8, as {@link #write(Robustness, RobustnessComparison, JsonCodec.Fields,
     * double, boolean)} gives it.
     *
     * @param out the stream; flushed, not closed
     * @param study the study of the model
     * @param comparison the comparison, or null
     * @param gates writes the {@code gates} array, or null for an empty one
     * @param level the confidence level
     * @param pretty whether to indent
     * @throws IOException if writing fails
     */
    public static void write(OutputStream out, Robustness study, RobustnessComparison comparison,
            JsonCodec.Fields gates, double level, boolean pretty) throws IOException {
        check(study, comparison);
        JsonCodec.document(out, TYPE, pretty, g -> writeFields(g, study, comparison, gates, level));
    }

    private static void check(Robustness study, RobustnessComparison comparison) {
        Objects.requireNonNull(study, "study");
        if (comparison != null && comparison.a() != study) {
            throw new IllegalArgumentException("the robustness comparison given is not of the study written (its "
                    + "baseline is another study)");
        }
    }

    /**
     * Writes the document's fields into the object the generator is in (for a report that holds the study).
     *
     * @param g the JSON generator, inside an object
     * @param study the study of the model
     * @param comparison the comparison, or null
     * @param gates writes the {@code gates} array, or null for an empty one
     * @param level the confidence level
     * @throws IOException if writing fails
     */
    public static void writeFields(JsonGenerator g, Robustness study, RobustnessComparison comparison,
            JsonCodec.Fields gates, double level) throws IOException {
        check(study, comparison);
        g.writeStringField("model", study.provenance().model());
        if (comparison != null) {
            g.writeStringField("modelB", comparison.b().provenance().model());
        }
        g.writeNumberField("examples", study.examples());
        g.writeNumberField("seed", study.seed());
        JsonCodec.number(g, "level", level);
        g.writeArrayFieldStart("severities");
        for (int s : study.severities()) {
            g.writeNumber(s);
        }
        g.writeEndArray();
        summary(g, study, level, "");
        g.writeArrayFieldStart("corruptions");
        for (String c : study.corruptions()) {
            g.writeStartObject();
            g.writeStringField("name", c);
            g.writeBooleanField("standard", study.standard(c));
            JsonCodec.metric(g, "meanAccuracy", study.corruptionAccuracy(c), study.corruptionAccuracy(c, level));
            g.writeArrayFieldStart("severities");
            for (RobustnessCell cell : study.cells(c)) {
                g.writeStartObject();
                g.writeNumberField("severity", cell.severity());
                JsonCodec.metric(g, "accuracy", cell.accuracy(), cell.accuracyInterval(level));
                g.writeNumberField("examples", cell.analysis().examples());
                g.writeNumberField("correct", cell.analysis().correct());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("perClassUnderWorst");
        double[] perClass = study.perClassAccuracy(study.worstCorruption());
        for (int k = 0; k < perClass.length; k++) {
            g.writeStartObject();
            g.writeStringField("className", study.clean().classNames().get(k));
            JsonCodec.number(g, "accuracy", perClass[k]);
            g.writeEndObject();
        }
        g.writeEndArray();
        if (comparison != null) {
            g.writeObjectFieldStart("comparison");
            comparison(g, comparison, level);
            g.writeEndObject();
        }
        if (gates == null) {
            g.writeArrayFieldStart("gates");
            g.writeEndArray();
        } else {
            gates.write(g);
        }
        g.writeObjectFieldStart("provenance");
        AnalysisJson.writeProvenance(g, "clean", study.provenance());
        g.writeNumberField("corruptionSeed", study.seed());
        g.writeArrayFieldStart("corruptions");
        for (String c : study.corruptions()) {
            g.writeString(c);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("severities");
        for (int s : study.severities()) {
            g.writeNumber(s);
        }
        g.writeEndArray();
        StatsJson.bootstrap(g, study.bootstrap());
        g.writeEndObject();
    }

    /** The study's headline figures, each key with a suffix ("" for the model, "B" for the candidate). */
    private static void summary(JsonGenerator g, Robustness study, double level, String suffix) throws IOException {
        ErrorAnalysis clean = study.clean();
        JsonCodec.metric(g, "cleanAccuracy" + suffix, clean.accuracy(),
                Intervals.wilson(clean.correct(), clean.examples(), level));
        Interval mean = study.meanCorruptionAccuracy(level);
        JsonCodec.metric(g, "meanCorruptionAccuracy" + suffix, mean.estimate(), mean);
        Interval extra = study.meanExtraAccuracy(level);
        JsonCodec.metric(g, "meanExtraAccuracy" + suffix, extra.estimate(), extra);
        JsonCodec.number(g, "relativeDrop" + suffix, study.relativeDrop());
        g.writeStringField("worstCorruption" + suffix, study.worstCorruption());
    }

    private static void comparison(JsonGenerator g, RobustnessComparison c, double level) throws IOException {
        summary(g, c.b(), level, "B");
        Interval mean = c.meanCorruptionDifference(level);
        JsonCodec.metric(g, "meanCorruptionDifference", mean.estimate(), mean);
        Interval extra = c.meanExtraDifference(level);
        JsonCodec.metric(g, "meanExtraDifference", extra.estimate(), extra);
        g.writeArrayFieldStart("corruptions");
        for (String name : c.a().corruptions()) {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeBooleanField("standard", c.a().standard(name));
            JsonCodec.number(g, "accuracyA", c.a().corruptionAccuracy(name));
            JsonCodec.number(g, "accuracyB", c.b().corruptionAccuracy(name));
            Interval d = c.corruptionDifference(name, level);
            JsonCodec.metric(g, "difference", d.estimate(), d);
            g.writeArrayFieldStart("severities");
            for (RobustnessComparison.CellDifference cell : c.cells(name)) {
                McNemarTest t = cell.test();
                g.writeStartObject();
                g.writeNumberField("severity", cell.severity());
                JsonCodec.number(g, "accuracyA", cell.accuracyA());
                JsonCodec.number(g, "accuracyB", cell.accuracyB());
                JsonCodec.number(g, "difference", cell.difference());
                g.writeNumberField("rightToWrong", t.rightToWrong());
                g.writeNumberField("wrongToRight", t.wrongToRight());
                JsonCodec.number(g, "pValue", t.pValue());
                g.writeBooleanField("significant", t.significant());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        AnalysisJson.writeProvenance(g, "provenanceB", c.b().provenance());
    }
}
