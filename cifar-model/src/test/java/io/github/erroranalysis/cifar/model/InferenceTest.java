package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.erroranalysis.ClassProbability;
import io.github.erroranalysis.cifar.data.CifarDataSetIterator;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Normalization;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Top-3 inference on single images and batched inference on piles, with the small model trained once. */
class InferenceTest {

    private static CifarModel model;
    private static CifarDataset validation;
    private static INDArray batched;

    @BeforeAll
    static void load() throws IOException {
        model = SharedData.smallModel().model();
        validation = SharedData.smallPiles().validation();
        batched = model.predict(validation);
    }

    @Test
    void top3_is_sorted_sums_to_at_most_1_and_holds_the_3_largest_probabilities() {
        for (int i = 0; i < 50; i++) {
            double[] all = model.probabilities(validation.image(i));
            List<ClassProbability> top = model.predict(validation.image(i));
            assertThat(top).hasSize(3);
            assertThat(Arrays.stream(all).sum()).isCloseTo(1.0, within(1e-5));
            assertThat(top.stream().mapToDouble(ClassProbability::probability).sum()).isLessThanOrEqualTo(1.0 + 1e-6);
            double[] sorted = Arrays.stream(all).map(p -> -p).sorted().map(p -> -p).toArray();
            for (int rank = 0; rank < 3; rank++) {
                ClassProbability guess = top.get(rank);
                assertThat(guess.probability()).isEqualTo(sorted[rank]).isEqualTo(all[guess.classIndex()]);
                assertThat(guess.className()).isEqualTo(validation.classNames().get(guess.classIndex()));
            }
            assertThat(top.get(0).probability()).isGreaterThanOrEqualTo(top.get(1).probability());
            assertThat(top.get(1).probability()).isGreaterThanOrEqualTo(top.get(2).probability());
        }
    }

    @Test
    void predicting_a_rendered_image_gives_the_probabilities_of_the_pile() {
        for (int i = 0; i < validation.size(); i++) {
            double[] single = model.probabilities(validation.image(i));
            double[] row = batched.getRow(i).toDoubleVector();
            for (int c = 0; c < row.length; c++) {
                assertThat(single[c]).as("image %d class %d", i, c).isCloseTo(row[c], within(1e-5));
            }
        }
    }

    @Test
    void another_normalization_would_change_the_probabilities_so_the_check_above_can_fail() {
        CifarModel unnormalized = new CifarModel(model.network(), model.classNames(), Normalization.SCALE_ONLY,
                model.metadata());
        double largest = 0;
        for (int i = 0; i < 20; i++) {
            double[] wrong = unnormalized.probabilities(validation.image(i));
            double[] row = batched.getRow(i).toDoubleVector();
            for (int c = 0; c < row.length; c++) {
                largest = Math.max(largest, Math.abs(wrong[c] - row[c]));
            }
        }
        assertThat(largest).isGreaterThan(1e-3);
    }

    @Test
    void image_files_of_any_size_are_read_as_cifar_data_reads_them(@TempDir Path dir) throws IOException {
        BufferedImage small = validation.image(3);
        Path png = dir.resolve("plane.png");
        ImageIO.write(small, "png", png.toFile());
        BufferedImage big = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                big.setRGB(x, y, small.getRGB(x / 2, y / 2));
            }
        }
        Path bigPng = dir.resolve("plane-64.png");
        ImageIO.write(big, "png", bigPng.toFile());
        List<ClassProbability> expected = model.predict(small);
        assertThat(model.predict(png)).isEqualTo(expected);
        assertThat(model.predict(big)).isEqualTo(expected);
        assertThat(model.predict(bigPng)).isEqualTo(expected);
        assertThat(model.topK(png, 5)).hasSize(5).startsWith(expected.toArray(ClassProbability[]::new));
    }

    @Test
    void an_undecodable_image_file_is_refused_with_its_name(@TempDir Path dir) throws IOException {
        Path notImage = dir.resolve("cat.png");
        Files.writeString(notImage, "this is not a PNG");
        assertThatThrownBy(() -> model.predict(notImage)).isInstanceOf(IOException.class)
                .hasMessageContaining(notImage.toString()).hasMessageContaining("unreadable image");
        Path missing = dir.resolve("missing.jpg");
        assertThatThrownBy(() -> model.predict(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void top_k_covers_1_to_all_classes_and_refuses_others() {
        BufferedImage image = validation.image(0);
        List<ClassProbability> all = model.topK(image, 10);
        assertThat(all).extracting(ClassProbability::classIndex).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(all.stream().mapToDouble(ClassProbability::probability).sum()).isCloseTo(1.0, within(1e-5));
        assertThat(model.topK(image, 1)).containsExactly(all.get(0));
        assertThatThrownBy(() -> model.topK(image, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be between 1 and 10 (the number of classes), got 0");
        assertThatThrownBy(() -> model.topK(image, 11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 11");
    }

    @Test
    void equal_probabilities_are_ordered_by_class_index() {
        float[] p = {0.2f, 0.3f, 0.2f, 0.3f, 0.0f};
        List<ClassProbability> top = ClassProbability.top(p, 0, 5, 3, List.of("a", "b", "c", "d", "e"));
        assertThat(top).containsExactly(new ClassProbability(1, "b", 0.3f), new ClassProbability(3, "d", 0.3f),
                new ClassProbability(0, "a", 0.2f));
        assertThat(top.get(0)).hasToString("b 0.3000");
    }

    @Test
    void batched_prediction_over_an_iterator_equals_prediction_over_the_pile() throws IOException {
        assertThat(batched.shape()).containsExactly(validation.size(), 10);
        INDArray viaIterator = model.predict(model.iterator(validation, 64));
        assertThat(viaIterator).isEqualTo(batched);
        List<DataSet> plain = new ArrayList<>();
        model.iterator(validation, 50).forEachRemaining(plain::add);
        assertThat(model.predict(new ListDataSetIterator<>(plain, 50))).isEqualTo(batched);
    }

    @Test
    void an_iterator_with_another_normalization_augmentation_or_shape_is_refused() throws IOException {
        CifarDataSetIterator scaleOnly = new CifarDataSetIterator(validation, 50, Normalization.SCALE_ONLY);
        assertThatThrownBy(() -> model.predict(scaleOnly)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("normalized with " + model.normalization())
                .hasMessageContaining("the iterator normalizes with " + Normalization.SCALE_ONLY);
        CifarDataSetIterator augmented = model.iterator(validation, 50);
        augmented.setPreProcessor(new Augmentation(1));
        assertThatThrownBy(() -> model.predict(augmented)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("augments its batches");
        DataSet flat = new DataSet(Nd4j.rand(4, 3072), Nd4j.zeros(4, 10));
        assertThatThrownBy(() -> model.predict(new ListDataSetIterator<>(flat.asList(), 4)))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("model baseline-cnn takes features [n, 3, 32, 32] (NCHW) but got shape [4, 3072]");
    }

    @Test
    void a_saved_model_with_other_class_names_is_refused_on_the_data_naming_both(@TempDir Path dir)
            throws IOException {
        List<String> renamed = new ArrayList<>(model.classNames());
        renamed.set(3, "kitty");
        Path file = dir.resolve("renamed.cifarmodel");
        new CifarModel(model.network(), renamed, model.normalization(), model.metadata()).save(file);
        CifarModel loaded = CifarModel.load(file);
        assertThatThrownBy(() -> loaded.predict(validation)).isInstanceOf(ModelFileException.class)
                .hasMessage("model baseline-cnn has 10 classes " + renamed + " but the data has 10 classes "
                        + validation.classNames());
    }

    @Test
    void a_model_with_another_class_count_is_refused_on_the_data_naming_both_counts() {
        MultiLayerNetwork nine = BaselineCnn.create(9, 1, 1e-3);
        List<String> nineNames = validation.classNames().subList(0, 9);
        CifarModel nineClasses = new CifarModel(nine, nineNames, model.normalization(), model.metadata());
        assertThatThrownBy(() -> nineClasses.predict(validation)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("has 9 classes").hasMessageContaining("the data has 10 classes");
        assertThatThrownBy(() -> new CifarModel(nine, validation.classNames(), model.normalization(),
                model.metadata())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network has 9 outputs but 10 class names");
        assertThat(IntStream.range(0, 9).mapToObj(nineClasses.classNames()::get)).containsExactlyElementsOf(nineNames);
    }
}
