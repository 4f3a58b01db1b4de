package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.modelimport.ImportOptions;
import io.github.erroranalysis.modelimport.InputLayout;
import io.github.erroranalysis.modelimport.Preprocessing;
import io.github.erroranalysis.modelimport.Sidecar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of an imported Keras or ONNX {@code --model}, shared by {@code analyze}, {@code compare},
 * {@code predict} and {@code calibrate}: its weights, its preprocessing and its reference files. Each one given
 * overrides the model's sidecar ({@code MODEL.json} beside it); they are refused with a bundled or saved model of
 * this library and with {@code --predictions}.
 */
public final class ImportOptionsMixin {

    /** The option of a Keras model JSON's weights. */
    public static final String WEIGHTS = "--weights";
    /** The option of the reference images. */
    public static final String REFERENCE_INPUTS = "--reference-inputs";
    /** The option of the reference probabilities. */
    public static final String REFERENCE_OUTPUTS = "--reference-outputs";
    /** The option of the BGR channel order ({@code --no-bgr}: RGB). */
    public static final String BGR = "--bgr";

    @Option(names = WEIGHTS, paramLabel = "FILE", description = "The weights .h5 of a Keras model JSON given as "
            + "--model model.json.")
    String weights;

    @Option(names = "--input-layout", paramLabel = "NCHW|NHWC", description = "The layout an imported model takes: "
            + "NCHW (channels first, PyTorch) or NHWC (channels last, Keras) (default: the one its file declares).")
    String inputLayout;

    @Option(names = "--input-scale", paramLabel = "X", description = "An imported model's pixels (0 to 255) are "
            + "divided by X first (default: 255, pixels in [0, 1]; 1 for [0, 255]).")
    String inputScale;

    @Option(names = "--input-mean", paramLabel = "M|R,G,B", description = "Then the mean subtracted, one value or "
            + "three comma-separated, in the scaled units, RGB order unless --bgr (default: 0).")
    String inputMean;

    @Option(names = "--input-std", paramLabel = "S|R,G,B", description = "Then the standard deviation divided by, "
            + "one value or three comma-separated, in the scaled units (default: 1).")
    String inputStd;

    @Option(names = BGR, negatable = true, description = "The imported model takes its channels in BGR order (and "
            + "--input-mean and --input-std are in that order); --no-bgr: in RGB order (default: the sidecar's bgr, "
            + "else RGB). Changing the sidecar's order needs --input-mean and --input-std too where the sidecar has "
            + "three different values (written in its own order).")
    Boolean bgr;

    @Option(names = REFERENCE_INPUTS, paramLabel = "x.npy", description = "Raw reference images for verifying an "
            + "imported model: uint8, N x 32 x 32 x 3 or N x 3 x 32 x 32, RGB.")
    String referenceInputs;

    @Option(names = REFERENCE_OUTPUTS, paramLabel = "y.npy", description = "The original framework's probabilities "
            + "on --reference-inputs (N x C, float32 or float64); the import is refused beyond the tolerance or on "
            + "any top-1 disagreement.")
    String referenceOutputs;

    @Option(names = "--reference-tolerance", paramLabel = "X", description = "The largest absolute difference of a "
            + "probability allowed by the reference check (default: 1e-4).")
    String referenceTolerance;

    /**
     * What a refusal adds, or null: {@code compare} says here that the options are model A's only when model B is
     * the one that may be imported.
     */
    String refusalNote;

    /**
     * Lists the options typed, each with its value, for messages.
     *
     * @return for example {@code ["--input-scale 1", "--bgr"]}; empty when none was typed
     */
    public List<String> typed() {
        List<String> t = new ArrayList<>();
        add(t, WEIGHTS, weights);
        add(t, "--input-layout", inputLayout);
        add(t, "--input-scale", inputScale);
        add(t, "--input-mean", inputMean);
        add(t, "--input-std", inputStd);
        if (bgr != null) {
            t.add(bgr ? BGR : "--no-bgr");
        }
        add(t, REFERENCE_INPUTS, referenceInputs);
        add(t, REFERENCE_OUTPUTS, referenceOutputs);
        add(t, "--reference-tolerance", referenceTolerance);
        return t;
    }

    private static void add(List<String> t, String option, String value) {
        if (value != null) {
            t.add(option + " " + value);
        }
    }

    /**
     * Refuses these options when the model is not an imported one.
     *
     * @param why what the model is instead, for the message (such as "--model baseline is a bundled model")
     */
    void refuse(String why) {
        List<String> t = typed();
        if (!t.isEmpty()) {
            throw new BadInputException(t.get(0) + " applies to an imported Keras or ONNX model, but " + why
                    + (refusalNote == null ? "" : "; " + refusalNote));
        }
    }

    /**
     * Makes the import options: each option typed overrides the sidecar's value, a preprocessing option the
     * sidecar's preprocessing key by key.
     *
     * @param console where relative paths resolve
     * @param sidecar the model's sidecar, or null for none
     * @param classNames the class names of {@code --classes}, or empty
     * @return the options for {@code ModelImport.load}
     */
    ImportOptions options(Console console, Sidecar sidecar, List<String> classNames) {
        ImportOptions options = ImportOptions.defaults().withClassNames(classNames);
        if (weights != null) {
            options = options.withWeights(Inputs.existing(console, WEIGHTS, weights));
        }
        if (inputLayout != null || inputScale != null || inputMean != null || inputStd != null || bgr != null) {
            Preprocessing base;
            try {
                base = sidecar == null ? Preprocessing.DEFAULT : sidecar.preprocessing();
            } catch (io.github.erroranalysis.modelimport.ModelImportException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            InputLayout layout = base.layout();
            if (inputLayout != null) {
                try {
                    layout = InputLayout.parse(inputLayout);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--input-layout " + inputLayout + ": " + e.getMessage(), e);
                }
            }
            double scale = inputScale != null ? number("--input-scale", inputScale) : base.scale();
            double[] mean = inputMean != null ? channels("--input-mean", inputMean) : base.mean();
            double[] std = inputStd != null ? channels("--input-std", inputStd) : base.std();
            boolean order = bgr != null ? bgr : base.bgr();
            if (order != base.bgr()) {
                // the sidecar's values are in its own channel order: a changed order would read them reversed
                refuseReordered(sidecar, "--input-mean", inputMean, base.mean(), "inputMean");
                refuseReordered(sidecar, "--input-std", inputStd, base.std(), "inputStd");
            }
            try {
                options = options.withPreprocessing(new Preprocessing(layout, scale, mean, std, order));
            } catch (IllegalArgumentException e) {
                String option = e.getMessage().startsWith("input scale") ? "--input-scale " + inputScale
                        : e.getMessage().startsWith("input mean") ? "--input-mean " + inputMean
                        : "--input-std " + inputStd;
                throw new BadInputException(option + ": " + e.getMessage(), e);
            }
        }
        if ((referenceInputs == null) != (referenceOutputs == null)) {
            throw new BadInputException((referenceInputs == null ? REFERENCE_OUTPUTS + " " + referenceOutputs
                    + " needs " + REFERENCE_INPUTS + " x.npy" : REFERENCE_INPUTS + " " + referenceInputs + " needs "
                    + REFERENCE_OUTPUTS + " y.npy") + " as well: the images and the original framework's "
                    + "probabilities on them");
        }
        if (referenceInputs != null) {
            options = options.withReference(Inputs.existing(console, REFERENCE_INPUTS, referenceInputs),
                    Inputs.existing(console, REFERENCE_OUTPUTS, referenceOutputs));
        }
        if (referenceTolerance != null) {
            double tolerance = number("--reference-tolerance", referenceTolerance);
            if (!(tolerance >= 0 && Double.isFinite(tolerance))) {
                throw new BadInputException("--reference-tolerance " + referenceTolerance + ": give a finite number "
                        + "at least 0, such as 1e-4");
            }
            options = options.withReferenceTolerance(tolerance);
        }
        return options;
    }

    /**
     * Refuses a channel order changed on the command line against the sidecar's while one of the sidecar's
     * per-channel values, written in its own order, is kept: three different values would be read reversed.
     */
    private void refuseReordered(Sidecar sidecar, String option, String typed, double[] values, String key) {
        if (typed != null || sidecar == null || (values[0] == values[1] && values[1] == values[2])) {
            return;
        }
        String from = bgr ? "RGB" : "BGR";
        String to = bgr ? "BGR" : "RGB";
        StringBuilder v = new StringBuilder();
        for (double x : values) {
            v.append(v.length() == 0 ? "" : ",").append(x);
        }
        throw new BadInputException((bgr ? BGR : "--no-bgr") + " changes the channel order of " + sidecar.file()
                + " from " + from + " to " + to + ", but its " + key + " " + v + " is written in " + from
                + " order; give " + option + " in " + to + " order too");
    }

    /** A number as typed. */
    private static double number(String option, String typed) {
        try {
            return Double.parseDouble(typed.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(option + " " + typed + ": '" + typed + "' is not a number", e);
        }
    }

    /** One value or three comma-separated, each a finite number. */
    private static double[] channels(String option, String typed) {
        String[] parts = typed.split(",", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new BadInputException(option + " " + typed + ": give one value or three comma-separated (one per "
                    + "channel), such as 0.5 or 0.4914,0.4822,0.4465");
        }
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new BadInputException(option + " " + typed + ": '" + parts[i].strip() + "' is not a number",
                        e);
            }
        }
        return values;
    }

    /**
     * Gives the input files these options name, as option and value pairs (for refusing to overwrite them).
     *
     * @return pairs of option and path as typed; a value may be null
     */
    String[] inputs() {
        return new String[] {WEIGHTS, weights, REFERENCE_INPUTS, referenceInputs, REFERENCE_OUTPUTS,
            referenceOutputs};
    }
}
