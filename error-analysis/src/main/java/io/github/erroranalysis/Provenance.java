package io.github.erroranalysis;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an analysis comes from: the model and the data (each with a fingerprint, such as a SHA-256 of the
 * file), the library version, when the report was made and the seed of any random choice.
 *
 * @param model the model's name or file
 * @param modelFingerprint a fingerprint of the model file, for example its SHA-256 in hex
 * @param dataSource the test data's source, for example an archive path or a URL
 * @param dataFingerprint a fingerprint of the test data
 * @param libraryVersion the version of this library (or the application) that made the report
 * @param date when the analysis was made
 * @param seed the seed of the random choices (example picks, random occlusion regions)
 */
public record Provenance(String model, String modelFingerprint, String dataSource, String dataFingerprint,
        String libraryVersion, Instant date, long seed) {

    /** What an unknown text field of the provenance reads as. */
    public static final String UNKNOWN = "unknown";

    /**
     * Checks that no component is null (use {@link #UNKNOWN} for what is not known).
     *
     * @param model the model's name or file
     * @param modelFingerprint a fingerprint of the model file
     * @param dataSource the test data's source
     * @param dataFingerprint a fingerprint of the test data
     * @param libraryVersion the library version
     * @param date when the analysis was made
     * @param seed the seed of the random choices
     */
    public Provenance {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelFingerprint, "modelFingerprint");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(date, "date");
    }

    /**
     * Gives a provenance where nothing but the date and seed is known, each text field {@link #UNKNOWN}.
     *
     * @param date when the analysis was made
     * @param seed the seed of the random choices
     * @return the provenance
     */
    public static Provenance unknown(Instant date, long seed) {
        return new Provenance(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, date, seed);
    }
}
