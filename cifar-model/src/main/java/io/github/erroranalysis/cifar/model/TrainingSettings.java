package io.github.erroranalysis.cifar.model;

/**
 * How to train: epochs, batch size, seed, learning rate, augmentation, early stopping and progress display.
 *
 * @param epochs       the maximum number of epochs
 * @param batchSize    examples per mini-batch
 * @param seed         the seed of weight initialisation, shuffling and augmentation
 * @param learningRate Adam's learning rate
 * @param augment      whether to apply random crops and flips to training batches
 * @param patience     stop after this many epochs without a better validation accuracy; 0 never stops early
 * @param progress     whether to show a progress bar per epoch on the terminal
 */
public record TrainingSettings(int epochs, int batchSize, long seed, double learningRate, boolean augment,
                               int patience, boolean progress) {

    /**
     * Checks the settings.
     *
     * @param epochs       the maximum number of epochs
     * @param batchSize    examples per mini-batch
     * @param seed         the seed
     * @param learningRate Adam's learning rate
     * @param augment      whether to augment
     * @param patience     early-stopping patience, 0 for none
     * @param progress     whether to show progress bars
     */
    public TrainingSettings {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
    }

    /**
     * Returns the course's defaults for the baseline: 10 epochs, batch 64, seed 42, Adam 0.001, no augmentation,
     * no early stopping, progress bars on.
     *
     * @return the baseline settings
     */
    public static TrainingSettings baseline() {
        return new TrainingSettings(10, 64, 42, 1e-3, false, 0, true);
    }

    /**
     * Returns these settings with another number of epochs.
     *
     * @param value the number of epochs
     * @return new settings
     */
    public TrainingSettings withEpochs(int value) {
        return new TrainingSettings(value, batchSize, seed, learningRate, augment, patience, progress);
    }

    /**
     * Returns these settings with augmentation on or off.
     *
     * @param value whether to augment
     * @return new settings
     */
    public TrainingSettings withAugment(boolean value) {
        return new TrainingSettings(epochs, batchSize, seed, learningRate, value, patience, progress);
    }

    /**
     * Returns these settings with another seed.
     *
     * @param value the seed
     * @return new settings
     */
    public TrainingSettings withSeed(long value) {
        return new TrainingSettings(epochs, batchSize, value, learningRate, augment, patience, progress);
    }

    /**
     * Returns these settings with progress bars on or off.
     *
     * @param value whether to show progress bars
     * @return new settings
     */
    public TrainingSettings withProgress(boolean value) {
        return new TrainingSettings(epochs, batchSize, seed, learningRate, augment, patience, value);
    }

    /**
     * Returns these settings with another early-stopping patience.
     *
     * @param value epochs without improvement before stopping, 0 for never
     * @return new settings
     */
    public TrainingSettings withPatience(int value) {
        return new TrainingSettings(epochs, batchSize, seed, learningRate, augment, value, progress);
    }
}
