package io.github.erroranalysis.testing;

import io.github.erroranalysis.Audit;
import io.github.erroranalysis.DuplicateAudit;
import io.github.erroranalysis.DuplicatePair;
import io.github.erroranalysis.ScoreEffect;
import io.github.erroranalysis.Slice;
import io.github.erroranalysis.SliceCondition;
import io.github.erroranalysis.SliceSearch;
import io.github.erroranalysis.stats.ExactTests;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audits made from their records' constructors with figures computed by the core's own statistics, for the tests of
 * {@code audit.json} and the report's audit section (shared through this module's test jar): with and without
 * training data, and with no slices found.
 */
public final class AuditFixtures {

    /** The threshold of the fixtures' duplicate search. */
    public static final double THRESHOLD = 0.12;

    /** The distance, in words, of the fixtures' duplicate search. */
    public static final String DISTANCE = "the smaller of the embedding's cosine distance and the pixel descriptor's";

    private AuditFixtures() {
    }

    /**
     * Gives an audit of {@code examples} test examples against 500 training records (10 of them excluded): every
     * test example's nearest training record, the suspected near-duplicates (distance at most {@link #THRESHOLD},
     * every third with known origins), two within-test pairs, the score effect on {@code correct}, and two slices
     * of class "cat" (members 3, 13, 23, ... below {@code examples}).
     *
     * @param examples the test examples, at least 40
     * @param correct whether each is predicted correctly
     * @param withTraining whether training data was given (else no duplicate part)
     * @param slicesFound whether the slice search found slices (else it tried 120 and found none)
     * @return the audit
     */
    public static Audit audit(int examples, boolean[] correct, boolean withTraining, boolean slicesFound) {
        Optional<DuplicateAudit> d = withTraining ? Optional.of(duplicates(examples, correct)) : Optional.empty();
        return new Audit(d, Optional.of(slices(examples, correct, slicesFound)), 42, "test batch of cifar-10",
                withTraining ? Optional.of("data_batch_1..5 of cifar-10") : Optional.empty());
    }

    /**
     * Gives the correctness of {@code examples} examples: every seventh wrong, so the fixture's slices differ.
     *
     * @param examples how many
     * @return the correctness
     */
    public static boolean[] correct(int examples) {
        boolean[] c = new boolean[examples];
        for (int i = 0; i < examples; i++) {
            c[i] = i % 7 != 0;
        }
        return c;
    }

    private static DuplicateAudit duplicates(int examples, boolean[] correct) {
        List<DuplicatePair> nearest = new ArrayList<>();
        for (int i = 0; i < examples; i++) {
            double distance = i % 5 == 1 ? 0.01 * (i % 11) : 0.2 + 0.6 * ((i * 37) % 100) / 100.0;
            Optional<String> origin = i % 3 == 0 ? Optional.of("test_batch.bin#" + i) : Optional.empty();
            Optional<String> other = i % 3 == 0 ? Optional.of("data_batch_2.bin#" + (7 * i)) : Optional.empty();
            nearest.add(new DuplicatePair(i, 7 * i + 1, distance, origin, other));
        }
        List<DuplicatePair> suspected = new ArrayList<>(nearest.stream().filter(p -> p.distance() <= THRESHOLD)
                .toList());
        suspected.sort((a, b) -> a.distance() != b.distance() ? Double.compare(a.distance(), b.distance())
                : Integer.compare(a.index(), b.index()));
        List<DuplicatePair> within = List.of(
                new DuplicatePair(4, 29, 0.03, Optional.of("test_batch.bin#4"), Optional.empty()),
                new DuplicatePair(8, 17, 0.09, Optional.empty(), Optional.empty()));
        boolean[] flags = new boolean[examples];
        suspected.forEach(p -> flags[p.index()] = true);
        return new DuplicateAudit(nearest, suspected, within, THRESHOLD, DISTANCE, 490, 10, effect(correct, flags));
    }

    /**
     * The score effect computed by hand from the core's statistics (Wilson, Newcombe scaled by the share, Fisher),
     * so the fixtures do not depend on {@code ScoreEffect.of}.
     */
    private static ScoreEffect effect(boolean[] correct, boolean[] suspected) {
        int n = correct.length;
        int s = 0;
        int sc = 0;
        int rc = 0;
        for (int i = 0; i < n; i++) {
            if (suspected[i]) {
                s++;
                sc += correct[i] ? 1 : 0;
            } else {
                rc += correct[i] ? 1 : 0;
            }
        }
        Interval d = Intervals.newcombeDifference(sc, s, rc, n - s, 0.95);
        double share = (double) s / n;
        Interval inflation = new Interval(d.estimate() * share, d.lower() * share, d.upper() * share, 0.95,
                "Newcombe, scaled by the suspected share");
        return new ScoreEffect(n, s, Intervals.wilson(sc + rc, n, 0.95), Intervals.wilson(sc, s, 0.95),
                Intervals.wilson(rc, n - s, 0.95), inflation,
                ExactTests.fisher(sc, s - sc, rc, n - s - rc));
    }

    private static SliceSearch slices(int examples, boolean[] correct, boolean found) {
        List<String> attributes = List.of("brightness", "contrast", "saturation", "embedding cluster");
        if (!found) {
            return new SliceSearch(List.of(), 120, 0.05, 20, attributes);
        }
        List<Slice> slices = new ArrayList<>();
        slices.add(slice("cat, brightness in the lowest 10 %", List.of(new SliceCondition("brightness", 0, 0.1,
                0.02, 0.21, null)), examples, correct, 0, 3, 0.0012, 0.021));
        slices.add(slice("cat, contrast in the highest 30 % and embedding cluster 7", List.of(
                new SliceCondition("contrast", 0.7, 1, 0.4, 0.93, null),
                new SliceCondition("embedding cluster", 0, 1, 7, 7, "7")), examples, correct, 1, 2, 0.004, 0.048));
        return new SliceSearch(slices, 120, 0.05, 20, attributes);
    }

    /** A slice of class 3 ("cat"): every {@code step}-th of its members from the {@code first}-th. */
    private static Slice slice(String description, List<SliceCondition> conditions, int examples, boolean[] correct,
            int first, int step, double p, double q) {
        List<Integer> scope = new ArrayList<>();
        for (int i = 3; i < examples; i += 10) {
            scope.add(i);
        }
        List<Integer> members = new ArrayList<>();
        for (int k = first; k < scope.size(); k += step) {
            members.add(scope.get(k));
        }
        int right = (int) members.stream().filter(i -> correct[i]).count();
        int restRight = (int) scope.stream().filter(i -> !members.contains(i) && correct[i]).count();
        int rest = scope.size() - members.size();
        return new Slice(description, "cat", conditions, members.stream().mapToInt(Integer::intValue).toArray(), right,
                Intervals.wilson(right, members.size(), 0.95), rest, (double) restRight / rest, p, q);
    }
}
