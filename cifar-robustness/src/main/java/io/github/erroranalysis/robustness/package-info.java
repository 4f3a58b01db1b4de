/**
 * The robustness suite: a model measured on a data set under every chosen corruption and severity (the core's
 * {@code Robustness}), the corrupted images made in memory and in parallel, never written unless asked.
 */
package io.github.erroranalysis.robustness;
