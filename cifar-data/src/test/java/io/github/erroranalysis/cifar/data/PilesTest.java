package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
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
