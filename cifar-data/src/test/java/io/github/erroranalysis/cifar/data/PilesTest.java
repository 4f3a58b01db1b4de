package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Seeded, stratified piles on tiny data sets. */
class PilesTest {

    /** 3 classes with 5, 4 and 3 examples. */
    private static CifarDataset uneven() {
        CifarDataset all = Tiny.dataset(15, Tiny.THREE_CLASSES, "t.bin", 1);
        // labels cycle 0,1,2: drop 11 and 14 (class 2) and 13 (class 1)
        int[] keep = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12};
        return all.subset(keep);
    }

    @Test
    void stratified_holds_out_exactly_the_asked_number_per_class_on_a_tiny_uneven_set() {
        CifarDataset data = uneven();
        assertThat(data.classCounts()).containsExactly(5, 4, 3);

        Piles.Split split = Piles.stratified(data, 2, 11);

        assertThat(split.validation().classCounts()).containsExactly(2, 2, 2);
        assertThat(split.train().classCounts()).containsExactly(3, 2, 1);
        Set<Origin> all = new HashSet<>(split.train().origins());
        all.addAll(split.validation().origins());
        assertThat(all).containsExactlyInAnyOrderElementsOf(data.origins());
    }

    @Test
    void stratified_is_a_pure_function_of_data_and_seed_and_keeps_original_order() {
        CifarDataset data = Tiny.cifar(200, "b.bin", 3);

        Piles.Split one = Piles.stratified(data, 5, 42);
        Piles.Split two = Piles.stratified(data, 5, 42);
        Piles.Split other = Piles.stratified(data, 5, 43);

        assertThat(two.validation().origins()).isEqualTo(one.validation().origins());
        assertThat(two.train().origins()).isEqualTo(one.train().origins());
        assertThat(other.validation().origins()).isNotEqualTo(one.validation().origins());
        assertThat(one.validation().origins()).isSorted();
        assertThat(one.train().origins()).isSorted();
    }

    @Test
    void sample_is_the_validation_pile_of_the_same_seed() {
        CifarDataset data = Tiny.cifar(100, "b.bin", 3);

        assertThat(Piles.sample(data, 3, 9).origins()).isEqualTo(Piles.stratified(data, 3, 9).validation().origins());
        assertThat(Piles.sample(data, 10, 9).size()).isEqualTo(100);
    }

    @Test
    void a_class_too_small_for_the_split_is_named_with_its_count() {
        CifarDataset data = uneven();

        assertThatThrownBy(() -> Piles.stratified(data, 3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 2 (cloud) has 3 examples, cannot take 3 of them and keep 1 for training");
        assertThatThrownBy(() -> Piles.sample(data, -1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
    }

    @Test
    void the_standard_split_holds_out_500_per_class_with_seed_2024_the_same_examples_as_before() throws Exception {
        CifarDataset data = Tiny.cifar(10 * 520, "s.bin", 5);

        Piles.Split split = Piles.standardSplit(data);

        assertThat(split.validation().classCounts()).containsOnly(500);
        assertThat(split.train().classCounts()).containsOnly(20);
        // the indexes the split's old home (TrainBundledModels.piles: stratified(train, 500, 2024)) held out
        List<Integer> held = split.validation().origins().stream().map(Origin::record).toList();
        assertThat(split.train().origins().stream().map(Origin::record).toList()).containsExactly(GOLDEN_TRAIN);
        assertThat(sha256(held)).isEqualTo(GOLDEN_HELD_SHA256);
        assertThat(split.validation().origins()).isEqualTo(Piles.stratified(data, 500, 2024).validation().origins());
    }

    @Test
    void the_standard_split_of_a_release_reads_its_training_batches() throws Exception {
        Path folder = Files.createTempDirectory("piles");
        try {
            Map<String, CifarDataset> batches = new LinkedHashMap<>();
            for (int b = 1; b <= 5; b++) {
                batches.put("data_batch_" + b + ".bin", Tiny.cifar(10 * 102, "data_batch_" + b + ".bin", b));
            }
            Path release = Tiny.folder(folder, Tiny.release(Cifar10.CLASS_NAMES, batches));

            Piles.Split split = Piles.standardSplit(release);

            assertThat(split.validation().classCounts()).containsOnly(500);
            assertThat(split.train().size()).isEqualTo(100);
            assertThat(split.validation().fingerprint()).isEqualTo(Piles.standardSplit(
                    Cifar10.open(release).train()).validation().fingerprint());
        } finally {
            try (var walk = Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String sha256(List<Integer> indexes) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(indexes.toString().getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The 200 training indexes of {@code Tiny.cifar(5200, "s.bin", 5)} under the old code's split. */
    private static final Integer[] GOLDEN_TRAIN = {
            79, 92, 122, 125, 128, 139, 140, 184, 195, 215, 219, 230, 243, 248, 281, 322, 335, 428, 436, 438, 443,
            454, 459, 466, 516, 523, 576, 579, 581, 585, 602, 697, 705, 707, 712, 736, 759, 788, 800, 802, 822, 828,
            858, 870, 888, 912, 985, 996, 1052, 1060, 1150, 1151, 1251, 1258, 1271, 1274, 1306, 1333, 1389, 1399,
            1442, 1514, 1521, 1577, 1599, 1638, 1688, 1716, 1741, 1762, 1764, 1808, 1817, 1819, 1870, 1978, 2067,
            2142, 2212, 2244, 2313, 2317, 2321, 2366, 2440, 2449, 2466, 2480, 2566, 2569, 2590, 2639, 2663, 2685,
            2740, 2772, 2800, 2882, 2883, 2888, 2931, 2947, 2951, 2963, 2966, 2967, 2971, 2991, 3035, 3068, 3098,
            3104, 3157, 3184, 3206, 3221, 3230, 3254, 3258, 3277, 3279, 3343, 3359, 3364, 3382, 3393, 3481, 3524,
            3529, 3587, 3635, 3658, 3663, 3665, 3694, 3700, 3745, 3750, 3776, 3777, 3799, 3813, 3845, 3880, 3882,
            3906, 3915, 3964, 3966, 4001, 4004, 4008, 4109, 4137, 4167, 4291, 4297, 4331, 4363, 4372, 4386, 4404,
            4416, 4417, 4424, 4470, 4474, 4475, 4563, 4566, 4575, 4584, 4607, 4613, 4619, 4630, 4677, 4692, 4707,
            4731, 4762, 4825, 4833, 4843, 4854, 4863, 4865, 4891, 4927, 4960, 4976, 4981, 5050, 5058, 5063, 5094,
            5105, 5175, 5193, 5199};
    /** The SHA-256 of the old code's 5,000 held-out indexes, written as {@code [i, j, ...]}. */
    private static final String GOLDEN_HELD_SHA256 = "a96a20a3b8fd176e0f6012ca91a629a08f08da0843ae68214e3342c7be82d617";

    @Property(tries = 30)
    void every_split_is_exact_per_class_and_disjoint(@ForAll @IntRange(min = 0, max = 4) int perClass,
                                                     @ForAll @IntRange(min = 50, max = 80) int size,
                                                     @ForAll long seed) {
        CifarDataset data = Tiny.dataset(size, List.of("a", "b", "c", "d", "e"), "p.bin", 1);

        Piles.Split split = Piles.stratified(data, perClass, seed);

        assertThat(split.validation().classCounts()).containsOnly(perClass);
        assertThat(split.train().size() + split.validation().size()).isEqualTo(size);
        Set<Origin> held = new HashSet<>(split.validation().origins());
        assertThat(split.train().origins()).noneMatch(held::contains);
    }
}
