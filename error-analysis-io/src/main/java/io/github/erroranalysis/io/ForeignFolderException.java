package io.github.erroranalysis.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Thrown when an output folder would replace a folder that this library did not write (it holds other files): the
 * folder is left untouched.
 */
public final class ForeignFolderException extends IOException {

    private static final long serialVersionUID = 1L;
    /** How many entries {@link #contentsText()} names before it only counts. */
    public static final int NAMED = 5;

    private final transient Path folder;
    private final String what;
    private final List<String> contents;

    /**
     * Makes the exception.
     *
     * @param folder the folder that was not replaced, absolute
     * @param what what would have been written, for example "report folder"
     * @param contents the names of its entries, sorted, folders with a trailing {@code /}
     */
    public ForeignFolderException(Path folder, String what, List<String> contents) {
        super(folder + " is not a " + what + " written by this library (it holds " + contentsText(contents)
                + "); nothing was written: choose another folder or remove it");
        this.folder = folder;
        this.what = what;
        this.contents = List.copyOf(contents);
    }

    /**
     * Gives the folder that was not replaced.
     *
     * @return the folder, absolute
     */
    public Path folder() {
        return folder;
    }

    /**
     * Gives what would have been written there.
     *
     * @return for example "report folder"
     */
    public String what() {
        return what;
    }

    /**
     * Gives the names of the folder's entries.
     *
     * @return the names, sorted, folders with a trailing {@code /}
     */
    public List<String> contents() {
        return contents;
    }

    /**
     * Gives the folder's entries for a message: the first {@value #NAMED} names, then how many more.
     *
     * @return for example {@code "thesis.txt, sub/"}
     */
    public String contentsText() {
        return contentsText(contents);
    }

    private static String contentsText(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
        return names.size() > NAMED ? shown + " and " + (names.size() - NAMED) + " more" : shown;
    }
}
