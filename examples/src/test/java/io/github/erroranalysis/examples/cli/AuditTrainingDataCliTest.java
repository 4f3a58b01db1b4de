package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.AuditJson;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.report.AuditReport;
import io.github.erroranalysis.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --data ARCHIVE --split validation --train-data ARCHIVE} on the shared training archive: the contract
 * of {@code audit.json} (the duplicates' keys and indexes, the slices' keys, the seed) and the 5,000 validation
 * records left out of the training side. Skipped when the archive is absent.
 */
class AuditTrainingDataCliTest {

    @TempDir
    Path dir;

    @Test
    void theValidationPileAgainstTheTrainingArchiveWritesTheContract() throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        Cli.Result r = Cli.run(dir, "audit", "--data", archive.toString(), "--split", "validation", "--train-data",
                archive.toString(), "--seed", "11", "--out", "audit", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(r.out()).containsPattern("near-duplicates: [\\d,]+ of 5,000 test images within distance \\S+ of "
                + "a training image \\(45,000 training images searched; 5,000 left out: the same records as test "
                + "images, same origin\\)")
                .containsPattern("within the test images: [\\d,]+ near-duplicate pairs? at distance at most ")
                .containsPattern("slices: [\\d,]+ tried, \\d+ found at FDR 0\\.05 \\(at least 25 images each\\)");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("audit").resolve(AuditReport.JSON_FILE).toFile());
        assertThat(Schemas.problems(AuditJson.SCHEMA, json)).isEmpty();
        assertThat(json.get("seed").asLong()).isEqualTo(11L);
        JsonNode search = json.get("duplicateSearch");
        assertThat(search.get("testExamples").asInt()).isEqualTo(5_000);
        assertThat(search.get("trainingExcluded").asInt()).isEqualTo(5_000);
        assertThat(search.get("trainingExamples").asInt()).isEqualTo(45_000);
        double threshold = search.get("threshold").asDouble();

        CifarDataset validation = Piles.standardSplit(archive).validation();
        JsonNode duplicates = json.get("duplicates");
        assertThat(duplicates.size()).isEqualTo(search.get("suspected").asInt());
        assertThat(duplicates.size()).as("CIFAR-10's training set has near-duplicate pairs").isPositive();
        double previous = 0;
        for (JsonNode d : duplicates) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> k = d.fieldNames(); k.hasNext(); ) {
                keys.add(k.next());
            }
            assertThat(keys).containsExactlyInAnyOrder("testIndex", "trainIndex", "distance", "testOrigin",
                    "trainOrigin");
            int test = d.get("testIndex").asInt();
            int train = d.get("trainIndex").asInt();
            double distance = d.get("distance").asDouble();
            assertThat(test).isBetween(0, 4_999);
            assertThat(d.get("testOrigin").asText()).isEqualTo(validation.origin(test).toString());
            // the position among all 50,000 records of data_batch_1..5, in archive order
            assertThat(train).isBetween(0, 49_999);
            assertThat(d.get("trainOrigin").asText()).isEqualTo("data_batch_" + (1 + train / 10_000) + ".bin#"
                    + train % 10_000);
            assertThat(d.get("trainOrigin").asText()).isNotEqualTo(d.get("testOrigin").asText());
            assertThat(distance).isBetween(previous, threshold);
            previous = distance;
        }
        assertThat(r.out().lines().filter(l -> l.startsWith("  test #"))).hasSize(Math.min(AuditCommand.SHOWN,
                duplicates.size()));
        assertThat(json.get("withinTestDuplicates").isArray()).isTrue();
        assertThat(json.at("/scoreEffect/examples").asInt()).isEqualTo(5_000);
        for (JsonNode s : json.get("slices")) {
            for (String key : List.of("description", "support", "accuracy", "accuracyInterval", "pValue",
                    "qValue")) {
                assertThat(s.has(key)).as("%s has %s", s, key).isTrue();
            }
        }
    }
}
