package io.github.erroranalysis.modelimport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ModelImport#load} is told beside the model file; each value left out ({@code null}, or an empty list of
 * class names) comes from the model's sidecar file ({@link Sidecar}) when it has one, else from the defaults.
 *
 * @param weights the weights {@code .h5} of a Keras model JSON, or null
 * @param preprocessing the model's preprocessing, or null for the sidecar's (or {@link Preprocessing#DEFAULT})
 * @param classNames the class names in the model's output order, or empty for the sidecar's (or CIFAR-10's ten for a
 *                   network with ten outputs)
 * @param referenceInputs the reference images ({@code .npy}, uint8, N×H×W×3 or N×3×H×W), or null for the sidecar's
 * @param referenceOutputs the original framework's probabilities on them ({@code .npy}, N×C), or null for the
 *                         sidecar's
 * @param referenceTolerance the largest absolute difference of a probability allowed, or null for the sidecar's (or
 *                           {@value #DEFAULT_TOLERANCE})
 * @param sidecar the sidecar file, or null for the model file's name with {@code .json} added, beside it, if present
 */
public record ImportOptions(Path weights, Preprocessing preprocessing, List<String> classNames, Path referenceInputs,
                            Path referenceOutputs, Double referenceTolerance, Path sidecar) {

    /** The tolerance of the reference check when none is given: 1e-4 absolute on probabilities. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    /**
     * Checks the tolerance and copies the class names.
     *
     * @param weights the Keras weights file, or null
     * @param preprocessing the preprocessing, or null
     * @param classNames the class names, or empty (null reads as empty)
     * @param referenceInputs the reference images, or null
     * @param referenceOutputs the reference probabilities, or null
     * @param referenceTolerance the tolerance, or null
     * @param sidecar the sidecar file, or null
     * @throws IllegalArgumentException if the tolerance is not a finite number at least 0
     */
    public ImportOptions {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        if (referenceTolerance != null && !(referenceTolerance >= 0 && Double.isFinite(referenceTolerance))) {
            throw new IllegalArgumentException("reference tolerance " + referenceTolerance + " must be a finite "
                    + "number at least 0");
        }
    }

    /**
     * Gives the options that leave everything to the sidecar and the defaults.
     *
     * @return no weights, no preprocessing, no class names, no references, no tolerance, the sidecar beside the model
     */
    public static ImportOptions defaults() {
        return new ImportOptions(null, null, List.of(), null, null, null, null);
    }

    /**
     * Returns these options with the weights file of a Keras model JSON.
     *
     * @param file the weights {@code .h5}
     * @return new options
     */
    public ImportOptions withWeights(Path file) {
        return new ImportOptions(file, preprocessing, classNames, referenceInputs, referenceOutputs,
                referenceTolerance, sidecar);
    }

    /**
     * Returns these options with the preprocessing (the sidecar's is then not used).
     *
     * @param given the preprocessing
     * @return new options
     */
    public ImportOptions withPreprocessing(Preprocessing given) {
        return new ImportOptions(weights, given, classNames, referenceInputs, referenceOutputs, referenceTolerance,
                sidecar);
    }

    /**
     * Returns these options with the class names.
     *
     * @param names the class names in the model's output order
     * @return new options
     */
    public ImportOptions withClassNames(List<String> names) {
        return new ImportOptions(weights, preprocessing, names, referenceInputs, referenceOutputs, referenceTolerance,
                sidecar);
    }

    /**
     * Returns these options with reference inputs and outputs (both, or neither: null and null).
     *
     * @param inputs the reference images {@code .npy}
     * @param outputs the reference probabilities {@code .npy}
     * @return new options
     */
    public ImportOptions withReference(Path inputs, Path outputs) {
        return new ImportOptions(weights, preprocessing, classNames, inputs, outputs, referenceTolerance, sidecar);
    }

    /**
     * Returns these options with the tolerance of the reference check.
     *
     * @param tolerance the largest absolute difference of a probability allowed
     * @return new options
     */
    public ImportOptions withReferenceTolerance(double tolerance) {
        return new ImportOptions(weights, preprocessing, classNames, referenceInputs, referenceOutputs, tolerance,
                sidecar);
    }

    /**
     * Returns these options with a sidecar file other than the one beside the model.
     *
     * @param file the sidecar JSON
     * @return new options
     */
    public ImportOptions withSidecar(Path file) {
        return new ImportOptions(weights, preprocessing, classNames, referenceInputs, referenceOutputs,
                referenceTolerance, Objects.requireNonNull(file, "file"));
    }
}
