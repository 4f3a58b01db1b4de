package io.github.erroranalysis.examples;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.cifar.data.CifarDataSetIterator;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Normalization;
import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The library inside your own application, twice: (1) on your own {@link Classifier} (here a nearest-class-mean
 * classifier in a few lines of ND4J, no DL4J network at all), and (2) on predictions your application computed
 * elsewhere and saved as NumPy {@code .npy} files.
 *
 * <p>Usage: {@code EmbedInYourApp [OUT_FOLDER]} (default {@code embed}), where the {@code .npy} files are written.
 */
public final class EmbedInYourApp {

    private EmbedInYourApp() {
    }

    /**
     * Your own classifier: each class's mean image; an image's probabilities are a softmax of its negative squared
     * distances to the means.
     *
     * @param means a C×3072 matrix of class means, in the iterator's normalized units
     * @param temperature divides the distances before the softmax
     * @return the classifier
     */
    static Classifier nearestMean(INDArray means, double temperature) {
        INDArray meanNorms = means.mul(means).sum(1).reshape(1, means.rows());
        return features -> {
            INDArray x = features.reshape(features.size(0), means.columns());
            INDArray xNorms = x.mul(x).sum(1).reshape(x.rows(), 1);
            INDArray distances = x.mmul(means.transpose()).muli(-2).addiColumnVector(xNorms).addiRowVector(meanNorms);
            return Transforms.softmax(distances.divi(-temperature), false);
        };
    }

    /**
     * Runs both ways on the bundled sample: class means from half of it, analysis on the other half.
     *
     * @param args the folder for the {@code .npy} files, optional
     * @throws IOException if the sample cannot be read or the files not written
     */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "embed"));
        Piles.Split split = Piles.stratified(BundledSample.load(), 50, 1);
        CifarDataset fit = split.train();
        CifarDataset test = split.validation();
        Normalization normalization = Normalization.fit(fit);

        // (1) your own Classifier: means of the "fit" half, analysed on the other half
        DataSet fitSet = CifarDataSetIterator.toDataSet(fit, normalization);
        INDArray x = fitSet.getFeatures().reshape(fit.size(), 3 * 32 * 32);
        INDArray means = Nd4j.create(x.dataType(), fit.classCount(), x.columns());
        int[] labels = fit.labels();
        for (int c = 0; c < fit.classCount(); c++) {
            int count = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    means.getRow(c).addi(x.getRow(i));
                    count++;
                }
            }
            means.getRow(c).divi(count);
        }
        Classifier yours = nearestMean(means, 500);
        ErrorAnalysis analysis = ErrorAnalysis.of(yours, new CifarDataSetIterator(test, 100, normalization));
        System.out.printf(Locale.ROOT, "your classifier: accuracy %.4f on %d images; hardest class %s%n",
                analysis.accuracy(), analysis.examples(), analysis.hardest().name());

        // (2) predictions computed elsewhere, saved as .npy (as numpy.save would), then analysed from the files
        INDArray probabilities = yours.probabilities(CifarDataSetIterator.toDataSet(test, normalization)
                .getFeatures());
        Path probabilitiesFile = out.resolve("probabilities.npy");
        Path labelsFile = out.resolve("labels.npy");
        Nd4j.writeAsNumpy(probabilities, probabilitiesFile.toFile());
        Nd4j.writeAsNumpy(Nd4j.createFromArray(test.labels()), labelsFile.toFile());
        List<String> classNames = test.classNames();
        ErrorAnalysis fromFiles = ErrorAnalysis.fromNpy(probabilitiesFile, labelsFile, classNames);
        System.out.printf(Locale.ROOT, "from %s: accuracy %.4f, %d wrong, ECE %.4f%n", probabilitiesFile.getFileName(),
                fromFiles.accuracy(), fromFiles.wrong().size(), fromFiles.calibration().ece());
        System.out.println(fromFiles.statistics().accuracy());
    }
}
