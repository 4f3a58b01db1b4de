package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.erroranalysis.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OcclusionTest {

    /**
     * A two-class classifier that counts its calls and batch sizes; p(class 0) is the mean brightness of the
     * 4×4 region at rows 8..11, columns 20..23 of channel 0.
     */
    static final class CountingClassifier implements Classifier {
        final List<Long> batches = new ArrayList<>();
        final List<Float> filledValues = new ArrayList<>();

        @Override
        public INDArray probabilities(INDArray features) {
            long n = features.size(0);
            batches.add(n);
            INDArray out = Nd4j.create(n, 2);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int y = 8; y < 12; y++) {
                    for (int x = 20; x < 24; x++) {
                        sum += features.getDouble(i, 0, y, x);
                    }
                }
                double p = sum / 16;
                out.putScalar(i, 0, p);
                out.putScalar(i, 1, 1 - p);
            }
            filledValues.add(features.getFloat(1, 0, 0, 0));
            return out;
        }
    }

    private static INDArray brightImage() {
        INDArray image = Nd4j.zeros(3, 32, 32);
        image.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(8, 12),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(20, 24)).assign(0.9);
        return image;
    }

    @Test
    void should_cost_one_forward_pass_of_the_image_and_its_225_occluded_copies() {
        CountingClassifier classifier = new CountingClassifier();
        OcclusionMap map = Occlusion.map(classifier, brightImage());
        assertThat(classifier.batches).containsExactly(1L + 225L);
        assertThat(map.positions()).isEqualTo(225);
        assertThat(map.rows()).isEqualTo(15);
        assertThat(map.columns()).isEqualTo(15);
    }

    @Test
    void should_find_the_region_the_classifier_looks_at_and_pass_the_faithfulness_check() {
        OcclusionMap map = Occlusion.map(new CountingClassifier(), brightImage(), OcclusionSettings.defaults().withFill(0));
        assertThat(map.classIndex()).isZero();
        assertThat(map.baseProbability()).isCloseTo(0.9, within(1e-6));
        OcclusionMap.Faithfulness f = map.faithfulness();
        assertThat(f.mostImportantRow()).isEqualTo(4);
        assertThat(f.mostImportantColumn()).isEqualTo(10);
        assertThat(map.drop(4, 10)).isCloseTo(0.9, within(1e-6));
        assertThat(f.probabilityAfterMostImportant()).isCloseTo(0.0, within(1e-6));
        assertThat(f.probabilityAfterRandom()).isGreaterThan(f.probabilityAfterMostImportant());
        assertThat(f.passes()).isTrue();
        assertThat(map.drop(0, 0)).isCloseTo(0.0, within(1e-6));
        assertThat(map.pixelSensitivity()[9][21]).isGreaterThan(map.pixelSensitivity()[0][0]);
    }

    @Test
    void should_fill_with_the_channel_mean_by_default_or_with_a_given_value() {
        CountingClassifier classifier = new CountingClassifier();
        Occlusion.map(classifier, brightImage());
        Occlusion.map(classifier, brightImage(), OcclusionSettings.defaults().withFill(0.5));
        assertThat(classifier.filledValues.get(0)).isCloseTo(0.9f * 16 / 1024, within(1e-6f));
        assertThat(classifier.filledValues.get(1)).isEqualTo(0.5f);
    }

    @Test
    void should_pick_the_random_region_from_the_seed_only() {
        OcclusionMap a = Occlusion.map(new CountingClassifier(), brightImage(), OcclusionSettings.defaults().withSeed(1));
        OcclusionMap b = Occlusion.map(new CountingClassifier(), brightImage(), OcclusionSettings.defaults().withSeed(1));
        assertThat(a.faithfulness()).isEqualTo(b.faithfulness());
        assertThat(a.faithfulness().randomRow() * 15 + a.faithfulness().randomColumn())
                .isNotEqualTo(a.faithfulness().mostImportantRow() * 15 + a.faithfulness().mostImportantColumn());
    }

    @Test
    void should_explain_a_chosen_class_and_draw_an_overlay() {
        OcclusionMap map = Occlusion.map(new CountingClassifier(), brightImage().reshape(1, 3, 32, 32), 1,
                OcclusionSettings.defaults());
        assertThat(map.classIndex()).isEqualTo(1);
        assertThat(map.drop(4, 10)).isNegative();
        var figure = Figures.occlusion(Optional.of(ReportFixtures.image(3)), map, "<b>cat</b>");
        assertThat(figure.getWidth()).isGreaterThan(500);
        assertThat(Figures.occlusion(Optional.empty(), map, "cat").getHeight()).isEqualTo(figure.getHeight());
    }

    @Test
    void should_name_the_shape_of_an_image_it_cannot_occlude() {
        assertThatThrownBy(() -> Occlusion.map(new CountingClassifier(), Nd4j.zeros(2, 3, 32, 32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but the image has shape [2, 3, 32, 32]");
        assertThatThrownBy(() -> Occlusion.map(new CountingClassifier(), Nd4j.zeros(3, 3, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the 4×4 patch does not fit the 3×3 image");
        assertThatThrownBy(() -> new OcclusionSettings(0, 2, java.util.OptionalDouble.empty(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("patch and stride must be at least 1, but are patch=0, stride=2");
    }
}
