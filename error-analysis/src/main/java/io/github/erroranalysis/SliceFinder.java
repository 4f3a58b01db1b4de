package io.github.erroranalysis;

import io.github.erroranalysis.stats.ExactTests;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.MultipleTesting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Searches the slices of the test examples where a model is less accurate than on the rest: within all examples and
 * within each class, every range of one numeric attribute's quantiles (the lowest and highest 10, 20 and 30 %),
 * every category of a categorical one, and every pair of two attributes' lowest or highest 30 %, each with at least
 * the minimum support; each slice's accuracy is compared with the rest of its scope by Fisher's exact test
 * (one-sided), and the false discovery rate is controlled over all slices tried by Benjamini–Hochberg.
 *
 * <p>In detail:
 * <ul>
 *   <li><b>Scopes</b>: all examples ("all classes"), then each class's examples (by true class), in class order.</li>
 *   <li><b>Quantile ranges</b> are by rank within the scope. Of a scope of {@code m} examples, the lowest
 *       {@code q} (10, 20 or 30 %) holds the examples whose value is below the value at rank {@code k = ⌊q·m⌋} of the
 *       scope's values in ascending order (rank 0 the smallest): the {@code k} smallest, except that the examples
 *       tying with rank {@code k} at the boundary are all left out, so a range holds at most {@code k} examples
 *       (fewer when values tie there, none when the smallest {@code k + 1} all tie). The highest {@code q} mirrors
 *       it: the values above the value at rank {@code m - 1 - k}. A range's {@link SliceCondition} records the
 *       smallest and largest value it holds, so its members are exactly the scope's examples with a value in
 *       {@code [lowerValue, upperValue]}.</li>
 *   <li><b>Slices</b>, in the order tried within a scope: for each attribute in the order given, a numeric one's
 *       lowest 10, 20, 30 % and highest 10, 20, 30 %, or a categorical one's categories in index order; then for
 *       each pair of attributes (in the order given) the combinations of their conditions: two numeric attributes'
 *       lowest or highest 30 % each (4), a category of one with the lowest or highest 30 % of the other (2 per
 *       category), or a category of each (the quantiles of a pair's range are still those of the whole scope).</li>
 *   <li><b>Tried</b> are the slices with at least {@code minSupport} examples and at least one example of the scope
 *       outside them, whose set of examples no earlier slice of the same scope had (the first description is kept,
 *       for example "lowest 10 %" rather than "lowest 20 %" when ties make them the same examples).</li>
 *   <li><b>Test</b>: Fisher's exact test of the table (slice correct, slice wrong; rest correct, rest wrong), one
 *       sided "less" ({@link ExactTests#fisherLess}); the rest is the scope's examples outside the slice.</li>
 *   <li><b>Reported</b>: the Benjamini–Hochberg q-values over every slice tried; the slices with {@code q ≤ fdr},
 *       smallest p-value first, ties by larger support, then by description.</li>
 * </ul>
 * Membership is kept as bit sets over the examples, so a slice's support and correct count are two population counts.
 */
public final class SliceFinder {

    /** The default false discovery rate. */
    public static final double DEFAULT_FDR = 0.05;

    /** The default fewest examples in a slice. */
    public static final int DEFAULT_MIN_SUPPORT = 25;

    /** The shares of a single numeric attribute's ranges, in percent. */
    static final int[] SHARES = {10, 20, 30};

    /** The share of each numeric attribute's range in a pair, in percent. */
    static final int PAIR_SHARE = 30;

    /** How the slices within all examples are described. */
    public static final String ALL_CLASSES = "all classes";

    /**
     * How slices are searched.
     *
     * @param fdr the false discovery rate the slices are reported at, in (0, 1)
     * @param minSupport the fewest examples a slice tried has, at least 1
     * @param level the confidence level of the slices' accuracy intervals, in (0, 1)
     */
    public record Settings(double fdr, int minSupport, double level) {

        /** The defaults: FDR 0.05, at least 25 examples, 95 % intervals. */
        public static final Settings DEFAULTS = new Settings(DEFAULT_FDR, DEFAULT_MIN_SUPPORT, 0.95);

        /**
         * Checks the settings.
         *
         * @param fdr the false discovery rate
         * @param minSupport the minimum support
         * @param level the confidence level
         * @throws IllegalArgumentException naming the setting and its value when it is out of range
         */
        public Settings {
            if (!(fdr > 0 && fdr < 1)) {
                throw new IllegalArgumentException("the slice search's false discovery rate must be strictly between 0 "
                        + "and 1 (0.05 for 5 %), but is " + fdr);
            }
            if (minSupport < 1) {
                throw new IllegalArgumentException("the slice search's minimum support must be at least 1 example, but "
                        + "is " + minSupport);
            }
            Intervals.checkLevel(level);
        }
    }

    private SliceFinder() {
    }

    /**
     * Finds the slices of an analysis's test examples where its model fails.
     *
     * @param analysis the analysis (its true classes, predictions and class names)
     * @param attributes the attributes of its examples, each as long as the analysis has examples
     * @param settings how to search
     * @return the slices found, with how many were tried
     * @throws IllegalArgumentException naming the attribute whose length differs from the analysis's examples
     */
    public static SliceSearch find(ErrorAnalysis analysis, List<SliceAttribute> attributes, Settings settings) {
        int n = analysis.examples();
        boolean[] correct = new boolean[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = analysis.trueClass(i);
            correct[i] = labels[i] == analysis.predictedClass(i);
        }
        return find(correct, labels, analysis.classNames(), attributes, settings);
    }

    /**
     * Finds the slices from each example's correctness and class, as {@link #find(ErrorAnalysis, List, Settings)}
     * (for permutation checks, which shuffle the correctness).
     *
     * @param correct whether each example is predicted correctly
     * @param labels each example's true class
     * @param classNames the class names
     * @param attributes the attributes, each as long as {@code correct}
     * @param settings how to search
     * @return the slices found
     * @throws IllegalArgumentException naming the attribute whose length differs, a repeated attribute name, or the
     *                                  example whose class is out of range
     */
    public static SliceSearch find(boolean[] correct, int[] labels, List<String> classNames,
            List<SliceAttribute> attributes, Settings settings) {
        Objects.requireNonNull(settings, "settings");
        List<SliceAttribute> attrs = List.copyOf(attributes);
        List<String> names = List.copyOf(classNames);
        int n = correct.length;
        check(correct, labels, names, attrs);
        Search search = new Search(correct, attrs, settings);
        search.scope(null, allOf(n));
        for (int c = 0; c < names.size(); c++) {
            long[] scope = new long[words(n)];
            for (int i = 0; i < n; i++) {
                if (labels[i] == c) {
                    set(scope, i);
                }
            }
            search.scope(names.get(c), scope);
        }
        return search.result();
    }

    private static void check(boolean[] correct, int[] labels, List<String> classNames, List<SliceAttribute> attributes) {
        int n = correct.length;
        if (labels.length != n) {
            throw new IllegalArgumentException("the slice search needs one true class per example, but there are " + n
                    + " correctness flags and " + labels.length + " true classes");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("the slice search's example " + i + " has the true class " + labels[i]
                        + ", but there are " + classNames.size() + " class names");
            }
        }
        Set<String> seen = new HashSet<>();
        for (SliceAttribute a : attributes) {
            if (a.size() != n) {
                throw new IllegalArgumentException("slice attribute " + a.name() + " has " + a.size() + " values, but "
                        + "there are " + n + " examples");
            }
            if (!seen.add(a.name())) {
                throw new IllegalArgumentException("slice attribute " + a.name() + " is given twice; each attribute "
                        + "needs its own name");
            }
        }
    }

    /** A slice's examples and conditions, before it is tested. */
    private record Candidate(long[] bits, List<SliceCondition> conditions) {
    }

    /** A slice tested: its scope, conditions, examples as bits, counts and p-value. */
    private record Tried(String className, List<SliceCondition> conditions, long[] bits, int support, int correct,
            int scopeSize, int scopeCorrect, double p) {

        String description() {
            StringBuilder s = new StringBuilder(className == null ? ALL_CLASSES : className);
            for (int i = 0; i < conditions.size(); i++) {
                s.append(i == 0 ? ", " : " and ").append(conditions.get(i).inWords());
            }
            return s.toString();
        }
    }

    /** A bit set as a key of a hash set, compared element by element. */
    private record Key(long[] bits, int hash) {

        Key(long[] bits) {
            this(bits, Arrays.hashCode(bits));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bits, bits);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The search's state: the data, each numeric attribute's ascending order, and the slices tried so far. */
    private static final class Search {

        private final List<SliceAttribute> attributes;
        private final Settings settings;
        private final int n;
        private final long[] correct;
        /** Each attribute's values, copied once. */
        private final double[][] values;
        /** Each numeric attribute's examples in ascending order of value (ties by index); null for a category. */
        private final int[][] order;
        /** Each categorical attribute's examples of each category as bits; null for a numeric one. */
        private final long[][][] categoryBits;
        private final List<Tried> tried = new ArrayList<>();

        Search(boolean[] correctness, List<SliceAttribute> attributes, Settings settings) {
            this.attributes = attributes;
            this.settings = settings;
            this.n = correctness.length;
            this.correct = new long[words(n)];
            for (int i = 0; i < n; i++) {
                if (correctness[i]) {
                    set(correct, i);
                }
            }
            values = new double[attributes.size()][];
            order = new int[attributes.size()][];
            categoryBits = new long[attributes.size()][][];
            for (int a = 0; a < attributes.size(); a++) {
                SliceAttribute attribute = attributes.get(a);
                values[a] = attribute.values();
                if (attribute.categorical()) {
                    long[][] bits = new long[attribute.categories().size()][words(n)];
                    for (int i = 0; i < n; i++) {
                        set(bits[(int) values[a][i]], i);
                    }
                    categoryBits[a] = bits;
                } else {
                    order[a] = ascending(values[a]);
                }
            }
        }

        /** Tries every slice of one scope: all examples (class null) or one class's. */
        void scope(String className, long[] scope) {
            int scopeSize = count(scope);
            int scopeCorrect = countAnd(scope, correct);
            if (scopeSize <= settings.minSupport()) {
                return; // no slice of at least minSupport leaves a rest
            }
            int k = attributes.size();
            // each attribute's conditions in this scope: [lowest 10, 20, 30, highest 10, 20, 30] or its categories
            List<List<Candidate>> singles = new ArrayList<>();
            List<Candidate[]> pairParts = new ArrayList<>(); // [lowest 30, highest 30] or the categories
            for (int a = 0; a < k; a++) {
                SliceAttribute attribute = attributes.get(a);
                List<Candidate> own = new ArrayList<>();
                if (attribute.categorical()) {
                    Candidate[] parts = new Candidate[attribute.categories().size()];
                    for (int c = 0; c < parts.length; c++) {
                        long[] bits = and(categoryBits[a][c], scope);
                        if (!isEmpty(bits)) {
                            parts[c] = new Candidate(bits, List.of(SliceCondition.category(attribute.name(), c,
                                    attribute.categories().get(c))));
                            own.add(parts[c]);
                        }
                    }
                    pairParts.add(parts);
                } else {
                    int[] sorted = within(order[a], scope, scopeSize);
                    Candidate lowPair = null;
                    Candidate highPair = null;
                    List<Candidate> highs = new ArrayList<>();
                    for (int share : SHARES) {
                        Candidate low = range(attribute.name(), values[a], sorted, share, true);
                        Candidate high = range(attribute.name(), values[a], sorted, share, false);
                        if (low != null) {
                            own.add(low);
                        }
                        if (high != null) {
                            highs.add(high);
                        }
                        if (share == PAIR_SHARE) {
                            lowPair = low;
                            highPair = high;
                        }
                    }
                    own.addAll(highs);
                    pairParts.add(new Candidate[] {lowPair, highPair});
                }
                singles.add(own);
            }
            Set<Key> seen = new HashSet<>();
            for (List<Candidate> own : singles) {
                for (Candidate c : own) {
                    test(className, c.bits(), c.conditions(), scopeSize, scopeCorrect, seen);
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    for (Candidate x : pairParts.get(a)) {
                        for (Candidate y : pairParts.get(b)) {
                            if (x == null || y == null) {
                                continue;
                            }
                            long[] bits = and(x.bits(), y.bits());
                            List<SliceCondition> conditions = List.of(x.conditions().get(0), y.conditions().get(0));
                            test(className, bits, conditions, scopeSize, scopeCorrect, seen);
                        }
                    }
                }
            }
        }

        /** Tests a slice when it has enough support, a rest, and examples no earlier slice of its scope had. */
        private void test(String className, long[] bits, List<SliceCondition> conditions, int scopeSize,
                int scopeCorrect, Set<Key> seen) {
            int support = count(bits);
            if (support < settings.minSupport() || support >= scopeSize || !seen.add(new Key(bits))) {
                return;
            }
            int right = countAnd(bits, correct);
            int restRight = scopeCorrect - right;
            double p = ExactTests.fisherLess(right, support - right, restRight, scopeSize - support - restRight);
            tried.add(new Tried(className, conditions, bits, support, right, scopeSize, scopeCorrect, p));
        }

        /**
         * Gives the lowest or highest share of a scope's examples (sorted ascending) as a slice, ties at the boundary
         * left out; null when that leaves none.
         */
        private static Candidate range(String name, double[] values, int[] sorted, int percent, boolean lowest) {
            int m = sorted.length;
            int k = (int) ((long) percent * m / 100);
            if (k == 0) {
                return null;
            }
            int from;
            int to; // positions [from, to) of sorted
            if (lowest) {
                double boundary = values[sorted[k]];
                to = k;
                while (to > 0 && values[sorted[to - 1]] == boundary) {
                    to--;
                }
                from = 0;
            } else {
                double boundary = values[sorted[m - 1 - k]];
                from = m - k;
                while (from < m && values[sorted[from]] == boundary) {
                    from++;
                }
                to = m;
            }
            if (from >= to) {
                return null;
            }
            long[] bits = new long[words(values.length)];
            for (int p = from; p < to; p++) {
                set(bits, sorted[p]);
            }
            double lower = values[sorted[from]];
            double upper = values[sorted[to - 1]];
            double share = percent / 100.0;
            SliceCondition condition = lowest ? SliceCondition.lowest(name, share, lower, upper)
                    : SliceCondition.highest(name, share, lower, upper);
            return new Candidate(bits, List.of(condition));
        }

        /** Corrects the p-values of every slice tried and lists those found. */
        SliceSearch result() {
            double[] p = new double[tried.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = tried.get(i).p();
            }
            double[] q = MultipleTesting.benjaminiHochberg(p);
            record Found(Tried t, String description, double q) {
            }
            List<Found> found = new ArrayList<>();
            for (int i = 0; i < p.length; i++) {
                if (q[i] <= settings.fdr()) {
                    found.add(new Found(tried.get(i), tried.get(i).description(), q[i]));
                }
            }
            found.sort(Comparator.<Found>comparingDouble(f -> f.t().p())
                    .thenComparing(Comparator.<Found>comparingInt(f -> f.t().support()).reversed())
                    .thenComparing(Found::description));
            List<Slice> slices = new ArrayList<>();
            for (Found f : found) {
                Tried t = f.t();
                int rest = t.scopeSize() - t.support();
                slices.add(new Slice(f.description(), t.className(), t.conditions(), members(t.bits(), t.support()),
                        t.correct(), Intervals.wilson(t.correct(), t.support(), settings.level()), rest,
                        (double) (t.scopeCorrect() - t.correct()) / rest, t.p(), f.q()));
            }
            List<String> names = attributes.stream().map(SliceAttribute::name).toList();
            return new SliceSearch(slices, tried.size(), settings.fdr(), settings.minSupport(), names);
        }
    }

    /** Gives the examples in ascending order of value, ties by index. */
    private static int[] ascending(double[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (x, y) -> Double.compare(values[x], values[y])); // stable: ties by index
        int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /** Gives the examples of a sorted order that are in a scope, keeping the order. */
    private static int[] within(int[] order, long[] scope, int scopeSize) {
        if (scopeSize == order.length) {
            return order;
        }
        int[] out = new int[scopeSize];
        int j = 0;
        for (int i : order) {
            if (get(scope, i)) {
                out[j++] = i;
            }
        }
        return out;
    }

    private static int words(int n) {
        return (n + 63) >>> 6;
    }

    private static long[] allOf(int n) {
        long[] bits = new long[words(n)];
        for (int i = 0; i < n; i++) {
            set(bits, i);
        }
        return bits;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    private static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private static long[] and(long[] x, long[] y) {
        long[] out = new long[x.length];
        for (int w = 0; w < x.length; w++) {
            out[w] = x[w] & y[w];
        }
        return out;
    }

    private static boolean isEmpty(long[] bits) {
        for (long w : bits) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    private static int count(long[] bits) {
        int c = 0;
        for (long w : bits) {
            c += Long.bitCount(w);
        }
        return c;
    }

    private static int countAnd(long[] x, long[] y) {
        int c = 0;
        for (int w = 0; w < x.length; w++) {
            c += Long.bitCount(x[w] & y[w]);
        }
        return c;
    }

    private static int[] members(long[] bits, int support) {
        int[] out = new int[support];
        int j = 0;
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                out[j++] = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return out;
    }
}
