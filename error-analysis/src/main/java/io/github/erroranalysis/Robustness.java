package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.Resampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A robustness study of one model: its clean analysis and one analysis per (corruption, severity) of the same
 * examples, with the figures CIFAR-10-C and RobustBench report (mean corruption accuracy over the standard
 * corruptions, the extras apart, the relative drop) and honest intervals; knows nothing of how the corruptions were
 * made.
 *
 * <p>A cell's accuracy has its Wilson interval. A mean over cells (a corruption over its severities, the standard
 * corruptions over theirs) has a percentile bootstrap interval over examples ({@link Resampling}, the study's
 * {@link Bootstrap}, by default 1,000 resamples, seed 42): each example's score is its mean correctness over the
 * cells averaged (each corruption weighted equally, each of its severities equally within it), and a resample
 * averages the scores of the drawn examples, so that the dependence between cells of the same example is kept.
 * Each example's correctness in each cell is computed once, when the study is made.
 */
public final class Robustness {

    private final ErrorAnalysis clean;
    private final List<RobustnessCell> cells;
    private final long seed;
    private final Bootstrap bootstrap;
    private final boolean[][] correct;
    /** The cells' positions, by corruption in the order of their first cell, each ascending by severity. */
    private final Map<String, int[]> byCorruption;
    private final List<Integer> severities;

    private Robustness(ErrorAnalysis clean, List<RobustnessCell> cells, long seed, Bootstrap bootstrap,
            boolean[][] correct, Map<String, int[]> byCorruption, List<Integer> severities) {
        this.clean = clean;
        this.cells = cells;
        this.seed = seed;
        this.bootstrap = bootstrap;
        this.correct = correct;
        this.byCorruption = byCorruption;
        this.severities = severities;
    }

    /**
     * Makes a study, corruption seed 0, with the default bootstrap (1,000 resamples, seed 42).
     *
     * @param clean the analysis of the clean examples
     * @param cells one cell per (corruption, severity), each with the clean analysis's examples and class names
     * @return the study
     * @throws IllegalArgumentException if a cell's examples, labels or class names differ from the clean analysis's,
     *         or a (corruption, severity) appears twice
     */
    public static Robustness of(ErrorAnalysis clean, List<RobustnessCell> cells) {
        return of(clean, cells, 0L, Bootstrap.defaults());
    }

    /**
     * Makes a study.
     *
     * @param clean the analysis of the clean examples
     * @param cells one cell per (corruption, severity), each with the clean analysis's examples and class names
     * @param seed the seed the random corruptions were made with ({@code --seed}), recorded in provenance
     * @param bootstrap the resamples and seed of the bootstrap intervals of means over cells
     * @return the study
     * @throws IllegalArgumentException if there are no cells or no examples, a cell's examples, labels, origins or
     *         class names differ from the clean analysis's, a (corruption, severity) appears twice, or one
     *         corruption is said standard in one cell and extra in another
     */
    public static Robustness of(ErrorAnalysis clean, List<RobustnessCell> cells, long seed, Bootstrap bootstrap) {
        Objects.requireNonNull(clean, "clean");
        Objects.requireNonNull(bootstrap, "bootstrap");
        List<RobustnessCell> list = List.copyOf(cells);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("a robustness study needs at least one cell (corruption, severity)");
        }
        int n = clean.examples();
        if (n == 0) {
            throw new IllegalArgumentException("a robustness study needs at least one example, but the clean "
                    + "analysis has none");
        }
        int[] labels = clean.context().labels();
        String[] origins = clean.context().origins();
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        Map<String, Boolean> standard = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Set<Integer> allSeverities = new TreeSet<>();
        boolean[][] correct = new boolean[list.size()][];
        for (int k = 0; k < list.size(); k++) {
            RobustnessCell cell = list.get(k);
            checkCell(cell, clean, labels, origins);
            if (!seen.add(cell.label())) {
                throw new IllegalArgumentException("robustness cell " + cell.label() + " appears twice");
            }
            Boolean was = standard.putIfAbsent(cell.corruption(), cell.standard());
            if (was != null && was != cell.standard()) {
                throw new IllegalArgumentException("robustness cell " + cell.label() + " says the corruption is "
                        + kind(cell.standard()) + " but an earlier cell of it says " + kind(was));
            }
            positions.computeIfAbsent(cell.corruption(), c -> new ArrayList<>()).add(k);
            allSeverities.add(cell.severity());
            correct[k] = correctness(cell.analysis());
        }
        Map<String, int[]> byCorruption = new LinkedHashMap<>();
        positions.forEach((name, ks) -> byCorruption.put(name, ks.stream()
                .sorted((x, y) -> Integer.compare(list.get(x).severity(), list.get(y).severity()))
                .mapToInt(Integer::intValue).toArray()));
        return new Robustness(clean, list, seed, bootstrap, correct, byCorruption, List.copyOf(allSeverities));
    }

    private static String kind(boolean standard) {
        return standard ? "standard" : "extra";
    }

    private static void checkCell(RobustnessCell cell, ErrorAnalysis clean, int[] labels, String[] origins) {
        ErrorAnalysis a = cell.analysis();
        String name = "robustness cell " + cell.label();
        if (a.examples() != clean.examples()) {
            throw new IllegalArgumentException(name + " has " + a.examples() + " examples but the clean analysis has "
                    + clean.examples());
        }
        if (!a.classNames().equals(clean.classNames())) {
            throw new IllegalArgumentException(name + " has the classes " + a.classNames()
                    + " but the clean analysis has " + clean.classNames());
        }
        int[] cellLabels = a.context().labels();
        for (int i = 0; i < labels.length; i++) {
            if (cellLabels[i] != labels[i]) {
                throw new IllegalArgumentException(name + " labels example " + i + " "
                        + clean.classNames().get(cellLabels[i]) + " but the clean analysis labels it "
                        + clean.classNames().get(labels[i]));
            }
        }
        String[] cellOrigins = a.context().origins();
        if (origins != null && cellOrigins != null && !Arrays.equals(origins, cellOrigins)) {
            int i = 0;
            while (Objects.equals(origins[i], cellOrigins[i])) {
                i++;
            }
            throw new IllegalArgumentException(name + " says example " + i + " comes from " + cellOrigins[i]
                    + " but the clean analysis says from " + origins[i]);
        }
    }

    /** Each example's correctness in one analysis. */
    private static boolean[] correctness(ErrorAnalysis analysis) {
        int[] labels = analysis.context().labels();
        int[] predicted = analysis.context().predicted();
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] == predicted[i];
        }
        return out;
    }

    /**
     * Returns the clean analysis.
     *
     * @return the analysis of the uncorrupted examples
     */
    public ErrorAnalysis clean() {
        return clean;
    }

    /**
     * Returns the cells in the order given.
     *
     * @return the cells
     */
    public List<RobustnessCell> cells() {
        return cells;
    }

    /**
     * Returns the seed the random corruptions were made with.
     *
     * @return the corruption seed, recorded in provenance
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the bootstrap settings of the intervals of means over cells.
     *
     * @return the resamples and seed
     */
    public Bootstrap bootstrap() {
        return bootstrap;
    }

    /**
     * Returns where the clean analysis came from (model, data, version, date).
     *
     * @return the clean analysis's provenance
     */
    public Provenance provenance() {
        return clean.provenance();
    }

    /**
     * Returns the same study with the clean analysis's provenance said (for example the model's name and file);
     * cells, numbers and intervals unchanged.
     *
     * @param provenance where the clean analysis came from
     * @return the study
     */
    public Robustness withProvenance(Provenance provenance) {
        return new Robustness(clean.withProvenance(provenance), cells, seed, bootstrap, correct, byCorruption,
                severities);
    }

    /**
     * Returns the number of examples, the same in every cell.
     *
     * @return the examples
     */
    public int examples() {
        return clean.examples();
    }

    /**
     * Returns the corruptions' names in the order of their first cell.
     *
     * @return the names
     */
    public List<String> corruptions() {
        return List.copyOf(byCorruption.keySet());
    }

    /**
     * Returns the standard corruptions studied, in the order of their first cell.
     *
     * @return the names of the corruptions the mean corruption accuracy averages
     */
    public List<String> standardCorruptions() {
        return byCorruption.keySet().stream().filter(this::standard).toList();
    }

    /**
     * Returns the extra corruptions studied, in the order of their first cell.
     *
     * @return the names of the corruptions shown apart
     */
    public List<String> extraCorruptions() {
        return byCorruption.keySet().stream().filter(c -> !standard(c)).toList();
    }

    /**
     * Says whether a corruption is one of the standard ones.
     *
     * @param corruption the corruption's name
     * @return whether it counts in the mean corruption accuracy
     * @throws IllegalArgumentException naming the corruption when the study has none of that name
     */
    public boolean standard(String corruption) {
        return cells.get(positions(corruption)[0]).standard();
    }

    /**
     * Returns the severities studied, ascending.
     *
     * @return the severities
     */
    public List<Integer> severities() {
        return severities;
    }

    /**
     * Returns one corruption's cells, ascending by severity.
     *
     * @param corruption the corruption's name
     * @return its cells
     * @throws IllegalArgumentException naming the corruption when the study has none of that name
     */
    public List<RobustnessCell> cells(String corruption) {
        return Arrays.stream(positions(corruption)).mapToObj(cells::get).toList();
    }

    /**
     * Finds one cell.
     *
     * @param corruption the corruption's name
     * @param severity the severity
     * @return the cell
     * @throws IllegalArgumentException naming the corruption and severity when there is none
     */
    public RobustnessCell cell(String corruption, int severity) {
        int k = position(corruption, severity);
        if (k >= 0) {
            return cells.get(k);
        }
        throw new IllegalArgumentException("the robustness study has no cell " + corruption + " " + severity
                + "; its severities of " + corruption + " are " + cells(corruption).stream()
                        .map(RobustnessCell::severity).toList());
    }

    /** The position of one cell, or -1 when the study has no such cell. */
    int position(String corruption, int severity) {
        int[] ks = byCorruption.get(corruption);
        if (ks != null) {
            for (int k : ks) {
                if (cells.get(k).severity() == severity) {
                    return k;
                }
            }
        }
        return -1;
    }

    /** The cells' positions of one corruption, ascending by severity. */
    int[] positions(String corruption) {
        int[] ks = byCorruption.get(corruption);
        if (ks == null) {
            throw new IllegalArgumentException("no corruption is named '" + corruption + "' in this robustness study; "
                    + "its corruptions are " + String.join(", ", byCorruption.keySet()));
        }
        return ks;
    }

    /** Each example's correctness in the cell at a position (not a copy: read only). */
    boolean[] correct(int position) {
        return correct[position];
    }

    /**
     * Returns the accuracy under one corruption, averaged over its severities (what {@code --min-corruption-accuracy}
     * judges), with a percentile bootstrap interval over examples.
     *
     * @param corruption the corruption's name
     * @param level the confidence level
     * @return the mean accuracy and its interval
     * @throws IllegalArgumentException naming the corruption when the study has none of that name
     */
    public Interval corruptionAccuracy(String corruption, double level) {
        List<String> one = List.of(corruption);
        return bootstrapMean(estimate(one), scores(one), level, method());
    }

    /**
     * Returns the accuracy under one corruption averaged over its severities, without an interval.
     *
     * @param corruption the corruption's name
     * @return the mean of its cells' accuracies
     * @throws IllegalArgumentException naming the corruption when the study has none of that name
     */
    public double corruptionAccuracy(String corruption) {
        return estimate(List.of(corruption));
    }

    /**
     * Returns the mean corruption accuracy as RobustBench reports it: the mean over the standard corruptions of
     * their mean over severities, with a bootstrap interval over examples; NaN estimate when no standard corruption
     * was studied.
     *
     * @param level the confidence level
     * @return the mean corruption accuracy and its interval
     */
    public Interval meanCorruptionAccuracy(double level) {
        List<String> standard = standardCorruptions();
        return bootstrapMean(estimate(standard), scores(standard), level, method());
    }

    /**
     * Returns the mean accuracy over the extra (non-standard) corruptions, shown apart; NaN estimate when none.
     *
     * @param level the confidence level
     * @return the mean and its interval
     */
    public Interval meanExtraAccuracy(double level) {
        List<String> extra = extraCorruptions();
        return bootstrapMean(estimate(extra), scores(extra), level, method());
    }

    /**
     * Returns the relative drop of the mean corruption accuracy against the clean accuracy:
     * {@code (clean - mean) / clean}.
     *
     * @return the relative drop; NaN when either is undefined
     */
    public double relativeDrop() {
        double cleanAccuracy = clean.accuracy();
        double mean = estimate(standardCorruptions());
        return cleanAccuracy > 0 ? (cleanAccuracy - mean) / cleanAccuracy : Double.NaN;
    }

    /**
     * Returns the worst corruption: the lowest accuracy averaged over severities (ties to the first).
     *
     * @return its name
     */
    public String worstCorruption() {
        String worst = null;
        double lowest = Double.POSITIVE_INFINITY;
        for (String c : byCorruption.keySet()) {
            double a = corruptionAccuracy(c);
            if (a < lowest) {
                lowest = a;
                worst = c;
            }
        }
        return worst;
    }

    /**
     * Returns the per-class accuracy under a corruption, pooled over its severities.
     *
     * @param corruption the corruption's name
     * @return one accuracy per class, in the class order; NaN for a class without examples
     * @throws IllegalArgumentException naming the corruption when the study has none of that name
     */
    public double[] perClassAccuracy(String corruption) {
        int[] ks = positions(corruption);
        int[] labels = clean.context().labels();
        long[] right = new long[clean.classCount()];
        long[] support = new long[clean.classCount()];
        for (int k : ks) {
            boolean[] c = correct[k];
            for (int i = 0; i < labels.length; i++) {
                support[labels[i]]++;
                if (c[i]) {
                    right[labels[i]]++;
                }
            }
        }
        double[] out = new double[right.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = support[k] == 0 ? Double.NaN : (double) right[k] / support[k];
        }
        return out;
    }

    /**
     * Compares this study (the baseline, {@code --model}) with another model's on the same examples and cells, at
     * the 95 % level.
     *
     * @param candidate the other model's study ({@code --model-b})
     * @return the comparison, with McNemar's test per cell
     * @throws IllegalArgumentException if the examples or cells differ
     */
    public RobustnessComparison compareWith(Robustness candidate) {
        return RobustnessComparison.of(this, candidate, Intervals.DEFAULT_LEVEL);
    }

    /**
     * Compares this study with another model's on the same examples and cells, at a level.
     *
     * @param candidate the other model's study ({@code --model-b})
     * @param level the confidence level of the tests and intervals
     * @return the comparison, with McNemar's test per cell
     * @throws IllegalArgumentException if the examples or cells differ, or the level is not in (0, 1)
     */
    public RobustnessComparison compareWith(Robustness candidate, double level) {
        return RobustnessComparison.of(this, candidate, level);
    }

    /** The method of the bootstrap intervals of means over cells. */
    String method() {
        return Resampling.describe(bootstrap.resamples(), bootstrap.seed()) + ", examples' mean over cells";
    }

    /**
     * The mean over corruptions of each one's mean over its severities' accuracies; NaN for no corruptions.
     */
    double estimate(List<String> corruptions) {
        if (corruptions.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (String c : corruptions) {
            int[] ks = positions(c);
            double s = 0;
            for (int k : ks) {
                s += cells.get(k).accuracy();
            }
            sum += s / ks.length;
        }
        return sum / corruptions.size();
    }

    /**
     * Each example's score whose mean over examples is {@link #estimate}: its correctness averaged over each
     * corruption's severities, then over the corruptions.
     */
    double[] scores(List<String> corruptions) {
        double[] score = new double[examples()];
        for (String c : corruptions) {
            int[] ks = positions(c);
            double weight = 1.0 / ks.length / corruptions.size();
            for (int k : ks) {
                boolean[] right = correct[k];
                for (int i = 0; i < score.length; i++) {
                    if (right[i]) {
                        score[i] += weight;
                    }
                }
            }
        }
        return score;
    }

    /**
     * A percentile bootstrap interval of a mean of per-example scores (resampled examples, the study's bootstrap).
     */
    Interval bootstrapMean(double estimate, double[] score, double level, String method) {
        Intervals.checkLevel(level);
        if (Double.isNaN(estimate)) {
            return Interval.undefined(level, method);
        }
        double[][] values = Resampling.replicates(score.length, bootstrap.seed(), bootstrap.resamples(), draws -> {
            double s = 0;
            for (int i : draws) {
                s += score[i];
            }
            return new double[] {s / draws.length};
        });
        return Resampling.percentiles(new double[] {estimate}, values, level, method).get(0);
    }

    /**
     * Summarises the study: clean accuracy, mean corruption accuracy, relative drop and the worst corruption.
     *
     * @return a one-line description for people
     */
    @Override
    public String toString() {
        return "Robustness of " + examples() + " examples under " + byCorruption.size() + " corruptions at severities "
                + severities + ": clean accuracy " + Formats.ratio(clean.accuracy())
                + ", mean corruption accuracy " + Formats.ratio(
                        estimate(standardCorruptions())) + ", worst " + worstCorruption();
    }
}
