package io.github.erroranalysis.cifar.model;

/**
 * What a saved model records about how it was made: the {@code metadata} object of its descriptor
 * {@code cifar-model.json} ({@code schemaVersion} 2, schema {@value CifarModel#DESCRIPTOR_SCHEMA}).
 *
 * @param architecture        the architecture name, for example {@value BaselineCnn#ARCHITECTURE}
 * @param augmented           whether training used random crops and flips
 * @param seed                the training seed
 * @param epochs              the number of epochs trained (the saved weights are those of {@code bestEpoch})
 * @param bestEpoch           the epoch whose weights were kept (the best on validation)
 * @param validationAccuracy  the validation accuracy of the saved weights
 * @param trainingFingerprint the SHA-256 fingerprint of the training pile
 * @param libraryVersion      the version of this library that trained the model
 * @param trainedAt           when training finished, as an ISO-8601 instant
 */
public record ModelMetadata(String architecture, boolean augmented, long seed, int epochs, int bestEpoch,
                            double validationAccuracy, String trainingFingerprint, String libraryVersion,
                            String trainedAt) {

    /**
     * Names the first text field that is null (a descriptor written by hand or by another tool may lack one).
     *
     * @return "architecture", "trainingFingerprint", "libraryVersion" or "trainedAt", or null when none is null
     */
    String missingField() {
        return architecture == null ? "architecture" : trainingFingerprint == null ? "trainingFingerprint"
                : libraryVersion == null ? "libraryVersion" : trainedAt == null ? "trainedAt" : null;
    }
}
