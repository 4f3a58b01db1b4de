package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A learning rate of 1e30 makes the loss NaN at once: training stops, says where, and keeps finite weights. */
class DivergenceTest {

    @Test
    void a_nan_loss_stops_training_naming_epoch_and_iteration_and_restores_the_last_good_weights()
            throws IOException {
        Piles.Split tiny = Piles.stratified(Piles.sample(SharedData.firstBatch(), 6, 3), 2, 3);
        TrainingSettings reckless = new TrainingSettings(2, 10, 9, 1e30, false, 0, false);
        MultiLayerNetwork network = BaselineCnn.create(10, 9, 1e30);
        INDArray initial = network.params().dup();

        TrainingDivergedException e = catchThrowableOfType(TrainingDivergedException.class,
                () -> Trainer.train(network, BaselineCnn.ARCHITECTURE, tiny.train(), tiny.validation(), reckless,
                        h -> { }));

        assertThat(e).as("training with a learning rate of 1e30 diverges").isNotNull();
        assertThat(e.epoch()).isEqualTo(1);
        assertThat(e.iteration()).isBetween(2, 4);
        assertThat(e.keptEpoch()).isZero();
        assertThat(e.getMessage()).matches("training loss became (NaN|-?Infinity) at epoch 1, iteration "
                + e.iteration() + "; the network keeps its initial weights \\(the last good checkpoint\\); .*");
        INDArray after = network.params();
        assertThat(after.isNaN().any() || after.isInfinite().any()).as("non-finite weights").isFalse();
        assertThat(after).isEqualTo(initial);
        assertThat(network.getUpdater().getStateViewArray().isNaN().any()).isFalse();
    }
}
