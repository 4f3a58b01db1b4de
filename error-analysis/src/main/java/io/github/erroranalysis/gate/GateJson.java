package io.github.erroranalysis.gate;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.erroranalysis.json.JsonCodec;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Writes gate results as JSON, the {@code gates} array of {@code report.json}: per gate its {@code name},
 * {@code metric} ({@code accuracy}, {@code classAccuracy}, {@code ece}, {@code aurc}, {@code coverageAtRisk}, {@code meanCorruptionAccuracy},
 * {@code corruptionAccuracy}, or a metric gate's metric name such as {@code macroF1}), {@code className} (class gates only), {@code risk} (the target
 * risk of a {@code coverageAtRisk} gate only), {@code corruption} (a {@code corruptionAccuracy} gate only),
 * {@code direction} ({@code atLeast}, {@code atMost}), {@code judged} ({@code estimate}, {@code lowerBound},
 * {@code upperBound}), {@code threshold}, {@code actual} (the judged value, {@code null} without examples),
 * {@code interval} (the one interval object of {@link JsonCodec#interval}), {@code verdict} ({@code passed},
 * {@code failed}) and {@code message} (the one-line wording of {@link GateResult#message()}).
 */
public final class GateJson {

    /** The key of the gates array in {@code report.json}. */
    public static final String FIELD = "gates";

    private GateJson() {
    }

    /**
     * Writes the field {@code "gates": [...]} into the object being written, in the results' order.
     *
     * @param g the JSON generator, inside an object
     * @param results the gate results (an empty list writes an empty array)
     * @throws IOException if writing fails
     */
    public static void write(JsonGenerator g, List<GateResult> results) throws IOException {
        Objects.requireNonNull(results, "results");
        g.writeArrayFieldStart(FIELD);
        for (GateResult r : results) {
            writeGate(g, r);
        }
        g.writeEndArray();
    }

    /**
     * Writes one gate result as a JSON object value.
     *
     * @param g the JSON generator, where a value may be written
     * @param r the result
     * @throws IOException if writing fails
     */
    public static void writeGate(JsonGenerator g, GateResult r) throws IOException {
        QualityGate gate = r.gate();
        g.writeStartObject();
        g.writeStringField("name", gate.name());
        g.writeStringField("metric", gate.metric().key());
        if (gate.className() != null) {
            g.writeStringField("className", gate.className());
        }
        if (gate.metric().corruption().isPresent()) {
            g.writeStringField("corruption", gate.metric().corruption().get());
        }
        if (gate.metric().risk().isPresent()) {
            g.writeNumberField("risk", gate.metric().risk().getAsDouble());
        }
        g.writeStringField("direction", gate.direction().key());
        g.writeStringField("judged", gate.judged().key());
        g.writeNumberField("threshold", gate.threshold());
        JsonCodec.number(g, "actual", r.actual());
        JsonCodec.interval(g, "interval", r.interval());
        g.writeStringField("verdict", r.verdict().key());
        g.writeStringField("message", r.message());
        g.writeEndObject();
    }
}
