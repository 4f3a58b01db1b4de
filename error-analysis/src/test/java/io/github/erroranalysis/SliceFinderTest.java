package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.stats.Intervals;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Checks the slice search: the quantile ranges and their ties, the slices tried (support, rest, duplicates), the order
 * and words of the slices found, a planted slice found first, and few discoveries where correctness is independent of
 * the attributes.
 */
class SliceFinderTest {

    private static final List<String> CIFAR = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    /** 40 examples of one class; v is 0 for examples 0 to 5 and the example's index above; 0 to 7 are wrong. */
    private static final int N = 40;

    private static double[] tiedValues() {
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = i < 6 ? 0 : i;
        }
        return v;
    }

    private static boolean[] firstEightWrong() {
        boolean[] correct = new boolean[N];
        for (int i = 8; i < N; i++) {
            correct[i] = true;
        }
        return correct;
    }

    private static final SliceFinder.Settings SMALL = new SliceFinder.Settings(0.05, 4, 0.95);

    @Test
    void quantile_ranges_leave_boundary_ties_out_and_record_their_values() {
        SliceSearch s = SliceFinder.find(firstEightWrong(), new int[N], List.of("only"),
                List.of(SliceAttribute.numeric("v", tiedValues())), SMALL);
        // per scope (all classes, then the class "only", the same examples): lowest 10 % is k = 4 examples, but
        // ranks 0..4 all tie at 0, so it is empty and not tried; lowest 20 % (k = 8, boundary value 8) and 30 %
        // (k = 12) and highest 10, 20, 30 % (4, 8, 12 examples) are tried: 5 per scope
        assertThat(s.tried()).isEqualTo(10);
        assertThat(s.attributes()).containsExactly("v");
        assertThat(s.slices()).extracting(Slice::description).containsExactly("all classes, v in the lowest 20 %",
                "only, v in the lowest 20 %", "all classes, v in the lowest 30 %", "only, v in the lowest 30 %");
        Slice low20 = s.slices().get(0);
        assertThat(low20.members()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(low20.className()).isNull();
        assertThat(low20.correct()).isZero();
        assertThat(low20.restSupport()).isEqualTo(32);
        assertThat(low20.restAccuracy()).isEqualTo(1.0);
        assertThat(low20.accuracy()).isEqualTo(Intervals.wilson(0, 8, 0.95));
        // one table of C(40, 8) has all 8 wrong examples in the slice
        assertThat(low20.pValue()).isCloseTo(1 / 76904685.0, org.assertj.core.api.Assertions.within(1e-20));
        assertThat(low20.conditions()).containsExactly(new SliceCondition("v", 0, 0.2, 0, 7, null));
        Slice low30 = s.slices().get(2);
        assertThat(low30.members()).containsExactly(IntStream.range(0, 12).toArray());
        assertThat(low30.conditions().get(0).upperValue()).isEqualTo(11);
        assertThat(low30.correct()).isEqualTo(4);
        assertThat(s.slices().get(1).className()).isEqualTo("only");
        assertThat(s.slices().get(1).inWords()).startsWith("only, v in the lowest 20 %: accuracy 0.00 [0.00, 0.32] vs "
                + "1.00 for other only examples, q = ");
        assertThat(low20.inWords()).contains("vs 1.00 for the rest, q = ");
        // BH over the 10 tried: the two smallest p-values tie, q = p·10/2
        assertThat(low20.qValue()).isCloseTo(low20.pValue() * 10 / 2, org.assertj.core.api.Assertions.within(1e-20));
    }

    @Test
    void identical_member_sets_within_a_scope_are_tried_once() {
        double[] v = tiedValues();
        int[] cluster = new int[N];
        for (int i = 10; i < N; i++) {
            cluster[i] = 1;
        }
        List<SliceAttribute> attributes = List.of(SliceAttribute.numeric("v", v), SliceAttribute.numeric("copy of v", v),
                SliceAttribute.category("embedding cluster", cluster, List.of("0", "1")));
        SliceSearch s = SliceFinder.find(firstEightWrong(), new int[N], List.of("only"), attributes, SMALL);
        // per scope: v's 5 ranges; its copy's are the same examples; clusters 0 (examples 0..9) and 1 (10..39);
        // the pairs: v and its copy in their lowest 30 % (the same as v's lowest 30 %) or lowest/highest (empty);
        // v's lowest 30 % and cluster 0 (= cluster 0), and cluster 1 (2 examples, below the support); v's highest 30 %
        // and cluster 0 (empty) or 1 (= v's highest 30 %): 7 per scope
        assertThat(s.tried()).isEqualTo(14);
        assertThat(s.slices()).extracting(Slice::description).contains("all classes, embedding cluster 0")
                .doesNotContain("all classes, copy of v in the lowest 20 %");
        Slice cluster0 = s.slices().stream().filter(x -> x.description().equals("all classes, embedding cluster 0"))
                .findFirst().orElseThrow();
        assertThat(cluster0.members()).containsExactly(IntStream.range(0, 10).toArray());
        assertThat(cluster0.conditions()).containsExactly(SliceCondition.category("embedding cluster", 0, "0"));
        assertThat(cluster0.correct()).isEqualTo(2);
    }

    @Test
    void slices_need_the_minimum_support_and_a_rest() {
        // with a minimum support of 9 only the 30 % ranges (12 examples) remain: 2 per scope
        SliceSearch s = SliceFinder.find(firstEightWrong(), new int[N], List.of("only"),
                List.of(SliceAttribute.numeric("v", tiedValues())), new SliceFinder.Settings(0.05, 9, 0.95));
        assertThat(s.tried()).isEqualTo(4);
        assertThat(s.minSupport()).isEqualTo(9);
        // a category holding the whole scope has no rest: not tried
        SliceSearch whole = SliceFinder.find(firstEightWrong(), new int[N], List.of("only"),
                List.of(SliceAttribute.category("constant", new int[N], List.of("c"))), SMALL);
        assertThat(whole.tried()).isZero();
        assertThat(whole.slices()).isEmpty();
        assertThat(whole.found()).isZero();
    }

    @Test
    void pairs_combine_the_30_percent_ranges_of_each_attribute() {
        // x = index, y = reversed index: lowest 30 % of x is 0..11, highest 30 % of y is 0..11 too (a duplicate),
        // lowest 30 % of y is 28..39; so x-low & y-high duplicates x-low, x-low & y-low is empty
        double[] x = new double[N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = i;
            y[i] = N - i;
        }
        boolean[] correct = new boolean[N];
        for (int i = 6; i < N; i++) {
            correct[i] = true;
        }
        SliceSearch s = SliceFinder.find(correct, new int[N], List.of("only"),
                List.of(SliceAttribute.numeric("x", x), SliceAttribute.numeric("y", y)), SMALL);
        // per scope: x's 6 ranges, y's 6 (each the same examples as one of x's, so skipped), no new pair: 6
        assertThat(s.tried()).isEqualTo(12);
        // the 6 wrong examples are x's smallest: lowest 20 % (2 of 8 right, p = C(34,2)/C(40,8)) beats lowest 10 % (0 of 4,
        // p = C(6,4)/C(40,4))
        assertThat(s.slices().get(0).description()).isEqualTo("all classes, x in the lowest 20 %");
        assertThat(s.slices().get(0).members()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(s.slices().get(0).pValue()).isCloseTo(561 / 76904685.0, org.assertj.core.api.Assertions.within(1e-18));
        // now pairs with a third attribute z that splits the examples into even and odd: z's highest 30 % are
        // the 12 largest z; pairs like "x in the lowest 30 % and z in the highest 30 %"
        double[] z = new double[N];
        for (int i = 0; i < N; i++) {
            z[i] = (i % 2) * 100 + i;
        }
        SliceSearch t = SliceFinder.find(correct, new int[N], List.of("only"),
                List.of(SliceAttribute.numeric("x", x), SliceAttribute.numeric("z", z)),
                new SliceFinder.Settings(0.5, 2, 0.95));
        assertThat(t.slices()).extracting(Slice::description)
                .contains("all classes, x in the lowest 30 % and z in the lowest 30 %");
        Slice pair = t.slices().stream()
                .filter(p -> p.description().equals("all classes, x in the lowest 30 % and z in the lowest 30 %"))
                .findFirst().orElseThrow();
        // z's lowest 30 %: the 12 smallest z are the even indexes 0..22; with x's lowest 30 % (0..11): 0, 2, .., 10
        assertThat(pair.members()).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(pair.conditions()).hasSize(2);
        assertThat(pair.conditions().get(1)).isEqualTo(new SliceCondition("z", 0, 0.3, 0, 22, null));
    }

    @Test
    void a_planted_slice_is_found_first_with_its_description() {
        for (long seed = 1; seed <= 5; seed++) {
            Planted p = planted(seed);
            SliceSearch s = SliceFinder.find(p.correct(), p.labels(), CIFAR, p.attributes(), SliceFinder.Settings.DEFAULTS);
            assertThat(s.slices()).as("seed %d", seed).isNotEmpty();
            Slice top = s.slices().get(0);
            assertThat(top.description()).as("seed %d", seed).isEqualTo("cat, x in the lowest 20 %");
            assertThat(top.members()).as("seed %d", seed).containsExactly(p.planted());
            assertThat(top.className()).isEqualTo("cat");
            assertThat(top.qValue()).isLessThan(1e-6);
            assertThat(top.inWords()).startsWith("cat, x in the lowest 20 %: accuracy 0.")
                    .contains(" for other cat examples, q = ");
            // the slices found are in the documented order
            for (int i = 1; i < s.slices().size(); i++) {
                Slice a = s.slices().get(i - 1);
                Slice b = s.slices().get(i);
                assertThat(a.pValue() < b.pValue() || a.pValue() == b.pValue() && (a.support() > b.support()
                        || a.support() == b.support() && a.description().compareTo(b.description()) <= 0)).isTrue();
                assertThat(b.qValue()).isLessThanOrEqualTo(0.05);
            }
            // all classes, 10 classes: 3 numeric attributes × 6 ranges + 8 clusters + 3 numeric pairs × 4 + 3 × 8 × 2
            // category × range pairs at most per scope
            assertThat(s.tried()).isGreaterThan(100).isLessThanOrEqualTo(11 * (18 + 8 + 12 + 48));
        }
    }

    /** A planted data set: its correctness, classes, attributes, and the planted examples. */
    private record Planted(boolean[] correct, int[] labels, List<SliceAttribute> attributes, int[] planted) {
    }

    /**
     * 2,000 examples of 10 classes (200 each), attributes x, y, z uniform and an 8-cluster category; the cat examples
     * whose x is in the cats' lowest 20 % (40) are right with probability 0.2, every other example with 0.8.
     */
    private static Planted planted(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 2000;
        int[] labels = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            x[i] = random.nextDouble();
            y[i] = random.nextDouble();
            z[i] = random.nextGaussian();
            cluster[i] = random.nextInt(8);
        }
        int[] cats = IntStream.range(0, n).filter(i -> labels[i] == 3).boxed()
                .sorted((a, b) -> Double.compare(x[a], x[b])).mapToInt(Integer::intValue).toArray();
        int[] planted = IntStream.of(cats).limit(40).sorted().toArray();
        boolean[] isPlanted = new boolean[n];
        for (int i : planted) {
            isPlanted[i] = true;
        }
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            correct[i] = random.nextDouble() < (isPlanted[i] ? 0.2 : 0.8);
        }
        List<String> clusters = IntStream.range(0, 8).mapToObj(Integer::toString).toList();
        List<SliceAttribute> attributes = List.of(SliceAttribute.numeric("x", x), SliceAttribute.numeric("y", y),
                SliceAttribute.numeric("z", z), SliceAttribute.category("embedding cluster", cluster, clusters));
        return new Planted(correct, labels, attributes, planted);
    }

    @Test
    void few_slices_are_found_when_correctness_is_independent_of_the_attributes() {
        int runs = 50;
        int withDiscovery = 0;
        int found = 0;
        for (long seed = 0; seed < runs; seed++) {
            Planted p = planted(1000 + seed);
            // the null: correctness drawn anew, independent of classes and attributes, accuracy 0.7
            SplittableRandom random = new SplittableRandom(seed);
            boolean[] correct = new boolean[p.correct().length];
            for (int i = 0; i < correct.length; i++) {
                correct[i] = random.nextDouble() < 0.7;
            }
            SliceSearch s = SliceFinder.find(correct, p.labels(), CIFAR, p.attributes(), SliceFinder.Settings.DEFAULTS);
            assertThat(s.tried()).isGreaterThan(100);
            found += s.found();
            if (s.found() > 0) {
                withDiscovery++;
            }
        }
        // under the complete null every discovery is false, so the FDR is the chance of any discovery: at most 0.05
        // for independent or positively dependent tests, less for the discrete (conservative) Fisher test
        assertThat((double) withDiscovery / runs).as("share of null runs with a discovery (%d slices in all)", found)
                .isLessThanOrEqualTo(0.1);
    }

    @Test
    void the_analysis_overload_reads_correctness_and_classes_from_the_analysis() {
        int n = 60;
        int[] labels = new int[n];
        int[] predicted = new int[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            v[i] = i;
            predicted[i] = i < 20 ? 1 - labels[i] : labels[i]; // the 20 smallest v are wrong
        }
        ErrorAnalysis analysis = Analyses.predicting(predicted, labels, List.of("cat", "dog"));
        List<SliceAttribute> attributes = List.of(SliceAttribute.numeric("brightness", v));
        SliceFinder.Settings settings = new SliceFinder.Settings(0.05, 5, 0.95);
        SliceSearch fromAnalysis = SliceFinder.find(analysis, attributes, settings);
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            correct[i] = predicted[i] == labels[i];
        }
        assertThat(fromAnalysis).isEqualTo(SliceFinder.find(correct, labels, List.of("cat", "dog"), attributes, settings));
        assertThat(fromAnalysis.slices().get(0).description()).isEqualTo("all classes, brightness in the lowest 30 %");
    }

    @Test
    void bad_input_is_refused_naming_it() {
        boolean[] correct = new boolean[3];
        int[] labels = new int[3];
        assertThatThrownBy(() -> SliceFinder.find(correct, labels, List.of("a"),
                List.of(SliceAttribute.numeric("brightness", new double[2])), SliceFinder.Settings.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice attribute brightness has 2 values, but there are 3 examples");
        assertThatThrownBy(() -> SliceFinder.find(correct, labels, List.of("a"),
                List.of(SliceAttribute.numeric("b", new double[3]), SliceAttribute.numeric("b", new double[3])),
                SliceFinder.Settings.DEFAULTS)).hasMessageContaining("slice attribute b is given twice");
        assertThatThrownBy(() -> SliceFinder.find(correct, new int[] {0, 1, 0}, List.of("a"), new ArrayList<>(),
                SliceFinder.Settings.DEFAULTS)).hasMessageContaining("example 1 has the true class 1");
        assertThatThrownBy(() -> SliceFinder.find(correct, new int[2], List.of("a"), List.of(),
                SliceFinder.Settings.DEFAULTS)).hasMessageContaining("3 correctness flags and 2 true classes");
        assertThatThrownBy(() -> new SliceFinder.Settings(0, 25, 0.95)).hasMessageContaining("but is 0.0");
        assertThatThrownBy(() -> new SliceFinder.Settings(0.05, 0, 0.95)).hasMessageContaining("at least 1 example, but is 0");
        assertThatThrownBy(() -> new SliceFinder.Settings(0.05, 25, 1)).hasMessageContaining("but is 1.0");
    }
}
