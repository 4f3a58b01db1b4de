/**
 * JMH benchmarks of the error-analysis core against ND4J's own evaluation classes; run with
 * {@code mvn -pl error-analysis -Pbench verify} (see the module README), never by the normal build.
 */
package io.github.erroranalysis.bench;
