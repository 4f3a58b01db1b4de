package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.examples.BundledSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --train-data} as an image folder: read with the model's classes, embedded with a progress bar. */
class TrainingImageFolderCliTest {

    @TempDir
    Path folder;

    @Test
    void should_search_an_image_folder_and_draw_the_embedding_progress_bar_on_a_terminal() throws IOException {
        CifarDataset sample = BundledSample.load();
        int[] perClass = new int[sample.classCount()];
        for (int i = 0; i < sample.size(); i++) {
            int c = sample.label(i);
            if (perClass[c] < 2) {
                Path dir = Files.createDirectories(folder.resolve("train").resolve(sample.className(c)));
                ImageIO.write(sample.image(i), "png", dir.resolve("img" + i + ".png").toFile());
                perClass[c]++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = CifarErrors.run(new Console(folder, o, e, true), "analyze", "--train-data", "train",
                    "--saliency", "none", "--neighbours", "2", "--out", "report");
        }
        String errText = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(errText).isEqualTo(ExitCodes.PASSED);
        assertThat(errText).contains("Embedding training images");

        JsonNode report = new ObjectMapper().readTree(folder.resolve("report/report.json").toFile());
        JsonNode training = report.at("/evidence/trainingData");
        assertThat(training.get("examples").asInt()).isEqualTo(20);
        assertThat(training.get("excluded").asInt()).isZero();
        JsonNode examples = report.at("/evidence/examples");
        assertThat(examples.size()).isPositive();
        for (JsonNode e : examples) {
            JsonNode near = e.get("nearestTrainingExamples");
            assertThat(near.size()).isEqualTo(2);
            for (JsonNode n : near) {
                // an image folder's origin is the file's path inside it; its class is its subfolder
                assertThat(n.get("trainOrigin").asText()).startsWith(n.get("trueClass").asText() + "/img")
                        .endsWith(".png#0");
                assertThat(n.get("trainIndex").asInt()).isBetween(0, 19);
            }
        }
    }
}
