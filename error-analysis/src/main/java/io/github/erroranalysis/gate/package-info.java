/**
 * The one quality-gate model: a {@link io.github.erroranalysis.gate.QualityGate} (a metric, a threshold, a direction
 * and which value of the interval is judged), judged by a {@link io.github.erroranalysis.gate.GateEvaluator} over an
 * analysis and its statistics into a {@link io.github.erroranalysis.gate.GateResult} with one wording for people;
 * {@link io.github.erroranalysis.gate.GateJson} writes the results into {@code report.json} and
 * {@link io.github.erroranalysis.gate.GateJUnitXml} as JUnit test cases. The CLI gates and the AssertJ assertions
 * both use it. It imports the core's root package, {@code stats} and {@code json}; nothing in the root package
 * imports it.
 */
package io.github.erroranalysis.gate;
