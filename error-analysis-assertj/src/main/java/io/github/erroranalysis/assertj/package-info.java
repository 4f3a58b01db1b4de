/**
 * AssertJ assertions on an analysis, for tests and CI pipelines that hold a classifier to a standard:
 * {@code ErrorAnalysisAssertions.assertThat(analysis).hasAccuracyLowerBoundAtLeast(0.6)}. Failure messages give the
 * actual value with its 95 % Wilson interval and the threshold; a threshold outside [0, 1] is an
 * {@link java.lang.IllegalArgumentException}, not a failed assertion. They work with soft assertions, navigation
 * ({@code classAccuracy("cat")}) included, through {@link io.github.erroranalysis.assertj.ErrorAnalysisSoftAssertions},
 * any {@link io.github.erroranalysis.assertj.ErrorAnalysisSoftAssertionsProvider} or AssertJ's own
 * {@code SoftAssertions.proxy}.
 *
 * <p>AssertJ is an optional dependency of this module: add {@code org.assertj:assertj-core} (3.x, usually in test
 * scope) to use this package.
 */
package io.github.erroranalysis.assertj;
