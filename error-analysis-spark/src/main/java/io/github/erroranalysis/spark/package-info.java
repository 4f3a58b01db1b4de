/**
 * Distributed error analysis on Apache Spark, for test sets that outgrow one machine.
 *
 * <p>Start at {@link io.github.erroranalysis.spark.SparkErrorAnalysis}: {@code SparkErrorAnalysis.of(sc, model, rdd)}
 * broadcasts the model once, runs batched inference inside each partition, merges the per-partition
 * {@link io.github.erroranalysis.ErrorAnalysisAccumulator}s with {@code treeAggregate} and returns the same immutable
 * {@link io.github.erroranalysis.ErrorAnalysis} as one pass over the data in RDD order on one machine, origins
 * included. Predictions made elsewhere enter as an RDD of {@link io.github.erroranalysis.spark.PredictionRow}.
 * Bad input fails the job with a {@link io.github.erroranalysis.spark.BadPartitionException} that names the
 * partition and the row.
 */
package io.github.erroranalysis.spark;
