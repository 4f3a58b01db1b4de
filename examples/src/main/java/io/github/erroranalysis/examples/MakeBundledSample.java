package io.github.erroranalysis.examples;

import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Remakes the bundled sample of the main job: 1,000 real CIFAR-10 images, 100 per class, drawn with seed
 * {@value BundledSample#SEED} from the 5,000 validation images that the bundled models never trained on
 * ({@link Piles#standardSplit(Path)}), written in the official binary layout with each image's origin.
 *
 * <p>Usage: {@code MakeBundledSample [ARCHIVE] [OUT]}, by default
 * {@code ../shared/cifar10/cifar-10-binary-train.tar.gz} and
 * {@code examples/src/main/resources/io/github/erroranalysis/examples/cifar10-validation-sample.tar.gz}. The
 * output is the same byte for byte on every run.
 */
public final class MakeBundledSample {

    private MakeBundledSample() {
    }

    /**
     * Draws the sample and writes it.
     *
     * @param args the training archive and the output file, both optional
     * @throws IOException if the archive cannot be read or the sample not written
     */
    public static void main(String[] args) throws IOException {
        Path archive = Path.of(args.length > 0 ? args[0] : "../shared/cifar10/cifar-10-binary-train.tar.gz");
        Path out = Path.of(args.length > 1 ? args[1]
                : "examples/src/main/resources/io/github/erroranalysis/examples/" + BundledSample.RESOURCE);
        CifarDataset validation = Piles.standardSplit(archive).validation();
        CifarDataset sample = Piles.sample(validation, BundledSample.PER_CLASS, BundledSample.SEED);
        CifarWriter.writeArchive(Map.of(BundledSample.BATCH, sample), out);
        System.out.println("wrote " + sample.size() + " validation images (" + BundledSample.PER_CLASS
                + " per class, seed " + BundledSample.SEED + ") to " + out);
    }
}
