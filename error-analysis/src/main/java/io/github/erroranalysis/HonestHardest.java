package io.github.erroranalysis;

import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.ExactTests;
import io.github.erroranalysis.io.Formats;
import java.util.Objects;
import java.util.Optional;

/**
 * The hardest class, honestly: the class with the lowest accuracy (the core's {@code hardest()}), its runner-up,
 * and whether the gap between them is more than noise.
 *
 * <p>The test is Fisher's exact test, two-sided, on the 2×2 table (correct, wrong) of the hardest class against
 * (correct, wrong) of the runner-up; the hardest class is "significantly hardest" when its p-value is below
 * {@code 1 - level} (0.05 at 95 %). The hardest class is chosen because it is lowest, so a small p-value is
 * somewhat optimistic when many classes are close: treat "significantly" as "clearly", not as a proof.
 *
 * @param hardest the hardest class's accuracy (lowest accuracy among classes with examples, lowest index on ties)
 * @param runnerUp the second-lowest accuracy among the other classes with examples, if there is one
 * @param pValue Fisher's exact two-sided p-value of hardest against runner-up; NaN without a runner-up
 * @param significant whether {@code pValue < 1 - level}
 * @param level the confidence level whose complement is the significance threshold
 */
public record HonestHardest(ClassAccuracy hardest, Optional<ClassAccuracy> runnerUp, double pValue,
        boolean significant, double level) {

    /**
     * Checks the components.
     *
     * @param hardest the hardest class
     * @param runnerUp the runner-up, if any
     * @param pValue the p-value
     * @param significant whether the p-value is below {@code 1 - level}
     * @param level the confidence level
     */
    public HonestHardest {
        Objects.requireNonNull(hardest, "hardest");
        Objects.requireNonNull(runnerUp, "runnerUp");
        Intervals.checkLevel(level);
    }

    /**
     * Finds the hardest class and tests it against the runner-up at the 95 % level (p below 0.05).
     *
     * @param analysis the analysis
     * @return the honest hardest class
     */
    public static HonestHardest of(ErrorAnalysis analysis) {
        return of(analysis, Intervals.DEFAULT_LEVEL);
    }

    /**
     * Finds the hardest class and tests it against the runner-up at a level.
     *
     * @param analysis the analysis
     * @param level the confidence level, strictly between 0 and 1; significant means p below {@code 1 - level}
     * @return the honest hardest class
     */
    public static HonestHardest of(ErrorAnalysis analysis, double level) {
        Intervals.checkLevel(level);
        PerClassAccuracy perClass = analysis.perClassAccuracy();
        HardestClass h = perClass.hardest();
        ClassAccuracy hardest = perClass.get(h.index());
        ClassAccuracy runnerUp = null;
        for (ClassAccuracy a : perClass.classes()) {
            if (a.classIndex() != hardest.classIndex() && a.support() > 0
                    && (runnerUp == null || a.accuracy() < runnerUp.accuracy())) {
                runnerUp = a;
            }
        }
        if (runnerUp == null) {
            return new HonestHardest(hardest, Optional.empty(), Double.NaN, false, level);
        }
        double p = ExactTests.fisher(hardest.correct(), hardest.support() - hardest.correct(), runnerUp.correct(),
                runnerUp.support() - runnerUp.correct());
        return new HonestHardest(hardest, Optional.of(runnerUp), p, p < 1 - level, level);
    }

    /**
     * Gives the verdict in a few words: {@code "cat (significantly hardest)"}, {@code "cat, tied with dog within
     * noise"} or {@code "cat (the only class with examples)"}.
     *
     * @return the verdict for people
     */
    public String verdict() {
        if (runnerUp.isEmpty()) {
            return hardest.className() + " (the only class with examples)";
        }
        return significant ? hardest.className() + " (significantly hardest)"
                : hardest.className() + ", tied with " + runnerUp.get().className() + " within noise";
    }

    /**
     * Reads as {@code "hardest class: cat (significantly hardest): 0.5800 (580/1000) against runner-up dog 0.6500
     * (650/1000), Fisher's exact p = 0.001650"}.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        String s = "hardest class: " + verdict() + ": " + Formats.ratio(hardest.accuracy()) + " (" + hardest.correct() + "/"
                + hardest.support() + ")";
        return runnerUp.map(r -> s + " against runner-up " + r.className() + " " + Formats.ratio(r.accuracy()) + " ("
                + r.correct() + "/" + r.support() + "), Fisher's exact p = " + Formats.pValue(pValue)).orElse(s);
    }
}
