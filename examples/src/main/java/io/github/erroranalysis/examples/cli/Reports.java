package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.TrainingHistory;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.ImageSource;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.report.TrainingEpoch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Builds and writes the error report of {@code analyze} with the report package, from what the CLI knows. */
public final class Reports {

    /** The seed of the report's random choices. */
    public static final long SEED = 42;

    private Reports() {
    }

    /**
     * Builds the report: images by example index from the test data (placeholders without it), provenance with
     * fingerprints, and the bundled model's training history when the model is a bundled one.
     *
     * @param analysis the analysis
     * @param modelName the model as typed ({@code baseline}, {@code augmented}, a file) or the predictions file
     * @param modelFile the model file to fingerprint, or null
     * @param data the test images, or null for precomputed predictions
     * @param dataSource where the test data came from
     * @return the report, with every figure drawn
     * @throws IOException if a file cannot be fingerprinted or the bundled history not read
     */
    public static ErrorReport build(ErrorAnalysis analysis, String modelName, Path modelFile, TestData data,
            String dataSource) throws IOException {
        ErrorReport.Builder builder = ErrorReport.builder(analysis).title("Error analysis of " + modelName);
        if (data != null) {
            builder.images((index, origin) -> image(data, index));
        } else {
            builder.images(ImageSource.none());
        }
        String modelFingerprint = modelFile == null ? "bundled model " + modelName : sha256(modelFile);
        String dataFingerprint = data == null ? Provenance.UNKNOWN : data.images().fingerprint();
        builder.provenance(new Provenance(modelName, modelFingerprint, dataSource, dataFingerprint,
                CifarErrors.version(), Instant.now(), SEED));
        if (modelFile == null && BundledModels.names().contains(modelName)) {
            builder.trainingHistory(epochs(BundledModels.history(modelName)));
        }
        return builder.build();
    }

    private static Optional<BufferedImage> image(TestData data, int index) {
        return index >= 0 && index < data.images().size() ? Optional.of(data.images().image(index))
                : Optional.empty();
    }

    /**
     * Converts a model's training history to the report's epochs.
     *
     * @param history the history
     * @return one report epoch per trained epoch
     */
    public static List<TrainingEpoch> epochs(TrainingHistory history) {
        return history.epochs().stream().map(e -> new TrainingEpoch(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                e.validationLoss(), e.validationAccuracy())).toList();
    }

    /**
     * Gives the SHA-256 of a file in hex.
     *
     * @param file the file
     * @return its SHA-256, 64 hex digits
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }
}
