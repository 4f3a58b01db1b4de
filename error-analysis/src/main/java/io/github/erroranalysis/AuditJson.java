package io.github.erroranalysis;

import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.stats.Interval;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one writer of a data audit as JSON: {@code audit.json} and {@code report.json}'s {@code sections.audit} hold
 * the same values ({@code audit.schema.json}). Every key is always present: the near-duplicate keys
 * ({@code duplicates}, {@code duplicateSearch}, {@code scoreEffect}, {@code withinTestDuplicates}) are {@code null}
 * without training data, the slice keys ({@code slices}, {@code sliceSearch}) {@code null} when no slices were
 * searched, an unknown origin is {@code null}; numbers and intervals are written as {@link JsonCodec} writes them
 * (an undefined number {@code null}, an interval {@code {estimate, lower, upper, level, method}} beside its plain
 * number at {@code <key>Interval}).
 */
public final class AuditJson {

    /** The document's type. */
    public static final String TYPE = "audit";

    /** The class-path resource of the document's JSON Schema. */
    public static final String SCHEMA = "/io/github/erroranalysis/json/audit.schema.json";

    private AuditJson() {
    }

    /**
     * Gives the audit's values in document order, as {@code report.json}'s section takes them (Numbers, Strings,
     * Booleans, Lists, Maps and nulls).
     *
     * @param audit the audit
     * @return the values, unmodifiable all through
     */
    public static Map<String, Object> values(Audit audit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", audit.seed());
        m.put("testSource", audit.testSource());
        m.put("trainingSource", audit.trainingSource().orElse(null));
        DuplicateAudit d = audit.duplicates().orElse(null);
        m.put("duplicates", d == null ? null : pairs(d.duplicates(), "trainIndex", "trainOrigin"));
        m.put("duplicateSearch", d == null ? null : duplicateSearch(d));
        m.put("scoreEffect", d == null ? null : scoreEffect(d.effect()));
        m.put("withinTestDuplicates", d == null ? null
                : pairs(d.withinTestDuplicates(), "otherTestIndex", "otherTestOrigin"));
        SliceSearch s = audit.slices().orElse(null);
        m.put("slices", s == null ? null : s.slices().stream().map(AuditJson::slice).toList());
        m.put("sliceSearch", s == null ? null : sliceSearch(s));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Writes the audit as {@code audit.json}: the schema version, the type and {@link #values}.
     *
     * @param audit the audit
     * @return the document, pretty-printed
     */
    public static String write(Audit audit) {
        Map<String, Object> values = values(audit);
        return JsonCodec.document(TYPE, true, g -> {
            for (Map.Entry<String, Object> e : values.entrySet()) {
                g.writeFieldName(e.getKey());
                JsonCodec.value(g, e.getValue());
            }
        });
    }

    private static List<Object> pairs(List<DuplicatePair> pairs, String otherIndex, String otherOrigin) {
        List<Object> out = new ArrayList<>(pairs.size());
        for (DuplicatePair p : pairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("testIndex", p.index());
            m.put(otherIndex, p.otherIndex());
            m.put("distance", JsonCodec.numberValue(p.distance()));
            m.put("testOrigin", origin(p.origin()));
            m.put(otherOrigin, origin(p.otherOrigin()));
            out.add(Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableList(out);
    }

    private static String origin(Optional<String> origin) {
        return origin.orElse(null);
    }

    private static Map<String, Object> duplicateSearch(DuplicateAudit d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", JsonCodec.numberValue(d.threshold()));
        m.put("distance", d.distance());
        m.put("testExamples", d.effect().examples());
        m.put("trainingExamples", d.trainingExamples());
        m.put("trainingExcluded", d.trainingExcluded());
        m.put("suspected", d.duplicates().size());
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> scoreEffect(ScoreEffect e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", e.examples());
        m.put("suspected", e.suspected());
        metric(m, "accuracy", e.accuracy());
        metric(m, "suspectedAccuracy", e.suspectedAccuracy());
        metric(m, "restAccuracy", e.restAccuracy());
        metric(m, "inflation", e.inflation());
        m.put("pValue", JsonCodec.numberValue(e.pValue()));
        m.put("inWords", e.inWords());
        return Collections.unmodifiableMap(m);
    }

    /** A metric as every document writes it: its plain number, and its interval beside it at {@code <key>Interval}. */
    private static void metric(Map<String, Object> m, String key, Interval interval) {
        m.put(key, interval == null ? null : JsonCodec.numberValue(interval.estimate()));
        Map<String, Object> i = JsonCodec.intervalValues(interval);
        m.put(key + JsonCodec.INTERVAL_SUFFIX, i == null ? null : Collections.unmodifiableMap(i));
    }

    private static Map<String, Object> slice(Slice s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", s.description());
        m.put("className", s.className());
        m.put("support", s.support());
        metric(m, "accuracy", s.accuracy());
        m.put("restSupport", s.restSupport());
        m.put("restAccuracy", JsonCodec.numberValue(s.restAccuracy()));
        m.put("pValue", JsonCodec.numberValue(s.pValue()));
        m.put("qValue", JsonCodec.numberValue(s.qValue()));
        List<Object> conditions = new ArrayList<>();
        for (SliceCondition c : s.conditions()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("attribute", c.attribute());
            cm.put("category", c.category());
            cm.put("lowerQuantile", JsonCodec.numberValue(c.lowerQuantile()));
            cm.put("upperQuantile", JsonCodec.numberValue(c.upperQuantile()));
            cm.put("lowerValue", JsonCodec.numberValue(c.lowerValue()));
            cm.put("upperValue", JsonCodec.numberValue(c.upperValue()));
            cm.put("inWords", c.inWords());
            conditions.add(Collections.unmodifiableMap(cm));
        }
        m.put("conditions", Collections.unmodifiableList(conditions));
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> sliceSearch(SliceSearch s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tried", s.tried());
        m.put("fdr", JsonCodec.numberValue(s.fdr()));
        m.put("minSupport", s.minSupport());
        m.put("attributes", s.attributes());
        m.put("found", s.slices().size());
        return Collections.unmodifiableMap(m);
    }
}
