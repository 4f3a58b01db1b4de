package io.github.erroranalysis.gate;

/** Whether a quality gate held. */
public enum Verdict {

    /** The judged value is on the right side of the threshold. */
    PASSED("passed", "passed"),
    /** The judged value is on the wrong side, or could not be measured. */
    FAILED("failed", "FAILED");

    private final String key;
    private final String word;

    Verdict(String key, String word) {
        this.key = key;
        this.word = word;
    }

    /**
     * Gives the verdict's name in JSON: {@code passed} or {@code failed}.
     *
     * @return the JSON name
     */
    public String key() {
        return key;
    }

    /**
     * Gives the verdict as it starts a message: {@code "passed"} or {@code "FAILED"} (capitals catch the eye).
     *
     * @return the word
     */
    public String word() {
        return word;
    }
}
