package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import java.util.Objects;

/**
 * Two models' selective prediction on the same examples: each AURC (lower is better: the mistakes are ranked less
 * confident) and the difference, candidate minus baseline, with its paired-bootstrap interval (every resample
 * weighs each example the same for both models; STATISTICS.md, "Selective prediction").
 *
 * @param baselineAurc the baseline's AURC
 * @param candidateAurc the candidate's AURC
 * @param aurcDifference candidate minus baseline AURC with its paired-bootstrap interval (negative: the candidate
 *                       answers more safely)
 */
public record SelectiveComparison(double baselineAurc, double candidateAurc, Interval aurcDifference) {

    /**
     * Checks the components.
     *
     * @param baselineAurc the baseline's AURC
     * @param candidateAurc the candidate's AURC
     * @param aurcDifference the difference with its interval
     */
    public SelectiveComparison {
        Objects.requireNonNull(aurcDifference, "aurcDifference");
    }

    /**
     * Compares two analyses of the same examples.
     *
     * @param baseline the baseline
     * @param candidate the candidate, on the same examples
     * @param level the confidence level
     * @param bootstrap the bootstrap settings
     * @return the comparison
     */
    static SelectiveComparison of(ErrorAnalysis baseline, ErrorAnalysis candidate, double level,
            Bootstrap bootstrap) {
        RiskCoverageCurve a = baseline.riskCoverage();
        RiskCoverageCurve b = candidate.riskCoverage();
        double aurcA = SelectivePrediction.aurc(a);
        double aurcB = SelectivePrediction.aurc(b);
        return new SelectiveComparison(aurcA, aurcB,
                RiskCoverageBootstrap.pairedDifference(a, b, aurcB - aurcA, level, bootstrap));
    }

    /**
     * Says it in words.
     *
     * @return for example {@code "AURC 0.1210 -> 0.0980, change -0.0230 [-0.0290, -0.0170]"}
     */
    @Override
    public String toString() {
        return Formats.format("AURC %.4f -> %.4f, change %+.4f [%+.4f, %+.4f]", baselineAurc, candidateAurc,
                aurcDifference.estimate(), aurcDifference.lower(), aurcDifference.upper());
    }
}
