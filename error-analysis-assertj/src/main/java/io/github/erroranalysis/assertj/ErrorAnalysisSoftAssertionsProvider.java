package io.github.erroranalysis.assertj;

import io.github.erroranalysis.ErrorAnalysis;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.util.CheckReturnValue;

/**
 * Adds soft analysis assertions to any AssertJ soft-assertions class, the way AssertJ's own providers do:
 * {@code class MySoftly extends BDDSoftAssertions implements ErrorAnalysisSoftAssertionsProvider {}}. Every failure,
 * navigated ones ({@link ErrorAnalysisAssert#classAccuracy(String)}) included, is collected until {@code assertAll()}.
 */
public interface ErrorAnalysisSoftAssertionsProvider extends SoftAssertionsProvider {

    /**
     * Starts soft assertions on an analysis.
     *
     * @param actual the analysis to check
     * @return the assertion object, whose failures (and those of its navigations) are collected
     */
    @CheckReturnValue
    default ErrorAnalysisAssert assertThat(ErrorAnalysis actual) {
        return proxy(ErrorAnalysisAssert.class, ErrorAnalysis.class, actual);
    }
}
