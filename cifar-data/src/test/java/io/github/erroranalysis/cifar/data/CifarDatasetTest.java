package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The compact, immutable data set itself. */
class CifarDatasetTest {

    @Test
    void labels_above_127_stay_positive_with_up_to_256_classes() {
        List<String> classes = IntStream.range(0, 256).mapToObj(c -> "c" + c).toList();
        CifarDataset data = CifarDataset.of(List.of(new byte[3072], new byte[3072]), new int[] {200, 255},
                List.of(new Origin("f", 0), new Origin("f", 1)), classes);

        assertThat(data.label(0)).isEqualTo(200);
        assertThat(data.labels()).containsExactly(200, 255);
        assertThat(data.className(1)).isEqualTo("c255");
        assertThat(data.classCounts()[200]).isEqualTo(1);
        assertThat(Piles.sample(data, 0, 1).size()).isZero();
    }

    @Test
    void of_refuses_wrong_sizes_labels_and_class_counts_naming_the_value() {
        List<Origin> one = List.of(new Origin("f.bin", 4));
        List<String> classes257 = IntStream.range(0, 257).mapToObj(c -> "c" + c).toList();

        assertThatThrownBy(() -> CifarDataset.of(List.of(new byte[10]), new int[] {0}, one, Tiny.THREE_CLASSES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image 0 (f.bin#4) has 10 bytes, expected 3072");
        assertThatThrownBy(() -> CifarDataset.of(List.of(new byte[3072]), new int[] {3}, one, Tiny.THREE_CLASSES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 3 of f.bin#4 is outside 0..2");
        assertThatThrownBy(() -> CifarDataset.of(List.of(new byte[3072]), new int[] {0}, one, classes257))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("257 class names, expected 1..256");
    }

    @Test
    void the_data_set_copies_its_input_and_hands_out_copies() {
        byte[] image = new byte[3072];
        CifarDataset data = CifarDataset.of(List.of(image), new int[] {1}, List.of(new Origin("f", 0)),
                Tiny.THREE_CLASSES);
        image[0] = 9;
        data.pixels(0)[1] = 9;

        assertThat(data.pixels(0)[0]).isZero();
        assertThat(data.pixels(0)[1]).isZero();
    }

    @Test
    void subset_and_concat_keep_labels_origins_and_fingerprints() {
        CifarDataset data = Tiny.cifar(6, "a.bin", 1);

        CifarDataset front = data.subset(new int[] {0, 1, 2});
        CifarDataset back = data.subset(new int[] {3, 4, 5});

        assertThat(front.concat(back).fingerprint()).isEqualTo(data.fingerprint());
        assertThat(data.subset(new int[] {5, 0}).origins()).containsExactly(new Origin("a.bin", 5),
                new Origin("a.bin", 0));
        assertThat(data.subset(new int[] {1, 0}).fingerprint()).isNotEqualTo(data.subset(new int[] {0, 1})
                .fingerprint());
        assertThatThrownBy(() -> data.concat(Tiny.dataset(1, Tiny.THREE_CLASSES, "b", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different classes");
    }

    @Test
    void of_names_a_null_class_name_image_or_origin_instead_of_a_bare_null_pointer() {
        List<byte[]> one = List.of(new byte[CifarDataset.IMAGE_BYTES]);
        List<Origin> origin = List.of(new Origin("a.bin", 0));
        List<String> withNull = java.util.Arrays.asList("cat", null);
        java.util.ArrayList<byte[]> nullImage = new java.util.ArrayList<>();
        nullImage.add(null);

        assertThatThrownBy(() -> CifarDataset.of(one, new int[] {0}, origin, withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class name 1 of 2 is null");
        assertThatThrownBy(() -> CifarDataset.of(nullImage, new int[] {0}, origin, List.of("cat")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("example 0 has a null image");
    }
}
