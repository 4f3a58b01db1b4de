package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.io.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An analysis's scores with their uncertainty: Wilson intervals for overall accuracy and for every class's
 * accuracy, precision and recall; bootstrap intervals for the ECE, macro-F1 and weighted F1; and the hardest class,
 * honestly.
 *
 * @param level the confidence level of every interval, strictly between 0 and 1
 * @param examples the number of examples analysed
 * @param accuracy overall accuracy with its Wilson interval
 * @param perClass each class's intervals, in class order
 * @param hardest the hardest class and whether it is significantly harder than the runner-up
 * @param ece the expected calibration error with its bootstrap interval
 * @param macroF1 macro-F1 with its bootstrap interval
 * @param weightedF1 weighted F1 (each class's F1 weighted by its support) with its bootstrap interval
 * @param bootstrap the bootstrap settings used for {@code ece}, {@code macroF1} and {@code weightedF1}
 */
public record AnalysisStatistics(double level, int examples, Interval accuracy, List<ClassIntervals> perClass,
        HonestHardest hardest, Interval ece, Interval macroF1, Interval weightedF1, Bootstrap bootstrap) {

    /**
     * Checks and copies the components.
     *
     * @param level the confidence level
     * @param examples the number of examples
     * @param accuracy the overall accuracy interval
     * @param perClass the per-class intervals
     * @param hardest the honest hardest class
     * @param ece the ECE interval
     * @param macroF1 the macro-F1 interval
     * @param weightedF1 the weighted-F1 interval
     * @param bootstrap the bootstrap settings
     */
    public AnalysisStatistics {
        Intervals.checkLevel(level);
        Objects.requireNonNull(accuracy, "accuracy");
        perClass = List.copyOf(perClass);
        Objects.requireNonNull(hardest, "hardest");
        Objects.requireNonNull(ece, "ece");
        Objects.requireNonNull(macroF1, "macroF1");
        Objects.requireNonNull(weightedF1, "weightedF1");
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /**
     * Computes the statistics at the 95 % level with the default bootstrap (1,000 resamples, seed 42).
     *
     * @param analysis the analysis
     * @return the statistics
     */
    public static AnalysisStatistics of(ErrorAnalysis analysis) {
        return of(analysis, Intervals.DEFAULT_LEVEL, Bootstrap.defaults());
    }

    /**
     * Computes the statistics at a level with the default bootstrap (1,000 resamples, seed 42).
     *
     * @param analysis the analysis
     * @param level the confidence level, strictly between 0 and 1
     * @return the statistics
     */
    public static AnalysisStatistics of(ErrorAnalysis analysis, double level) {
        return of(analysis, level, Bootstrap.defaults());
    }

    /**
     * Computes the statistics at a level with chosen bootstrap settings.
     *
     * @param analysis the analysis
     * @param level the confidence level, strictly between 0 and 1
     * @param bootstrap the number of resamples and the seed for the ECE and macro-F1 intervals
     * @return the statistics
     */
    public static AnalysisStatistics of(ErrorAnalysis analysis, double level, Bootstrap bootstrap) {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Intervals.checkLevel(level);
        Interval accuracy = Intervals.wilson(analysis.correct(), analysis.examples(), level);
        List<Metric<Double>> metrics = List.of(Metrics.expectedCalibrationError(), Metrics.macroF1(),
                Metrics.weightedF1());
        // the default bootstrap's intervals are the analysis's own, kept once with interval(metric, level)
        List<Interval> boot = bootstrap.equals(Bootstrap.defaults()) ? analysis.intervals(metrics, level)
                : bootstrap.intervals(analysis, metrics, level);
        return new AnalysisStatistics(level, analysis.examples(), accuracy, perClass(analysis, level),
                HonestHardest.of(analysis, level), boot.get(0), boot.get(1), boot.get(2), bootstrap);
    }

    /**
     * Gives every class's Wilson intervals, from the core's per-class counts.
     *
     * @param analysis the analysis
     * @param level the confidence level
     * @return one entry per class, in class order
     */
    static List<ClassIntervals> perClass(ErrorAnalysis analysis, double level) {
        AnalysisContext context = analysis.context();
        List<ClassIntervals> out = new ArrayList<>(context.classCount());
        for (int c = 0; c < context.classCount(); c++) {
            long correct = context.count(c, c);
            long support = context.support(c);
            long predicted = context.predictedCount(c);
            Interval accuracy = Intervals.wilson(correct, support, level);
            Interval precision = Intervals.wilson(correct, predicted, level);
            Interval recall = Intervals.wilson(correct, support, level);
            out.add(new ClassIntervals(c, context.classNames().get(c), support, predicted, accuracy, precision,
                    recall));
        }
        return out;
    }

    /**
     * Gives one class's intervals, by name.
     *
     * @param className the class name
     * @return its intervals
     * @throws IllegalArgumentException naming the class when there is no such class
     */
    public ClassIntervals get(String className) {
        return perClass.stream().filter(c -> c.className().equals(className)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no class is named '" + className + "'; the classes are "
                        + perClass.stream().map(ClassIntervals::className).toList()));
    }

    /**
     * Writes the statistics as JSON (camelCase keys, {@code null} for undefined values).
     *
     * @return the JSON text
     */
    public String toJson() {
        return StatsJson.write(this);
    }

    /**
     * Lists overall accuracy, each class, the hardest class, the ECE and macro-F1, each with its interval.
     *
     * @return a multi-line description for people
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("Statistics of ").append(examples).append(" examples at the ").append(Formats.level(level))
                .append(" level\n");
        s.append("accuracy ").append(accuracy).append('\n');
        for (ClassIntervals c : perClass) {
            s.append("  ").append(c).append('\n');
        }
        s.append(hardest).append('\n');
        s.append("ECE ").append(ece).append('\n');
        s.append("macro-F1 ").append(macroF1);
        return s.toString();
    }
}
