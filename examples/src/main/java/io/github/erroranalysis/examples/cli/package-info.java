/**
 * The {@code cifar-errors} command line ({@code java -jar examples/target/cifar-errors.jar}): {@code analyze} with
 * quality gates, {@code calibrate}, {@code compare}, {@code train}, {@code predict}, {@code robustness}, {@code corrupt}
 * and {@code audit} (the data audit: near-duplicates between training and test data, and the slices where the model
 * fails); with no arguments it runs the main job. Exit
 * codes: {@value io.github.erroranalysis.examples.cli.ExitCodes#PASSED} when every gate passes,
 * {@value io.github.erroranalysis.examples.cli.ExitCodes#GATE_FAILED} when a gate fails,
 * {@value io.github.erroranalysis.examples.cli.ExitCodes#BAD_INPUT} for bad input or usage.
 */
package io.github.erroranalysis.examples.cli;
