/**
 * The counts math under an error analysis's honest uncertainty: Wilson intervals for proportions
 * ({@link io.github.erroranalysis.stats.Intervals}), exact tests ({@link io.github.erroranalysis.stats.ExactTests},
 * {@link io.github.erroranalysis.stats.McNemarTest}) and the seeded percentile bootstrap over resample index
 * arrays ({@link io.github.erroranalysis.stats.Resampling}).
 *
 * <p>Nothing here knows the analysis: it works on counts and primitive arrays, and the root package calls into it
 * (one direction). Conventions: results are immutable records; a value with no examples is NaN; everything
 * random is a pure function of its inputs and a seed ({@link java.util.SplittableRandom}), the same on any number
 * of threads. Methods and formulas are documented in the module's {@code STATISTICS.md}.
 */
package io.github.erroranalysis.stats;
