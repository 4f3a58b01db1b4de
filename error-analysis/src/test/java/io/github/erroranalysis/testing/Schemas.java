package io.github.erroranalysis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.uri.URITranslator;
import io.github.erroranalysis.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Validates documents against the shipped JSON Schemas with a real draft 2020-12 validator; the schemas' {@code $id}
 * prefix is mapped to the class path, so that one schema's {@code $ref} to another resolves offline. Shared with the
 * other modules' tests through this module's test jar.
 */
public final class Schemas {

    /** The mapper that reads documents for validation. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
            .addUriTranslator(URITranslator.prefix(JsonCodec.SCHEMA_ID_PREFIX, "classpath:io/github/erroranalysis/json/"))
            .build();

    private Schemas() {
    }

    /**
     * Validates a document.
     *
     * @param schemaResource the schema's class-path resource, for example {@code JsonCodec.COMPARISON_SCHEMA}
     * @param document the document
     * @return the problems the validator finds; empty when the document is valid
     */
    public static Set<ValidationMessage> problems(String schemaResource, JsonNode document) {
        try (InputStream in = Schemas.class.getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new IllegalStateException("no schema resource " + schemaResource);
            }
            JsonSchema schema = FACTORY.getSchema(in);
            return schema.validate(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a JSON text as a tree.
     *
     * @param json the text
     * @return the tree
     */
    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
