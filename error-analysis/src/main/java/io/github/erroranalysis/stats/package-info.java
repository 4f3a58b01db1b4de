/**
 * Honest uncertainty for an error analysis: Wilson and bootstrap intervals, whether the hardest class is
 * significantly hardest, the comparison of two models on the same test set (exact McNemar test, flipped
 * examples, per-class changes) and the triage of mistakes into likely label issues, ambiguous pictures and
 * confident model errors.
 *
 * <p>Everything here reads an {@link io.github.erroranalysis.ErrorAnalysis} through its public API and works
 * from probabilities alone, so it also runs on predictions made elsewhere. Entry points:
 * {@link io.github.erroranalysis.stats.AnalysisStatistics#of(io.github.erroranalysis.ErrorAnalysis)},
 * {@link io.github.erroranalysis.stats.HonestHardest#of(io.github.erroranalysis.ErrorAnalysis)},
 * {@link io.github.erroranalysis.stats.ModelComparison#of(io.github.erroranalysis.ErrorAnalysis,
 * io.github.erroranalysis.ErrorAnalysis)}, {@link io.github.erroranalysis.stats.Triage#of(
 * io.github.erroranalysis.ErrorAnalysis)}, and the building blocks {@link io.github.erroranalysis.stats.Intervals},
 * {@link io.github.erroranalysis.stats.ExactTests} and {@link io.github.erroranalysis.stats.Bootstrap}.
 *
 * <p>Conventions: results are immutable records; a value with no examples is NaN in the API, {@code null} in
 * JSON and "no examples" in text; everything random is a pure function of the data and a seed
 * ({@link java.util.SplittableRandom}); confusion matrices have true classes as rows and predicted classes as
 * columns. Methods, formulas and cutoffs are documented in the module's {@code STATISTICS.md}.
 */
package io.github.erroranalysis.stats;
import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.HonestHardest;
import io.github.erroranalysis.Triage;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.Bootstrap;
