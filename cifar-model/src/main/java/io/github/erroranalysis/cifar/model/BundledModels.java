package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.Fingerprints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two trained CIFAR-10 models shipped with this module, loadable with one call: the {@linkplain #baseline()
 * baseline} (the course's Stage 4–5 network) and the {@linkplain #augmented() augmented} model (Stage 8, trained
 * further with random crops and flips), both trained by {@link TrainBundledModels} on the 45,000-image training pile
 * with the 5,000 validation images held out (cifar-data's {@code Piles.standardSplit}).
 *
 * <p>The models are classpath resources of this module ({@code io/github/erroranalysis/cifar/model/NAME.cifarmodel},
 * with the training history in {@code NAME.cifarmodel.history.csv}). Nothing is cached: every call reads a fresh,
 * independent copy (about half a megabyte, well under a second), so one caller training or otherwise changing its
 * network never affects another; keep the returned model if it is needed repeatedly.
 */
public final class BundledModels {

    /** The name of the baseline model. */
    public static final String BASELINE = "baseline";
    /** The name of the augmented model. */
    public static final String AUGMENTED = "augmented";

    private static final List<String> NAMES = List.of(BASELINE, AUGMENTED);
    private static final String MODEL_SUFFIX = ".cifarmodel";
    private static final String HISTORY_SUFFIX = ".cifarmodel.history.csv";
    private static final String TEMPERATURE_SUFFIX = ".temperature.json";

    private BundledModels() {
    }

    /**
     * Returns the names of the bundled models, baseline first.
     *
     * @return {@code [baseline, augmented]}
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Loads the bundled baseline model.
     *
     * @return a fresh copy of the model
     * @throws ModelFileException if the model is not in this build or its resource is damaged
     * @throws IOException        if the resource cannot be read
     */
    public static CifarModel baseline() throws IOException {
        return byName(BASELINE);
    }

    /**
     * Loads the bundled augmented model.
     *
     * @return a fresh copy of the model
     * @throws ModelFileException if the model is not in this build or its resource is damaged
     * @throws IOException        if the resource cannot be read
     */
    public static CifarModel augmented() throws IOException {
        return byName(AUGMENTED);
    }

    /**
     * Loads a bundled model by name.
     *
     * @param name {@value #BASELINE} or {@value #AUGMENTED}
     * @return a fresh copy of the model
     * @throws IllegalArgumentException if the name is not one of {@link #names()} (the message lists them)
     * @throws ModelFileException       if the model is not in this build or its resource is damaged
     * @throws IOException              if the resource cannot be read
     */
    public static CifarModel byName(String name) throws IOException {
        String resource = checkName(name) + MODEL_SUFFIX;
        try (InputStream in = open(resource)) {
            return CifarModel.read(in, "bundled model " + resource);
        }
    }

    /**
     * Returns the training history of the bundled baseline model.
     *
     * @return one record per epoch trained
     * @throws IOException if the history is not in this build or is malformed
     */
    public static TrainingHistory baselineHistory() throws IOException {
        return history(BASELINE);
    }

    /**
     * Returns the training history of the bundled augmented model (its epochs with augmentation only).
     *
     * @return one record per epoch trained
     * @throws IOException if the history is not in this build or is malformed
     */
    public static TrainingHistory augmentedHistory() throws IOException {
        return history(AUGMENTED);
    }

    /**
     * Returns the training history of a bundled model by name.
     *
     * @param name {@value #BASELINE} or {@value #AUGMENTED}
     * @return one record per epoch trained
     * @throws IllegalArgumentException if the name is not one of {@link #names()}
     * @throws IOException              if the history is not in this build or is malformed
     */
    public static TrainingHistory history(String name) throws IOException {
        String resource = checkName(name) + HISTORY_SUFFIX;
        try (InputStream in = open(resource)) {
            return TrainingHistory.fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "bundled history " + resource);
        }
    }

    /**
     * Returns the temperature fitted for a bundled model (by {@code cifar-errors calibrate --model NAME --data
     * cifar-10-binary-train.tar.gz}) on the 4,000 images of the validation pile that are not in the examples' bundled
     * sample, so a report on the bundled sample scores it on images the fit never saw.
     *
     * @param name {@value #BASELINE} or {@value #AUGMENTED}
     * @return the fit: T, its examples, classes and provenance, and what it did to the fit data's calibration
     * @throws IllegalArgumentException if the name is not one of {@link #names()}
     * @throws IOException              if the temperature is not in this build or its resource is damaged
     */
    public static io.github.erroranalysis.TemperatureFit temperature(String name) throws IOException {
        String resource = checkName(name) + TEMPERATURE_SUFFIX;
        try (InputStream in = open(resource)) {
            return io.github.erroranalysis.TemperatureFit.fromJson(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8), "bundled temperature " + resource);
        } catch (io.github.erroranalysis.TemperatureFileException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
    }

    /**
     * Fingerprints a bundled model by the bytes of its resource, as {@code sha256sum NAME.cifarmodel} would the file.
     *
     * @param name {@value #BASELINE} or {@value #AUGMENTED}
     * @return {@code sha256:} and the SHA-256 of the model resource in hex ({@link Fingerprints#ofStream})
     * @throws IllegalArgumentException if the name is not one of {@link #names()}
     * @throws IOException              if the model is not in this build or cannot be read
     */
    public static String fingerprint(String name) throws IOException {
        try (InputStream in = open(checkName(name) + MODEL_SUFFIX)) {
            return Fingerprints.ofStream(in);
        }
    }

    /**
     * Tells whether a bundled model is in this build, without loading it.
     *
     * @param name {@value #BASELINE} or {@value #AUGMENTED}
     * @return whether its model resource is on the class path
     * @throws IllegalArgumentException if the name is not one of {@link #names()}
     */
    public static boolean isAvailable(String name) {
        return BundledModels.class.getResource(checkName(name) + MODEL_SUFFIX) != null;
    }

    private static String checkName(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no bundled model named '" + name + "'; the bundled models are "
                    + String.join(", ", NAMES));
        }
        return name;
    }

    /** Opens a resource next to this class, saying clearly when this build lacks it. */
    static InputStream open(String resource) throws ModelFileException {
        InputStream in = BundledModels.class.getResourceAsStream(resource);
        if (in == null) {
            throw new ModelFileException("bundled model resource " + resource + " is not in this build (expected "
                    + "on the class path at " + BundledModels.class.getPackageName().replace('.', '/') + "/"
                    + resource + "); train it with " + TrainBundledModels.class.getSimpleName());
        }
        return in;
    }
}
