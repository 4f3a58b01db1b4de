package io.github.erroranalysis;

/** How an example's correctness changed from the baseline model to the candidate model. */
public enum Flip {
    /** The baseline got it right, the candidate gets it wrong: a regression. */
    RIGHT_TO_WRONG,
    /** The baseline got it wrong, the candidate gets it right: a fix. */
    WRONG_TO_RIGHT;

    /**
     * Reads as {@code "right → wrong"} or {@code "wrong → right"}.
     *
     * @return the flip for people
     */
    @Override
    public String toString() {
        return this == RIGHT_TO_WRONG ? "right → wrong" : "wrong → right";
    }
}
