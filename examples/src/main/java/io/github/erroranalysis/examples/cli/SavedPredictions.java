package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --save-predictions FILE.npy}: an analysis's N×C probabilities as float32 in C order and example order (the
 * temperature-scaled ones when a temperature applies), with {@code FILE.labels.npy} (the true class indexes, int32),
 * {@code FILE.origins.txt} (each example's origin, one a line, UTF-8; an empty line where none is known) and
 * {@code FILE.classes.txt} (the class names, one a line) beside it, so that {@code analyze --predictions FILE.npy
 * --labels FILE.labels.npy --classes FILE.classes.txt} reproduces the analysis. Each file is written atomically with
 * the core's one {@code .npy} writer ({@link NpyFile#writeFloat32}); an existing file is replaced, as
 * {@code calibrate --out} replaces one.
 *
 * @param option the option, for messages
 * @param given the file as typed
 * @param file the probabilities file, resolved
 */
record SavedPredictions(String option, String given, Path file) {

    /** The suffix every saved predictions file ends with. */
    static final String SUFFIX = ".npy";

    /**
     * Checks the option before anything runs: a file name ending in {@value #SUFFIX}, none of its four files a
     * folder, a device or one of the command's inputs, none inside the report folder, its folder writable.
     *
     * @param console where relative paths resolve
     * @param option the option ({@code --save-predictions} or {@code --save-predictions-b})
     * @param given the file as typed, or null when the option is not given
     * @param outFolder the report folder, which each run replaces, or null
     * @param inputs pairs of the command's input options and their values as typed (a value may be null)
     * @return the checked option, or null when not given
     */
    static SavedPredictions check(Console console, String option, String given, Path outFolder, String... inputs) {
        if (given == null) {
            return null;
        }
        GivenPaths.checkTyped(option, given, "a file name ending in .npy, for example predictions.npy");
        if (!given.toLowerCase(Locale.ROOT).endsWith(SUFFIX) || given.length() == SUFFIX.length()) {
            throw new BadInputException(option + " " + given + ": the file name must end in .npy (the labels, "
                    + "origins and classes are written beside it), for example " + option + " predictions.npy");
        }
        SavedPredictions saved = new SavedPredictions(option, given, console.resolve(given));
        for (Path f : saved.files()) {
            if (Files.isDirectory(f)) {
                throw new BadInputException(option + " " + given + ": " + f + " is a folder; give a file name, for "
                        + "example " + option + " predictions.npy");
            }
            if (Files.exists(f) && !Files.isRegularFile(f)) {
                throw new BadInputException(option + " " + given + ": " + f + " is not a regular file (a device, "
                        + "FIFO or socket); give a file");
            }
            if (outFolder != null && f.toAbsolutePath().normalize().startsWith(outFolder.toAbsolutePath()
                    .normalize())) {
                throw new BadInputException(option + " " + given + ": " + f + " is inside the --out folder "
                        + outFolder + ", which each report replaces; write it outside, for example beside it");
            }
            GivenPaths.refuseAnInput(console, option, given, f, inputs);
        }
        Outputs.checkWritable(option, given, saved.file());
        return saved;
    }

    /**
     * Gives the four files: the probabilities, the labels, the origins and the class names.
     *
     * @return {@code FILE.npy}, {@code FILE.labels.npy}, {@code FILE.origins.txt}, {@code FILE.classes.txt}
     */
    List<Path> files() {
        return List.of(file, labels(), sibling(".origins.txt"), sibling(".classes.txt"));
    }

    /**
     * Gives the labels file beside the probabilities.
     *
     * @return {@code FILE.labels.npy}
     */
    Path labels() {
        return sibling(".labels.npy");
    }

    private Path sibling(String suffix) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + suffix);
    }

    /**
     * Writes the four files of an analysis, each atomically, the probabilities last.
     *
     * @param analysis the analysis (the scaled one when a temperature applies)
     * @return the probabilities file
     */
    Path write(ErrorAnalysis analysis) {
        int n = analysis.examples();
        int classes = analysis.classCount();
        float[] probabilities = new float[Math.multiplyExact(n, classes)];
        int[] labels = new int[n];
        StringBuilder origins = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                probabilities[i * classes + c] = (float) analysis.probability(i, c);
            }
            labels[i] = analysis.trueClass(i);
            origins.append(analysis.origin(i).orElse("")).append('\n');
        }
        List<Path> files = files();
        try {
            NpyFile.writeInt32(files.get(1), labels, n);
            AtomicFiles.write(files.get(2), origins.toString().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(files.get(3), (String.join("\n", analysis.classNames()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            NpyFile.writeFloat32(file, probabilities, n, classes);
        } catch (IOException e) {
            throw new BadInputException(option + " " + given + ": " + Messages.oneLine(e), e);
        }
        return file;
    }

    /**
     * Says what was written, for the console.
     *
     * @param analysis the analysis written
     * @return for example {@code "predictions (1,000 x 10 probabilities, float32) written to p.npy with p.labels.npy,
     *         p.origins.txt and p.classes.txt"}
     */
    String line(ErrorAnalysis analysis) {
        List<Path> f = files();
        return String.format(Locale.ROOT, "predictions (%,d x %d probabilities, float32) written to %s with %s, %s "
                + "and %s", analysis.examples(), analysis.classCount(), file, f.get(1).getFileName(),
                f.get(2).getFileName(), f.get(3).getFileName());
    }
}
