package io.github.erroranalysis;

/** What kind of mistake a wrong prediction is, in the triage of {@link Triage}. */
public enum MistakeKind {
    /** The label is probably wrong: the model is confidently sure of another class and gives the label little. */
    LIKELY_LABEL_ISSUE,
    /** The picture is genuinely confusing: the two most probable classes are close. */
    AMBIGUOUS,
    /** The model is wrong with a clear margin, and the label looks right: the model is being silly. */
    CONFIDENT_MODEL_ERROR;

    /**
     * Reads as {@code "likely label issue"}, {@code "ambiguous"} or {@code "confident model error"}.
     *
     * @return the kind for people
     */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
