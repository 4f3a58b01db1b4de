package io.github.erroranalysis.cifar.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the project's shared CIFAR-10 training archive, skipping a test with a message when it is absent, and keeps
 * what several test classes need (the first batch, a small model trained once) for the whole test run.
 */
final class SharedData {

    private static CifarDataset firstBatch;
    private static Piles.Split smallPiles;
    private static Trainer.Result smallModel;
    private static Piles.Split bundledPiles;

    private SharedData() {
    }

    /** Returns the shared training archive, or skips the calling test when it is absent. */
    static Path trainArchive() {
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared"));
        Path archive = shared.resolve("cifar10/cifar-10-binary-train.tar.gz").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(archive),
                () -> "skipped: the shared CIFAR-10 archive is absent at " + archive);
        return archive;
    }

    /** Returns {@code data_batch_1.bin} of the shared archive (10,000 images), read once. */
    static synchronized CifarDataset firstBatch() throws IOException {
        if (firstBatch == null) {
            firstBatch = Cifar10.open(trainArchive()).batch("data_batch_1.bin");
        }
        return firstBatch;
    }

    /**
     * Returns a small fair split of the first batch: 400 training and 200 validation images (small, because the test
     * suite must stay fast on a busy 2-core machine).
     */
    static synchronized Piles.Split smallPiles() throws IOException {
        if (smallPiles == null) {
            smallPiles = Piles.stratified(Piles.sample(firstBatch(), 60, 7), 20, 7);
        }
        return smallPiles;
    }

    /** Returns the baseline trained for one epoch on {@link #smallPiles()}, trained once per test run. */
    static synchronized Trainer.Result smallModel() throws IOException {
        if (smallModel == null) {
            Piles.Split piles = smallPiles();
            smallModel = Trainer.trainBaseline(piles.train(), piles.validation(),
                    TrainingSettings.baseline().withEpochs(1).withProgress(false), history -> { });
        }
        return smallModel;
    }

    /** Returns the 45,000/5,000 split the bundled models were trained on, read once. */
    static synchronized Piles.Split bundledPiles() throws IOException {
        if (bundledPiles == null) {
            bundledPiles = Piles.standardSplit(trainArchive());
        }
        return bundledPiles;
    }
}
