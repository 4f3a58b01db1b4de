package io.github.erroranalysis.examples.cli;

/** Which part of a CIFAR-10 binary release {@code --split} picks. */
public enum Split {

    /** {@code test_batch.bin}, the official test set (the project's shared archive leaves it out). */
    TEST,
    /** The 45,000 training images the bundled models were trained on (cifar-data's {@code Piles.standardSplit}). */
    TRAIN,
    /**
     * The 5,000 held-out validation images (500 per class, seed 2024: {@code Piles.standardSplit}) the bundled models
     * never trained on.
     */
    VALIDATION
}
