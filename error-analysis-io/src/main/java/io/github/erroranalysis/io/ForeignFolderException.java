package io.github.erroranalysis.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Thrown when an output folder would replace a folder that this library did not write (it holds other files), or one
 * it wrote to which files were added since: the folder is left untouched.
 */
public final class ForeignFolderException extends IOException {

    private static final long serialVersionUID = 1L;
    /** How many entries {@link #contentsText()} names before it only counts. */
    static final int NAMED = 5;

    private final transient Path folder;
    private final String what;
    private final List<String> contents;
    private final boolean added;

    /**
     * Makes the exception.
     *
     * @param folder the folder that was not replaced, absolute
     * @param what what would have been written, for example "report folder"
     * @param contents the names of its entries, sorted, folders with a trailing {@code /}
     */
    public ForeignFolderException(Path folder, String what, List<String> contents) {
        this(folder, what, contents, false);
    }

    /**
     * Makes the exception, for a folder this library wrote or for one it did not.
     *
     * @param folder the folder that was not replaced, absolute
     * @param what what would have been written, for example "report folder"
     * @param contents the names of its entries that this library did not write, sorted, folders with a trailing
     *                 {@code /}; relative names with {@code /} when {@code added}
     * @param added whether this library wrote the folder and {@code contents} are the entries added to it since
     */
    public ForeignFolderException(Path folder, String what, List<String> contents, boolean added) {
        super(added
                ? folder + " is a " + what + " written by this library, but files were added to it since ("
                        + contentsText(contents) + "); nothing was written: move them out or choose another folder"
                : folder + " is not a " + what + " written by this library (it holds " + contentsText(contents)
                        + "); nothing was written: choose another folder or remove it");
        this.folder = folder;
        this.what = what;
        this.contents = List.copyOf(contents);
        this.added = added;
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
     * Gives the names of the folder's entries that this library did not write.
     *
     * @return the names, sorted, folders with a trailing {@code /}
     */
    public List<String> contents() {
        return contents;
    }

    /**
     * Tells whether this library wrote the folder and {@link #contents()} are the entries added to it since.
     *
     * @return true for a folder of this library's with files added; false for a folder it did not write
     */
    public boolean added() {
        return added;
    }

    /**
     * Gives the folder's entries for a message: the first five names, then how many more.
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
