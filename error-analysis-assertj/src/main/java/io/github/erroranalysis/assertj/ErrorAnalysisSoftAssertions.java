package io.github.erroranalysis.assertj;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.util.CheckReturnValue;

/**
 * Soft assertions that also know analyses: every failure is collected and reported together by
 * {@link #assertAll()}, including the failures of navigated assertions such as
 * {@code softly.assertThat(analysis).classAccuracy("cat").isGreaterThan(0.6)}.
 */
public class ErrorAnalysisSoftAssertions extends SoftAssertions implements ErrorAnalysisSoftAssertionsProvider {

    /**
     * Makes empty soft assertions.
     */
    public ErrorAnalysisSoftAssertions() {
    }

    /**
     * Starts soft assertions on an analysis.
     *
     * @param actual the analysis to check
     * @return the assertion object, whose failures (and those of its navigations) are collected
     */
    @CheckReturnValue
    @Override
    public ErrorAnalysisAssert assertThat(ErrorAnalysis actual) {
        return ErrorAnalysisSoftAssertionsProvider.super.assertThat(actual);
    }
}
