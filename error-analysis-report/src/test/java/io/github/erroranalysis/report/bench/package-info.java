/** Benchmarks of the report package: plain main methods, never run by {@code mvn verify}. */
package io.github.erroranalysis.report.bench;
