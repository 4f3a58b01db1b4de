package io.github.erroranalysis.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * The one JSON codec of every file the library writes: one Jackson factory, one {@code schemaVersion}, and one
 * way to write a number (undefined values as {@code null}).
 */
public final class JsonCodec {

    /** The version of every JSON document this library writes; see CHANGELOG.md for what changed from 1. */
    public static final int SCHEMA_VERSION = 2;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private JsonCodec() {
    }

    /**
     * Gives the shared Jackson factory, for generators and parsers.
     *
     * @return the factory
     */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * Writes a number field, or {@code null} when the value is NaN or infinite (undefined).
     *
     * @param g     the JSON generator
     * @param field the field name
     * @param value the value
     * @throws IOException if writing fails
     */
    public static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }
}
