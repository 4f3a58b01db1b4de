package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.Fingerprints;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bundled models load and score well above chance on 1,000 validation images. Skipped, with a message, while a
 * model is not yet in the build or the shared archive is absent.
 */
class BundledModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {BundledModels.BASELINE, BundledModels.AUGMENTED})
    void bundled_model_loads_and_scores_above_chance_on_1000_validation_images(String name) throws IOException {
        assumeTrue(BundledModels.isAvailable(name), () -> "skipped: bundled model " + name + ".cifarmodel is not "
                + "in this build yet (it is added to src/main/resources when its training has finished)");
        Piles.Split split = SharedData.bundledPiles();
        CifarDataset sample = Piles.sample(split.validation(), 100, 5);

        CifarModel model = BundledModels.byName(name);
        INDArray probabilities = model.predict(sample);
        INDArray predicted = Nd4j.argMax(probabilities, 1);
        long correct = 0;
        for (int i = 0; i < sample.size(); i++) {
            correct += predicted.getInt(i) == sample.label(i) ? 1 : 0;
        }
        double accuracy = (double) correct / sample.size();

        assertThat(sample.size()).isEqualTo(1000);
        assertThat(accuracy).as("accuracy of bundled model %s on 1,000 validation images (chance is 0.1)", name)
                .isGreaterThan(0.5);
        assertThat(model.metadata().architecture()).isEqualTo(BaselineCnn.ARCHITECTURE);
        assertThat(model.metadata().augmented()).isEqualTo(name.equals(BundledModels.AUGMENTED));
        assertThat(model.metadata().trainingFingerprint()).as("trained on the 45,000-image training pile")
                .isEqualTo(split.train().fingerprint());
        TrainingHistory history = BundledModels.history(name);
        assertThat(history.epochs()).isNotEmpty();
        assertThat(history.best().orElseThrow().validationAccuracy())
                .isCloseTo(model.metadata().validationAccuracy(), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {BundledModels.BASELINE, BundledModels.AUGMENTED})
    void a_bundled_model_is_fingerprinted_by_the_bytes_of_its_file_as_sha256sum_does(String name) throws Exception {
        assumeTrue(BundledModels.isAvailable(name), () -> "skipped: bundled model " + name + " is not in this build");
        Path file = Path.of("src/main/resources/io/github/erroranalysis/cifar/model/" + name + ".cifarmodel");
        Process sha256sum = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String printed = new String(sha256sum.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(sha256sum.waitFor()).as(printed).isZero();

        assertThat(BundledModels.fingerprint(name)).isEqualTo("sha256:" + printed.substring(0, 64))
                .isEqualTo(Fingerprints.ofFile(file)).matches("sha256:[0-9a-f]{64}");
        String other = name.equals(BundledModels.BASELINE) ? BundledModels.AUGMENTED : BundledModels.BASELINE;
        assumeTrue(BundledModels.isAvailable(other));
        assertThat(BundledModels.fingerprint(name)).isNotEqualTo(BundledModels.fingerprint(other));
    }

    @Test
    void an_unknown_name_is_refused_with_the_valid_names() {
        assertThatThrownBy(() -> BundledModels.byName("resnet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no bundled model named 'resnet'; the bundled models are baseline, augmented");
        assertThat(BundledModels.names()).containsExactly("baseline", "augmented");
    }

    @Test
    void a_model_missing_from_the_build_is_named() {
        assertThatThrownBy(() -> BundledModels.open("augmented-v2.cifarmodel"))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("bundled model resource augmented-v2.cifarmodel is not in this build")
                .hasMessageContaining("io/github/erroranalysis/cifar/model/augmented-v2.cifarmodel");
    }
}
