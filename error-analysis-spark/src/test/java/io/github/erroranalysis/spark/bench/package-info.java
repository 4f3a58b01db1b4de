/**
 * The Spark benchmark harness: a main method, run by hand or with {@code -Pbench}, never by the tests.
 */
package io.github.erroranalysis.spark.bench;
