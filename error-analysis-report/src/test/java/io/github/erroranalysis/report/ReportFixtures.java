package io.github.erroranalysis.report;

import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.ErrorAnalysis;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded synthetic analyses and images for the report tests and the benchmark. */
public final class ReportFixtures {

    /** The CIFAR-10 class names. */
    public static final List<String> CIFAR = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private ReportFixtures() {
    }

    /**
     * Makes an analysis of {@code n} examples whose true class cycles through the classes, with a model right about
     * {@code skill} of the time; class {@code 3} is made harder and confused mostly with class 5.
     *
     * @param n the number of examples
     * @param names the class names
     * @param seed the seed
     * @return the analysis
     */
    public static ErrorAnalysis analysis(int n, List<String> names, long seed) {
        int c = names.size();
        SplittableRandom random = new SplittableRandom(seed);
        float[] probs = new float[n * c];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int t = i % c;
            labels[i] = t;
            double skill = t == Math.min(3, c - 1) ? 0.45 : 0.8;
            int guess = random.nextDouble() < skill ? t : (t == 3 && c > 5 && random.nextBoolean() ? 5 : random.nextInt(c));
            double top = 0.3 + 0.7 * random.nextDouble();
            double rest = 1 - top;
            double[] w = new double[c];
            double sum = 0;
            for (int k = 0; k < c; k++) {
                w[k] = k == guess ? 0 : random.nextDouble() + 1e-3;
                sum += w[k];
            }
            for (int k = 0; k < c; k++) {
                probs[i * c + k] = (float) (k == guess ? top : rest * w[k] / sum);
            }
            // keep the guess strictly the most probable
            float max = 0;
            for (int k = 0; k < c; k++) {
                if (k != guess) {
                    max = Math.max(max, probs[i * c + k]);
                }
            }
            if (probs[i * c + guess] <= max) {
                probs[i * c + guess] = max + 1e-3f;
                float s = 0;
                for (int k = 0; k < c; k++) {
                    s += probs[i * c + k];
                }
                for (int k = 0; k < c; k++) {
                    probs[i * c + k] /= s;
                }
            }
        }
        return ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {n, c}, 'c'), labels, names);
    }

    /**
     * Draws a 32×32 image for an example: a colour per class, with a dark square whose place depends on the index.
     *
     * @param example the example index
     * @return the image
     */
    public static BufferedImage image(int example) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Color base = Color.getHSBColor((example % 10) / 10f, 0.6f, 0.9f);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean square = x / 8 == example % 4 && y / 8 == (example / 4) % 4;
                image.setRGB(x, y, square ? 0x202020 : ((x + y) % 2 == 0 ? base.getRGB() : base.darker().getRGB()));
            }
        }
        return image;
    }

    /**
     * Gives an image source with every image, except those of examples divisible by {@code missingEvery} (0: none
     * missing).
     *
     * @param missingEvery the period of missing images, or 0
     * @return the source
     */
    public static ImageSource images(int missingEvery) {
        return (i, origin) -> missingEvery > 0 && i % missingEvery == 0 ? Optional.empty() : Optional.of(image(i));
    }

    /**
     * Gives a provenance with fixed values.
     *
     * @return the provenance
     */
    public static Provenance provenance() {
        return new Provenance("models/baseline.zip", "sha256:0123abcd", "cifar-10-binary.tar.gz (test batch)",
                "sha256:89ef4567", "0.1.0-SNAPSHOT", Instant.parse("2026-01-15T10:00:00Z"), 42);
    }

    /**
     * Gives a short training history.
     *
     * @return five epochs
     */
    public static List<TrainingEpoch> history() {
        return IntStream.rangeClosed(1, 5).mapToObj(e -> new TrainingEpoch(e, 2.0 / e, 0.4 + 0.08 * e, 2.1 / e + 0.1,
                0.38 + 0.06 * e)).toList();
    }
}
