package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temperature file: one writer, one strict reader, the shipped JSON Schema; on the real fixture (the baseline's
 * validation pile outside the bundled sample).
 */
class TemperatureFitTest {

    @TempDir
    Path dir;

    /** A fit on the 4,000 validation rows of the baseline that are not in the bundled sample. */
    static TemperatureFit realFit() throws Exception {
        JsonNode baseline = Schemas.JSON.readTree(TemperatureFitTest.class.getResourceAsStream(
                "/fixtures/temperature/temperature_scipy.json")).get("cases").get(0);
        ErrorAnalysis fitData = TemperatureScipyFixtureTest.analyses(baseline)[0].withData(
                "validation pile without the bundled sample", "sha256:00ff");
        return TemperatureFit.fit(fitData);
    }

    @Test
    void a_written_file_is_read_back_equal_and_validates_against_the_shipped_schema_with_every_object_closed()
            throws Exception {
        // GIVEN
        TemperatureFit fit = realFit();
        Path file = dir.resolve("t.json");
        // WHEN
        fit.write(file);
        TemperatureFit read = TemperatureFit.read(file);
        // THEN
        assertThat(read).isEqualTo(fit);
        assertThat(read.toJson()).isEqualTo(Files.readString(file));
        JsonNode json = Schemas.tree(Files.readString(file));
        assertThat(Schemas.problems(TemperatureJson.SCHEMA, json)).isEmpty();
        assertThat(Schemas.objectsAcceptingAnAddedKey(TemperatureJson.SCHEMA, json, p -> false)).isEmpty();
        assertThat(json.get("type").asText()).isEqualTo("temperature");
        assertThat(json.get("temperature").asDouble()).isEqualTo(fit.temperature());
        assertThat(json.get("examples").asInt()).isEqualTo(4000);
        assertThat(json.get("classes")).hasSize(10);
        assertThat(json.get("boundReached").asBoolean()).isFalse();
        assertThat(json.at("/provenance/dataSource").asText()).isEqualTo("validation pile without the bundled sample");
        assertThat(json.at("/calibrationChange/examples").asInt()).isEqualTo(4000);
        assertThat(json.at("/calibrationChange/eceAfter").asDouble())
                .isLessThan(json.at("/calibrationChange/eceBefore").asDouble());
        assertThat(json.at("/calibrationChange/logLossAfterInterval/method").asText()).isNotEmpty();
    }

    @Test
    void the_schema_refuses_what_the_reader_refuses() throws Exception {
        JsonNode valid = Schemas.tree(realFit().toJson());
        for (String key : List.of("temperature", "boundReached", "provenance", "calibrationChange", "classes")) {
            ObjectNode copy = valid.deepCopy();
            copy.remove(key);
            assertThat(Schemas.problems(TemperatureJson.SCHEMA, copy)).as(key).isNotEmpty();
            assertThatThrownBy(() -> TemperatureFit.fromJson(copy.toString(), "t.json"))
                    .isInstanceOf(TemperatureFileException.class)
                    .hasMessage("t.json: the key \"" + key + "\" is missing");
        }
        ObjectNode negative = valid.deepCopy();
        negative.put("temperature", -1.5);
        assertThat(Schemas.problems(TemperatureJson.SCHEMA, negative)).isNotEmpty();
        assertThatThrownBy(() -> TemperatureFit.fromJson(negative.toString(), "t.json"))
                .hasMessage("t.json: temperature is -1.5: a temperature must be a finite number above 0");
    }

    @Test
    void the_reader_names_the_file_the_key_and_the_value_in_one_line() throws Exception {
        String valid = realFit().toJson();
        expect(valid.replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 3"),
                "t.json: schemaVersion is 3: this version reads temperature files of schemaVersion 2 only");
        expect(valid.replace("\"type\" : \"temperature\"", "\"type\" : \"errorReport\""),
                "t.json: type is \"errorReport\": not a temperature file (its type is \"temperature\")");
        expect(valid.replace("\"boundReached\" : false", "\"boundReached\" : true"),
                "t.json: boundReached is true: T = " + realFit().temperature() + " is not a bound of the fit (0.01 "
                        + "or 100.0)");
        expect(valid.replace("\"boundReached\" : false", "\"boundReached\" : \"no\""),
                "t.json: boundReached is \"no\": expected true or false");
        expect(valid.replace("\"examples\" : 4000,\n  \"classes\"", "\"examples\" : 4000.5,\n  \"classes\""),
                "t.json: examples is 4000.5: expected a whole number from 0 to 2147483647");
        expect(valid.replace("\"model\" : ", "\"extra\" : 1, \"model\" : "),
                "t.json: unknown key \"provenance.extra\" (the keys are model, modelFingerprint, dataSource, "
                        + "dataFingerprint, libraryVersion, date, seed)");
        expect(valid.replace("\"airplane\"", "\"automobile\""),
                "t.json: classes[1] is \"automobile\": the class names are distinct");
        expect(valid.substring(0, valid.length() - 3), "t.json: not valid JSON: the file ends before its JSON is "
                + "complete (cut short?)");
        expect(valid.replace("\"temperature\" : ", "\"temperature\" : ]"), null);
        expect("", "t.json: the file is empty; a temperature file is a JSON object");
        expect("[1, 2]", "t.json: the document is a list: expected a JSON object");
        expect(valid + "{}", "t.json: there is more after the JSON object; a temperature file is one JSON object");
        expect(valid.replace("\"temperature\" :", "\"boundReached\" : false, \"temperature\" :"),
                "t.json: the key \"boundReached\" appears twice in one object");
    }

    @Test
    void a_file_is_written_atomically_and_never_over_a_folder() throws Exception {
        TemperatureFit fit = realFit();
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        assertThatThrownBy(() -> fit.write(folder)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("it is a folder; nothing was written");
        Path file = dir.resolve("t.json");
        Files.writeString(file, "old");
        fit.write(file);
        assertThat(Files.readString(file)).isEqualTo(fit.toJson());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("folder.json", "t.json");
        }
    }

    @Test
    void a_file_that_is_not_utf8_is_refused_naming_it() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.write(file, new byte[] {'{', (byte) 0xff, '}'});
        assertThatThrownBy(() -> TemperatureFit.read(file)).isInstanceOf(TemperatureFileException.class)
                .hasMessage(file + ": not a temperature file: not UTF-8 text");
    }

    private static void expect(String json, String message) {
        var thrown = assertThatThrownBy(() -> TemperatureFit.fromJson(json, "t.json"))
                .isInstanceOf(TemperatureFileException.class);
        if (message == null) {
            thrown.hasMessageStartingWith("t.json: not valid JSON at line ").hasMessageNotContaining("Source:");
        } else {
            thrown.hasMessage(message);
        }
        thrown.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
