package io.github.erroranalysis.examples;

import io.github.erroranalysis.ClassProbability;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * The course's Stage 9: the model's top-3 guesses, with probabilities, for image files of any size (PNG, JPEG, BMP,
 * GIF, TIFF or any format ImageIO reads).
 *
 * <p>Usage: {@code PredictTop3 IMAGE...}; with a single folder argument (default {@code stage9}) it first saves
 * three images of the bundled sample there as PNG files and predicts those.
 */
public final class PredictTop3 {

    private PredictTop3() {
    }

    /**
     * Prints the top-3 guesses of the bundled baseline model for each image.
     *
     * @param args image files, or one output folder for sample images
     * @throws IOException if the model or an image cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        if (args.length == 0 || Files.isDirectory(Path.of(args[0])) || !Files.exists(Path.of(args[0]))) {
            Path folder = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "stage9"));
            CifarDataset sample = BundledSample.load();
            for (int i : new int[] {0, 100, 200}) {
                Path file = folder.resolve(sample.className(i) + "-" + i + ".png");
                ImageIO.write(sample.image(i), "png", file.toFile());
                files.add(file);
            }
        } else {
            for (String arg : args) {
                files.add(Path.of(arg));
            }
        }
        CifarModel model = BundledModels.baseline();
        for (Path file : files) {
            List<ClassProbability> top3 = model.predict(file);
            System.out.println(file.getFileName() + ": " + top3.stream()
                    .map(c -> String.format(Locale.ROOT, "%s %.1f%%", c.className(), 100 * c.probability()))
                    .collect(Collectors.joining(", ", "[", "]")));
        }
    }
}
