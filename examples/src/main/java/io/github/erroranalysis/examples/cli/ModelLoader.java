package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.modelimport.ImportOptions;
import io.github.erroranalysis.modelimport.ImportedModel;
import io.github.erroranalysis.modelimport.ModelFormat;
import io.github.erroranalysis.modelimport.ModelImport;
import io.github.erroranalysis.modelimport.ModelImportException;
import io.github.erroranalysis.modelimport.Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code --model} whatever it is, recognised by content: a bundled model by name, a saved model of this
 * library, or a Keras or ONNX model imported with its preprocessing and verified against its reference outputs
 * ({@link ModelImport#load}), saying on the console what was imported and warning when it is unverified.
 */
final class ModelLoader {

    private ModelLoader() {
    }

    /**
     * The sidecars of one run of a command, each read once ({@code Sidecar.read}) and kept, both for the files the
     * command must not replace ({@link #sidecarInputs}) and for loading the model ({@link #load}); a command makes a
     * new one at the start of each run.
     */
    static final class Sidecars {

        /** A sidecar as read: the file, or what reading it threw; both null when there is no sidecar. */
        private record Read(Sidecar sidecar, Exception failure) {
        }

        private final Map<Path, Read> read = new HashMap<>();

        /** Reads the sidecar file once (absent: neither), keeping what reading it gave or threw. */
        private Read read(Path file) {
            return read.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
                if (!Files.exists(file)) {
                    return new Read(null, null);
                }
                try {
                    return new Read(Sidecar.read(file), null);
                } catch (IOException | RuntimeException e) {
                    return new Read(null, e);
                }
            });
        }

        /**
         * Gives the sidecar of a model, read once.
         *
         * @param file the sidecar file
         * @return the sidecar, or null when there is none
         * @throws IOException what reading it threw
         */
        Sidecar sidecar(Path file) throws IOException {
            Read r = read(file);
            if (r.failure() instanceof IOException e) {
                throw e;
            }
            if (r.failure() instanceof RuntimeException e) {
                throw e;
            }
            return r.sidecar();
        }
    }

    /**
     * A model as loaded.
     *
     * @param model the model to analyse
     * @param imported the import, or null for a bundled or saved model of this library
     * @param file the model file, or null for a bundled model
     */
    record Loaded(CifarModel model, ImportedModel imported, Path file) {

        /**
         * Gives the model as the report's provenance names it: the import's provenance line (what was imported,
         * verified or not) for an imported model, else the model as typed.
         *
         * @param typed the model as typed
         * @return the provenance's model
         */
        String provenanceName(String typed) {
            return imported == null ? typed : imported.provenance();
        }
    }

    /**
     * Loads a model.
     *
     * @param console where relative paths resolve and what is imported is said
     * @param option the option that named the model ({@code --model} or {@code --model-b})
     * @param given the model as typed
     * @param importOptions the import options typed for this model, or null (then the sidecar's or the defaults)
     * @param classesOption the option of the class-names file, or null where the command has none
     * @param classes the class-names file as typed, or null
     * @param refuseClasses whether class names are refused for a bundled or saved model (else they are left to
     *                      another model of the command)
     * @param sidecars the run's sidecars, each read once
     * @return the model
     * @throws IOException if a file cannot be read; bad input is a {@link BadInputException} naming the option
     */
    static Loaded load(Console console, String option, String given, ImportOptionsMixin importOptions,
            String classesOption, String classes, boolean refuseClasses, Sidecars sidecars) throws IOException {
        if (BundledModels.names().contains(given)) {
            refuse(importOptions, classesOption, refuseClasses ? classes : null, option + " " + given + " is a "
                    + "bundled model (its preprocessing is part of it)");
            return new Loaded(Inputs.model(console, option, given), null, null);
        }
        GivenPaths.checkTyped(option, given, String.join(", ", BundledModels.names()) + " or a model file");
        Path file = console.resolve(given);
        if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
            // the message of a saved model's loader, which says what is expected
            return new Loaded(Inputs.model(console, option, given), null, file);
        }
        file = GivenPaths.file(console, option, given);
        ModelFormat format;
        try {
            format = ModelFormat.detect(file);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(option + " " + given + ": " + withoutFile(Messages.oneLine(e), file), e);
        }
        if (format == ModelFormat.CIFAR_MODEL) {
            refuse(importOptions, classesOption, refuseClasses ? classes : null, option + " " + given + " is a saved "
                    + "model of this library (its preprocessing and class names are part of it)");
            return new Loaded(Inputs.model(console, option, given), null, file);
        }
        Sidecar sidecar;
        try {
            sidecar = sidecars.sidecar(Sidecar.beside(file));
        } catch (ModelImportException e) {
            throw new BadInputException(option + " " + given + ": " + Messages.oneLine(e), e);
        }
        List<String> names = classes == null ? List.of()
                : Inputs.classNames(Inputs.existing(console, classesOption, classes));
        ImportOptions options = importOptions == null ? ImportOptions.defaults().withClassNames(names)
                : importOptions.options(console, sidecar, names);
        ImportedModel imported;
        try {
            imported = ModelImport.load(file, options);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(option + " " + given + ": " + withoutFile(Messages.oneLine(e), file), e);
        } catch (OutOfMemoryError e) {
            throw Inputs.outOfMemory(option + " " + given, file, e);
        }
        console.out().println(said(imported));
        for (String note : imported.network().notes()) {
            console.out().println("  note: " + note);
        }
        if (!imported.verified()) {
            console.err().println("warning: " + file.getFileName() + ": the import is unverified (no reference "
                    + "outputs, in " + Sidecar.beside(file).getFileName() + " or given); give "
                    + ImportOptionsMixin.REFERENCE_INPUTS + " and " + ImportOptionsMixin.REFERENCE_OUTPUTS
                    + " from the original framework");
            String rescales = imported.network().rescalesItself().orElse(null);
            if (rescales != null) {
                console.err().println("warning: " + file.getFileName() + ": " + rescales);
            }
        }
        return new Loaded(imported.model(), imported, file);
    }

    /**
     * Says in one line what was imported: the format and what was read, the preprocessing, and the verification.
     *
     * @param imported the import
     * @return for example {@code "imported cnn.onnx: ONNX opset 13 from pytorch 1.13.1, 14 nodes; input layout NCHW,
     *         pixels / 255, ...; verified against 64 reference outputs (largest difference 3.1e-7)"}
     */
    static String said(ImportedModel imported) {
        String provenance = imported.provenance();
        int colon = provenance.indexOf(": ");
        String name = colon < 0 ? provenance : provenance.substring(0, colon);
        String verification = imported.verified() ? imported.verification().inWords() : "UNVERIFIED (no reference "
                + "outputs)";
        return "imported " + name + ": " + imported.network().description() + " as a graph of "
                + imported.network().graph().getNumLayers() + " layers; input "
                + imported.preprocessing().withLayout(imported.network().layout()) + "; " + verification;
    }

    /**
     * Gives the files a model file brings in besides itself, as option and value pairs, so that no output of the
     * command replaces them: its sidecar and the reference files the sidecar names (a sidecar that cannot be read
     * adds only itself; loading the model says why).
     *
     * @param console where relative paths resolve
     * @param given the model as typed, or null
     * @param sidecars the run's sidecars, each read once
     * @return pairs of what the file is and its path; empty for a bundled model or none
     */
    static List<String> sidecarInputs(Console console, String given, Sidecars sidecars) {
        List<String> pairs = new java.util.ArrayList<>();
        if (given == null || BundledModels.names().contains(given)) {
            return pairs;
        }
        Path sidecar;
        try {
            sidecar = Sidecar.beside(console.resolve(given));
        } catch (RuntimeException e) {
            return pairs; // a path that cannot be, which loading the model refuses
        }
        pairs.add("the sidecar of " + given);
        pairs.add(sidecar.toString());
        try {
            if (Files.isRegularFile(sidecar)) {
                Sidecar read = sidecars.sidecar(sidecar);
                if (read.referenceInputs() != null) {
                    pairs.add("the reference inputs of " + sidecar.getFileName());
                    pairs.add(read.referenceInputs().toString());
                    pairs.add("the reference outputs of " + sidecar.getFileName());
                    pairs.add(read.referenceOutputs().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // loading the model refuses the sidecar, naming what is wrong
        }
        return pairs;
    }

    /** Drops a message's leading file path (or name), which the option and value before it already give. */
    static String withoutFile(String message, Path file) {
        for (String prefix : List.of(file + ": ", file.getFileName() + ": ")) {
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    private static void refuse(ImportOptionsMixin importOptions, String classesOption, String classes, String why) {
        if (importOptions != null) {
            importOptions.refuse(why);
        }
        if (classes != null && classesOption != null) {
            throw new BadInputException(classesOption + " " + classes + " names the classes of precomputed "
                    + "predictions or of an imported Keras or ONNX model, but " + why);
        }
    }
}
