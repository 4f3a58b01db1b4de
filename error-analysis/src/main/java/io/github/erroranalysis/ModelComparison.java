package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.McNemarTest;
import io.github.erroranalysis.io.Formats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two models compared on the same test set (the course's Stage 8: baseline against augmented): each accuracy
 * with its Wilson interval, the change with a paired-bootstrap interval, the exact McNemar test, the examples
 * that flipped, each class's change and how each confusion pair changed.
 *
 * @param level the confidence level of every interval and test, strictly between 0 and 1
 * @param examples the number of examples in the common test set
 * @param testSet the fingerprint of the common test set (class names, true classes, origins)
 * @param baselineAccuracy the baseline's accuracy with its Wilson interval
 * @param candidateAccuracy the candidate's accuracy with its Wilson interval
 * @param accuracyChange candidate minus baseline accuracy with its paired-bootstrap interval
 * @param mcnemar the exact McNemar test on the examples the models disagree about
 * @param selectivePrediction both models' AURC and candidate minus baseline AURC with its paired-bootstrap interval
 * @param flips the examples one model got right and the other wrong, by example index
 * @param perClass each class's accuracy change, in class order
 * @param confusionChanges every off-diagonal confusion cell that either model filled, largest change first (ties
 *                         by true then predicted class)
 * @param bootstrap the bootstrap settings of the paired-bootstrap intervals
 * @param baselineProvenance where the baseline's analysis came from (model and data fingerprints, version, date)
 * @param candidateProvenance where the candidate's analysis came from
 */
public record ModelComparison(double level, int examples, String testSet, Interval baselineAccuracy,
        Interval candidateAccuracy, Interval accuracyChange, McNemarTest mcnemar,
        SelectiveComparison selectivePrediction, List<FlippedExample> flips, List<ClassChange> perClass,
        List<ConfusionChange> confusionChanges, Bootstrap bootstrap, Provenance baselineProvenance,
        Provenance candidateProvenance) {

    private static final Logger LOG = LoggerFactory.getLogger(ModelComparison.class);

    /**
     * Checks and copies the components.
     *
     * @param level the confidence level
     * @param examples the number of examples
     * @param testSet the test-set fingerprint
     * @param baselineAccuracy the baseline's accuracy interval
     * @param candidateAccuracy the candidate's accuracy interval
     * @param accuracyChange the accuracy change interval
     * @param mcnemar the McNemar test
     * @param selectivePrediction the AURCs and their paired difference
     * @param flips the flipped examples
     * @param perClass the per-class changes
     * @param confusionChanges the confusion-pair changes
     * @param bootstrap the bootstrap settings
     * @param baselineProvenance the baseline analysis's provenance
     * @param candidateProvenance the candidate analysis's provenance
     */
    public ModelComparison {
        Intervals.checkLevel(level);
        Objects.requireNonNull(testSet, "testSet");
        Objects.requireNonNull(baselineAccuracy, "baselineAccuracy");
        Objects.requireNonNull(candidateAccuracy, "candidateAccuracy");
        Objects.requireNonNull(accuracyChange, "accuracyChange");
        Objects.requireNonNull(mcnemar, "mcnemar");
        Objects.requireNonNull(selectivePrediction, "selectivePrediction");
        flips = List.copyOf(flips);
        perClass = List.copyOf(perClass);
        confusionChanges = List.copyOf(confusionChanges);
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(baselineProvenance, "baselineProvenance");
        Objects.requireNonNull(candidateProvenance, "candidateProvenance");
    }

    /**
     * Compares a candidate model with a baseline on the same test set, at the 95 % level with the default
     * bootstrap (1,000 resamples, seed 42).
     *
     * @param baseline the analysis of the baseline model
     * @param candidate the analysis of the candidate model on the same test set
     * @return the comparison
     * @throws IllegalArgumentException saying what differs when the test sets differ
     */
    public static ModelComparison of(ErrorAnalysis baseline, ErrorAnalysis candidate) {
        return of(baseline, candidate, Intervals.DEFAULT_LEVEL, Bootstrap.defaults());
    }

    /**
     * Compares a candidate model with a baseline on the same test set, with a chosen seed (1,000 resamples).
     *
     * @param baseline the analysis of the baseline model
     * @param candidate the analysis of the candidate model on the same test set
     * @param seed the seed of the paired bootstrap
     * @return the comparison
     */
    public static ModelComparison of(ErrorAnalysis baseline, ErrorAnalysis candidate, long seed) {
        return of(baseline, candidate, Intervals.DEFAULT_LEVEL, Bootstrap.of(Bootstrap.DEFAULT_RESAMPLES, seed));
    }

    /**
     * Compares a candidate model with a baseline on the same test set, at a level with chosen bootstrap settings.
     *
     * @param baseline the analysis of the baseline model
     * @param candidate the analysis of the candidate model on the same test set
     * @param level the confidence level, strictly between 0 and 1
     * @param bootstrap the number of resamples and the seed of the paired bootstrap
     * @return the comparison
     * @throws IllegalArgumentException saying what differs when the test sets differ, or naming a bad level
     */
    public static ModelComparison of(ErrorAnalysis baseline, ErrorAnalysis candidate, double level,
            Bootstrap bootstrap) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Intervals.checkLevel(level);
        String fingerprint = TestSets.requireSame(baseline, candidate);
        int n = baseline.examples();
        int classes = baseline.classCount();
        List<String> names = baseline.classNames();
        int[] truth = baseline.context().labels();
        int[] predA = baseline.context().predicted();
        int[] predB = candidate.context().predicted();
        // the confusion matrices and supports are the analyses' own; only the flips are counted here
        long[] confusionA = baseline.context().confusion();
        long[] confusionB = candidate.context().confusion();
        long[] rightToWrong = new long[classes];
        long[] wrongToRight = new long[classes];
        List<FlippedExample> flips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int t = truth[i];
            int a = predA[i];
            int b = predB[i];
            boolean rightA = a == t;
            boolean rightB = b == t;
            if (rightA != rightB) {
                Flip flip = rightA ? Flip.RIGHT_TO_WRONG : Flip.WRONG_TO_RIGHT;
                if (rightA) {
                    rightToWrong[t]++;
                } else {
                    wrongToRight[t]++;
                }
                flips.add(new FlippedExample(i, baseline.origin(i), t, names.get(t), flip, a, names.get(a),
                        baseline.confidence(i), b, names.get(b), candidate.confidence(i)));
            }
        }
        long b = sum(rightToWrong);
        long c = sum(wrongToRight);
        SplittableRandom random = new SplittableRandom(bootstrap.seed());
        String method = "paired " + bootstrap.describe();
        Interval change = Intervals.percentile(candidate.accuracy() - baseline.accuracy(),
                PairedBootstrap.changes(n, b, c, bootstrap.resamples(), random), level, method);
        List<ClassChange> perClass = new ArrayList<>(classes);
        PerClassAccuracy accuracyA = baseline.perClassAccuracy();
        PerClassAccuracy accuracyB = candidate.perClassAccuracy();
        for (int k = 0; k < classes; k++) {
            long support = baseline.context().support(k);
            // a class's accuracy is the core's per-class accuracy: correct / support
            double accA = accuracyA.get(k).accuracy();
            double accB = accuracyB.get(k).accuracy();
            Interval classChange = support == 0 ? Interval.undefined(level, method)
                    : Intervals.percentile(accB - accA, PairedBootstrap.changes(support, rightToWrong[k],
                            wrongToRight[k], bootstrap.resamples(), random), level, method);
            perClass.add(new ClassChange(k, names.get(k), support, accA, accB, classChange, rightToWrong[k],
                    wrongToRight[k]));
        }
        List<ConfusionChange> pairs = new ArrayList<>();
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                int cell = t * classes + p;
                if (t != p && (confusionA[cell] > 0 || confusionB[cell] > 0)) {
                    pairs.add(new ConfusionChange(t, names.get(t), p, names.get(p), confusionA[cell], confusionB[cell]));
                }
            }
        }
        pairs.sort(Comparator.comparingLong((ConfusionChange x) -> -Math.abs(x.change()))
                .thenComparingInt(ConfusionChange::trueClass).thenComparingInt(ConfusionChange::predictedClass));
        McNemarTest mcnemar = McNemarTest.of(b, c, level);
        LOG.debug("compared {} examples: {} right to wrong, {} wrong to right, McNemar p = {}", n, b, c,
                mcnemar.pValue());
        return new ModelComparison(level, n, fingerprint, Intervals.wilson(baseline.correct(), n, level),
                Intervals.wilson(candidate.correct(), n, level), change, mcnemar,
                SelectiveComparison.of(baseline, candidate, level, bootstrap), flips, perClass, pairs, bootstrap,
                baseline.provenance(), candidate.provenance());
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    /**
     * Gives the examples that flipped one way.
     *
     * @param flip right → wrong (regressions) or wrong → right (fixes)
     * @return those examples, by example index
     */
    public List<FlippedExample> flips(Flip flip) {
        return flips.stream().filter(f -> f.flip() == flip).toList();
    }

    /**
     * Gives one class's change, by name.
     *
     * @param className the class name
     * @return its change
     * @throws IllegalArgumentException naming the class when there is no such class
     */
    public ClassChange get(String className) {
        return perClass.stream().filter(c -> c.className().equals(className)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no class is named '" + className + "'; the classes are "
                        + perClass.stream().map(ClassChange::className).toList()));
    }

    /**
     * Writes the comparison as JSON (camelCase keys, {@code null} for undefined values).
     *
     * @return the JSON text
     */
    public String toJson() {
        return StatsJson.write(this);
    }

    /**
     * Summarises the comparison: accuracies, change, McNemar, per-class changes, the five largest confusion
     * changes and the number of flips.
     *
     * @return a multi-line description for people
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("Comparison on ").append(examples).append(" examples (").append(testSet).append(")\n");
        s.append("baseline accuracy ").append(baselineAccuracy).append('\n');
        s.append("candidate accuracy ").append(candidateAccuracy).append('\n');
        s.append("change ").append(Formats.signed(accuracyChange.estimate())).append(" [")
                .append(Formats.signed(accuracyChange.lower())).append(", ").append(Formats.signed(accuracyChange.upper()))
                .append("] (").append(accuracyChange.method()).append(")\n");
        s.append(mcnemar).append('\n');
        s.append(selectivePrediction).append('\n');
        s.append("per class:\n");
        for (ClassChange c : perClass) {
            s.append("  ").append(c).append('\n');
        }
        s.append("confusion changes:\n");
        confusionChanges.stream().limit(5).forEach(p -> s.append("  ").append(p).append('\n'));
        s.append(flips.size()).append(" examples flipped");
        return s.toString();
    }
}
