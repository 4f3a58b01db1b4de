package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --save-predictions FILE.npy}: an analysis's N×C probabilities as float32 in C order and example order (the
 * temperature-scaled ones when a temperature applies), with {@code FILE.labels.npy} (the true class indexes, int32),
 * {@code FILE.origins.txt} (each example's origin, one a line, UTF-8; an empty line where none is known) and
 * {@code FILE.classes.txt} (the class names, one a line) beside it, so that {@code analyze --predictions FILE.npy
 * --labels FILE.labels.npy --classes FILE.classes.txt} reproduces the analysis. Each file is written atomically with
 * the core's one {@code .npy} writer ({@link NpyFile#writeFloat32}), the three side files first and {@code FILE.npy}
 * last, so that {@code FILE.npy} beside them marks a complete set: an existing {@code FILE.npy} is replaced (it is
 * removed before the side files are written), an existing side file only when {@code FILE.npy} is beside it too (a
 * rerun of an earlier save); a side file without {@code FILE.npy}, which this tool did not write, is refused before
 * anything runs. A failure part-way removes the side files written, so no {@code FILE.npy} stands beside a part.
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
     * folder, a device or one of the command's inputs, none inside the report folder, no side file there without
     * {@code FILE.npy} beside it (see {@link #refuseAForeignSideFile}), its folder writable.
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
        saved.refuseAForeignSideFile();
        Outputs.checkWritable(option, given, saved.file());
        return saved;
    }

    /**
     * Refuses an existing side file ({@code FILE.labels.npy}, {@code FILE.origins.txt}, {@code FILE.classes.txt})
     * when {@code FILE.npy} is not beside it: then an earlier {@code --save-predictions} did not write it (that one
     * writes {@code FILE.npy} last), so it is a user's file, never replaced.
     *
     * @throws BadInputException naming the side file, when there is one without {@code FILE.npy}
     */
    void refuseAForeignSideFile() {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> files = files();
        for (Path side : files.subList(1, files.size())) {
            if (Files.exists(side, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(option + " " + given + ": " + side.getFileName() + " exists but "
                        + file.getFileName() + " does not, so it was not written by an earlier " + option
                        + "; move it or choose another name");
            }
        }
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
     * Writes the four files of an analysis, each atomically: checks again that no side file stands without
     * {@code FILE.npy} (one may have appeared while the analysis ran), removes an earlier {@code FILE.npy}, writes
     * the side files and then {@code FILE.npy}; a failure removes the side files this call wrote.
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
        refuseAForeignSideFile();
        List<Path> written = new ArrayList<>();
        try {
            Files.deleteIfExists(file); // until the new one is written, the side files are not a complete set
            written.add(files.get(1));
            NpyFile.writeInt32(files.get(1), labels, n);
            written.add(files.get(2));
            AtomicFiles.write(files.get(2), origins.toString().getBytes(StandardCharsets.UTF_8));
            written.add(files.get(3));
            AtomicFiles.write(files.get(3), (String.join("\n", analysis.classNames()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            NpyFile.writeFloat32(file, probabilities, n, classes);
        } catch (IOException e) {
            for (Path f : written) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // the failure reported below is the one that matters
                }
            }
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
