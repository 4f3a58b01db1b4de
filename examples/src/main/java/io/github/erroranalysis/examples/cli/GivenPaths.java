package io.github.erroranalysis.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI's checks of a path typed on the command line, before it is read or written: not empty, not starting with
 * a {@code ~} the shell left unexpanded, and, for an input file, a regular file (a folder, a device such as
 * {@code /dev/null}, a FIFO or a socket is named as what it is).
 */
final class GivenPaths {

    private GivenPaths() {
    }

    /**
     * Checks a typed path: not empty, and not starting with a literal {@code ~} folder (which the shell did not
     * expand, as in {@code --out=~/reports}).
     *
     * @param option the option, for messages (such as {@code --out})
     * @param given the path as typed
     * @param what what the option names, for the message of an empty one (such as "a file")
     * @throws BadInputException if it is empty or starts with {@code ~}
     */
    static void checkTyped(String option, String given, String what) throws BadInputException {
        if (given == null || given.isBlank()) {
            throw new BadInputException(option + " is empty: give " + what);
        }
        String first = given.split("[/\\\\]", 2)[0];
        if (first.equals("~")) {
            String home = System.getProperty("user.home", "/home/you");
            throw new BadInputException(option + " " + given + ": the shell did not expand ~ (it does not after "
                    + "'=' or inside quotes); write the folder out, for example " + option + " " + home
                    + given.substring(1));
        }
    }

    /**
     * Checks that a typed path names an existing regular file, saying what it is when it is something else.
     *
     * @param console where relative paths resolve
     * @param option the option, for messages (such as {@code --labels} or {@code IMAGE})
     * @param given the path as typed
     * @return the file, resolved
     * @throws BadInputException if it is empty, starts with an unexpanded {@code ~}, is absent or not a regular file
     */
    static Path file(Console console, String option, String given) throws BadInputException {
        checkTyped(option, given, "a file");
        Path file = console.resolve(given);
        if (Files.isRegularFile(file)) {
            return file;
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(option + " " + given + ": " + file + " is a folder, not a file");
        }
        if (Files.exists(file)) {
            throw new BadInputException(option + " " + given + ": " + file + " is not a regular file (a device, "
                    + "FIFO or socket); give a file");
        }
        if (Files.isSymbolicLink(file)) {
            throw new BadInputException(option + " " + given + ": " + file + " is a symbolic link to a file that "
                    + "does not exist");
        }
        throw new BadInputException(option + " " + given + ": no such file " + file);
    }

    /**
     * Marks an input pair of {@link #refuseAnInput} as another output of the same command (its option follows the
     * mark), said as "is also written by OPTION" rather than as an input.
     */
    static final String ALSO_WRITTEN = "also written by ";

    /**
     * Refuses an output file that is one of the command's own input files, which writing it would replace: the same
     * normalized path, or the same existing file through a link.
     *
     * @param console where relative paths resolve
     * @param option the output's option, for the message (such as {@code --out})
     * @param given the output as typed
     * @param file the output, resolved
     * @param inputs pairs of an input's option and its value as typed; a null value is skipped
     * @throws BadInputException naming the output and the input it would replace
     */
    static void refuseAnInput(Console console, String option, String given, Path file, String... inputs)
            throws BadInputException {
        for (int i = 0; i + 1 < inputs.length; i += 2) {
            if (inputs[i + 1] != null && sameFile(console.resolve(inputs[i + 1]), file)
                    && inputs[i].startsWith(ALSO_WRITTEN)) {
                throw new BadInputException(option + " " + given + ": " + file + " is also written by "
                        + inputs[i].substring(ALSO_WRITTEN.length()) + "; give another file");
            }
            if (inputs[i + 1] != null && sameFile(console.resolve(inputs[i + 1]), file)) {
                throw new BadInputException(option + " " + given + ": " + file + " is " + inputs[i] + " "
                        + inputs[i + 1] + ", an input, which writing it would replace; give another file");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
