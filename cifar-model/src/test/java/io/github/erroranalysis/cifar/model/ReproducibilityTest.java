package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two one-epoch runs (250 images, with augmentation) with the same seed, on the same machine and thread count, give
 * the same history and weights, bit for bit.
 */
class ReproducibilityTest {

    @Test
    void the_same_seed_gives_identical_weights_and_history() throws IOException {
        Piles.Split piles = Piles.stratified(Piles.sample(SharedData.firstBatch(), 30, 11), 5, 11);
        TrainingSettings settings = TrainingSettings.baseline().withEpochs(1).withAugment(true).withSeed(17)
                .withProgress(false);
        Trainer.Result first = Trainer.trainBaseline(piles.train(), piles.validation(), settings, h -> { });
        Trainer.Result second = Trainer.trainBaseline(piles.train(), piles.validation(), settings, h -> { });

        assertThat(second.model().network().params()).isEqualTo(first.model().network().params());
        assertThat(withoutSeconds(second.history())).isEqualTo(withoutSeconds(first.history()));
        assertThat(first.model().network().params()).as("training moved the weights")
                .isNotEqualTo(BaselineCnn.create(10, 17, 1e-3).params());
        assertThat(second.model().metadata().trainingFingerprint())
                .isEqualTo(first.model().metadata().trainingFingerprint());
    }

    private static List<EpochRecord> withoutSeconds(TrainingHistory history) {
        return history.epochs().stream().map(e -> new EpochRecord(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                e.validationLoss(), e.validationAccuracy(), 0)).toList();
    }
}
