package io.github.erroranalysis.assertj;

import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.WrongPrediction;
import io.github.erroranalysis.Bootstrap;
import io.github.erroranalysis.ModelComparison;
import io.github.erroranalysis.gate.GateEvaluator;
import io.github.erroranalysis.gate.GateMetric;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.gate.QualityGate;
import io.github.erroranalysis.stats.McNemarTest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.DoubleAssert;
import org.assertj.core.util.CheckReturnValue;

/**
 * Assertions on an {@link ErrorAnalysis}: accuracy (or its interval's lower bound), each class's accuracy,
 * calibration, selective prediction (the AURC and the coverage at a risk, or their intervals' pessimistic ends), any
 * number-valued metric, any {@link QualityGate}, confident mistakes, and no significant regression against a
 * baseline. The
 * threshold assertions are the quality gates of the core's {@code gate} package, the ones the command line checks:
 * the same thresholds, the same intervals, the same lower-bound option and the same words (a failure names the
 * judged value, the analysis, the requirement and what was measured with its 95 % interval and counts). Non-final,
 * so soft assertions can proxy it; its navigation methods ({@link #classAccuracy(String)}) are final and soft under
 * soft assertions.
 */
public class ErrorAnalysisAssert extends AbstractAssert<ErrorAnalysisAssert, ErrorAnalysis> {

    /** The significance level of {@link #isNotSignificantlyWorseThan(ErrorAnalysis)}. */
    public static final double DEFAULT_SIGNIFICANCE = 0.05;

    /**
     * Starts assertions on an analysis (soft assertions call this through a proxy).
     *
     * @param actual the analysis to check, may be null (the assertions then fail)
     */
    public ErrorAnalysisAssert(ErrorAnalysis actual) {
        super(actual, ErrorAnalysisAssert.class);
    }

    /**
     * Checks that the accuracy is at least a threshold.
     *
     * @param threshold the least accuracy, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public ErrorAnalysisAssert hasAccuracyAtLeast(double threshold) {
        return passes(QualityGate.accuracyAtLeast(threshold));
    }

    /**
     * Checks that the lower bound of the accuracy's 95 % Wilson interval is at least a threshold, so that the check
     * is not flaky: it passes only when the accuracy is clearly above the threshold.
     *
     * @param threshold the least lower bound, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public ErrorAnalysisAssert hasAccuracyLowerBoundAtLeast(double threshold) {
        return passes(QualityGate.accuracyAtLeast(threshold).onPessimisticBound());
    }

    /**
     * Checks that one class's accuracy is at least a threshold.
     *
     * @param className the class, by name
     * @param threshold the least accuracy, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is outside [0, 1] or no class has that name
     */
    public ErrorAnalysisAssert hasClassAccuracyAtLeast(String className, double threshold) {
        Objects.requireNonNull(className, "className");
        return passes(QualityGate.classAccuracyAtLeast(className, threshold));
    }

    /**
     * Checks that the analysis passes a quality gate of the core's {@code gate} package, as the command line checks
     * it: for example {@code passes(QualityGate.classAccuracyAtLeast("cat", 0.5).onPessimisticBound())}.
     *
     * @param gate the gate
     * @return this assertion object
     * @throws IllegalArgumentException if the gate names a class the analysis does not have
     */
    public ErrorAnalysisAssert passes(QualityGate gate) {
        Objects.requireNonNull(gate, "gate");
        isNotNull();
        GateResult result = GateEvaluator.of(actual).evaluate(gate);
        if (!result.passed()) {
            failWithMessage("%nExpecting the %s in%n  %s%nto be %s:%n  %s%nbut was:%n  %s", result.subject(),
                    describe(actual), gate.direction().words(), GateResult.threshold(gate.threshold()),
                    result.measured());
        }
        return myself;
    }

    /**
     * Checks that a number-valued metric (a built-in one of {@code Metrics} or one's own) is at least a threshold,
     * judged on its estimate as the gate {@link QualityGate#atLeast(Metric, double)} is; for example
     * {@code hasMetricAtLeast(Metrics.macroF1(), 0.6)}. A metric that is NaN fails.
     *
     * @param metric the metric
     * @param threshold the least value, finite
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is not finite or the metric's name is refused
     */
    public ErrorAnalysisAssert hasMetricAtLeast(Metric<? extends Number> metric, double threshold) {
        return passes(QualityGate.atLeast(metric, threshold));
    }

    /**
     * Checks that a number-valued metric (a loss such as {@code Metrics.brierScore()}, or one's own) is at most a
     * threshold, judged on its estimate as the gate {@link QualityGate#atMost(Metric, double)} is. A metric that is
     * NaN fails.
     *
     * @param metric the metric
     * @param threshold the largest value, finite
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is not finite or the metric's name is refused
     */
    public ErrorAnalysisAssert hasMetricAtMost(Metric<? extends Number> metric, double threshold) {
        return passes(QualityGate.atMost(metric, threshold));
    }

    /**
     * Checks that every class with examples has at least a threshold accuracy; the message lists every class
     * below it.
     *
     * @param threshold the least accuracy of each class, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public ErrorAnalysisAssert hasEveryClassAccuracyAtLeast(double threshold) {
        QualityGate.accuracyAtLeast(threshold); // refuses a threshold outside [0, 1]
        isNotNull();
        GateEvaluator evaluator = GateEvaluator.of(actual);
        List<GateResult> below = actual.perClassAccuracy().classes().stream().filter(c -> c.support() > 0)
                .map(c -> evaluator.evaluate(QualityGate.classAccuracyAtLeast(c.className(), threshold)))
                .filter(r -> !r.passed()).toList();
        if (!below.isEmpty()) {
            failWithMessage("%nExpecting every class accuracy in%n  %s%nto be at least:%n  %s%nbut %s below:%n  %s",
                    describe(actual), GateResult.threshold(threshold), below.size() == 1 ? "this class was"
                            : "these classes were",
                    below.stream().map(r -> "class " + r.gate().className() + ": " + r.measured())
                            .collect(Collectors.joining(String.format("%n  "))));
        }
        return myself;
    }

    /**
     * Navigates to one class's accuracy, as a number assertion described with the class and its interval; under soft
     * assertions the number assertion is soft too, so its failures are collected with the others.
     *
     * @param className the class, by name
     * @return an assertion on the class's accuracy
     * @throws IllegalArgumentException if no class has that name
     */
    @CheckReturnValue
    public final AbstractDoubleAssert<?> classAccuracy(String className) {
        Objects.requireNonNull(className, "className");
        String what = "accuracy of class " + className;
        if (actual == null) {
            return navigate(null, what);
        }
        String measured = GateEvaluator.of(actual).measure(GateMetric.CLASS_ACCURACY, className).toString();
        ClassAccuracy c = actual.perClassAccuracy().get(className);
        return navigate(c.accuracy(), what + ": " + measured);
    }

    /**
     * Every navigation ends here. Navigation methods are final, so a soft-assertion proxy never wraps them in its
     * error collector (which would turn a failed {@code isNotNull()} into a null result and a NullPointerException
     * in the caller's chain); the value goes through {@link #extractingForProxy(Double)}, which the proxy does
     * intercept to make the number assertion soft.
     */
    private AbstractDoubleAssert<?> navigate(Double value, String what) {
        isNotNull(); // hard: throws; soft: collected, and the navigation goes on with no value
        String outer = info.descriptionText();
        String description = value == null ? what + " of a null analysis" : what;
        return extractingForProxy(value).as("%s", outer == null || outer.isEmpty() ? description
                : outer + ": " + description);
    }

    /**
     * Makes the number assertion of a navigation; not for callers. AssertJ's soft-assertion proxies replace the
     * result of a protected method of this name with a soft proxy of it (this is how AssertJ's own navigation
     * methods stay soft), so navigation is soft under {@link ErrorAnalysisSoftAssertions},
     * {@code SoftAssertions.proxy(ErrorAnalysisAssert.class, ...)} and JUnit's {@code SoftAssertionsExtension} alike.
     *
     * @param value the navigated value, null when the analysis is null
     * @return a number assertion on the value
     */
    protected AbstractDoubleAssert<?> extractingForProxy(Double value) {
        return new DoubleAssert(value);
    }

    /**
     * Checks that the expected calibration error (15 equal-width confidence bins) is at most a threshold.
     *
     * @param threshold the largest ECE, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public ErrorAnalysisAssert hasExpectedCalibrationErrorAtMost(double threshold) {
        return passes(QualityGate.eceAtMost(threshold));
    }

    /**
     * Checks that the AURC (the area under the risk–coverage curve: the mean error rate over every share of the most
     * confident examples answered) is at most a threshold, judged on its estimate as the CLI's {@code --max-aurc}
     * is.
     *
     * @param threshold the largest AURC, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public ErrorAnalysisAssert hasAurcAtMost(double threshold) {
        return passes(QualityGate.aurcAtMost(threshold));
    }

    /**
     * Checks that the upper bound of the AURC's 95 % bootstrap interval is at most a threshold, so that the check is
     * not flaky: it passes only when the AURC is clearly below the threshold ({@code --max-aurc X
     * --gate-on-lower-bound}).
     *
     * @param threshold the largest upper bound, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the threshold is outside [0, 1]
     */
    public ErrorAnalysisAssert hasAurcUpperBoundAtMost(double threshold) {
        return passes(QualityGate.aurcAtMost(threshold).onPessimisticBound());
    }

    /**
     * Checks that with an error rate of at most {@code risk} the model still answers at least the share
     * {@code coverage} of the examples (its most confident ones), judged on the coverage's estimate as the CLI's
     * {@code --min-coverage-at-risk RISK=COVERAGE} is; for example {@code hasCoverageAtRiskAtLeast(0.01, 0.75)}.
     *
     * @param risk the target error rate, in [0, 1]
     * @param coverage the least share answered, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the risk or the coverage is outside [0, 1]
     */
    public ErrorAnalysisAssert hasCoverageAtRiskAtLeast(double risk, double coverage) {
        return passes(QualityGate.coverageAtRiskAtLeast(risk, coverage));
    }

    /**
     * Checks that the lower bound of the 95 % bootstrap interval of the coverage at {@code risk} is at least
     * {@code coverage}, so that the check is not flaky ({@code --min-coverage-at-risk RISK=COVERAGE
     * --gate-on-lower-bound}).
     *
     * @param risk the target error rate, in [0, 1]
     * @param coverage the least lower bound of the share answered, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the risk or the coverage is outside [0, 1]
     */
    public ErrorAnalysisAssert hasCoverageAtRiskLowerBoundAtLeast(double risk, double coverage) {
        return passes(QualityGate.coverageAtRiskAtLeast(risk, coverage).onPessimisticBound());
    }

    /**
     * Checks that at most {@code count} wrong predictions have a confidence of at least {@code confidence}: the
     * confident mistakes, the dangerous ones.
     *
     * @param count the most confident mistakes allowed, at least 0
     * @param confidence the confidence from which a mistake counts, in [0, 1]
     * @return this assertion object
     * @throws IllegalArgumentException if the count is negative or the confidence outside [0, 1]
     */
    public ErrorAnalysisAssert hasAtMostConfidentMistakes(int count, double confidence) {
        if (count < 0) {
            throw new IllegalArgumentException("the count of confident mistakes must be at least 0, but is " + count);
        }
        checkFraction("confidence", confidence);
        isNotNull();
        List<WrongPrediction> confident = actual.wrong().byConfidence().asList().stream()
                .filter(w -> w.confidence() >= (float) confidence).toList(); // probabilities are stored as float
        if (confident.size() > count) {
            failWithMessage("%nExpecting at most:%n  %s%nwrong predictions with confidence at least %s in%n  %s%nbut "
                    + "found:%n  %s, the most confident:%n  %s", count, ratio(confidence), describe(actual),
                    confident.size(), confident.stream().limit(3).map(ErrorAnalysisAssert::mistake)
                            .collect(Collectors.joining(String.format("%n  "))));
        }
        return myself;
    }

    /**
     * Checks that the analysed model is not significantly worse than a baseline on the same examples: the exact
     * McNemar test at the 5 % level.
     *
     * @param baseline the baseline's analysis on the same examples in the same order
     * @return this assertion object
     * @throws IllegalArgumentException if the two analyses are not of the same test set
     */
    public ErrorAnalysisAssert isNotSignificantlyWorseThan(ErrorAnalysis baseline) {
        return isNotSignificantlyWorseThan(baseline, DEFAULT_SIGNIFICANCE);
    }

    /**
     * Checks that the analysed model is not significantly worse than a baseline on the same examples: fails when it
     * is less accurate and the exact McNemar test's p-value is below the significance level.
     *
     * @param baseline the baseline's analysis on the same examples in the same order
     * @param significance the significance level, strictly between 0 and 1 (for example 0.05)
     * @return this assertion object
     * @throws IllegalArgumentException if the level is outside (0, 1) or the test sets differ
     */
    public ErrorAnalysisAssert isNotSignificantlyWorseThan(ErrorAnalysis baseline, double significance) {
        Objects.requireNonNull(baseline, "baseline");
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("the significance level must be strictly between 0 and 1, but is "
                    + significance);
        }
        isNotNull();
        McNemarTest test = ModelComparison.of(baseline, actual, 1 - significance, Bootstrap.defaults()).mcnemar();
        if (actual.correct() < baseline.correct() && test.pValue() < significance) {
            failWithMessage("%nExpecting%n  %s%nnot to be significantly worse than the baseline%n  %s%nbut accuracy "
                    + "was:%n  %s%nagainst the baseline's:%n  %s%nand %s", describe(actual), describe(baseline),
                    accuracy(actual), accuracy(baseline), test);
        }
        return myself;
    }

    private static void checkFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("the " + name + " must be in [0, 1], but is " + value);
        }
    }

    /** Describes an analysis in one line: {@code "analysis of 20 examples of 3 classes (cat, dog, frog)"}. */
    static String describe(ErrorAnalysis analysis) {
        List<String> names = analysis.classNames();
        String shown = names.size() <= 10 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + ", …";
        return String.format(Locale.ROOT, "analysis of %,d examples of %d classes (%s)", analysis.examples(),
                analysis.classCount(), shown);
    }

    private static String accuracy(ErrorAnalysis analysis) {
        return GateEvaluator.of(analysis).measure(GateMetric.ACCURACY, null).toString();
    }

    private static String mistake(WrongPrediction w) {
        return String.format(Locale.ROOT, "#%d%s: %s predicted as %s with confidence %.4f", w.index(),
                w.origin().map(o -> " (" + o + ")").orElse(""), w.trueClassName(), w.predictedClassName(),
                w.confidence());
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
