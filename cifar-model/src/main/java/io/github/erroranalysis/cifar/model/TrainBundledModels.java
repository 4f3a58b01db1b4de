package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.cifar.data.Normalization;
import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Reproduces a bundled model: trains on the 45,000-image training pile of the CIFAR-10 training archive (the 5,000
 * validation images, 500 per class, split with seed {@value Piles#STANDARD_SEED}, held out: cifar-data's
 * {@link Piles#standardSplit(Path)}) and saves the model and its history.
 *
 * <p>Usage: {@code TrainBundledModels ARCHIVE OUT_MODEL_FILE EPOCHS [--augment] [--seed N] [--patience N]
 * [--from MODEL_FILE] [--learning-rate X] [--quiet]}; after every epoch that improves the validation
 * accuracy the model file is written (atomically), so an interrupted run keeps its best epoch; {@code --from} continues training from a saved model's weights (how the augmented
 * model was made from the baseline). An ND4J
 * backend must be on the class path.
 */
public final class TrainBundledModels {

    private TrainBundledModels() {
    }

    /**
     * Trains and saves one model.
     *
     * @param args the archive, the output model file, the number of epochs, then options
     * @throws IOException if the archive cannot be read or the model not written
     */
    public static void main(String[] args) throws IOException {
        Path archive = Path.of(args[0]);
        Path out = Path.of(args[1]);
        TrainingSettings settings = TrainingSettings.baseline().withEpochs(Integer.parseInt(args[2]));
        Path from = null;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--augment" -> settings = settings.withAugment(true);
                case "--seed" -> settings = settings.withSeed(Long.parseLong(args[++i]));
                case "--patience" -> settings = settings.withPatience(Integer.parseInt(args[++i]));
                case "--quiet" -> settings = settings.withProgress(false);
                case "--from" -> from = Path.of(args[++i]);
                case "--learning-rate" -> settings = new TrainingSettings(settings.epochs(), settings.batchSize(),
                        settings.seed(), Double.parseDouble(args[++i]), settings.augment(), settings.patience(),
                        settings.progress());
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Piles.Split split = Piles.standardSplit(archive);
        Path historyFile = out.resolveSibling(out.getFileName() + ".history.csv");
        MultiLayerNetwork network = from == null
                ? BaselineCnn.create(split.train().classCount(), settings.seed(), settings.learningRate())
                : CifarModel.load(from).network();
        Normalization normalization = Normalization.fit(split.train());
        TrainingSettings used = settings;
        Consumer<TrainingHistory> checkpoint = history -> {
            try {
                history.save(historyFile);
                EpochRecord last = history.epochs().get(history.epochs().size() - 1);
                if (history.best().orElseThrow().epoch() == last.epoch()) {
                    // the network holds the best weights so far: keep them, so an interrupted run loses nothing
                    ModelMetadata metadata = new ModelMetadata(BaselineCnn.ARCHITECTURE, used.augment(), used.seed(),
                            last.epoch(), last.epoch(), last.validationAccuracy(), split.train().fingerprint(),
                            Provenance.currentLibraryVersion(), Instant.now().toString());
                    new CifarModel(network, split.train().classNames(), normalization, metadata).save(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Trainer.Result result = Trainer.train(network, BaselineCnn.ARCHITECTURE, split.train(), split.validation(),
                settings, checkpoint);
        result.model().save(out);
        System.out.println(result.history());
        System.out.println("saved " + result.model() + " to " + out);
    }
}
