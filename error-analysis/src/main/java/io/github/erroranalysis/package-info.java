/**
 * What an image classifier gets wrong, and why: the error-analysis core.
 *
 * <p>Start at {@link io.github.erroranalysis.ErrorAnalysis}: {@code ErrorAnalysis.of(model, testSet)}
 * runs batched inference once and returns an immutable analysis whose fluent steps read as the
 * course's steps, for example {@code ErrorAnalysis.of(model, testSet).wrong().perClassAccuracy().hardest()}.
 * Predictions made elsewhere (PyTorch, Keras) enter through {@code ErrorAnalysis.fromPredictions},
 * {@code fromLogits} and {@link io.github.erroranalysis.PredictionFiles}. For parallel and distributed
 * evaluation, {@link io.github.erroranalysis.ErrorAnalysisAccumulator} implements ND4J's
 * {@code IEvaluation} and merges exactly.
 *
 * <p>Conventions shared by every type here: confusion matrices have true classes as rows and
 * predicted classes as columns; a metric with no examples is {@code NaN} in the API, {@code null}
 * in JSON and "no examples" in text, never 0; every selection of examples is deterministic, ties
 * going to the lowest example index.
 */
package io.github.erroranalysis;
