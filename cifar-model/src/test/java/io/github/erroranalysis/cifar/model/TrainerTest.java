package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Trains the baseline for one epoch on a small real subset: shapes, history, save and load. */
class TrainerTest {

    private static Piles.Split piles;
    private static Trainer.Result result;

    @BeforeAll
    static void trainOneEpoch() throws IOException {
        piles = SharedData.smallPiles();
        result = SharedData.smallModel();
    }

    @Test
    void baseline_has_the_course_parameter_count() {
        assertThat(result.model().network().numParams()).isEqualTo(122_570);
        assertThat(BaselineCnn.summary(result.model().network())).contains("32x30x30", "64x4x4",
                "Total parameters: 122,570");
    }

    @Test
    void history_records_one_epoch_and_the_metadata_its_best_epoch() {
        assertThat(result.history().epochs()).hasSize(1);
        EpochRecord epoch = result.history().epochs().get(0);
        assertThat(epoch.epoch()).isEqualTo(1);
        assertThat(epoch.trainLoss()).isBetween(0.5, 5.0);
        assertThat(epoch.validationAccuracy()).isBetween(0.0, 1.0);
        assertThat(epoch.seconds()).isPositive();
        ModelMetadata metadata = result.model().metadata();
        assertThat(metadata.bestEpoch()).isEqualTo(1);
        assertThat(metadata.validationAccuracy()).isEqualTo(epoch.validationAccuracy());
        assertThat(metadata.trainingFingerprint()).isEqualTo(piles.train().fingerprint());
        assertThat(metadata.libraryVersion()).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void history_round_trips_through_csv_and_json(@TempDir Path dir) throws IOException {
        TrainingHistory history = result.history().plus(new EpochRecord(2, 1.25, 0.5, 1.5, 0.375, 12.5));
        history.save(dir.resolve("h.csv"));
        history.save(dir.resolve("h.json"));
        assertThat(TrainingHistory.load(dir.resolve("h.csv"))).isEqualTo(history);
        assertThat(TrainingHistory.load(dir.resolve("h.json"))).isEqualTo(history);
        assertThat(history.best()).contains(history.epochs().get(
                history.epochs().get(0).validationAccuracy() >= 0.375 ? 0 : 1));
    }

    @Test
    void saved_model_loads_with_identical_outputs(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.cifarmodel");
        result.model().save(file);
        CifarModel loaded = CifarModel.load(file);
        assertThat(loaded.classNames()).isEqualTo(Cifar10.CLASS_NAMES);
        assertThat(loaded.normalization()).isEqualTo(result.model().normalization());
        assertThat(loaded.metadata()).isEqualTo(result.model().metadata());
        INDArray before = result.model().predict(piles.validation());
        INDArray after = loaded.predict(piles.validation());
        assertThat(after).isEqualTo(before);
        for (double rowSum : before.sum(1).toDoubleVector()) {
            assertThat(rowSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(Files.size(file)).isLessThan(1_000_000);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(dir.resolve("plain.txt"));
            assertThat(Files.getPosixFilePermissions(file)).as("saved with the default permissions, not owner-only")
                    .isEqualTo(Files.getPosixFilePermissions(plain));
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void loading_refuses_a_file_of_another_kind(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a model");
        assertThatThrownBy(() -> CifarModel.load(text)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("not a saved model");
        Path plain = dir.resolve("plain.zip");
        org.deeplearning4j.util.ModelSerializer.writeModel(result.model().network(), plain.toFile(), false);
        assertThatThrownBy(() -> CifarModel.load(plain)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("plain DL4J model file");
    }

    @Test
    void training_refuses_a_pile_with_an_empty_class() {
        int[] notCats = java.util.stream.IntStream.range(0, piles.train().size())
                .filter(i -> piles.train().label(i) != 3).toArray();
        assertThatThrownBy(() -> Trainer.trainBaseline(piles.train().subset(notCats), piles.validation(),
                TrainingSettings.baseline().withEpochs(1).withProgress(false), h -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no examples of class 3 (cat)");
    }

    @Test
    void augmentation_is_deterministic_for_a_seed_and_keeps_shape() {
        INDArray x = io.github.erroranalysis.cifar.data.CifarDataSetIterator
                .toDataSet(piles.validation(), result.model().normalization()).getFeatures();
        INDArray a = new Augmentation(5).augment(x);
        INDArray b = new Augmentation(5).augment(x);
        INDArray c = new Augmentation(6).augment(x);
        assertThat(a).isEqualTo(b).isNotEqualTo(c).isNotEqualTo(x);
        assertThat(a.shape()).isEqualTo(x.shape());
    }
}
