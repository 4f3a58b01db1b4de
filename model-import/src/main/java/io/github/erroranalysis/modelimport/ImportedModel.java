package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.cifar.model.CifarModel;
import java.util.Objects;

/**
 * A model imported by {@link ModelImport#load}: the model the rest of the library analyses, the network as
 * converted, the preprocessing it was given, and how it compared with the original framework.
 *
 * @param model the model, analysed like the library's own (its class names, its preprocessing as normalization)
 * @param network the network as the front-end converted it, with its notes
 * @param preprocessing the preprocessing used (options, sidecar or defaults)
 * @param verification the comparison with the reference outputs, or null when the import is unverified
 * @param provenance one line saying what was imported and whether it was verified, for the analysis's provenance:
 *                   for example {@code "cnn.onnx: ONNX opset 13 from pytorch 1.13.1, 14 nodes, verified against 64
 *                   reference outputs (largest difference 3.1e-7)"}
 */
public record ImportedModel(CifarModel model, ImportedNetwork network, Preprocessing preprocessing,
                            Verification verification, String provenance) {

    /** The words a provenance line ends with when no reference outputs were given. */
    public static final String UNVERIFIED = "UNVERIFIED: no reference outputs";

    /**
     * Checks that the parts are there.
     *
     * @param model the model
     * @param network the network
     * @param preprocessing the preprocessing
     * @param verification the verification, or null
     * @param provenance the provenance line
     */
    public ImportedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Tells whether the import was checked against reference outputs (and passed: a failed check is refused).
     *
     * @return whether it is verified
     */
    public boolean verified() {
        return verification != null;
    }
}
