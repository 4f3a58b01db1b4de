package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} on the 5,000-image validation pile with {@code --train-data} the same archive: every explained
 * mistake lists its nearest training examples among the other 45,000, and for the bundled model they share its
 * prediction far more often than chance.
 */
class TrainingNeighboursCliTest {

    @TempDir
    Path folder;

    @Test
    void should_list_the_nearest_of_the_other_45000_training_images_for_each_explained_mistake() throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        Cli.Result r = Cli.run(folder, "analyze", "--data", archive.toString(), "--split", "validation",
                "--train-data", archive.toString(), "--saliency", "none", "--neighbours", "4", "--quiet",
                "--out", "report");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);

        ObjectMapper json = new ObjectMapper();
        JsonNode report = json.readTree(folder.resolve("report/report.json").toFile());
        List<String> names = json.convertValue(report.get("classNames"), json.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        JsonNode training = report.at("/evidence/trainingData");
        assertThat(training.get("examples").asInt()).isEqualTo(50_000);
        assertThat(training.get("excluded").asInt()).isEqualTo(5_000);
        assertThat(training.get("neighbours").asInt()).isEqualTo(4);
        // the validation pile is left out (same origin, same image), so no neighbour is an explained image itself
        assertThat(training.get("identicalImages").asInt()).isZero();

        Set<String> analysed = new HashSet<>();
        for (Origin o : Piles.standardSplit(archive).validation().origins()) {
            analysed.add(o.toString());
        }
        Map<Integer, Integer> predicted = new HashMap<>();
        Map<Integer, Integer> given = new HashMap<>();
        for (String line : Files.readAllLines(folder.resolve("report/wrong.jsonl"))) {
            JsonNode w = json.readTree(line);
            predicted.put(w.get("index").asInt(), w.get("predictedClassIndex").asInt());
            given.put(w.get("index").asInt(), w.get("trueClassIndex").asInt());
        }
        JsonNode examples = report.at("/evidence/examples");
        assertThat(examples.size()).isGreaterThan(20);
        int samePrediction = 0;
        int sameLabel = 0;
        int all = 0;
        for (JsonNode e : examples) {
            int index = e.get("index").asInt();
            JsonNode near = e.get("nearestTrainingExamples");
            assertThat(near.size()).as("example %d", index).isEqualTo(4);
            double previous = 0;
            for (JsonNode n : near) {
                int t = n.get("trainIndex").asInt();
                String origin = n.get("trainOrigin").asText();
                double distance = n.get("distance").asDouble();
                assertThat(t).isBetween(0, 49_999);
                // the position as read: data_batch_1..5 of 10,000 records each, in order
                assertThat(origin).isEqualTo("data_batch_" + (1 + t / 10_000) + ".bin#" + t % 10_000);
                assertThat(analysed).as("example %d's neighbour %s is in the analysed pile", index, origin)
                        .doesNotContain(origin);
                assertThat(distance).isGreaterThanOrEqualTo(previous);
                assertThat(n.get("identical").asBoolean()).isFalse();
                previous = distance;
                int c = n.get("trueClassIndex").asInt();
                assertThat(names.get(c)).isEqualTo(n.get("trueClass").asText());
                samePrediction += c == predicted.get(index) ? 1 : 0;
                sameLabel += c == given.get(index) ? 1 : 0;
                all++;
            }
        }
        // chance would be 1 in 10 (the training data is balanced); the model's embedding groups by its prediction
        double share = (double) samePrediction / all;
        assertThat(share).as("%d of %d neighbours share the prediction", samePrediction, all).isGreaterThan(0.5);
        assertThat(samePrediction).isGreaterThan(2 * sameLabel);
        String md = Files.readString(folder.resolve("report/report.md"));
        assertThat(md).contains("nearest training examples (class, distance)", "would be flagged by chance");
    }
}
