package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.cifar.data.CifarDataSetIterator;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Normalization;
import io.github.erroranalysis.cifar.data.Piles;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a network on a training pile, evaluating on a validation pile after every epoch, keeping the weights of the
 * best epoch, optionally stopping early, and recording a {@link TrainingHistory}.
 *
 * <p>Reproducibility: weights, batch order and augmentation all come from the seed, so the same seed, data, thread
 * count and ND4J backend give the same history. Multi-threaded BLAS kernels may sum in a different order with a
 * different thread count or CPU classifier, which changes the last bits of the weights. Training installs the native
 * layer helpers ({@link LayerHelpers}), which run convolutions several times faster than DL4J's Java path.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final int EVAL_BATCH = 500;
    private static final int TRAIN_SAMPLE_PER_CLASS = 500;

    private Trainer() {
    }

    /**
     * The outcome of training: the model with the best epoch's weights, and the history of every epoch.
     *
     * @param model   the trained model, ready to save
     * @param history the per-epoch history
     */
    public record Result(CifarModel model, TrainingHistory history) {
    }

    /**
     * Trains a new network of the baseline architecture.
     *
     * @param train      the training pile (never the validation or test pile)
     * @param validation the validation pile
     * @param settings   how to train
     * @param afterEpoch called with the history after every epoch (for example to save it), may be a no-op
     * @return the model with the best epoch's weights, and the history
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public static Result trainBaseline(CifarDataset train, CifarDataset validation, TrainingSettings settings,
                                       Consumer<TrainingHistory> afterEpoch) {
        MultiLayerNetwork network = BaselineCnn.create(train.classCount(), settings.seed(), settings.learningRate());
        return train(network, BaselineCnn.ARCHITECTURE, train, validation, settings, afterEpoch);
    }

    /**
     * Trains {@code network} in place.
     *
     * @param network      an initialised network whose output size equals the number of classes
     * @param architecture the architecture name recorded in the model's metadata
     * @param train        the training pile
     * @param validation   the validation pile
     * @param settings     how to train
     * @param afterEpoch   called with the history after every epoch
     * @return the model with the best epoch's weights, and the history
     * @throws TrainingDivergedException if the loss becomes NaN or infinite; the network then holds the best
     *                                   epoch's weights (its initial weights if no epoch finished) and a cleared
     *                                   optimizer state
     */
    public static Result train(MultiLayerNetwork network, String architecture, CifarDataset train,
                               CifarDataset validation, TrainingSettings settings,
                               Consumer<TrainingHistory> afterEpoch) {
        checkPile("training", train);
        checkPile("validation", validation);
        if (!train.classNames().equals(validation.classNames())) {
            throw new IllegalArgumentException("training classes " + train.classNames()
                    + " differ from validation classes " + validation.classNames());
        }
        LayerHelpers.install(network);
        Normalization normalization = Normalization.fit(train);
        CifarDataSetIterator batches = new CifarDataSetIterator(train, settings.batchSize(), normalization, true,
                settings.seed());
        if (settings.augment()) {
            batches.setPreProcessor(new Augmentation(settings.seed()));
        }
        int samplePerClass = Math.min(TRAIN_SAMPLE_PER_CLASS, minimum(train.classCounts()));
        CifarDataset trainSample = Piles.sample(train, samplePerClass, settings.seed());
        TrainingHistory history = new TrainingHistory(java.util.List.of());
        INDArray bestParams = network.params().dup();
        int bestEpoch = 0;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        int iteration = 0;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long start = System.nanoTime();
            if (epoch > 1) {
                batches.reset();
            }
            double lossSum = 0;
            int lossBatches = 0;
            try (ProgressBar bar = progressBar(settings, epoch, train.size())) {
                while (batches.hasNext()) {
                    DataSet batch = batches.next();
                    network.fit(batch);
                    iteration++;
                    double loss = network.score();
                    if (!Double.isFinite(loss)) {
                        network.setParams(bestParams);
                        clearUpdaterState(network);
                        throw new TrainingDivergedException(loss, epoch, iteration, bestEpoch);
                    }
                    lossSum += loss;
                    lossBatches++;
                    if (bar != null) {
                        bar.stepBy(batch.numExamples());
                        double seconds = (System.nanoTime() - start) / 1e9;
                        bar.setExtraMessage(String.format(Locale.ROOT, "%.0f img/s, loss %.4f",
                                bar.getCurrent() / Math.max(seconds, 1e-9), lossSum / lossBatches));
                    }
                }
            }
            Score validationScore = score(network, validation, normalization);
            Score trainScore = score(network, trainSample, normalization);
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochRecord record = new EpochRecord(epoch, lossSum / lossBatches, trainScore.accuracy(),
                    validationScore.loss(), validationScore.accuracy(), seconds);
            history = history.plus(record);
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f acc %.4f, validation loss %.4f "
                            + "acc %.4f, %.0f s", epoch, settings.epochs(), record.trainLoss(),
                    record.trainAccuracy(), record.validationLoss(), record.validationAccuracy(), seconds));
            if (record.validationAccuracy() > bestAccuracy) {
                bestAccuracy = record.validationAccuracy();
                bestEpoch = epoch;
                bestParams = network.params().dup();
            }
            afterEpoch.accept(history);
            if (settings.patience() > 0 && epoch - bestEpoch >= settings.patience()) {
                LOG.info("early stop after epoch {}: no better validation accuracy for {} epochs", epoch,
                        settings.patience());
                break;
            }
        }
        network.setParams(bestParams);
        ModelMetadata metadata = new ModelMetadata(architecture, settings.augment(), settings.seed(),
                history.epochs().size(), bestEpoch, bestAccuracy, train.fingerprint(), Provenance.currentLibraryVersion(),
                Instant.now().toString());
        return new Result(new CifarModel(network, train.classNames(), normalization, metadata), history);
    }

    /** Zeroes the optimizer's moments, which are not finite either after a divergence. */
    private static void clearUpdaterState(MultiLayerNetwork network) {
        INDArray state = network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
        if (state != null) {
            state.assign(0);
        }
    }

    private static void checkPile(String name, CifarDataset pile) {
        int[] counts = pile.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("the " + name + " pile has no examples of class " + c + " ("
                        + pile.classNames().get(c) + "); class counts " + java.util.Arrays.toString(counts));
            }
        }
    }

    private static int minimum(int[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static ProgressBar progressBar(TrainingSettings settings, int epoch, int total) {
        if (!settings.progress()) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch,
                settings.epochs())).setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUnit(" img", 1)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    /** Accuracy and mean cross-entropy of a network on a pile. */
    record Score(double accuracy, double loss) {
    }

    /** Scores {@code network} on {@code pile} without augmentation, batched. */
    static Score score(MultiLayerNetwork network, CifarDataset pile, Normalization normalization) {
        CifarDataSetIterator batches = new CifarDataSetIterator(pile, EVAL_BATCH, normalization);
        long correct = 0;
        double lossSum = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray probabilities = network.output(batch.getFeatures(), false);
            INDArray labels = batch.getLabels();
            INDArray predicted = Nd4j.argMax(probabilities, 1);
            INDArray actual = Nd4j.argMax(labels, 1);
            correct += predicted.eq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
            INDArray p = Transforms.max(probabilities.mul(labels).sum(1), 1e-15, false);
            lossSum -= Transforms.log(p, false).sumNumber().doubleValue();
        }
        return new Score((double) correct / pile.size(), lossSum / pile.size());
    }
}
