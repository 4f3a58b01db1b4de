/**
 * Hand-run speed benchmarks of the baseline CNN (not run by {@code mvn verify}); see the module README, "Speed".
 */
package io.github.erroranalysis.cifar.model.bench;
