package io.github.erroranalysis;

import java.util.Objects;

/**
 * Scores of the wrong kind: "probabilities" that are not (rows that do not sum to 1, perhaps logits, or rounded
 * probabilities), or "logits" that look like probabilities (every row in [0, 1] and summing to 1). {@link #problem()} says what is wrong
 * without the advice, so that a program (such as a command line) can give its own advice in its own words.
 */
public final class PredictionKindException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Which mix-up it is. */
    public enum Kind {
        /** Given as probabilities, but a row does not sum to 1: perhaps logits. */
        NOT_PROBABILITIES,
        /**
         * Given as logits, but every row lies within 1e-6 of [0, 1] and sums to 1 within 1e-2: these look like
         * (perhaps rounded) probabilities.
         */
        LOOKS_LIKE_PROBABILITIES,
        /**
         * Given as probabilities, every value lies within 1e-6 of [0, 1], but a row is slightly outside [0, 1] or
         * does not sum to 1: rounded or unnormalised probabilities, never logits (the advice in the message says
         * which).
         */
        UNNORMALISED_PROBABILITIES
    }

    /** The mix-up. */
    private final Kind kind;
    /** What is wrong, without advice. */
    private final String problem;
    /** The library's advice. */
    private final String advice;

    /**
     * Makes the exception.
     *
     * @param kind the mix-up
     * @param problem what is wrong, naming the example and value, without advice
     * @param advice what a library user should do, appended to the message after {@code "; "}
     */
    PredictionKindException(Kind kind, String problem, String advice) {
        super(problem + "; " + advice);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.advice = Objects.requireNonNull(advice, "advice");
    }

    /**
     * Gives the library's advice, the part of the message after the problem.
     *
     * @return the advice
     */
    public String advice() {
        return advice;
    }

    /**
     * Gives the mix-up.
     *
     * @return which kind of scores were given wrongly
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Gives what is wrong without the library's advice, such as {@code "example 1: probabilities sum to 0.75, not 1
     * (tolerance 0.001)"}.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
