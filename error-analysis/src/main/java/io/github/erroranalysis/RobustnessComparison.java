package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.McNemarTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Two models' robustness studies on the same examples and cells: per cell the accuracy difference (B − A) with
 * McNemar's exact test on the paired outcomes, and per corruption the difference averaged over severities with a
 * paired bootstrap interval; this answers "which corruptions does augmentation fix".
 *
 * <p>The paired bootstrap resamples examples (A's {@link Bootstrap}): each example's score is B's mean correctness
 * over the cells averaged minus A's, so both models see the same drawn examples.
 */
public final class RobustnessComparison {

    private final Robustness a;
    private final Robustness b;
    private final double level;
    private final List<CellDifference> cells;

    private RobustnessComparison(Robustness a, Robustness b, double level, List<CellDifference> cells) {
        this.a = a;
        this.b = b;
        this.level = level;
        this.cells = cells;
    }

    /**
     * One cell's paired comparison.
     *
     * @param corruption the corruption's name
     * @param severity the severity
     * @param accuracyA model A's accuracy
     * @param accuracyB model B's accuracy
     * @param test McNemar's test on the examples where exactly one model is right
     */
    public record CellDifference(String corruption, int severity, double accuracyA, double accuracyB,
            McNemarTest test) {

        /**
         * Returns B's accuracy minus A's.
         *
         * @return the difference
         */
        public double difference() {
            return accuracyB - accuracyA;
        }
    }

    /**
     * Compares two studies.
     *
     * @param a the baseline's study ({@code --model})
     * @param b the candidate's study ({@code --model-b})
     * @param level the confidence level of the tests and intervals
     * @return the comparison
     * @throws IllegalArgumentException if the examples, labels, origins or cells differ, or the level is not in (0, 1)
     */
    static RobustnessComparison of(Robustness a, Robustness b, double level) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "candidate");
        Intervals.checkLevel(level);
        TestSets.requireSame(a.clean(), b.clean());
        if (a.cells().size() != b.cells().size()) {
            throw new IllegalArgumentException("cannot compare robustness studies of different cells: the baseline's "
                    + "has " + a.cells().size() + " cells but the candidate's has " + b.cells().size());
        }
        List<CellDifference> out = new ArrayList<>(a.cells().size());
        for (int k = 0; k < a.cells().size(); k++) {
            RobustnessCell ca = a.cells().get(k);
            int kb = b.position(ca.corruption(), ca.severity());
            if (kb < 0) {
                throw new IllegalArgumentException("cannot compare robustness studies of different cells: the "
                        + "candidate's has no cell " + ca.label());
            }
            RobustnessCell cb = b.cells().get(kb);
            if (cb.standard() != ca.standard()) {
                throw new IllegalArgumentException("cannot compare robustness studies: " + ca.corruption()
                        + " is standard in the baseline's and extra in the candidate's, or the other way");
            }
            boolean[] rightA = a.correct(k);
            boolean[] rightB = b.correct(kb);
            long rightToWrong = 0;
            long wrongToRight = 0;
            for (int i = 0; i < rightA.length; i++) {
                if (rightA[i] && !rightB[i]) {
                    rightToWrong++;
                } else if (!rightA[i] && rightB[i]) {
                    wrongToRight++;
                }
            }
            out.add(new CellDifference(ca.corruption(), ca.severity(), ca.accuracy(), cb.accuracy(),
                    McNemarTest.of(rightToWrong, wrongToRight, level)));
        }
        return new RobustnessComparison(a, b, level, List.copyOf(out));
    }

    /**
     * Returns model A's study.
     *
     * @return the baseline
     */
    public Robustness a() {
        return a;
    }

    /**
     * Returns model B's study.
     *
     * @return the candidate
     */
    public Robustness b() {
        return b;
    }

    /**
     * Returns the confidence level of the tests and intervals.
     *
     * @return the level, such as 0.95
     */
    public double level() {
        return level;
    }

    /**
     * Returns every cell's comparison, in A's cell order.
     *
     * @return the cells
     */
    public List<CellDifference> cells() {
        return cells;
    }

    /**
     * Returns one corruption's cell comparisons, ascending by severity.
     *
     * @param corruption the corruption's name
     * @return its cells
     * @throws IllegalArgumentException naming the corruption when the studies have none of that name
     */
    public List<CellDifference> cells(String corruption) {
        int[] ks = a.positions(corruption);
        List<CellDifference> out = new ArrayList<>(ks.length);
        for (int k : ks) {
            out.add(cells.get(k));
        }
        return List.copyOf(out);
    }

    /**
     * Returns the difference (B − A) of the accuracy under one corruption averaged over severities, with a paired
     * bootstrap interval over examples.
     *
     * @param corruption the corruption's name
     * @param level the confidence level
     * @return the difference and its interval
     * @throws IllegalArgumentException naming the corruption when the studies have none of that name
     */
    public Interval corruptionDifference(String corruption, double level) {
        return difference(List.of(corruption), level);
    }

    /**
     * Returns the difference (B − A) of the mean corruption accuracy over the standard corruptions, with a paired
     * bootstrap interval.
     *
     * @param level the confidence level
     * @return the difference and its interval; NaN estimate when no standard corruption was studied
     */
    public Interval meanCorruptionDifference(double level) {
        return difference(a.standardCorruptions(), level);
    }

    /**
     * Returns the difference (B − A) of the mean accuracy over the extra corruptions, with a paired bootstrap
     * interval.
     *
     * @param level the confidence level
     * @return the difference and its interval; NaN estimate when no extra corruption was studied
     */
    public Interval meanExtraDifference(double level) {
        return difference(a.extraCorruptions(), level);
    }

    private Interval difference(List<String> corruptions, double level) {
        double[] sa = a.scores(corruptions);
        double[] sb = b.scores(corruptions);
        for (int i = 0; i < sa.length; i++) {
            sb[i] -= sa[i];
        }
        double estimate = b.estimate(corruptions) - a.estimate(corruptions);
        return a.bootstrapMean(estimate, sb, level, "paired " + a.method());
    }
}
