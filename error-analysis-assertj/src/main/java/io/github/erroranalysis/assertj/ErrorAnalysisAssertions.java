package io.github.erroranalysis.assertj;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.util.CheckReturnValue;

/**
 * The entry point of the analysis assertions: {@code assertThat(analysis).hasAccuracyAtLeast(0.6)}.
 */
@CheckReturnValue
public class ErrorAnalysisAssertions {

    /**
     * Not for instances, but open for extension (a project's own entry point can extend it).
     */
    protected ErrorAnalysisAssertions() {
    }

    /**
     * Starts assertions on an analysis.
     *
     * @param actual the analysis to check
     * @return the assertion object
     */
    public static ErrorAnalysisAssert assertThat(ErrorAnalysis actual) {
        return new ErrorAnalysisAssert(actual);
    }
}
