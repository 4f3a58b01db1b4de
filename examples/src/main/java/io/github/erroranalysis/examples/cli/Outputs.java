package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.cifar.model.TrainingHistory;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.io.OutputFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The CLI's rule for what it writes: an output folder ({@code --out} of {@code analyze} and {@code compare}) replaces
 * an existing folder only when this tool wrote it (it holds the marker file {@value OutputFolders#MARKER}, or is a
 * report or comparison of an earlier version) or it is empty, and never the working folder, a folder holding it or
 * the root; an output file ({@code train}'s model and history) replaces an existing file only when it is this tool's
 * own kind of file. Everything else is refused with exit {@value ExitCodes#BAD_INPUT} before anything is read or
 * written.
 */
final class Outputs {

    private Outputs() {
    }

    /** Checks an output folder, changing nothing; what the folder writer would say if it refused. */
    @FunctionalInterface
    interface FolderCheck {

        /**
         * Checks the folder.
         *
         * @param folder the folder
         * @param workingFolder the command's working folder, which (and any folder holding it) is refused
         * @return the folder that would be written
         * @throws IOException if it would be refused
         */
        Path check(Path folder, Path workingFolder) throws IOException;
    }

    /**
     * Checks an output folder given on the command line before any work is done.
     *
     * @param console where the command runs
     * @param option the option, for messages ({@code --out})
     * @param given the folder as typed
     * @param check the folder writer's check, which also refuses the root, the working folder and a folder holding it
     * @return the folder, resolved against the working folder
     * @throws BadInputException if the folder may not be written (the message names it and what it holds)
     */
    static Path folder(Console console, String option, String given, FolderCheck check) throws BadInputException {
        if (given == null || given.isBlank()) {
            throw new BadInputException(option + " is empty: give a folder of its own, for example " + option
                    + " " + AnalyzeCommand.DEFAULT_OUT);
        }
        GivenPaths.checkTyped(option, given, "a folder of its own");
        Path folder = console.resolve(given);
        try {
            check.check(folder, console.workingDirectory());
        } catch (IOException e) {
            throw refused(option, given, e);
        }
        return folder;
    }

    /**
     * Turns a refusal of the folder writer into bad input naming the option.
     *
     * @param option the option
     * @param given the folder as typed
     * @param e the refusal
     * @return the exception to throw
     */
    static BadInputException refused(String option, String given, IOException e) {
        if (e instanceof ForeignFolderException f && f.added()) {
            return new BadInputException(option + " " + given + ": " + f.folder() + " is a " + f.what()
                    + " written by " + CifarErrors.NAME + ", but files were added to it since (" + f.contentsText()
                    + "); move them out or choose another " + option, e);
        }
        if (e instanceof ForeignFolderException f) {
            return new BadInputException(option + " " + given + ": " + f.folder() + " is not a " + f.what()
                    + " written by " + CifarErrors.NAME + " (it holds " + f.contentsText() + "); choose another "
                    + option + " or remove it", e);
        }
        return new BadInputException(option + " " + given + ": " + Messages.oneLine(e), e);
    }

    /**
     * Checks, before any work, that a file can be written: no folder on its way is a file, its folder exists (or is
     * created) and a probe file can be created and deleted there.
     *
     * @param option the option, for messages ({@code --out})
     * @param given the file as typed
     * @param file the file, resolved
     * @throws BadInputException if it cannot be written (one line naming the option, the folder and why)
     */
    static void checkWritable(String option, String given, Path file) throws BadInputException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            throw new BadInputException(option + " " + given + ": " + file + " has no folder to write it in");
        }
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new BadInputException(option + " " + given + ": " + p + " is a file, not a folder, so "
                        + file + " cannot be written");
            }
            if (Files.isDirectory(p)) {
                break;
            }
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new BadInputException(option + " " + given + ": cannot create the folder " + parent + " ("
                    + Messages.reason(e) + ")", e);
        }
        Path probe;
        try {
            probe = Files.createTempFile(parent, ".cifar-errors-probe-", ".tmp");
        } catch (IOException e) {
            throw new BadInputException(option + " " + given + ": cannot write in the folder " + parent + " ("
                    + Messages.reason(e) + ")", e);
        }
        try {
            Files.delete(probe);
        } catch (IOException e) {
            throw new BadInputException(option + " " + given + ": cannot delete a file in the folder " + parent
                    + " (" + Messages.reason(e) + "; the probe " + probe + " is left there)", e);
        }
    }

    /**
     * Checks that {@code train} may write its model file and history: each is absent or a file of that kind that
     * this tool wrote (a saved model that loads; a history that parses).
     *
     * @param option the option, for messages ({@code --out})
     * @param given the model file as typed
     * @param model the model file, resolved
     * @param history the history file beside it
     * @throws BadInputException if either exists and is something else
     */
    static void modelFiles(String option, String given, Path model, Path history) throws BadInputException {
        if (Files.isDirectory(model)) {
            throw new BadInputException(option + " " + given + ": " + model + " is a folder; give a model file name");
        }
        if (Files.exists(model, LinkOption.NOFOLLOW_LINKS)) {
            try {
                CifarModel.load(model);
            } catch (IOException | RuntimeException e) {
                throw new BadInputException(option + " " + given + ": " + model + " is not a model file written by "
                        + CifarErrors.NAME + " (" + Messages.oneLine(e) + "); choose another " + option
                        + " or remove it", e);
            }
        }
        if (Files.exists(history, LinkOption.NOFOLLOW_LINKS)) {
            try {
                TrainingHistory.load(history);
            } catch (IOException | RuntimeException e) {
                throw new BadInputException(option + " " + given + ": " + history + " is not a training history "
                        + "written by " + CifarErrors.NAME + " (" + Messages.oneLine(e) + "); choose another "
                        + option + " or remove it", e);
            }
        }
    }
}
