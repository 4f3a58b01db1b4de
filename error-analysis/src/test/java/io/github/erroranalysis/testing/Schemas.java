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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
        return SCHEMAS.computeIfAbsent(schemaResource, Schemas::load).validate(document);
    }

    /** The schemas read so far, by resource (a schema is read once per test JVM). */
    private static final Map<String, JsonSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private static JsonSchema load(String schemaResource) {
        try (InputStream in = Schemas.class.getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new IllegalStateException("no schema resource " + schemaResource);
            }
            return FACTORY.getSchema(in);
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

    /**
     * Gives the JSON pointer of every object in a document (the root {@code ""} first; of an array only its first
     * element, so that a long list costs one mutation), for the "an added key is rejected" checks.
     *
     * @param document the document
     * @param skip     pointers to leave out with everything below them (for example the user data under
     *                 {@code /sections})
     * @return the pointers, in document order
     */
    public static List<String> objectPointers(JsonNode document, Predicate<String> skip) {
        List<String> pointers = new ArrayList<>();
        collect(document, "", skip, pointers);
        return pointers;
    }

    private static void collect(JsonNode node, String pointer, Predicate<String> skip, List<String> pointers) {
        if (skip.test(pointer)) {
            return;
        }
        if (node.isObject()) {
            pointers.add(pointer);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), skip,
                        pointers);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            collect(node.get(0), pointer + "/0", skip, pointers);
        }
    }

    /**
     * Gives the pointers of the objects in which one key more is <em>not</em> rejected: a copy of the document with
     * {@code "addedKey": 1} in that object (and nowhere else) still validates. Empty when every object is closed.
     *
     * @param schemaResource the schema's class-path resource
     * @param document       a valid document
     * @param skip           pointers to leave out (user data)
     * @return the pointers of the open objects
     */
    public static List<String> objectsAcceptingAnAddedKey(String schemaResource, JsonNode document,
            Predicate<String> skip) {
        if (!problems(schemaResource, document).isEmpty()) {
            throw new IllegalArgumentException("the document is not valid to begin with: "
                    + problems(schemaResource, document));
        }
        List<String> open = new ArrayList<>();
        for (String pointer : objectPointers(document, skip)) {
            JsonNode copy = document.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.at(pointer)).put("addedKey", 1);
            if (problems(schemaResource, copy).isEmpty()) {
                open.add(pointer);
            }
        }
        return open;
    }
}
