package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.examples.BundledSample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which training records {@code analyze --train-data} leaves out and which neighbours it marks identical: a record is
 * left out only when it is an analysed image (the same origin and the same model input); a neighbour that is the
 * mistake's own image under another origin is marked, and the report says the test set leaks; {@code --train-split
 * train} reads only the standard split's training pile.
 */
class TrainingIdentityCliTest {

    private static final int PER_CLASS = 3;

    @TempDir
    Path folder;

    /**
     * Writes the first {@value #PER_CLASS} bundled images of each class as {@code <folder>/<class>/img<j><suffix>.png},
     * their colours inverted when asked (other pixels under the same names).
     */
    private static void imageFolder(Path root, boolean invert, String suffix) throws IOException {
        CifarDataset sample = BundledSample.load();
        int[] seen = new int[sample.classCount()];
        for (int i = 0; i < sample.size(); i++) {
            int c = sample.label(i);
            int j = seen[c]++;
            if (j < PER_CLASS) {
                BufferedImage image = sample.image(i);
                if (invert) {
                    for (int y = 0; y < image.getHeight(); y++) {
                        for (int x = 0; x < image.getWidth(); x++) {
                            image.setRGB(x, y, image.getRGB(x, y) ^ 0x00ffffff);
                        }
                    }
                }
                Path dir = Files.createDirectories(root.resolve(sample.classNames().get(c)));
                ImageIO.write(image, "png", dir.resolve("img" + j + suffix + ".png").toFile());
            }
        }
    }

    private JsonNode analyze(String data, String trainData, String out) throws IOException {
        Cli.Result r = Cli.run(folder, "analyze", "--data", data, "--train-data", trainData, "--saliency", "none",
                "--neighbours", "2", "--quiet", "--out", out);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        return new ObjectMapper().readTree(folder.resolve(out).resolve("report.json").toFile());
    }

    @Test
    void should_leave_nothing_out_of_a_train_folder_whose_file_names_are_the_test_folders() throws IOException {
        imageFolder(folder.resolve("test"), false, "");
        imageFolder(folder.resolve("train"), true, ""); // other pixels, the same relative paths
        JsonNode report = analyze("test", "train", "report");
        JsonNode training = report.at("/evidence/trainingData");
        assertThat(training.get("examples").asInt()).isEqualTo(10 * PER_CLASS);
        assertThat(training.get("excluded").asInt()).isZero();
        assertThat(training.get("identicalImages").asInt()).isZero();
        JsonNode examples = report.at("/evidence/examples");
        assertThat(examples.size()).isPositive();
        for (JsonNode e : examples) {
            assertThat(e.get("nearestTrainingExamples").size()).isEqualTo(2);
            for (JsonNode n : e.get("nearestTrainingExamples")) {
                assertThat(n.get("identical").asBoolean()).isFalse();
            }
        }
        assertThat(Files.readString(folder.resolve("report/report.md"))).doesNotContain("the test set leaks");

        // the same folder as --data and --train-data: every record is an analysed image, all are left out
        JsonNode same = analyze("test", "test", "same");
        assertThat(same.at("/evidence/trainingData/excluded").asInt()).isEqualTo(10 * PER_CLASS);
    }

    @Test
    void should_mark_a_neighbour_that_is_the_mistakes_own_image_and_say_the_test_set_leaks() throws IOException {
        imageFolder(folder.resolve("test"), false, "");
        imageFolder(folder.resolve("train"), false, "-copy"); // the same images under other names
        JsonNode report = analyze("test", "train", "report");
        JsonNode training = report.at("/evidence/trainingData");
        assertThat(training.get("excluded").asInt()).isZero();
        JsonNode examples = report.at("/evidence/examples");
        assertThat(examples.size()).isPositive();
        assertThat(training.get("identicalImages").asInt()).isEqualTo(examples.size());
        for (JsonNode e : examples) {
            JsonNode first = e.at("/nearestTrainingExamples/0");
            assertThat(first.get("identical").asBoolean()).isTrue();
            assertThat(first.get("distance").asDouble()).isLessThan(1e-3);
            assertThat(first.get("trainOrigin").asText()).contains("-copy.png");
            assertThat(e.at("/nearestTrainingExamples/1/identical").asBoolean()).isFalse();
        }
        String md = Files.readString(folder.resolve("report/report.md"));
        assertThat(md).contains(examples.size() + " of the " + examples.size() + " explained mistakes have an "
                + "identical image in the training data", "the test set leaks", "(identical image)");
    }

    @Test
    void should_read_only_the_standard_training_pile_with_train_split_train() throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        CifarDataset sample = BundledSample.load();
        TestData pile;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            pile = Inputs.trainingData(new Console(folder, o, o, false), archive.toString(), sample.classNames(),
                    true);
        }
        assertThat(pile.images().size()).isEqualTo(45_000);
        assertThat(pile.images().origins()).isEqualTo(Piles.standardSplit(archive).train().origins());
        // the bundled sample is part of the validation pile: none of its images is offered as a training example
        Set<Origin> training = new HashSet<>(pile.images().origins());
        assertThat(sample.origins()).noneMatch(training::contains);
    }
}
