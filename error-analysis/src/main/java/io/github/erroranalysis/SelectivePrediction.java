package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Selective prediction (Geifman and El-Yaniv 2017): what answering only the most confident examples buys, from the
 * {@link RiskCoverageCurve}. Definitions (STATISTICS.md): examples sorted by confidence descending, ties by the lower
 * example index first; {@code risk(k)} = errors among the first k / k; AURC = the mean of risk(k) over k = 1..n;
 * the optimal AURC is that of the same errors sorted last; risk at coverage c = {@code risk(⌈c·n⌉)}; coverage at
 * risk r = the largest k/n with {@code risk(k) ≤ r} (0, threshold NaN, when none); a threshold is the confidence of
 * the k-th example.
 *
 * @param level the confidence level of the intervals
 * @param examples n
 * @param errors the wrong predictions among all n
 * @param aurc the area under the risk–coverage curve
 * @param aurcInterval the AURC with its bootstrap interval
 * @param optimalAurc the AURC of a model with the same errors ranked least confident: {@code (1/n)·Σ_{k>c}(k-c)/k}
 *                    with c the correct predictions
 * @param excessAurc {@code aurc - optimalAurc}, what a better ranking of the same predictions could gain
 * @param riskAtCoverage the risk at each asked coverage, in the order asked
 * @param coverageAtRisk the coverage at each asked risk, in the order asked
 * @param bootstrap the bootstrap settings of the intervals
 */
public record SelectivePrediction(double level, int examples, long errors, double aurc, Interval aurcInterval,
        double optimalAurc, double excessAurc, List<RiskAtCoverage> riskAtCoverage, List<CoverageAtRisk> coverageAtRisk,
        Bootstrap bootstrap) {

    /** The coverages the report shows the risk at. */
    public static final List<Double> DEFAULT_COVERAGES = List.of(0.5, 0.8, 0.9, 0.95, 1.0);

    /** The risks the report shows the coverage at. */
    public static final List<Double> DEFAULT_RISKS = List.of(0.01, 0.02, 0.05);

    /**
     * Checks and copies the components.
     *
     * @param level the confidence level
     * @param examples n
     * @param errors the wrong predictions
     * @param aurc the AURC
     * @param aurcInterval its interval
     * @param optimalAurc the optimal AURC
     * @param excessAurc the excess AURC
     * @param riskAtCoverage the risks at coverages
     * @param coverageAtRisk the coverages at risks
     * @param bootstrap the bootstrap settings
     */
    public SelectivePrediction {
        Intervals.checkLevel(level);
        Objects.requireNonNull(aurcInterval, "aurcInterval");
        riskAtCoverage = List.copyOf(riskAtCoverage);
        coverageAtRisk = List.copyOf(coverageAtRisk);
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /**
     * Computes selective prediction at the default coverages and risks, 95 %, the default bootstrap.
     *
     * @param analysis the analysis
     * @return its selective prediction
     */
    public static SelectivePrediction of(ErrorAnalysis analysis) {
        return of(analysis, Intervals.DEFAULT_LEVEL, Bootstrap.defaults(), DEFAULT_COVERAGES, DEFAULT_RISKS);
    }

    /**
     * Computes selective prediction at chosen coverages and risks.
     *
     * @param analysis the analysis
     * @param level the confidence level, in (0, 1)
     * @param bootstrap the bootstrap settings
     * @param coverages the coverages to give the risk at, each in (0, 1]
     * @param risks the risks to give the coverage at, each in [0, 1]
     * @return its selective prediction
     * @throws IllegalArgumentException naming a coverage or risk outside its range
     */
    public static SelectivePrediction of(ErrorAnalysis analysis, double level, Bootstrap bootstrap,
            List<Double> coverages, List<Double> risks) {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Intervals.checkLevel(level);
        for (double r : risks) {
            checkRisk(r);
        }
        RiskCoverageCurve curve = analysis.riskCoverage();
        int n = curve.examples();
        List<RiskAtCoverage> atCoverage = new ArrayList<>();
        for (double c : coverages) {
            int k = curve.answered(c);
            int all = curve.answeredAtThreshold(k);
            atCoverage.add(new RiskAtCoverage(c, k, curve.risk(k), curve.confidence(k), all, curve.risk(all)));
        }
        double[] asked = new double[risks.size()];
        for (int r = 0; r < asked.length; r++) {
            asked[r] = risks.get(r);
        }
        double[] exact = exact(curve, asked);
        double[] estimates = new double[1 + risks.size()];
        estimates[0] = aurc(curve, exact);
        int[] answered = new int[risks.size()];
        for (int r = 0; r < risks.size(); r++) {
            answered[r] = (int) exact[1 + r];
            estimates[1 + r] = (double) answered[r] / n;
        }
        List<Interval> intervals = intervals(curve, estimates, risks, level, bootstrap);
        List<CoverageAtRisk> atRisk = new ArrayList<>();
        for (int r = 0; r < risks.size(); r++) {
            int k = answered[r];
            int all = k == 0 ? 0 : curve.answeredAtThreshold(k);
            atRisk.add(new CoverageAtRisk(risks.get(r), k, (double) k / n, k == 0 ? Double.NaN : curve.confidence(k),
                    intervals.get(1 + r), all, k == 0 ? Double.NaN : curve.risk(all)));
        }
        double aurc = estimates[0];
        double optimal = optimalAurc(n, curve.errors(n));
        return new SelectivePrediction(level, n, curve.errors(n), aurc, intervals.get(0), optimal, aurc - optimal,
                atCoverage, atRisk, bootstrap);
    }

    /**
     * Checks a target risk.
     *
     * @param risk the risk
     * @return the risk
     * @throws IllegalArgumentException {@code "a risk must be in [0, 1], but is 1.5"}
     */
    public static double checkRisk(double risk) {
        if (!(risk >= 0 && risk <= 1)) {
            throw new IllegalArgumentException("a risk must be in [0, 1], but is " + risk);
        }
        return risk;
    }

    /** The mean of risk(k) over k = 1..n, summed in k order. */
    static double aurc(RiskCoverageCurve curve) {
        return aurc(curve, exact(curve, new double[0]));
    }

    private static double aurc(RiskCoverageCurve curve, double[] exact) {
        return exact[0] / curve.examples();
    }

    /**
     * One pass over k = 1..n: the sum of risk(k) at [0], then for each risk the largest k with {@code risk(k) ≤ r}
     * (0 when none), each risk computed once as {@code (double) errors / k}.
     */
    private static double[] exact(RiskCoverageCurve curve, double[] risks) {
        int n = curve.examples();
        double[] best = new double[1 + risks.length];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            double risk = (double) curve.errors(k) / k;
            sum += risk;
            for (int r = 0; r < risks.length; r++) {
                if (risk <= risks[r]) {
                    best[1 + r] = k;
                }
            }
        }
        best[0] = sum;
        return best;
    }

    /** The AURC with every error ranked last: (1/n)·Σ_{k=c+1..n} (k-c)/k, c = n - errors. */
    static double optimalAurc(int n, long errors) {
        long c = n - errors;
        double sum = 0;
        for (long k = c + 1; k <= n; k++) {
            sum += (double) (k - c) / k;
        }
        return sum / n;
    }

    /** The largest k with risk(k) ≤ r, 0 when none. */
    static int answeredAtRisk(RiskCoverageCurve curve, double risk) {
        return (int) exact(curve, new double[] {risk})[1];
    }

    /**
     * The bootstrap of the AURC and the coverages ({@link RiskCoverageBootstrap}): below
     * {@link Bootstrap#GROUPED_MIN_EXAMPLES} the classic one (a resample keeps the sorted order, each example counted
     * as often as it was drawn, its copies adjacent), from there on grouped Poisson counts of blocks of the sorted
     * order, centred on the exact estimate; the bootstrap's scheme decides.
     */
    private static List<Interval> intervals(RiskCoverageCurve curve, double[] estimates, List<Double> risks,
            double level, Bootstrap bootstrap) {
        double[] r = new double[risks.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = risks.get(i);
        }
        return RiskCoverageBootstrap.intervals(curve, estimates, r, level, bootstrap);
    }

    /**
     * Finds the coverage at one of the risks computed.
     *
     * @param risk the risk, as asked
     * @return its coverage
     * @throws IllegalArgumentException naming the risk when it was not asked for
     */
    public CoverageAtRisk coverageAt(double risk) {
        return coverageAtRisk.stream().filter(c -> c.risk() == risk).findFirst().orElseThrow(
                () -> new IllegalArgumentException("the coverage at risk " + risk + " was not computed; the risks are "
                        + coverageAtRisk.stream().map(CoverageAtRisk::risk).toList()));
    }

    /**
     * Answers the course's question "which mistakes are more dangerous?" in words drawn from the numbers: what
     * refusing the least confident answers buys (the risk at 80 % coverage against all answered), and how much can be
     * answered at the largest default risk asked; only the parts whose numbers were computed.
     *
     * @return for example {@code "Refusing the 20 % least confident answers cuts the error rate from 30.1 % to
     *         14.2 %. With at most 5 % errors the model can answer 41.3 % [38.0 %, 44.9 %] of inputs (those with
     *         confidence at least 0.9412)."}
     */
    public String inWords() {
        StringBuilder s = new StringBuilder();
        RiskAtCoverage all = riskAtCoverage.stream().filter(r -> r.coverage() == 1.0).findFirst().orElse(null);
        RiskAtCoverage most = riskAtCoverage.stream().filter(r -> r.coverage() == 0.8).findFirst().orElse(null);
        if (all != null && most != null) {
            s.append(most.risk() == all.risk()
                    ? Formats.format("Refusing the 20 %% least confident answers leaves the error rate at %s.",
                            Formats.percentOneDecimal(all.risk()))
                    : Formats.format("Refusing the 20 %% least confident answers %s the error rate from %s to %s.",
                            most.risk() < all.risk() ? "cuts" : "raises", Formats.percentOneDecimal(all.risk()),
                            Formats.percentOneDecimal(most.risk())));
        }
        CoverageAtRisk target = coverageAtRisk.isEmpty() ? null : coverageAtRisk.get(coverageAtRisk.size() - 1);
        if (target != null) {
            if (s.length() > 0) {
                s.append(' ');
            }
            Interval c = target.coverageInterval();
            s.append(target.achievable()
                    ? Formats.format("With at most %s errors the model can answer %s [%s, %s] of inputs (%s).",
                            Formats.percentOneDecimal(target.risk()), Formats.percentOneDecimal(target.coverage()),
                            Formats.percentOneDecimal(c.lower()), Formats.percentOneDecimal(c.upper()),
                            target.whichInWords())
                    : Formats.format("No share of the inputs keeps the error rate at most %s: even the most confident "
                            + "answer is wrong.", Formats.percentOneDecimal(target.risk())));
        }
        return s.toString();
    }

    /**
     * Says it in words, one line per number.
     *
     * @return a multi-line description for people
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(Formats.format("AURC %.4f [%.4f, %.4f] (optimal %.4f, excess %.4f)",
                aurc, aurcInterval.lower(), aurcInterval.upper(), optimalAurc, excessAurc));
        riskAtCoverage.forEach(r -> s.append('\n').append(r));
        coverageAtRisk.forEach(c -> s.append('\n').append(c));
        return s.toString();
    }
}
