package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** Mini-batches, shuffling, metadata and normalization on tiny data sets. */
class CifarDataSetIteratorTest {

    private static List<Serializable> epochOrigins(CifarDataSetIterator iterator, List<Integer> batchSizes) {
        List<Serializable> origins = new ArrayList<>();
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            batchSizes.add(batch.numExamples());
            origins.addAll(batch.getExampleMetaData());
        }
        return origins;
    }

    @Test
    void batches_cover_the_pile_once_with_a_smaller_last_batch_and_origins_as_metadata() {
        CifarDataset pile = Tiny.cifar(10, "p.bin", 1);
        CifarDataSetIterator iterator = new CifarDataSetIterator(pile, 4, Normalization.SCALE_ONLY);

        List<Integer> sizes = new ArrayList<>();
        List<Serializable> origins = epochOrigins(iterator, sizes);

        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(origins).containsExactlyElementsOf(pile.origins());
        assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> iterator.next(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shuffling_gives_a_new_order_each_epoch_that_is_the_same_for_the_same_seed() {
        CifarDataset pile = Tiny.cifar(40, "p.bin", 1);
        CifarDataSetIterator a = new CifarDataSetIterator(pile, 16, Normalization.SCALE_ONLY, true, 7);
        CifarDataSetIterator b = new CifarDataSetIterator(pile, 16, Normalization.SCALE_ONLY, true, 7);
        CifarDataSetIterator c = new CifarDataSetIterator(pile, 16, Normalization.SCALE_ONLY, true, 8);

        List<Serializable> a0 = epochOrigins(a, new ArrayList<>());
        a.reset();
        List<Serializable> a1 = epochOrigins(a, new ArrayList<>());
        List<Serializable> b0 = epochOrigins(b, new ArrayList<>());
        b.reset();
        List<Serializable> b1 = epochOrigins(b, new ArrayList<>());

        assertThat(a0).containsExactlyInAnyOrderElementsOf(pile.origins()).isNotEqualTo(pile.origins());
        assertThat(a1).containsExactlyInAnyOrderElementsOf(pile.origins()).isNotEqualTo(a0);
        assertThat(b0).isEqualTo(a0);
        assertThat(b1).isEqualTo(a1);
        assertThat(epochOrigins(c, new ArrayList<>())).isNotEqualTo(a0);
        assertThat(a.epoch()).isEqualTo(1);
    }

    @Test
    void features_are_nchw_scaled_to_0_1_and_labels_one_hot() {
        CifarDataset pile = Tiny.cifar(3, "p.bin", 2);

        DataSet all = CifarDataSetIterator.toDataSet(pile, Normalization.SCALE_ONLY);

        assertThat(all.getFeatures().shape()).containsExactly(3, 3, 32, 32);
        assertThat(all.getLabels().shape()).containsExactly(3, 10);
        int row = 4;
        int column = 9;
        for (int channel = 0; channel < 3; channel++) {
            float expected = (pile.pixels(2)[channel * 1024 + row * 32 + column] & 0xFF) / 255f;
            assertThat(all.getFeatures().getFloat(2, channel, row, column)).isCloseTo(expected, offset(1e-6f));
        }
        assertThat(all.getLabels().getFloat(1, pile.label(1))).isEqualTo(1f);
        assertThat(all.getLabels().sumNumber().intValue()).isEqualTo(3);
        assertThat(all.getExampleMetaData()).containsExactlyElementsOf(pile.origins());
    }

    @Test
    void normalization_is_fitted_on_the_training_pile_only_and_matches_a_direct_computation() {
        CifarDataset data = Tiny.cifar(60, "p.bin", 3);
        Piles.Split split = Piles.stratified(data, 2, 5);

        Normalization norm = Normalization.fit(split.train());

        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double sumSquares = 0;
            long n = 0;
            for (int i = 0; i < split.train().size(); i++) {
                byte[] px = split.train().pixels(i);
                for (int p = c * 1024; p < (c + 1) * 1024; p++) {
                    double v = (px[p] & 0xFF) / 255.0;
                    sum += v;
                    sumSquares += v * v;
                    n++;
                }
            }
            double mean = sum / n;
            double std = Math.sqrt(sumSquares / n - mean * mean);
            assertThat(norm.mean(c)).isCloseTo(mean, offset(1e-12));
            assertThat(norm.std(c)).isCloseTo(std, offset(1e-12));
        }
        assertThat(Normalization.fit(data)).isNotEqualTo(norm);

        // applied unchanged to the validation pile
        DataSet validation = new CifarDataSetIterator(split.validation(), 100, norm).next();
        float expected = (float) (((split.validation().pixels(3)[2048 + 100] & 0xFF) / 255.0 - norm.blueMean())
                / norm.blueStd());
        assertThat(validation.getFeatures().getFloat(3, 2, 3, 4)).isCloseTo(expected, offset(1e-5f));
    }

    @Test
    void a_constant_channel_gets_std_1_instead_of_dividing_by_zero() {
        byte[] image = new byte[3072];
        java.util.Arrays.fill(image, 0, 1024, (byte) 51);
        CifarDataset flat = CifarDataset.of(List.of(image, image), new int[] {0, 1}, List.of(new Origin("f", 0),
                new Origin("f", 1)), Tiny.THREE_CLASSES);

        Normalization norm = Normalization.fit(flat);

        assertThat(norm.redMean()).isCloseTo(0.2, offset(1e-12));
        assertThat(norm.redStd()).isEqualTo(1.0);
        assertThatThrownBy(() -> Normalization.fit(flat.subset(new int[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
