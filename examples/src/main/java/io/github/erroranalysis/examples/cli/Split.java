package io.github.erroranalysis.examples.cli;

/**
 * Which part of a CIFAR-10 binary release {@code --split} picks. {@link #TRAIN} and {@link #VALIDATION} split the
 * release's {@code data_batch_1..5} with {@code Piles.standardSplit}, defined on the 50,000 training records of the
 * official release (a pile {@code corrupt} wrote of any other size is refused them); {@link #ALL} reads any release,
 * such as a pile {@code corrupt} wrote.
 */
public enum Split {

    /** {@code test_batch.bin}, the official test set (the project's shared archive leaves it out). */
    TEST,
    /** The 45,000 training images the bundled models were trained on (cifar-data's {@code Piles.standardSplit}). */
    TRAIN,
    /**
     * The 5,000 held-out validation images (500 per class, seed 2024: {@code Piles.standardSplit}) the bundled models
     * never trained on.
     */
    VALIDATION,
    /**
     * Every record of every batch file of the release, in archive order ({@code data_batch_1.bin} … {@code
     * data_batch_N.bin}, then {@code test_batch.bin} if present, then any other {@code .bin} file: cifar-data's
     * {@code CifarArchive.all()}); for a folder {@code corrupt} wrote, exactly the records it wrote, with their
     * original origins. For the bundled sample or an image folder, which have no splits, all their images, as with
     * no {@code --split}.
     */
    ALL
}
