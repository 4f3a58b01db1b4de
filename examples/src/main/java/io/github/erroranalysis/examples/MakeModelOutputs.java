package io.github.erroranalysis.examples;

import io.github.erroranalysis.AnalysisOptions;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes the real model outputs the core's peer fixtures are checked on: both bundled models' probabilities on the
 * 5,000 images of the validation pile ({@link Piles#standardSplit(Path)}, which the models never trained on), the
 * true classes, and which rows are the bundled sample ({@link BundledSample}, matched by origin).
 *
 * <p>Usage: {@code MakeModelOutputs [ARCHIVE] [OUT]}, by default {@code ../shared/cifar10/cifar-10-binary-train.tar.gz}
 * and {@code error-analysis/src/test/resources/fixtures/real}. It writes {@code baseline_probabilities.npy} and
 * {@code augmented_probabilities.npy} (float32, 5000 x 10, in the pile's order), {@code labels.npy} (int32, 5000),
 * {@code in_bundled_sample.npy} (uint8, 5000: 1 for the 1,000 rows of the bundled sample) and
 * {@code origins.txt} (one origin per row, such as {@code data_batch_3.bin#1234}) and {@code classes.txt} (the class
 * names, one per line). The files are the same byte for byte on every run.
 */
public final class MakeModelOutputs {

    private MakeModelOutputs() {
    }

    /**
     * Runs both bundled models on the validation pile and writes the files.
     *
     * @param args the training archive and the output folder, both optional
     * @throws IOException if the archive cannot be read or a file not written
     */
    public static void main(String[] args) throws IOException {
        Path archive = Path.of(args.length > 0 ? args[0] : "../shared/cifar10/cifar-10-binary-train.tar.gz");
        Path out = Path.of(args.length > 1 ? args[1] : "error-analysis/src/test/resources/fixtures/real");
        Files.createDirectories(out);
        CifarDataset validation = Piles.standardSplit(archive).validation();
        CifarDataset sample = Piles.sample(validation, BundledSample.PER_CLASS, BundledSample.SEED);
        Set<Origin> inSample = new HashSet<>(sample.origins());
        int n = validation.size();
        byte[] marks = new byte[n];
        StringBuilder origins = new StringBuilder();
        int marked = 0;
        for (int i = 0; i < n; i++) {
            if (inSample.contains(validation.origin(i))) {
                marks[i] = 1;
                marked++;
            }
            origins.append(validation.origin(i)).append('\n');
        }
        if (marked != sample.size()) {
            throw new IllegalStateException("only " + marked + " of the " + sample.size() + " sample images were found "
                    + "in the validation pile by origin");
        }
        int[] labels = validation.labels();
        Files.writeString(out.resolve("classes.txt"), String.join("\n", validation.classNames()) + "\n",
                StandardCharsets.UTF_8);
        for (String name : BundledModels.names()) {
            CifarModel model = BundledModels.byName(name);
            ErrorAnalysis analysis = ErrorAnalysis.of(model.classifier(), model.iterator(validation, 128),
                    AnalysisOptions.defaults().withClassNames(model.classNames()).quietly());
            int classes = analysis.classCount();
            float[] data = new float[n * classes];
            for (int i = 0; i < n; i++) {
                if (analysis.trueClass(i) != labels[i]) {
                    throw new IllegalStateException("row " + i + ": the analysis's true class differs from the pile's");
                }
                for (int c = 0; c < classes; c++) {
                    data[i * classes + c] = (float) analysis.probability(i, c);
                }
            }
            NpyFile.writeFloat32(out.resolve(name + "_probabilities.npy"), data, n, classes);
            System.out.println(name + ": accuracy " + analysis.accuracy() + " on " + n + " validation images");
        }
        NpyFile.writeInt32(out.resolve("labels.npy"), labels, n);
        NpyFile.writeUint8(out.resolve("in_bundled_sample.npy"), marks, n);
        Files.writeString(out.resolve("origins.txt"), origins, StandardCharsets.UTF_8);
        System.out.println("wrote the outputs of " + BundledModels.names() + " on " + n + " validation images ("
                + marked + " in the bundled sample) to " + out);
    }
}
