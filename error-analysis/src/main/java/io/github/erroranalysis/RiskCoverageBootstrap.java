package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import io.github.erroranalysis.stats.Resampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bootstrap intervals of selective prediction (STATISTICS.md, "Selective prediction"): the AURC and the coverage
 * at each risk of one model, and the paired difference in AURC of two models on the same examples.
 *
 * <p>Every resample is walked once along the sorted order as a sequence of blocks, each block holding some correct
 * and some wrong copies of examples with its errors spread evenly ({@link #blockedValues}): the sum of the risks over a block
 * and the largest qualifying k within it have closed forms, so a resample costs one step per block. Below
 * {@link Bootstrap#GROUPED_MIN_EXAMPLES} (scheme {@code EXAMPLES}, or {@code AUTOMATIC}) the blocks are the sorted
 * examples themselves, each drawn {@code count} times (its copies adjacent, all correct or all wrong, so the walk is
 * the definition itself: the classic bootstrap, exact). From {@link Bootstrap#GROUPED_MIN_EXAMPLES} on (or scheme
 * {@code GROUPED}), the sorted order is cut into about {@value #BLOCKS} contiguous blocks (smaller at the top), each
 * block's correct and wrong examples are two groups of the Poisson bootstrap ({@link Resampling#poissonReplicates}),
 * and a resample's value is the exact estimate plus its blocked value minus the blocked value of the data.
 */
final class RiskCoverageBootstrap {

    /** About how many blocks of the sorted order the grouped bootstrap of one model uses. */
    static final int BLOCKS = 256;

    /** A block near the top of the order holds at most 1/this of the examples ranked above it. */
    static final int TOP_RESOLUTION = 16;

    /** How many blocks of each model's order the grouped paired bootstrap uses. */
    static final int PAIRED_BLOCKS = 64;

    /** The group size from which a group's Poisson count is drawn from the skew-corrected normal approximation. */
    static final long NORMAL_FROM = 64;

    /** Harmonic numbers are tabulated up to this in the grouped bootstrap, asymptotic above. */
    private static final int GROUPED_TABLE = 1 << 12;

    private static final double[] NO_RISKS = new double[0];

    private RiskCoverageBootstrap() {
    }

    /** Tells whether a bootstrap of n examples is grouped. */
    static boolean grouped(Bootstrap bootstrap, int n) {
        return bootstrap.scheme() == Bootstrap.Scheme.GROUPED
                || bootstrap.scheme() == Bootstrap.Scheme.AUTOMATIC && n >= Bootstrap.GROUPED_MIN_EXAMPLES;
    }

    /**
     * Puts intervals on the AURC and the coverages at risks of one curve.
     *
     * @param curve the curve
     * @param estimates the AURC, then the coverage at each risk, on the data themselves
     * @param risks the risks
     * @return one interval per estimate, in order
     */
    static List<Interval> intervals(RiskCoverageCurve curve, double[] estimates, double[] risks, double level,
            Bootstrap bootstrap) {
        int n = curve.examples();
        if (!grouped(bootstrap, n)) {
            boolean[] wrong = wrongByPosition(curve);
            int[] position = new int[n];
            for (int k = 1; k <= n; k++) {
                position[curve.example(k)] = k - 1;
            }
            Harmonic h = new Harmonic(n);
            return Resampling.percentiles(n, bootstrap.seed(), bootstrap.resamples(), level, estimates, draws -> {
                int[] count = new int[n];
                for (int d : draws) {
                    count[position[d]]++;
                }
                return classicValues(count, wrong, risks, h);
            });
        }
        int[] starts = blockStarts(n, BLOCKS, TOP_RESOLUTION);
        int blocks = starts.length - 1;
        // groups: each block's correct examples, then its wrong ones, the empty ones left out
        int[] correctGroup = new int[blocks];
        int[] wrongGroup = new int[blocks];
        long[] sizes = new long[2 * blocks];
        int groups = 0;
        for (int b = 0; b < blocks; b++) {
            long errors = curve.errors(starts[b + 1]) - curve.errors(starts[b]);
            long correct = starts[b + 1] - starts[b] - errors;
            correctGroup[b] = correct > 0 ? groups : -1;
            if (correct > 0) {
                sizes[groups++] = correct;
            }
            wrongGroup[b] = errors > 0 ? groups : -1;
            if (errors > 0) {
                sizes[groups++] = errors;
            }
        }
        long[] groupSizes = Arrays.copyOf(sizes, groups);
        Harmonic h = new Harmonic(Math.min(n, GROUPED_TABLE));
        double[] onData = blockedValues(groupSizes, correctGroup, wrongGroup, risks, h);
        double[][] values = Resampling.poissonReplicates(groupSizes, bootstrap.seed(), bootstrap.resamples(), NORMAL_FROM,
                (counts, random) -> {
                    double[] v = blockedValues(counts, correctGroup, wrongGroup, risks, h);
                    for (int s = 0; s < v.length; s++) {
                        // centred on the exact estimate: what the resample moves the blocked value by
                        v[s] = Math.max(0, Math.min(1, estimates[s] + (v[s] - onData[s])));
                    }
                    return v;
                });
        return Resampling.percentiles(estimates, values, level, describeGrouped(bootstrap, blocks));
    }

    /** The blocked AURC and coverages of group counts (NaN when the resample is empty). */
    private static double[] blockedValues(long[] counts, int[] correctGroup, int[] wrongGroup, double[] risks,
            Harmonic h) {
        int blocks = correctGroup.length;
        long[] correct = new long[blocks];
        long[] wrong = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            correct[b] = correctGroup[b] < 0 ? 0 : counts[correctGroup[b]];
            wrong[b] = wrongGroup[b] < 0 ? 0 : counts[wrongGroup[b]];
        }
        return blockedValues(correct, wrong, risks, h);
    }

    /**
     * Puts the paired-bootstrap interval on candidate AURC minus baseline AURC: each resample weighs every example
     * the same for both models.
     *
     * @param baseline the baseline's curve
     * @param candidate the candidate's curve, over the same examples
     * @param estimate the difference on the data themselves
     * @return the difference with its interval
     */
    static Interval pairedDifference(RiskCoverageCurve baseline, RiskCoverageCurve candidate, double estimate,
            double level, Bootstrap bootstrap) {
        int n = baseline.examples();
        if (candidate.examples() != n) {
            throw new IllegalArgumentException("a paired bootstrap needs the same examples, but the baseline has " + n
                    + " and the candidate " + candidate.examples());
        }
        if (!grouped(bootstrap, n)) {
            int[] orderA = order(baseline);
            int[] orderB = order(candidate);
            boolean[] wrongA = wrongByPosition(baseline);
            boolean[] wrongB = wrongByPosition(candidate);
            Harmonic h = new Harmonic(n);
            double[][] values = Resampling.replicates(n, bootstrap.seed(), bootstrap.resamples(), draws -> {
                int[] count = new int[n];
                for (int d : draws) {
                    count[d]++;
                }
                return new double[] {classicAurc(count, orderB, wrongB, h) - classicAurc(count, orderA, wrongA, h)};
            });
            return Intervals.percentile(estimate, column(values), level,
                    "paired " + Resampling.describe(bootstrap.resamples(), bootstrap.seed()));
        }
        int[] startsA = blockStarts(n, PAIRED_BLOCKS, 0);
        int[] startsB = blockStarts(n, PAIRED_BLOCKS, 0);
        int blocksA = startsA.length - 1;
        int blocksB = startsB.length - 1;
        int[] cellCount = new int[blocksA * blocksB * 4];
        int[] blockOfA = blockOfExample(baseline, startsA);
        int[] blockOfB = blockOfExample(candidate, startsB);
        boolean[] wrongA = wrongByExample(baseline);
        boolean[] wrongB = wrongByExample(candidate);
        for (int i = 0; i < n; i++) {
            cellCount[cell(blockOfA[i], blockOfB[i], wrongA[i], wrongB[i], blocksB)]++;
        }
        // one group per (baseline block, candidate block, baseline wrong, candidate wrong) that holds examples
        List<Integer> cells = new ArrayList<>();
        for (int c = 0; c < cellCount.length; c++) {
            if (cellCount[c] > 0) {
                cells.add(c);
            }
        }
        int groups = cells.size();
        long[] sizes = new long[groups];
        int[] groupA = new int[groups];
        int[] groupB = new int[groups];
        for (int g = 0; g < groups; g++) {
            int c = cells.get(g);
            sizes[g] = cellCount[c];
            int blockPair = c >> 2;
            groupA[g] = 2 * (blockPair / blocksB) + ((c >> 1) & 1); // 2·block + wrong
            groupB[g] = 2 * (blockPair % blocksB) + (c & 1);
        }
        Harmonic h = new Harmonic(Math.min(n, GROUPED_TABLE));
        double onData = pairedBlocked(sizes, groupA, groupB, blocksA, blocksB, h);
        double[][] values = Resampling.poissonReplicates(sizes, bootstrap.seed(), bootstrap.resamples(), NORMAL_FROM,
                (counts, random) -> new double[] {
                        estimate + (pairedBlocked(counts, groupA, groupB, blocksA, blocksB, h) - onData)});
        return Intervals.percentile(estimate, column(values), level, "paired " + describeGrouped(bootstrap, blocksA)
                .replace(" blocks of the sorted order", " blocks of each model's sorted order"));
    }

    private static double[] column(double[][] values) {
        double[] column = new double[values.length];
        for (int r = 0; r < column.length; r++) {
            column[r] = values[r][0];
        }
        return column;
    }

    private static int cell(int blockA, int blockB, boolean wrongA, boolean wrongB, int blocksB) {
        return ((blockA * blocksB + blockB) << 2) | (wrongA ? 2 : 0) | (wrongB ? 1 : 0);
    }

    /** The candidate's blocked AURC minus the baseline's, from the groups' counts. */
    private static double pairedBlocked(long[] counts, int[] groupA, int[] groupB, int blocksA, int blocksB,
            Harmonic h) {
        long[] a = new long[2 * blocksA];
        long[] b = new long[2 * blocksB];
        for (int g = 0; g < counts.length; g++) {
            a[groupA[g]] += counts[g];
            b[groupB[g]] += counts[g];
        }
        return blockedAurc(b, h) - blockedAurc(a, h);
    }

    /** The AURC of blocks given as {@code [2·b] = correct, [2·b + 1] = wrong}. */
    private static double blockedAurc(long[] byBlock, Harmonic h) {
        int blocks = byBlock.length / 2;
        long[] correct = new long[blocks];
        long[] wrong = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            correct[b] = byBlock[2 * b];
            wrong[b] = byBlock[2 * b + 1];
        }
        return blockedValues(correct, wrong, NO_RISKS, h)[0];
    }

    /** The classic resample's AURC of one model: example i drawn {@code count[i]} times, in its sorted order. */
    private static double classicAurc(int[] count, int[] order, boolean[] wrongAt, Harmonic h) {
        int[] byPosition = new int[order.length];
        for (int p = 0; p < order.length; p++) {
            byPosition[p] = count[order[p]];
        }
        return classicValues(byPosition, wrongAt, NO_RISKS, h)[0];
    }

    private static int[] order(RiskCoverageCurve curve) {
        int[] order = new int[curve.examples()];
        for (int k = 1; k <= order.length; k++) {
            order[k - 1] = curve.example(k);
        }
        return order;
    }

    private static boolean[] wrongByPosition(RiskCoverageCurve curve) {
        boolean[] wrong = new boolean[curve.examples()];
        for (int k = 1; k <= wrong.length; k++) {
            wrong[k - 1] = curve.wrong(k);
        }
        return wrong;
    }

    private static boolean[] wrongByExample(RiskCoverageCurve curve) {
        boolean[] wrong = new boolean[curve.examples()];
        for (int k = 1; k <= wrong.length; k++) {
            wrong[curve.example(k)] = curve.wrong(k);
        }
        return wrong;
    }

    private static int[] blockOfExample(RiskCoverageCurve curve, int[] starts) {
        int[] block = new int[curve.examples()];
        int b = 0;
        for (int p = 0; p < block.length; p++) {
            while (p >= starts[b + 1]) {
                b++;
            }
            block[curve.example(p + 1)] = b;
        }
        return block;
    }

    /**
     * Cuts n sorted positions into contiguous blocks: each of {@code ⌈n / blocks⌉} positions, except that near the
     * top a block holds at most 1/{@code topResolution} of the positions above it (at least one; 0: no such limit).
     *
     * @return the first position of each block, then n
     */
    static int[] blockStarts(int n, int blocks, int topResolution) {
        int size = Math.max(1, (int) Math.ceil((double) n / blocks));
        List<Integer> starts = new ArrayList<>();
        int p = 0;
        while (p < n) {
            starts.add(p);
            int s = topResolution == 0 ? size : Math.max(1, Math.min(size, p / topResolution));
            p = (int) Math.min(n, (long) p + s);
        }
        starts.add(n);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String describeGrouped(Bootstrap bootstrap, int blocks) {
        return "percentile bootstrap (Poisson, grouped counts of " + blocks + " blocks of the sorted order, "
                + "centred on the exact estimate), " + bootstrap.resamples() + " resamples, seed " + bootstrap.seed();
    }

    /**
     * The AURC, then the coverage at each risk, of a classic resample: sorted position p drawn {@code count[p]} times
     * (its copies adjacent, all correct or all wrong); NaN when nothing was drawn.
     */
    static double[] classicValues(int[] count, boolean[] wrongAt, double[] risks, Harmonic h) {
        long k = 0;
        long e = 0;
        double sum = 0;
        for (int p = 0; p < count.length; p++) {
            int c = count[p];
            if (c != 0) {
                sum += blockSum(k, e, wrongAt[p] ? 0 : c, wrongAt[p] ? c : 0, h);
                k += c;
                e += wrongAt[p] ? c : 0;
            }
        }
        double[] out = new double[1 + risks.length];
        out[0] = k == 0 ? Double.NaN : sum / k;
        for (int r = 0; r < risks.length; r++) {
            // backward from the end: the first position with a qualifying copy holds the largest k
            long after = k;
            long errorsAfter = e;
            long best = 0;
            for (int p = count.length - 1; p >= 0 && after > 0; p--) {
                int c = count[p];
                if (c == 0) {
                    continue;
                }
                long w = wrongAt[p] ? c : 0;
                long k0 = after - c;
                long e0 = errorsAfter - w;
                long j = largest(risks[r], k0, e0, w, c);
                if (j > 0) {
                    best = k0 + j;
                    break;
                }
                after = k0;
                errorsAfter = e0;
            }
            out[1 + r] = k == 0 ? Double.NaN : (double) best / k;
        }
        return out;
    }

    /**
     * The AURC, then the coverage at each risk, of blocks of the sorted order with {@code correct[b]} correct and
     * {@code wrong[b]} wrong copies each, the errors of a block spread evenly along it; NaN when all are empty.
     */
    static double[] blockedValues(long[] correct, long[] wrong, double[] risks, Harmonic h) {
        long k = 0;
        double e = 0;
        double sum = 0;
        for (int b = 0; b < correct.length; b++) {
            long m = correct[b] + wrong[b];
            if (m != 0) {
                sum += blockSum(k, e, correct[b], wrong[b], h);
                k += m;
                e += wrong[b];
            }
        }
        double[] out = new double[1 + risks.length];
        out[0] = k == 0 ? Double.NaN : sum / k;
        for (int r = 0; r < risks.length; r++) {
            long after = k;
            double errorsAfter = e;
            long best = 0;
            for (int b = correct.length - 1; b >= 0 && after > 0; b--) {
                long m = correct[b] + wrong[b];
                if (m == 0) {
                    continue;
                }
                long k0 = after - m;
                double e0 = k0 == 0 ? 0 : errorsAfter - wrong[b];
                long j = largest(risks[r], k0, e0, wrong[b], m);
                if (j > 0) {
                    best = k0 + j;
                    break;
                }
                after = k0;
                errorsAfter = e0;
            }
            out[1 + r] = k == 0 ? Double.NaN : (double) best / k;
        }
        return out;
    }

    /**
     * The sum of the risks over a block of m = correct + wrong copies after k₀ examples with e₀ errors, its errors
     * spread evenly: {@code wrong + (e₀ − wrong·k₀/m)·(H(k₀+m) − H(k₀))} (for m = 1 the one risk itself).
     */
    static double blockSum(long k0, double e0, long correct, long wrong, Harmonic h) {
        long m = correct + wrong;
        if (m == 1) {
            return (e0 + wrong) / (k0 + 1);
        }
        if (wrong == 0) {
            return e0 * h.difference(k0, k0 + m);
        }
        return wrong + (e0 - (double) wrong * k0 / m) * h.difference(k0, k0 + m);
    }

    /**
     * The largest j in [0, m] with risk(k₀ + j) ≤ r within a block of m copies, {@code wrong} of them wrong and
     * spread evenly, after k₀ examples with e₀ errors (the risk is monotone along a block).
     */
    static long largest(double r, long k0, double e0, long wrong, long m) {
        // the sign of d risk / dj is that of wrong·k₀ − e₀·m
        if ((double) wrong * k0 - e0 * m <= 0) {
            return qualifies(r, k0, e0, wrong, m, m) ? m : 0;
        }
        if (!qualifies(r, k0, e0, wrong, m, 1)) {
            return 0;
        }
        long j;
        if (wrong <= r * m) {
            j = m;
        } else {
            double x = (r * k0 - e0) * m / (wrong - r * m);
            j = x <= 1 ? 1 : x >= m ? m : (long) x;
        }
        while (j < m && qualifies(r, k0, e0, wrong, m, j + 1)) {
            j++;
        }
        while (j > 1 && !qualifies(r, k0, e0, wrong, m, j)) {
            j--;
        }
        return j;
    }

    /** Whether risk(k₀ + j) ≤ r, computed as errors / k in double like the definition. */
    private static boolean qualifies(double r, long k0, double e0, long wrong, long m, long j) {
        double e = wrong == m ? e0 + j : wrong == 0 ? e0 : e0 + (double) (wrong * j) / m;
        return e / (k0 + j) <= r;
    }

    /** Harmonic numbers H(x) = Σ_{i ≤ x} 1/i: a table up to a size, the asymptotic series above. */
    static final class Harmonic {
        private static final double EULER_GAMMA = 0.5772156649015329;
        private final double[] table;

        Harmonic(int size) {
            int t = Math.max(1, size);
            table = new double[t + 1];
            for (int i = 1; i <= t; i++) {
                table[i] = table[i - 1] + 1.0 / i;
            }
        }

        /** H(b) − H(a), for 0 ≤ a ≤ b. */
        double difference(long a, long b) {
            int t = table.length - 1;
            if (b <= t) {
                return table[(int) b] - table[(int) a];
            }
            if (a < t) {
                return asymptotic(b) - table[(int) a];
            }
            // both large: the series' difference term by term, the logarithm of the ratio computed directly
            double ia = 1.0 / a;
            double ib = 1.0 / b;
            double a2 = ia * ia;
            double b2 = ib * ib;
            return Math.log1p((double) (b - a) / a) + 0.5 * (ib - ia) - (b2 - a2) / 12 + (b2 * b2 - a2 * a2) / 120
                    - (b2 * b2 * b2 - a2 * a2 * a2) / 252;
        }

        private static double asymptotic(long x) {
            double i = 1.0 / x;
            double i2 = i * i;
            return Math.log(x) + EULER_GAMMA + 0.5 * i - i2 / 12 + i2 * i2 / 120 - i2 * i2 * i2 / 252;
        }
    }
}
