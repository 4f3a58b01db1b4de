package io.github.erroranalysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.erroranalysis.json.JsonCodec;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a report's {@link Explanations} as {@code report.json}'s {@code evidence} object: per explained example its
 * saliency maps (each with {@code faithfulness} and {@code faithfulnessInterval}) and {@code nearestTrainingExamples},
 * the per-method faithfulness, the sanity check and the training data searched (report.schema.json,
 * {@code $defs/evidence}).
 */
final class EvidenceJson {

    private EvidenceJson() {
    }

    /** Writes the {@code evidence} field. */
    static void write(JsonGenerator g, Explanations e, List<String> names) throws IOException {
        g.writeObjectFieldStart("evidence");
        g.writeObjectFieldStart("faithfulness");
        for (Map.Entry<String, io.github.erroranalysis.stats.Interval> m : new java.util.TreeMap<>(e.faithfulness())
                .entrySet()) {
            JsonCodec.interval(g, m.getKey(), m.getValue());
        }
        g.writeEndObject();
        g.writeFieldName("sanityCheck");
        if (e.sanityCheck().isEmpty()) {
            g.writeNull();
        } else {
            sanityCheck(g, e.sanityCheck().get());
        }
        g.writeFieldName("trainingData");
        if (e.training().isEmpty()) {
            g.writeNull();
        } else {
            Explanations.TrainingSearch t = e.training().get();
            g.writeStartObject();
            g.writeStringField("source", t.source());
            g.writeNumberField("examples", t.examples());
            g.writeNumberField("excluded", t.excluded());
            g.writeNumberField("neighbours", t.neighbours());
            g.writeNumberField("identicalImages", t.identicalImages());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("examples");
        for (ExampleEvidence x : e.examples().values()) {
            g.writeStartObject();
            g.writeNumberField("index", x.example());
            g.writeArrayFieldStart("saliency");
            for (SaliencyMap m : x.saliency()) {
                saliency(g, m, names);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("nearestTrainingExamples");
            for (TrainingNeighbour n : x.nearestTrainingExamples()) {
                neighbour(g, n, names);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Writes one saliency map (the saliency helper owns this shape). */
    static void saliency(JsonGenerator g, SaliencyMap m, List<String> names) throws IOException {
        g.writeStartObject();
        g.writeStringField("method", m.method());
        g.writeStringField("settings", m.settings());
        JsonCodec.classReference(g, "explained", m.classIndex(), names.get(m.classIndex()));
        g.writeNumberField("height", m.height());
        g.writeNumberField("width", m.width());
        Faithfulness f = m.faithfulness();
        JsonCodec.number(g, "faithfulness", f.score());
        JsonCodec.interval(g, "faithfulnessInterval", f.interval());
        JsonCodec.number(g, "deletionArea", f.deletionArea());
        JsonCodec.number(g, "randomDeletionArea", f.randomDeletionArea());
        g.writeNumberField("steps", f.steps());
        g.writeNumberField("randomOrders", f.randomOrders());
        g.writeEndObject();
    }

    /** Writes one sanity check (the saliency helper owns this shape). */
    static void sanityCheck(JsonGenerator g, SanityCheck s) throws IOException {
        g.writeStartObject();
        g.writeStringField("method", s.method());
        g.writeArrayFieldStart("examples");
        for (int i : s.examples()) {
            g.writeNumber(i);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rankCorrelations");
        for (double r : s.rankCorrelations()) {
            g.writeNumber(r);
        }
        g.writeEndArray();
        JsonCodec.number(g, "meanRankCorrelation", s.meanRankCorrelation());
        JsonCodec.number(g, "threshold", s.threshold());
        g.writeNumberField("constantMaps", s.constantMaps());
        g.writeBooleanField("passes", s.passes());
        g.writeBooleanField("inconclusive", s.inconclusive());
        g.writeEndObject();
    }

    /** Writes one nearest training example (the neighbours helper owns this shape). */
    static void neighbour(JsonGenerator g, TrainingNeighbour n, List<String> names) throws IOException {
        g.writeStartObject();
        g.writeNumberField("trainIndex", n.trainIndex());
        g.writeFieldName("trainOrigin");
        if (n.trainOrigin().isEmpty()) {
            g.writeNull();
        } else {
            g.writeString(n.trainOrigin().get());
        }
        JsonCodec.classReference(g, "true", n.trueClass(), names.get(n.trueClass()));
        JsonCodec.number(g, "distance", n.distance());
        g.writeBooleanField("identical", n.identical());
        g.writeEndObject();
    }
}
