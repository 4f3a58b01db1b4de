/**
 * Speed checks of the statistics package, run by hand (never by {@code mvn verify}): see
 * {@link io.github.erroranalysis.stats.bench.StatsBenchmark}.
 */
package io.github.erroranalysis.stats.bench;
