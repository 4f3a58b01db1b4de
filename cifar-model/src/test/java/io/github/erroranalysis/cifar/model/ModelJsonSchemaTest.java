package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.testing.Schemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.json.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A saved model's descriptor ({@code cifar-model.json}) and a training history saved as JSON carry
 * {@code schemaVersion} 2 and match their shipped schemas; version 1 files (a descriptor without schemaVersion, a bare array of
 * epochs) are still read; mutated documents (a key added to any object, formatVersion beside schemaVersion 2) are
 * rejected by the schema, so that the validation cannot silently pass.
 */
class ModelJsonSchemaTest {

    private static Map<String, byte[]> written;

    @BeforeAll
    static void writeTheBundledBaselineAgain() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundledModels.baseline().write(out);
        written = entries(out.toByteArray());
    }

    private static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static JsonNode descriptor() {
        return Schemas.tree(new String(written.get("cifar-model.json"), StandardCharsets.UTF_8));
    }

    @Test
    void a_written_descriptor_is_version_2_matches_the_schema_and_reads_back() throws IOException {
        JsonNode d = descriptor();
        assertThat(d.get("schemaVersion").asInt()).isEqualTo(JsonCodec.SCHEMA_VERSION);
        assertThat(d.get("type").asText()).isEqualTo("cifarModel");
        assertThat(Schemas.problems(CifarModel.DESCRIPTOR_SCHEMA, d)).isEmpty();
        CifarModel read = CifarModel.read(new ByteArrayInputStream(zip(written)), "again.cifarmodel");
        assertThat(read.metadata()).isEqualTo(BundledModels.baseline().metadata());
    }

    @Test
    void a_descriptor_of_another_version_is_rejected_by_the_schema_and_refused_by_the_reader() throws IOException {
        ObjectNode newer = descriptor().deepCopy();
        newer.put("schemaVersion", 3);
        assertThat(Schemas.problems(CifarModel.DESCRIPTOR_SCHEMA, newer)).isNotEmpty();
        Map<String, byte[]> entries = new LinkedHashMap<>(written);
        entries.put("cifar-model.json", Schemas.JSON.writeValueAsBytes(newer));
        assertThatThrownBy(() -> CifarModel.read(new ByteArrayInputStream(zip(entries)), "newer.cifarmodel"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("newer.cifarmodel: unsupported cifar-model.json: schemaVersion is 3, expected 1 or 2; "
                        + "upgrade the library to read it");
        ObjectNode noDate = descriptor().deepCopy();
        ((ObjectNode) noDate.get("metadata")).remove("trainedAt");
        assertThat(Schemas.problems(CifarModel.DESCRIPTOR_SCHEMA, noDate)).isNotEmpty();
    }

    @Test
    void a_history_saved_as_json_is_version_2_matches_the_schema_and_reads_back_with_undefined_values() throws IOException {
        TrainingHistory h = new TrainingHistory(List.of(new EpochRecord(1, 2.1, 0.3, 1.9, 0.35, 12.5),
                new EpochRecord(2, Double.NaN, 0.31, Double.NaN, 0.34, 11.0)));
        JsonNode json = Schemas.tree(h.toJson());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(JsonCodec.SCHEMA_VERSION);
        assertThat(json.get("epochs").get(1).get("trainLoss").isNull()).isTrue();
        assertThat(Schemas.problems(TrainingHistory.SCHEMA, json)).isEmpty();
        assertThat(TrainingHistory.fromJson(h.toJson(), "h.json")).isEqualTo(h);

        ObjectNode text = json.deepCopy();
        ((ObjectNode) text.get("epochs").get(0)).put("seconds", "12.5");
        assertThat(Schemas.problems(TrainingHistory.SCHEMA, text)).isNotEmpty();
        assertThatThrownBy(() -> TrainingHistory.fromJson(text.toString(), "h.json")).isInstanceOf(IOException.class)
                .hasMessage("h.json: epochs[0].seconds is \"12.5\", not a number or null");
        // version 1, a bare array, is read but is not a version 2 document
        String version1 = "[{\"epoch\":1,\"trainLoss\":2.1,\"trainAccuracy\":0.3,\"validationLoss\":1.9,"
                + "\"validationAccuracy\":0.35,\"seconds\":12.5}]";
        assertThat(TrainingHistory.fromJson(version1, "old.json").epochs()).containsExactly(h.epochs().get(0));
        assertThat(Schemas.problems(TrainingHistory.SCHEMA, Schemas.tree(version1))).isNotEmpty();
        assertThatThrownBy(() -> TrainingHistory.fromJson(version1.replace("[", "{\"schemaVersion\":3,\"epochs\":[")
                .replace("]", "]}"), "new.json")).isInstanceOf(IOException.class)
                .hasMessage("new.json: unsupported training history: schemaVersion is 3, expected 2");
    }

    @Test
    void a_descriptor_is_a_document_of_the_core_codec_with_one_version() throws IOException {
        String text = new String(written.get("cifar-model.json"), StandardCharsets.UTF_8);
        // the core's header, in its order, as every JSON the library writes
        assertThat(text.replaceAll("\\s", "")).startsWith("{\"schemaVersion\":2,\"type\":\"cifarModel\",\"format\":");
        JsonNode d = descriptor();
        assertThat(d.has("formatVersion")).isFalse(); // schemaVersion versions the saved model
        assertThat(Schemas.objectsAcceptingAnAddedKey(CifarModel.DESCRIPTOR_SCHEMA, d, p -> false)).isEmpty();
        ObjectNode both = d.deepCopy();
        both.put("formatVersion", 1);
        assertThat(Schemas.problems(CifarModel.DESCRIPTOR_SCHEMA, both)).isNotEmpty();
        // a descriptor of version 2 that names a newer layout, or another type, is refused
        ObjectNode newer = d.deepCopy();
        newer.put("formatVersion", 2);
        Map<String, byte[]> entries = new LinkedHashMap<>(written);
        entries.put("cifar-model.json", Schemas.JSON.writeValueAsBytes(newer));
        assertThatThrownBy(() -> CifarModel.read(new ByteArrayInputStream(zip(entries)), "newer.cifarmodel"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("newer.cifarmodel: format version 2 is newer than 1; upgrade the library to read it");
        ObjectNode other = d.deepCopy();
        other.put("type", "errorReport");
        entries.put("cifar-model.json", Schemas.JSON.writeValueAsBytes(other));
        assertThatThrownBy(() -> CifarModel.read(new ByteArrayInputStream(zip(entries)), "other.cifarmodel"))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("other.cifarmodel: cifar-model.json type 'errorReport', expected 'cifarModel'");
    }

    @Test
    void a_history_is_closed_and_its_epochs_have_the_one_shape_of_report_json() {
        TrainingHistory h = new TrainingHistory(List.of(new EpochRecord(1, 2.1, 0.3, 1.9, 0.35, 12.5)));
        JsonNode json = Schemas.tree(h.toJson());
        assertThat(Schemas.objectsAcceptingAnAddedKey(TrainingHistory.SCHEMA, json, p -> false)).isEmpty();
        // the keys of report.json's trainingHistory epochs (JsonCodec.trainingEpoch writes both)
        assertThat(json.get("epochs").get(0).fieldNames()).toIterable().containsExactly("epoch", "trainLoss",
                "trainAccuracy", "validationLoss", "validationAccuracy", "seconds");
    }

    @Test
    void an_undefined_validation_accuracy_is_written_as_null_and_read_back_as_nan() throws IOException {
        CifarModel baseline = BundledModels.baseline();
        ModelMetadata m = baseline.metadata();
        CifarModel undefined = new CifarModel(baseline.network(), baseline.classNames(), baseline.normalization(),
                new ModelMetadata(m.architecture(), m.augmented(), m.seed(), m.epochs(), m.bestEpoch(), Double.NaN,
                        m.trainingFingerprint(), m.libraryVersion(), m.trainedAt()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        undefined.write(out);
        Map<String, byte[]> entries = entries(out.toByteArray());
        JsonNode d = Schemas.tree(new String(entries.get("cifar-model.json"), StandardCharsets.UTF_8));
        assertThat(d.get("metadata").get("validationAccuracy").isNull()).isTrue();
        assertThat(Schemas.problems(CifarModel.DESCRIPTOR_SCHEMA, d)).isEmpty();
        CifarModel read = CifarModel.read(new ByteArrayInputStream(out.toByteArray()), "undefined.cifarmodel");
        assertThat(read.metadata().validationAccuracy()).isNaN();
    }

    @Test
    void the_bundled_models_descriptors_are_version_2_and_match_the_schema() throws IOException {
        for (String name : List.of("baseline", "augmented")) {
            JsonNode d = null;
            try (ZipInputStream zip = new ZipInputStream(ModelJsonSchemaTest.class.getResourceAsStream(
                    "/io/github/erroranalysis/cifar/model/" + name + ".cifarmodel"))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (e.getName().equals("cifar-model.json")) {
                        d = Schemas.tree(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            assertThat(d).as(name).isNotNull();
            assertThat(d.get("schemaVersion").asInt()).as(name).isEqualTo(JsonCodec.SCHEMA_VERSION);
            assertThat(Schemas.problems(CifarModel.DESCRIPTOR_SCHEMA, d)).as(name).isEmpty();
        }
    }

    @Test
    void a_version_1_descriptor_as_earlier_releases_wrote_it_still_loads() throws IOException {
        ObjectNode v1 = descriptor().deepCopy();
        v1.remove("schemaVersion");
        v1.remove("type");
        ObjectNode old = Schemas.JSON.createObjectNode();
        old.put("format", v1.get("format").asText());
        old.put("formatVersion", 1);
        v1.fields().forEachRemaining(e -> old.set(e.getKey(), e.getValue()));
        Map<String, byte[]> entries = new LinkedHashMap<>(written);
        entries.put("cifar-model.json", Schemas.JSON.writeValueAsBytes(old));
        CifarModel read = CifarModel.read(new ByteArrayInputStream(zip(entries)), "old.cifarmodel");
        assertThat(read.metadata()).isEqualTo(BundledModels.baseline().metadata());
        assertThat(read.classNames()).isEqualTo(BundledModels.baseline().classNames());
    }
}
