package io.github.erroranalysis;

import java.util.Map;

/**
 * The one writer of a data audit as JSON: {@code audit.json} and {@code report.json}'s {@code sections.audit} hold
 * the same values ({@code audit.schema.json}).
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
     * @return the values
     */
    public static Map<String, Object> values(Audit audit) {
        throw new UnsupportedOperationException("step 0");
    }

    /**
     * Writes the audit as {@code audit.json}: the schema version, the type and {@link #values}.
     *
     * @param audit the audit
     * @return the document, pretty-printed
     */
    public static String write(Audit audit) {
        throw new UnsupportedOperationException("step 0");
    }
}
