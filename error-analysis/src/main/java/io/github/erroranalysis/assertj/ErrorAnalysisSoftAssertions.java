package io.github.erroranalysis.assertj;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.util.CheckReturnValue;

/**
 * Soft assertions that also know analyses: every failure is collected and reported together by
 * {@link #assertAll()}. Navigation to a number ({@link ErrorAnalysisAssert#classAccuracy(String)}) stays hard; use
 * {@link ErrorAnalysisAssert#hasClassAccuracyAtLeast(String, double)} softly.
 */
public class ErrorAnalysisSoftAssertions extends SoftAssertions {

    /**
     * Makes empty soft assertions.
     */
    public ErrorAnalysisSoftAssertions() {
    }

    /**
     * Starts soft assertions on an analysis.
     *
     * @param actual the analysis to check
     * @return the assertion object, whose failures are collected
     */
    @CheckReturnValue
    public ErrorAnalysisAssert assertThat(ErrorAnalysis actual) {
        return proxy(ErrorAnalysisAssert.class, ErrorAnalysis.class, actual);
    }
}
