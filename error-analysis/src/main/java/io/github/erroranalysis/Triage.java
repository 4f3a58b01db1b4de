package io.github.erroranalysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triage of every wrong prediction: is the label wrong, is the picture genuinely confusing, or is the model
 * being silly? It reads only the probabilities and the given labels, so it also runs on predictions made elsewhere.
 *
 * <p>Confident-learning style (Northcutt, Jiang and Chuang 2021): the threshold of class j is the mean
 * self-confidence of the examples labelled j, {@code t_j = mean of p_j(x) over x labelled j}. A wrong prediction
 * labelled y is, in this order:
 * <ol>
 *   <li>a {@link MistakeKind#LIKELY_LABEL_ISSUE likely label issue} when some other class j has
 *       {@code p_j ≥ t_j} (the suggested label is the most probable such class) and the given label's probability
 *       {@code p_y} is below {@code lowLabelProbability} (default {@value #DEFAULT_LOW_LABEL_PROBABILITY});</li>
 *   <li>{@link MistakeKind#AMBIGUOUS ambiguous} when the two most probable classes are closer than
 *       {@code ambiguityMargin} (default {@value #DEFAULT_AMBIGUITY_MARGIN});</li>
 *   <li>otherwise a {@link MistakeKind#CONFIDENT_MODEL_ERROR confident model error}.</li>
 * </ol>
 * Suspected label issues are ranked by the normalized margin {@code p_y - max over j≠y of p_j}
 * (cleanlab's {@code rank_by_kind='normalized_margin'}), most suspect (lowest) first, ties by example index.
 *
 * @param classNames the class names, in class order
 * @param thresholds each class's threshold {@code t_j}, NaN for a class without examples
 * @param lowLabelProbability the given label's probability below which a confidently-other example is a label issue
 * @param ambiguityMargin the top-two margin below which a mistake is ambiguous
 * @param examples the number of examples analysed
 * @param mistakes every wrong prediction, triaged, by example index
 */
public record Triage(List<String> classNames, List<Double> thresholds, double lowLabelProbability,
        double ambiguityMargin, int examples, List<TriagedMistake> mistakes) {

    /** The default cutoff on the given label's probability for a likely label issue. */
    public static final double DEFAULT_LOW_LABEL_PROBABILITY = 0.1;

    /** The default top-two margin below which a mistake is ambiguous. */
    public static final double DEFAULT_AMBIGUITY_MARGIN = 0.1;

    private static final Logger LOG = LoggerFactory.getLogger(Triage.class);

    /**
     * Checks and copies the components.
     *
     * @param classNames the class names
     * @param thresholds the per-class thresholds
     * @param lowLabelProbability the label-probability cutoff, in (0, 1]
     * @param ambiguityMargin the ambiguity margin, in [0, 1]
     * @param examples the number of examples
     * @param mistakes the triaged mistakes
     */
    public Triage {
        classNames = List.copyOf(classNames);
        thresholds = List.copyOf(thresholds);
        if (!(lowLabelProbability > 0 && lowLabelProbability <= 1)) {
            throw new IllegalArgumentException("lowLabelProbability must be in (0, 1], but is " + lowLabelProbability);
        }
        if (!(ambiguityMargin >= 0 && ambiguityMargin <= 1)) {
            throw new IllegalArgumentException("ambiguityMargin must be in [0, 1], but is " + ambiguityMargin);
        }
        mistakes = List.copyOf(mistakes);
    }

    /**
     * Triages every wrong prediction with the default cutoffs.
     *
     * @param analysis the analysis
     * @return the triage
     */
    public static Triage of(ErrorAnalysis analysis) {
        return of(analysis, DEFAULT_LOW_LABEL_PROBABILITY, DEFAULT_AMBIGUITY_MARGIN);
    }

    /**
     * Triages every wrong prediction with chosen cutoffs.
     *
     * @param analysis the analysis
     * @param lowLabelProbability the given label's probability below which a confidently-other example is a likely
     *                            label issue, in (0, 1]
     * @param ambiguityMargin the top-two margin below which a mistake is ambiguous, in [0, 1]
     * @return the triage
     */
    public static Triage of(ErrorAnalysis analysis, double lowLabelProbability, double ambiguityMargin) {
        Objects.requireNonNull(analysis, "analysis");
        AnalysisContext context = analysis.context();
        int n = context.examples();
        int classes = context.classCount();
        List<String> names = context.classNames();
        float[] p = context.probs();
        int[] given = context.labels();
        int[] predicted = context.predicted();
        double[] sum = new double[classes];
        long[] count = new long[classes];
        for (int i = 0; i < n; i++) {
            int y = given[i];
            sum[y] += p[i * classes + y];
            count[y]++;
        }
        double[] threshold = new double[classes];
        List<Double> thresholds = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            threshold[c] = count[c] == 0 ? Double.NaN : sum[c] / count[c];
            thresholds.add(threshold[c]);
        }
        List<TriagedMistake> mistakes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int y = given[i];
            int top = predicted[i];
            if (y == top) {
                continue;
            }
            int off = i * classes;
            double second = Double.NEGATIVE_INFINITY;
            int suspect = -1;
            for (int c = 0; c < classes; c++) {
                float v = p[off + c];
                if (c != top && v > second) {
                    second = v;
                }
                if (c != y && v >= threshold[c] && (suspect < 0 || v > p[off + suspect])) {
                    suspect = c;
                }
            }
            double pGiven = p[off + y];
            double confidence = p[off + top];
            double margin = confidence - second;
            MistakeKind kind;
            Optional<ClassProbability> suggested = Optional.empty();
            if (suspect >= 0 && pGiven < lowLabelProbability) {
                kind = MistakeKind.LIKELY_LABEL_ISSUE;
                suggested = Optional.of(new ClassProbability(suspect, names.get(suspect), p[off + suspect]));
            } else if (margin < ambiguityMargin) {
                kind = MistakeKind.AMBIGUOUS;
            } else {
                kind = MistakeKind.CONFIDENT_MODEL_ERROR;
            }
            mistakes.add(new TriagedMistake(i, context.origin(i), y, names.get(y), top, names.get(top), pGiven,
                    confidence, margin, pGiven - confidence, kind, suggested));
        }
        Triage triage = new Triage(names, thresholds, lowLabelProbability, ambiguityMargin, n, mistakes);
        if (LOG.isDebugEnabled()) {
            LOG.debug("triaged {} mistakes of {} examples: {} likely label issues, {} ambiguous, {} confident model errors",
                    mistakes.size(), n, triage.count(MistakeKind.LIKELY_LABEL_ISSUE), triage.count(MistakeKind.AMBIGUOUS),
                    triage.count(MistakeKind.CONFIDENT_MODEL_ERROR));
        }
        return triage;
    }

    /**
     * Gives the suspected label issues, most suspect first: ranked by the normalized margin
     * {@code p(given) - max over other classes}, lowest first, ties by example index.
     *
     * @return the likely label issues, ranked
     */
    public List<TriagedMistake> labelIssues() {
        return mistakes.stream().filter(m -> m.kind() == MistakeKind.LIKELY_LABEL_ISSUE)
                .sorted(Comparator.comparingDouble(TriagedMistake::labelQuality).thenComparingInt(TriagedMistake::index))
                .toList();
    }

    /**
     * Gives how many likely label issues would be flagged by chance alone: the expected number of flags if every
     * given label were right and the model's probabilities were calibrated, that is if each example's label were
     * drawn from its predicted distribution, the thresholds held at this triage's.
     * {@code E = sum over examples x and classes y of p_y(x) * [y is not the prediction of x, p_y(x) < lowLabelProbability
     * and some class j != y has p_j(x) >= t_j]}. A flagged count near it says the flags are mostly the model's own
     * errors, not wrong labels.
     *
     * @param analysis the analysis this triage was made of
     * @return the expected number of likely label issues, from 0 to the number of examples
     * @throws IllegalArgumentException if the analysis has another number of examples or classes
     */
    public double expectedLabelIssuesByChance(ErrorAnalysis analysis) {
        Objects.requireNonNull(analysis, "analysis");
        AnalysisContext context = analysis.context();
        int n = context.examples();
        int classes = context.classCount();
        if (n != examples || classes != classNames.size()) {
            throw new IllegalArgumentException("the triage is of " + examples + " examples and " + classNames.size()
                    + " classes, but the analysis has " + n + " examples and " + classes + " classes");
        }
        float[] p = context.probs();
        int[] predicted = context.predicted();
        double[] t = new double[classes];
        for (int c = 0; c < classes; c++) {
            t[c] = thresholds.get(c);
        }
        double expected = 0;
        for (int i = 0; i < n; i++) {
            int off = i * classes;
            int confident = 0; // classes j with p_j >= t_j, and the one of them when there is a single one
            int only = -1;
            for (int c = 0; c < classes; c++) {
                if (p[off + c] >= t[c]) {
                    confident++;
                    only = c;
                }
            }
            if (confident == 0) {
                continue;
            }
            for (int y = 0; y < classes; y++) {
                double py = p[off + y];
                if (y != predicted[i] && py < lowLabelProbability && (confident > 1 || only != y)) {
                    expected += py;
                }
            }
        }
        return expected;
    }

    /**
     * Gives the mistakes of one kind, by example index.
     *
     * @param kind the kind of mistake
     * @return those mistakes
     */
    public List<TriagedMistake> mistakes(MistakeKind kind) {
        return mistakes.stream().filter(m -> m.kind() == kind).toList();
    }

    /**
     * Counts the mistakes of one kind.
     *
     * @param kind the kind of mistake
     * @return how many wrong predictions are of that kind
     */
    public long count(MistakeKind kind) {
        return mistakes.stream().filter(m -> m.kind() == kind).count();
    }

    /**
     * Gives one class's threshold, by name.
     *
     * @param className the class name
     * @return the mean self-confidence of the examples labelled with the class, NaN without examples
     * @throws IllegalArgumentException naming the class when there is no such class
     */
    public double threshold(String className) {
        int c = classNames.indexOf(className);
        if (c < 0) {
            throw new IllegalArgumentException("no class is named '" + className + "'; the classes are " + classNames);
        }
        return thresholds.get(c);
    }

    /**
     * Writes the triage as JSON (camelCase keys, {@code null} for undefined values).
     *
     * @return the JSON text
     */
    public String toJson() {
        return StatsJson.write(this);
    }

    /**
     * Summarises the triage: the counts of each kind and the ten most suspect labels.
     *
     * @return a multi-line description for people
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("Triage of ").append(mistakes.size()).append(" wrong predictions among ").append(examples)
                .append(" examples\n");
        for (MistakeKind kind : MistakeKind.values()) {
            s.append("  ").append(kind).append(": ").append(count(kind)).append('\n');
        }
        s.append("most suspect labels:");
        labelIssues().stream().limit(10).forEach(m -> s.append("\n  ").append(m));
        return s.toString();
    }
}
