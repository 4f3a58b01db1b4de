package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar: written through the core's codec, valid by its schema, read strictly with one-line messages. */
class SidecarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Sidecar.class.getResourceAsStream(Sidecar.SCHEMA)) {
            assertThat(in).as(Sidecar.SCHEMA).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void a_written_sidecar_is_valid_by_its_schema_and_reads_back_the_same() throws IOException {
        // GIVEN a sidecar with every key
        Path file = dir.resolve("cnn.onnx.json");
        Sidecar written = new Sidecar(file, InputLayout.NCHW, 255.0, new double[] {0.4914, 0.4822, 0.4465},
                new double[] {0.247, 0.243, 0.261}, false, List.of("a", "b"), dir.resolve("refs/x.npy"),
                dir.resolve("refs/y.npy"), 1e-5);

        // WHEN it is written and read back
        written.write();
        Sidecar read = Sidecar.read(file);

        // THEN it is the same, its paths written relative to its folder, and the schema accepts it
        assertThat(read).isEqualTo(written);
        JsonNode tree = JSON.readTree(Files.readString(file));
        assertThat(tree.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(tree.get("type").asText()).isEqualTo("modelImport");
        assertThat(tree.get("referenceInputs").asText()).isEqualTo("refs/x.npy");
        assertThat(schema().validate(tree)).isEmpty();
        assertThat(read.preprocessing()).isEqualTo(new Preprocessing(InputLayout.NCHW, 255,
                new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.247, 0.243, 0.261}, false));
    }

    @Test
    void a_minimal_sidecar_gives_the_defaults() throws IOException {
        Path file = write("{\"schemaVersion\": 2, \"type\": \"modelImport\"}");
        Sidecar s = Sidecar.read(file);
        assertThat(s.preprocessing()).isEqualTo(Preprocessing.DEFAULT);
        assertThat(s.classNames()).isNull();
        assertThat(s.referenceInputs()).isNull();
        assertThat(schema().validate(JSON.readTree(Files.readString(file)))).isEmpty();
    }

    @Test
    void one_mean_stands_for_all_three_channels() throws IOException {
        Sidecar s = Sidecar.read(write("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"inputMean\": 0.5, "
                + "\"inputStd\": [0.25], \"inputScale\": 1, \"bgr\": true, \"inputLayout\": \"NHWC\"}"));
        assertThat(s.preprocessing().mean()).containsExactly(0.5, 0.5, 0.5);
        assertThat(s.preprocessing().std()).containsExactly(0.25, 0.25, 0.25);
        assertThat(s.preprocessing().scale()).isEqualTo(1);
        assertThat(s.preprocessing().bgr()).isTrue();
        assertThat(s.preprocessing().layout()).isEqualTo(InputLayout.NHWC);
    }

    @Test
    void an_unknown_key_or_a_wrong_type_is_one_line_naming_the_file_and_the_key() throws IOException {
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"mean\": 0.5}", "unknown key 'mean' (the keys "
                + "are schemaVersion, type, inputLayout");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"inputScale\": \"255\"}",
                "key 'inputScale' is \"255\": expected a finite number above 0");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"inputMean\": [1, 2]}",
                "key 'inputMean' is a list: expected a number or a list of three (one per channel)");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"inputStd\": [1, 0, 1]}",
                "key 'inputStd[1]' is 0: expected a finite number above 0");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"bgr\": \"yes\"}",
                "key 'bgr' is \"yes\": expected true or false");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"inputLayout\": \"CHW\"}",
                "key 'inputLayout' is \"CHW\": expected \"NCHW\"");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"classNames\": [\"a\", \"a\"]}",
                "key 'classNames[1]' is \"a\": the class names are distinct");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"referenceInputs\": \"x.npy\"}",
                "gives referenceInputs without referenceOutputs");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"referenceTolerance\": -1}",
                "key 'referenceTolerance' is -1: expected a finite number at least 0");
        refused("{\"schemaVersion\": 1, \"type\": \"modelImport\"}", "key 'schemaVersion' is 1: this version reads "
                + "sidecars of schemaVersion 2 only");
        refused("{\"schemaVersion\": 2, \"type\": \"errorReport\"}", "key 'type' is \"errorReport\": not a "
                + "model-import sidecar");
        refused("{\"type\": \"modelImport\"}", "the key 'schemaVersion' is missing");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\"", "not valid JSON: the file ends before its JSON "
                + "is complete (cut short?)");
        refused("", "the file is empty");
        refused("[1, 2]", "not a sidecar: expected a JSON object");
        refused("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"bgr\": true, \"bgr\": false}",
                "the key \"bgr\" appears twice");
    }

    @Test
    void the_schema_refuses_what_the_reader_refuses() throws IOException {
        for (String json : List.of("{\"schemaVersion\": 2, \"type\": \"modelImport\", \"mean\": 0.5}",
                "{\"schemaVersion\": 2, \"type\": \"modelImport\", \"inputMean\": [1, 2]}",
                "{\"schemaVersion\": 2, \"type\": \"modelImport\", \"inputStd\": 0}",
                "{\"schemaVersion\": 2, \"type\": \"modelImport\", \"referenceInputs\": \"x.npy\"}",
                "{\"schemaVersion\": 2, \"type\": \"modelImport\", \"inputLayout\": \"CHW\"}")) {
            assertThat(schema().validate(JSON.readTree(json))).as(json).isNotEmpty();
        }
    }

    @Test
    void a_byte_order_mark_is_accepted_and_bytes_that_are_not_utf8_are_refused() throws IOException {
        Path bom = dir.resolve("bom.json");
        Files.write(bom, ("\uFEFF{\"schemaVersion\": 2, \"type\": \"modelImport\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(Sidecar.read(bom).preprocessing()).isEqualTo(Preprocessing.DEFAULT);
        Path latin = dir.resolve("latin.json");
        Files.write(latin, new byte[] {'{', (byte) 0xe9, '}'});
        assertThatThrownBy(() -> Sidecar.read(latin)).isInstanceOf(ModelImportException.class)
                .hasMessage(latin + ": not UTF-8 text; a sidecar is a JSON object");
    }

    @Property(tries = 200)
    void any_text_gives_a_sidecar_or_a_one_line_model_import_exception(@ForAll @StringLength(max = 80) String text) {
        String json = "{\"schemaVersion\": 2, \"type\": \"modelImport\", " + text;
        try {
            Sidecar.parse(json, Path.of("s.json"));
        } catch (ModelImportException e) {
            assertThat(e.getMessage()).startsWith("s.json: ").doesNotContain("\n");
        }
    }

    @Test
    void every_schema_version_from_2_to_the_librarys_is_read_and_a_newer_one_is_refused_naming_what_is_read()
            throws IOException {
        refused("{\"schemaVersion\": 3, \"type\": \"modelImport\"}", "key 'schemaVersion' is 3: a sidecar of a newer "
                + "version of the library; this version reads sidecars of schemaVersion 2 only");
        // the next library-wide version keeps reading today's sidecars
        assertThat(Sidecar.versionProblem(2.0, 3)).isNull();
        assertThat(Sidecar.versionProblem(3.0, 3)).isNull();
        assertThat(Sidecar.versionProblem(4.0, 3)).isEqualTo("a sidecar of a newer version of the library; this "
                + "version reads sidecars of schemaVersion 2 to 3");
        assertThat(Sidecar.versionProblem(1.0, 3)).isEqualTo("this version reads sidecars of schemaVersion 2 to 3");
        assertThat(Sidecar.versionProblem(2.5, 3)).isEqualTo("this version reads sidecars of schemaVersion 2 to 3");
        assertThat(Sidecar.versionProblem("2", 3)).isEqualTo("this version reads sidecars of schemaVersion 2 to 3");
    }

    private void refused(String json, String message) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> Sidecar.read(file)).isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(file + ": " + message).hasMessageNotContaining("\n");
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "sidecar", ".json");
        Files.writeString(file, json);
        return file;
    }
}
