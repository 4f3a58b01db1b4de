package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.AuditJson;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.report.AuditReport;
import io.github.erroranalysis.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --data R --train-data R} on a small release cut from the shared training archive (the full
 * 5,000 × 50,000 run takes minutes here; it is run by hand, see the issue's closing note): its training batches are
 * the archive's records 0..2,999, its test batch the records 2,500..3,499 (500 of them also training records: same
 * origin, left out of the training side) plus three planted copies: training record 150 exactly, training record 100
 * mirrored, and test record 2,600 again. Checks the {@code audit.json} contract (the duplicates' keys, indexes and
 * order, the slices' keys, the seed), the exclusions and that the planted copies are found. Skipped when the
 * archive is absent.
 */
class AuditTrainingDataCliTest {

    private static final int TRAINING = 3_000;
    private static final int TEST_FROM = 2_500;
    private static final int TEST_TO = 3_500;

    @TempDir
    Path dir;

    @Test
    void aReleaseWithPlantedCopiesWritesTheContractAndFindsThem() throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        CifarDataset all = Cifar10.open(archive).train();
        CifarDataset training = all.subset(IntStream.range(0, TRAINING).toArray());
        List<byte[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        for (int i = TEST_FROM; i < TEST_TO; i++) {
            pixels.add(all.pixels(i));
            labels.add(all.label(i));
            origins.add(all.origin(i));
        }
        int exact = pixels.size();
        plant(pixels, labels, origins, all, 150, false);
        int mirrored = pixels.size();
        plant(pixels, labels, origins, all, 100, true);
        int again = pixels.size();
        plant(pixels, labels, origins, all, 2_600, false);
        CifarDataset test = CifarDataset.of(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), origins,
                all.classNames());
        CifarWriter.writeFolder(CifarWriter.officialBatches(training, test), dir.resolve("release"), true);

        Cli.Result r = Cli.run(dir, "audit", "--data", "release", "--train-data", "release", "--seed", "11",
                "--out", "audit", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(r.out()).containsPattern("near-duplicates: [\\d,]+ of 1,003 test images within distance \\S+ of "
                + "a training image \\(2,500 training images searched; 500 left out: the same records as test "
                + "images, same origin\\)")
                .containsPattern("within the test images: [\\d,]+ near-duplicate pairs? at distance at most ")
                .containsPattern("slices: [\\d,]+ tried, \\d+ found at FDR 0\\.05 \\(at least 25 images each\\)")
                .contains("test #" + exact + " (planted.bin#150) ~ training #150 (data_batch_1.bin#150), distance ");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("audit").resolve(AuditReport.JSON_FILE).toFile());
        assertThat(Schemas.problems(AuditJson.SCHEMA, json)).isEmpty();
        assertThat(json.get("seed").asLong()).isEqualTo(11L);
        JsonNode search = json.get("duplicateSearch");
        assertThat(search.get("testExamples").asInt()).isEqualTo(test.size());
        assertThat(search.get("trainingExcluded").asInt()).isEqualTo(TRAINING - TEST_FROM);
        assertThat(search.get("trainingExamples").asInt()).isEqualTo(TEST_FROM);
        double threshold = search.get("threshold").asDouble();

        JsonNode duplicates = json.get("duplicates");
        assertThat(duplicates.size()).isEqualTo(search.get("suspected").asInt());
        double previous = 0;
        List<String> pairs = new ArrayList<>();
        for (JsonNode d : duplicates) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> k = d.fieldNames(); k.hasNext(); ) {
                keys.add(k.next());
            }
            assertThat(keys).containsExactlyInAnyOrder("testIndex", "trainIndex", "distance", "testOrigin",
                    "trainOrigin");
            int t = d.get("testIndex").asInt();
            int train = d.get("trainIndex").asInt();
            double distance = d.get("distance").asDouble();
            assertThat(d.get("testOrigin").asText()).isEqualTo(test.origin(t).toString());
            // the position among all records of the release's training batches, in order: here the archive's own
            assertThat(d.get("trainOrigin").asText()).isEqualTo("data_batch_1.bin#" + train);
            assertThat(train).as("a training record that is also a test image is left out").isLessThan(TEST_FROM);
            assertThat(distance).isBetween(previous, threshold);
            previous = distance;
            pairs.add(t + "~" + train);
        }
        assertThat(pairs).contains(exact + "~150", mirrored + "~100");
        assertThat(duplicates.get(0).get("distance").asDouble()).isLessThan(threshold / 2);
        List<String> within = new ArrayList<>();
        for (JsonNode w : json.get("withinTestDuplicates")) {
            within.add(w.get("testIndex").asInt() + "~" + w.get("otherTestIndex").asInt());
        }
        assertThat(within).contains((2_600 - TEST_FROM) + "~" + again);
        assertThat(r.out().lines().filter(l -> l.startsWith("  test #"))).hasSize(Math.min(AuditCommand.SHOWN,
                duplicates.size()));
        assertThat(json.at("/scoreEffect/examples").asInt()).isEqualTo(test.size());
        assertThat(json.at("/scoreEffect/suspected").asInt()).isEqualTo(duplicates.size());
        for (JsonNode s : json.get("slices")) {
            for (String key : List.of("description", "support", "accuracy", "accuracyInterval", "pValue",
                    "qValue")) {
                assertThat(s.has(key)).as("%s has %s", s, key).isTrue();
            }
        }
    }

    /** Adds a copy of a record (mirrored left to right when asked) with the origin {@code planted.bin#RECORD}. */
    private static void plant(List<byte[]> pixels, List<Integer> labels, List<Origin> origins, CifarDataset all,
            int record, boolean mirror) {
        byte[] p = all.pixels(record).clone();
        if (mirror) {
            int side = CifarDataset.SIDE;
            byte[] m = new byte[p.length];
            for (int c = 0; c < CifarDataset.CHANNELS; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        m[c * side * side + y * side + x] = p[c * side * side + y * side + side - 1 - x];
                    }
                }
            }
            p = m;
        }
        pixels.add(p);
        labels.add(all.label(record));
        origins.add(new Origin("planted.bin", record));
    }
}
