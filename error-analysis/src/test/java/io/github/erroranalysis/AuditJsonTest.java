package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.testing.AuditFixtures;
import io.github.erroranalysis.testing.Schemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * audit.json: valid against its shipped schema with and without training data and with no slices found, the keys of
 * the contract in their order, the figures of the audit as given, and a schema that rejects what it should.
 */
class AuditJsonTest {

    private static final int N = 60;
    private static final boolean[] CORRECT = AuditFixtures.correct(N);

    private static Audit audit(boolean training, boolean slices) {
        return AuditFixtures.audit(N, CORRECT, training, slices);
    }

    private static JsonNode written(Audit audit) {
        return Schemas.tree(AuditJson.write(audit));
    }

    @Test
    void withTrainingDataTheDocumentIsValidAndHoldsTheAudit() {
        Audit audit = audit(true, true);
        JsonNode d = written(audit);
        assertThat(Schemas.problems(AuditJson.SCHEMA, d)).isEmpty();
        assertThat(fieldNames(d)).containsExactly("schemaVersion", "type", "seed", "testSource", "trainingSource",
                "duplicates", "duplicateSearch", "scoreEffect", "withinTestDuplicates", "slices", "sliceSearch");
        assertThat(d.get("type").asText()).isEqualTo("audit");
        assertThat(d.get("seed").asLong()).isEqualTo(42);
        assertThat(d.get("trainingSource").asText()).isEqualTo("data_batch_1..5 of cifar-10");
        DuplicateAudit a = audit.duplicates().orElseThrow();
        JsonNode dups = d.get("duplicates");
        assertThat(dups).hasSize(a.duplicates().size()).isNotEmpty();
        for (int k = 0; k < dups.size(); k++) {
            DuplicatePair p = a.duplicates().get(k);
            JsonNode j = dups.get(k);
            assertThat(fieldNames(j)).containsExactly("testIndex", "trainIndex", "distance", "testOrigin",
                    "trainOrigin");
            assertThat(j.get("testIndex").asInt()).isEqualTo(p.index());
            assertThat(j.get("trainIndex").asInt()).isEqualTo(p.otherIndex());
            assertThat(j.get("distance").asDouble()).isEqualTo(p.distance());
            assertThat(j.get("testOrigin").isNull()).isEqualTo(p.origin().isEmpty());
            p.otherOrigin().ifPresent(o -> assertThat(j.get("trainOrigin").asText()).isEqualTo(o));
        }
        JsonNode search = d.get("duplicateSearch");
        assertThat(search.get("threshold").asDouble()).isEqualTo(AuditFixtures.THRESHOLD);
        assertThat(search.get("distance").asText()).isEqualTo(AuditFixtures.DISTANCE);
        assertThat(search.get("testExamples").asInt()).isEqualTo(N);
        assertThat(search.get("trainingExamples").asInt()).isEqualTo(490);
        assertThat(search.get("trainingExcluded").asInt()).isEqualTo(10);
        assertThat(search.get("suspected").asInt()).isEqualTo(a.duplicates().size());
        JsonNode e = d.get("scoreEffect");
        ScoreEffect effect = a.effect();
        assertThat(e.get("examples").asInt()).isEqualTo(N);
        assertThat(e.get("suspected").asInt()).isEqualTo(effect.suspected());
        assertThat(e.get("accuracy").asDouble()).isEqualTo(effect.accuracy().estimate());
        assertThat(e.get("accuracyInterval").get("lower").asDouble()).isEqualTo(effect.accuracy().lower());
        assertThat(e.get("accuracyInterval").get("method").asText()).isEqualTo(Intervals.WILSON);
        assertThat(e.get("suspectedAccuracy").asDouble()).isEqualTo(effect.suspectedAccuracy().estimate());
        assertThat(e.get("restAccuracyInterval").get("upper").asDouble()).isEqualTo(effect.restAccuracy().upper());
        assertThat(e.get("inflation").asDouble()).isEqualTo(effect.inflation().estimate());
        assertThat(e.get("inflationInterval").get("lower").asDouble()).isEqualTo(effect.inflation().lower());
        assertThat(e.get("pValue").asDouble()).isEqualTo(effect.pValue());
        assertThat(e.get("inWords").asText()).isEqualTo(effect.inWords());
        JsonNode within = d.get("withinTestDuplicates");
        assertThat(within).hasSize(2);
        assertThat(fieldNames(within.get(0))).containsExactly("testIndex", "otherTestIndex", "distance", "testOrigin",
                "otherTestOrigin");
        assertThat(within.get(0).get("otherTestIndex").asInt()).isEqualTo(29);
        assertThat(within.get(0).get("testOrigin").asText()).isEqualTo("test_batch.bin#4");
        assertThat(within.get(0).get("otherTestOrigin").isNull()).isTrue();
        JsonNode slice = d.get("slices").get(1);
        Slice s = audit.slices().orElseThrow().slices().get(1);
        assertThat(slice.get("description").asText()).isEqualTo(s.description());
        assertThat(slice.get("className").asText()).isEqualTo("cat");
        assertThat(slice.get("support").asInt()).isEqualTo(s.support());
        assertThat(slice.get("accuracy").asDouble()).isEqualTo(s.accuracy().estimate());
        assertThat(slice.get("accuracyInterval").get("upper").asDouble()).isEqualTo(s.accuracy().upper());
        assertThat(slice.get("restSupport").asInt()).isEqualTo(s.restSupport());
        assertThat(slice.get("pValue").asDouble()).isEqualTo(0.004);
        assertThat(slice.get("qValue").asDouble()).isEqualTo(0.048);
        assertThat(slice.get("conditions")).hasSize(2);
        assertThat(slice.get("conditions").get(1).get("category").asText()).isEqualTo("7");
        assertThat(slice.get("conditions").get(0).get("category").isNull()).isTrue();
        assertThat(slice.get("conditions").get(0).get("inWords").asText())
                .isEqualTo(s.conditions().get(0).inWords());
        JsonNode ss = d.get("sliceSearch");
        assertThat(ss.get("tried").asInt()).isEqualTo(120);
        assertThat(ss.get("fdr").asDouble()).isEqualTo(0.05);
        assertThat(ss.get("minSupport").asInt()).isEqualTo(20);
        assertThat(ss.get("found").asInt()).isEqualTo(2);
        assertThat(ss.get("attributes").toString()).contains("\"embedding cluster\"");
    }

    @Test
    void withoutTrainingDataTheDuplicateKeysAreNullAndTheDocumentIsValid() {
        JsonNode d = written(audit(false, true));
        assertThat(Schemas.problems(AuditJson.SCHEMA, d)).isEmpty();
        for (String key : List.of("trainingSource", "duplicates", "duplicateSearch", "scoreEffect",
                "withinTestDuplicates")) {
            assertThat(d.has(key)).as(key).isTrue();
            assertThat(d.get(key).isNull()).as(key).isTrue();
        }
        assertThat(d.get("slices")).hasSize(2);
    }

    @Test
    void withNoSlicesFoundTheListIsEmptyAndTheSearchSaysHowManyWereTried() {
        JsonNode d = written(audit(true, false));
        assertThat(Schemas.problems(AuditJson.SCHEMA, d)).isEmpty();
        assertThat(d.get("slices").isArray()).isTrue();
        assertThat(d.get("slices")).isEmpty();
        assertThat(d.get("sliceSearch").get("tried").asInt()).isEqualTo(120);
        assertThat(d.get("sliceSearch").get("found").asInt()).isZero();
        Audit none = new Audit(audit(false, false).duplicates(), java.util.Optional.empty(), 1, "x",
                java.util.Optional.empty());
        JsonNode n = written(none);
        assertThat(Schemas.problems(AuditJson.SCHEMA, n)).isEmpty();
        assertThat(n.get("slices").isNull()).isTrue();
        assertThat(n.get("sliceSearch").isNull()).isTrue();
    }

    @Test
    void theValuesAreTheDocumentWithoutItsVersionAndType() {
        Audit audit = audit(true, true);
        Map<String, Object> values = AuditJson.values(audit);
        ObjectNode d = (ObjectNode) written(audit);
        d.remove("schemaVersion");
        d.remove("type");
        assertThat(Schemas.JSON.valueToTree(values).toString()).isEqualTo(d.toString());
        assertThat(values).isUnmodifiable();
    }

    @Test
    void anUndefinedNumberIsNullAndTheDocumentStaysValid() {
        boolean[] allRight = new boolean[N];
        java.util.Arrays.fill(allRight, true);
        // no suspected example: the suspected accuracy and the inflation are undefined
        Audit audit = AuditFixtures.audit(N, allRight, true, true);
        DuplicateAudit a = audit.duplicates().orElseThrow();
        ScoreEffect undefined = new ScoreEffect(N, 0, Intervals.wilson(N, N, 0.95), Intervals.wilson(0, 0, 0.95),
                Intervals.wilson(N, N, 0.95), io.github.erroranalysis.stats.Interval.undefined(0.95, "Newcombe"), 1);
        Audit none = new Audit(java.util.Optional.of(new DuplicateAudit(a.nearest(), List.of(), List.of(),
                a.threshold(), a.distance(), 490, 0, undefined)), audit.slices(), 3, "x", java.util.Optional.of("y"));
        JsonNode d = written(none);
        assertThat(Schemas.problems(AuditJson.SCHEMA, d)).isEmpty();
        assertThat(d.get("scoreEffect").get("suspectedAccuracy").isNull()).isTrue();
        assertThat(d.get("scoreEffect").get("inflation").isNull()).isTrue();
        assertThat(d.get("scoreEffect").get("inflationInterval").get("lower").isNull()).isTrue();
        assertThat(d.get("duplicates")).isEmpty();
    }

    @Test
    void theSchemaRejectsAnAddedKeyEverywhereAndWrongValues() {
        JsonNode d = written(audit(true, true));
        assertThat(Schemas.objectsAcceptingAnAddedKey(AuditJson.SCHEMA, d, p -> false)).isEmpty();
        ObjectNode missing = d.deepCopy();
        missing.remove("sliceSearch");
        assertThat(Schemas.problems(AuditJson.SCHEMA, missing)).isNotEmpty();
        ObjectNode negative = d.deepCopy();
        ((ObjectNode) negative.get("duplicates").get(0)).put("distance", -0.5);
        assertThat(Schemas.problems(AuditJson.SCHEMA, negative)).isNotEmpty();
        ObjectNode wrongType = d.deepCopy();
        wrongType.put("type", "robustness");
        assertThat(Schemas.problems(AuditJson.SCHEMA, wrongType)).isNotEmpty();
        ObjectNode q = d.deepCopy();
        ((ObjectNode) q.get("slices").get(0)).put("qValue", 1.5);
        assertThat(Schemas.problems(AuditJson.SCHEMA, q)).isNotEmpty();
        ObjectNode noConditions = d.deepCopy();
        ((ObjectNode) noConditions.get("slices").get(0)).putArray("conditions");
        assertThat(Schemas.problems(AuditJson.SCHEMA, noConditions)).isNotEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
