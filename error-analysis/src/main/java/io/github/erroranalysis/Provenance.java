package io.github.erroranalysis;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an analysis comes from: the model and the data (each with a fingerprint, such as a SHA-256 of the
 * file), the library version, when the report was made and the seed of any random choice.
 *
 * <p>Every {@link ErrorAnalysis} carries one ({@link ErrorAnalysis#provenance()}): {@code ErrorAnalysis.of(network,
 * testSet)} fingerprints the network's parameters and the test set's features and labels, the factories of
 * predictions made elsewhere fingerprint the probabilities and labels (the files' bytes for {@code fromNpy} and
 * {@code fromCsv}); {@link ErrorAnalysis#withProvenance(Provenance)} says more, for example the saved model file's
 * own hash. Fingerprints are written as {@link Fingerprints} makes them: {@code sha256:} and 64 hex digits.
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

    /**
     * Gives a provenance made now by this library: its version and the current date are known, the model and the
     * data are {@link #UNKNOWN} until said with {@link #withModel} and {@link #withData}.
     *
     * @param seed the seed of the random choices
     * @return the provenance
     */
    public static Provenance current(long seed) {
        return new Provenance(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, currentLibraryVersion(), Instant.now(), seed);
    }

    /**
     * Gives the version of this library, as built (from a resource Maven fills in; the jar manifest's
     * {@code Implementation-Version} if that resource is missing).
     *
     * @return the version, for example {@code 0.1.0-SNAPSHOT}; {@link #UNKNOWN} only outside a Maven build
     */
    public static String currentLibraryVersion() {
        return LibraryVersion.VERSION;
    }

    /**
     * Gives the same provenance with the model said.
     *
     * @param name the model's name or file
     * @param fingerprint its fingerprint, for example {@link Fingerprints#ofFile}
     * @return the provenance with that model
     */
    public Provenance withModel(String name, String fingerprint) {
        return new Provenance(name, fingerprint, dataSource, dataFingerprint, libraryVersion, date, seed);
    }

    /**
     * Gives the same provenance with the test data said.
     *
     * @param source where the test data came from, for example an archive path and split
     * @param fingerprint its fingerprint
     * @return the provenance with that data
     */
    public Provenance withData(String source, String fingerprint) {
        return new Provenance(model, modelFingerprint, source, fingerprint, libraryVersion, date, seed);
    }

    /**
     * Gives the same provenance with another seed.
     *
     * @param newSeed the seed of the random choices
     * @return the provenance with that seed
     */
    public Provenance withSeed(long newSeed) {
        return new Provenance(model, modelFingerprint, dataSource, dataFingerprint, libraryVersion, date, newSeed);
    }
}
